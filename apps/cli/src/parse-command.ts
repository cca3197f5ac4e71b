/**
 * `bounce parse`: reads inputs one message at a time, parses each, and writes the formatted result before reading
 * on, so memory stays flat however many messages there are.
 */
import { type ParseOptions, parseBounce } from '@bounce/parser';
import type { ParseCommand } from './cli-args.js';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_OUTPUT_ERROR } from './exit-codes.js';
import { readInputs } from './input-sources.js';
import { createFormatter } from './output-formats.js';
import { OutputWriter } from './output-writer.js';
import { ProgressBar } from './progress-bar.js';

type Terminal = { isTTY?: boolean; columns?: number };

export type CliIo = {
  /** Opened only when a PATH is "-". */
  stdin: () => NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & Terminal;
  stderr: NodeJS.WritableStream & Terminal;
};

export async function runParse(command: ParseCommand, io: CliIo): Promise<number> {
  const isStdoutTerminal = io.stdout.isTTY === true;
  const format = command.format ?? (isStdoutTerminal ? 'table' : 'ndjson');
  const formatter = createFormatter(format, { columns: isStdoutTerminal ? io.stdout.columns : undefined });
  const out = new OutputWriter(io.stdout);
  // On a shared terminal the progress line would tangle with the rows, so only when stdout goes elsewhere.
  const progress =
    command.isProgressAllowed && io.stderr.isTTY === true && !isStdoutTerminal ? new ProgressBar(io.stderr) : null;
  const options: ParseOptions = {};
  if (command.correlationHeaders.length > 0) options.correlationHeaders = command.correlationHeaders;
  if (command.maxBytes !== null) options.maxBytes = command.maxBytes;
  const report = (line: string): void => {
    progress?.clear();
    io.stderr.write(`bounce: ${line}\n`);
  };

  let hasUnreadableInput = false;
  await out.write(formatter.start());
  for await (const event of readInputs(command.paths, { stdin: io.stdin })) {
    switch (event.type) {
      case 'message':
        await out.write(formatter.message(event.name, parseBounce(event.raw, options)));
        progress?.tick();
        break;
      case 'planned':
        progress?.plan(event.count);
        break;
      case 'error':
        hasUnreadableInput = true;
        report(`cannot read ${event.path}: ${event.reason}`);
        break;
      case 'warning':
        report(`${event.path}: ${event.reason}`);
        break;
      default: {
        const never: never = event;
        throw new Error(`unexpected input event ${JSON.stringify(never)}`);
      }
    }
    if (out.isDone) break; // the reader went away: stop reading input too
  }
  progress?.clear();
  await out.write(formatter.end());
  await out.flush();
  if (out.failure) {
    report(`cannot write output: ${out.failure.message}`);
    return EXIT_OUTPUT_ERROR;
  }
  return hasUnreadableInput ? EXIT_INPUT_ERROR : EXIT_OK;
}
