/**
 * `bounce parse`: lists the inputs, cuts them into batches, parses the batches (in the main thread for a small run,
 * in parser threads for a large one: parse-executor.ts) and writes the results in input order. Memory stays bounded
 * however large the input: at most a few batches are in flight, and reading waits while stdout is full.
 */
import type { ParseOptions } from '@bounce/parser';
import type { ParseCommand } from './cli-args.js';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_OUTPUT_ERROR } from './exit-codes.js';
import { readInputs } from './input-sources.js';
import { OrderedResults } from './ordered-results.js';
import { createAssembler } from './output-formats.js';
import { OutputWriter } from './output-writer.js';
import type { BatchResult, ParseJob, ParseSettings } from './parse-batch.js';
import { ParseExecutor } from './parse-executor.js';
import { ProgressBar } from './progress-bar.js';

type Terminal = { isTTY?: boolean; columns?: number };

export type CliIo = {
  /** Opened only when a PATH is "-". */
  stdin: () => NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & Terminal;
  stderr: NodeJS.WritableStream & Terminal;
};

/** A batch closes at this many messages... */
const BATCH_MAX_JOBS = 64;
/** ...or at this many bytes of messages already read (mbox, stdin), whichever comes first... */
const BATCH_MAX_BYTES = 1024 * 1024;
/** ...or when the input has nothing new for this long (a slow pipe): then all results so far are written. */
const BATCH_MAX_IDLE_MS = 50;
const IDLE = Symbol('idle');

/** What the ordered output receives: a parsed batch, or a notice about an input, in its place in the order. */
type Delivery = BatchResult | { notice: string; isError: boolean };

export async function runParse(command: ParseCommand, io: CliIo): Promise<number> {
  const isStdoutTerminal = io.stdout.isTTY === true;
  const format = command.format ?? (isStdoutTerminal ? 'table' : 'ndjson');
  const assembler = createAssembler(format);
  const out = new OutputWriter(io.stdout);
  // On a shared terminal the progress line would tangle with the rows, so only when stdout goes elsewhere.
  const progress =
    command.isProgressAllowed && io.stderr.isTTY === true && !isStdoutTerminal ? new ProgressBar(io.stderr) : null;
  const parseOptions: ParseOptions = {};
  if (command.correlationHeaders.length > 0) parseOptions.correlationHeaders = command.correlationHeaders;
  if (command.maxBytes !== null) parseOptions.maxBytes = command.maxBytes;
  const settings: ParseSettings = { format, parseOptions };
  if (isStdoutTerminal && io.stdout.columns !== undefined) settings.columns = io.stdout.columns;
  const executor = new ParseExecutor(settings, command.threads === null ? {} : { threads: command.threads });

  const report = (line: string): void => {
    progress?.clear();
    io.stderr.write(`bounce: ${line}\n`);
  };
  let hasFailedInput = false;

  const deliver = async (delivery: Delivery): Promise<void> => {
    if ('notice' in delivery) {
      if (delivery.isError) hasFailedInput = true;
      report(delivery.notice);
      return;
    }
    for (const failure of delivery.failures) {
      hasFailedInput = true;
      report(`cannot ${failure.stage} ${failure.path}: ${failure.reason}`);
    }
    progress?.tick(delivery.segment.count + delivery.failures.length);
    await out.write(assembler.add(delivery.segment));
  };
  const results = new OrderedResults<Delivery>(executor.inFlightLimit, deliver);

  let batch: ParseJob[] = [];
  let batchBytes = 0;
  const submitBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const jobs = batch;
    batch = [];
    batchBytes = 0;
    const result = executor.run(jobs);
    results.limit = executor.inFlightLimit; // grows when the run turns out large and the threads start
    await results.push(result);
  };
  const submitNotice = async (notice: string, isError: boolean): Promise<void> => {
    await submitBatch(); // keep the notice in its place among the results
    await results.push({ notice, isError });
  };

  const inputs = readInputs(command.paths, { stdin: io.stdin });
  const idle = new IdleWait();
  try {
    await out.write(assembler.start());
    for (;;) {
      const step = await idle.next(inputs.next(), async () => {
        await submitBatch();
        await results.drain();
        await out.flush();
      });
      if (step.done) break;
      const event = step.value;
      switch (event.type) {
        case 'files':
          for (const file of event.files) {
            batch.push(file);
            if (batch.length >= BATCH_MAX_JOBS) await submitBatch();
            if (out.isDone) break;
          }
          break;
        case 'message':
          batch.push({ name: event.name, raw: event.raw });
          batchBytes += event.raw.length;
          if (batch.length >= BATCH_MAX_JOBS || batchBytes >= BATCH_MAX_BYTES) await submitBatch();
          break;
        case 'planned':
          progress?.plan(event.count);
          executor.expect(event.count);
          break;
        case 'error':
          await submitNotice(`cannot read ${event.path}: ${event.reason}`, true);
          break;
        case 'warning':
          await submitNotice(`${event.path}: ${event.reason}`, false);
          break;
        default: {
          const never: never = event;
          throw new Error(`unexpected input event ${JSON.stringify(never)}`);
        }
      }
      if (out.isDone) break; // the reader went away: stop reading input too
    }
    if (!out.isDone) await submitBatch();
    await results.drain();
  } finally {
    // Closes an input stream left open by an early stop; not awaited, as it waits for a read still in progress.
    inputs.return(undefined).catch(() => {});
    idle.close();
    await executor.close();
  }
  progress?.clear();
  await out.write(assembler.end());
  await out.flush();
  if (out.failure) {
    report(`cannot write output: ${out.failure.message}`);
    return EXIT_OUTPUT_ERROR;
  }
  return hasFailedInput ? EXIT_INPUT_ERROR : EXIT_OK;
}

/**
 * Waits for input events, calling `onIdle` when none comes within BATCH_MAX_IDLE_MS, so that a slow source (a pipe
 * fed now and then) gets its results at once rather than when a batch fills up or the input ends. One timer serves
 * the whole run, re-armed at each wait (a folder yields thousands of events at once: a timer of its own for each
 * cost more than the rest of reading them).
 */
class IdleWait {
  private wake: (() => void) | null = null;
  private readonly timer = setTimeout(() => this.wake?.(), BATCH_MAX_IDLE_MS);

  async next<T>(next: Promise<IteratorResult<T>>, onIdle: () => Promise<void>): Promise<IteratorResult<T>> {
    const idle = new Promise<typeof IDLE>((resolve) => {
      this.wake = () => resolve(IDLE);
    });
    this.timer.refresh();
    try {
      const first = await Promise.race([next, idle]);
      if (first !== IDLE) return first;
      await onIdle();
      return await next;
    } finally {
      this.wake = null;
    }
  }

  close(): void {
    clearTimeout(this.timer);
  }
}
