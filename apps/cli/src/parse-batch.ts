/**
 * Parsing a batch of messages into formatted output, the same code in the main thread (small runs) and in the
 * parser threads (large runs), so both give byte-identical output.
 *
 * A job names a file to read (reading in the parser threads spreads the system calls over the cores too) or
 * carries the bytes of a message already read (mbox, standard input).
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { DEFAULT_MAX_BYTES, type ParseOptions, parseBounce } from '@bounce/parser';
import type { OutputFormat } from './cli-args.js';
import { createSegmentBuilder, type OutputSegment } from './output-formats.js';
import { describeReadError } from './read-errors.js';

export type ParseJob = { name: string; path: string } | { name: string; raw: Uint8Array };

/** A message that gave no result. `read`: its file could not be read; `parse`: the parser failed on it (a bug). */
export type JobFailure = { stage: 'read' | 'parse'; path: string; reason: string };

/** The batch's output as one segment, and its failures in input order (they go to stderr). */
export type BatchResult = { segment: OutputSegment; failures: JobFailure[] };

/** Everything a parser thread needs to know, fixed for the run (cloned into each worker). */
export type ParseSettings = {
  format: OutputFormat;
  /** Terminal width for the table. */
  columns?: number;
  parseOptions: ParseOptions;
};

export type BatchParser = (jobs: readonly ParseJob[]) => BatchResult;

export function createBatchParser(settings: ParseSettings): BatchParser {
  const builder = createSegmentBuilder(settings.format, { columns: settings.columns });
  const { parseOptions } = settings;
  const readFile = createFileReader((parseOptions.maxBytes ?? DEFAULT_MAX_BYTES) + 1);
  return (jobs) => {
    const failures: JobFailure[] = [];
    for (const job of jobs) {
      let raw: Uint8Array;
      if ('raw' in job) raw = job.raw;
      else {
        try {
          raw = readFile(job.path);
        } catch (err) {
          failures.push({ stage: 'read', path: job.path, reason: describeReadError(err).reason });
          continue;
        }
      }
      try {
        builder.add(job.name, parseBounce(raw, parseOptions));
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        failures.push({ stage: 'parse', path: 'path' in job ? job.path : job.name, reason });
      }
    }
    return { segment: builder.take(), failures };
  };
}

/** The buffer a file is read into at first; it grows to the largest file read, up to the cap. */
const INITIAL_READ_BYTES = 256 * 1024;

/**
 * Reads files of one message each into one buffer, reused from file to file: no allocation and no size probe (the
 * fstat of readFileSync) per message. The bytes returned are valid until the next read: the parser copies what it
 * keeps (it decodes them into a string). At most `cap` bytes are read: the parser examines at most its maxBytes
 * and needs one byte more to know that the message was longer (truncated), so a huge file is neither read whole
 * nor kept in memory.
 */
export function createFileReader(cap: number): (path: string) => Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(INITIAL_READ_BYTES, cap));
  return (path) => {
    const fd = openSync(path, constants.O_RDONLY); // a number: the flag string 'r' is parsed at every call
    try {
      let length = 0;
      for (;;) {
        if (length === buffer.length) {
          if (length >= cap) break;
          const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, cap));
          buffer.copy(bigger, 0, 0, length);
          buffer = bigger;
        }
        const read = readSync(fd, buffer, length, buffer.length - length, null);
        if (read === 0) break;
        length += read;
      }
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };
}

/** What a batch lost to a dead parser thread: every message of it fails, by name. */
export function failedBatch(jobs: readonly ParseJob[], reason: string): BatchResult {
  return {
    segment: { text: '', count: 0 },
    failures: jobs.map((job): JobFailure => ({ stage: 'parse', path: 'path' in job ? job.path : job.name, reason })),
  };
}
