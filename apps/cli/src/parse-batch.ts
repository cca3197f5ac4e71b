/**
 * Parsing a batch of messages into formatted output, the same code in the main thread (small runs) and in the
 * parser threads (large runs), so both give byte-identical output.
 *
 * A job names a file to read (reading in the parser threads spreads the system calls over the cores too) or
 * carries the bytes of a message already read (mbox, standard input).
 */
import { readFileSync } from 'node:fs';
import { type ParseOptions, parseBounce } from '@bounce/parser';
import type { OutputFormat } from './cli-args.js';
import { createMessageFormatter, type FormattedMessage } from './output-formats.js';
import { describeReadError } from './read-errors.js';

export type ParseJob = { name: string; path: string } | { name: string; raw: Uint8Array };

export type JobOutcome =
  | ({ ok: true } & FormattedMessage)
  /** `read`: the file could not be read; `parse`: the parser failed on it (a bug: named, the run goes on). */
  | { ok: false; stage: 'read' | 'parse'; path: string; reason: string };

/** Everything a parser thread needs to know, fixed for the run (cloned into each worker). */
export type ParseSettings = {
  format: OutputFormat;
  /** Terminal width for the table. */
  columns?: number;
  parseOptions: ParseOptions;
};

export type BatchParser = (jobs: readonly ParseJob[]) => JobOutcome[];

export function createBatchParser(settings: ParseSettings): BatchParser {
  const format = createMessageFormatter(settings.format, { columns: settings.columns });
  const { parseOptions } = settings;
  return (jobs) => {
    const outcomes: JobOutcome[] = new Array(jobs.length);
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i]!;
      let raw: Uint8Array;
      if ('raw' in job) raw = job.raw;
      else {
        try {
          raw = readFileSync(job.path);
        } catch (err) {
          outcomes[i] = { ok: false, stage: 'read', path: job.path, reason: describeReadError(err).reason };
          continue;
        }
      }
      try {
        outcomes[i] = { ok: true, ...format(job.name, parseBounce(raw, parseOptions)) };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        outcomes[i] = { ok: false, stage: 'parse', path: 'path' in job ? job.path : job.name, reason };
      }
    }
    return outcomes;
  };
}
