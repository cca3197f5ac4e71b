/**
 * Runs parse batches in the main thread while a run is small, and also in a pool of parser threads once it is known
 * to be large (a folder listing, or enough messages seen): starting threads costs more than parsing a few hundred
 * messages in place. The output is the same either way (parse-batch.ts is shared).
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  type BatchParser,
  type BatchResult,
  createBatchParser,
  failedBatch,
  type ParseJob,
  type ParseSettings,
} from './parse-batch.js';
import { parseWorkerData } from './parse-worker-data.js';
import { type WorkerEntry, workerEntry } from './worker-entry.js';
import { WorkerPool } from './worker-pool.js';

export type ParseExecutorOptions = {
  /**
   * Parser threads for a large run, the main thread included (N starts N - 1 more); 1 parses everything in the main
   * thread. Default: `defaultThreadCount()`.
   */
  threads?: number;
  /**
   * Messages (seen or announced) from which a run counts as large. Default: 500 when `threads` is given (threads
   * were asked for), else AUTO_PARALLEL_THRESHOLD.
   */
  parallelThreshold?: number;
};

/** Threads asked for (--jobs N): they start from this size, below which starting them costs more than the run. */
const REQUESTED_PARALLEL_THRESHOLD = 500;
/**
 * Threads chosen by the command: only for runs large enough that they do not waste the CPU. Each thread loads the
 * parser and warms up its own JIT, about as much CPU as parsing a few thousand messages cold: over bench:cli's
 * folder on two cores, --jobs 2 took 51% more CPU than --jobs 1 on 1,000 files, 30 to 45% on 5,590, 7 to 24% on
 * 22,360 and 10% on 44,720 (load 20 to 33, where a second thread gets no core of its own anyway). A shared machine
 * pays that CPU, so by default threads start only where it stays near a tenth.
 */
export const AUTO_PARALLEL_THRESHOLD = 40_000;
/** Each thread holds its own parser and heap (about 40 MB): past this, more cores rarely pay for the memory. */
const MAX_DEFAULT_THREADS = 16;

/**
 * Parser threads worth starting: one per core that other work leaves idle (cores less the 1-minute load average,
 * rounded), at least one, at most 16. On a shared machine whose cores are all busy, a second thread does not get a
 * core of its own: it only adds its start-up and its own JIT warm-up (each thread compiles the parser anew), and the
 * run is slower than in one thread. (Where the load average means nothing, e.g. Windows reports 0, every core counts.)
 */
export function defaultThreadCount(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  const idle = Math.floor(cores - load + 0.5);
  return Math.max(1, Math.min(idle, cores, MAX_DEFAULT_THREADS));
}

/** The parser threads' entry: dist/parse-worker.js beside this chunk in the bundle, parse-worker.ts from sources. */
function parseWorkerEntry(): WorkerEntry {
  const self = new URL(import.meta.url);
  return workerEntry(new URL(self.pathname.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', self));
}

export class ParseExecutor {
  private readonly parseInPlace: BatchParser;
  private readonly threads: number;
  private readonly threshold: number;
  private pool: WorkerPool<readonly ParseJob[], BatchResult> | null = null;
  /** Messages announced by folder listings, and messages submitted: the run is large when either is. */
  private announced = 0;
  private submitted = 0;

  constructor(
    private readonly settings: ParseSettings,
    options: ParseExecutorOptions = {},
  ) {
    this.parseInPlace = createBatchParser(settings);
    this.threads = Math.max(1, options.threads ?? defaultThreadCount());
    this.threshold =
      options.parallelThreshold ??
      (options.threads === undefined ? AUTO_PARALLEL_THRESHOLD : REQUESTED_PARALLEL_THRESHOLD);
  }

  /** Whether batches go to parser threads. */
  get isParallel(): boolean {
    return this.pool !== null;
  }

  /** Batches worth having in flight: enough to keep every thread busy, few enough to bound memory. */
  get inFlightLimit(): number {
    return this.pool ? this.threads * 4 : 1;
  }

  /** `count` more messages are coming (a folder was listed): a large run starts its threads at once. */
  expect(count: number): void {
    this.announced += count;
    this.startPoolIfLarge();
  }

  run(jobs: ParseJob[]): BatchResult | Promise<BatchResult> {
    this.submitted += jobs.length;
    this.startPoolIfLarge();
    // The main thread is one of the run's parser threads: it parses a batch whenever every pool thread already holds
    // its fill. Otherwise it would sit idle while a thread more starts, loads the parser and warms up its JIT, which
    // on two cores made a run with threads slower than one without.
    if (!this.pool || this.pool.isFull) return this.parseInPlace(jobs);
    const { jobs: packed, transfer } = packForTransfer(jobs);
    // The thread died with this batch (out of memory on a hostile message, a bug): name every message of it.
    return this.pool
      .run(packed, transfer)
      .catch((err: Error) => failedBatch(jobs, `parser thread failed: ${err.message}`));
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private startPoolIfLarge(): void {
    if (this.pool || this.threads < 2 || Math.max(this.announced, this.submitted) < this.threshold) return;
    const { url, argv } = parseWorkerEntry();
    // Three batches per thread: one being parsed and two waiting, so that a thread finds work ready while the main
    // thread is busy parsing its own batch and cannot hand out more.
    this.pool = new WorkerPool(url, {
      size: this.threads - 1,
      tasksPerWorker: 3,
      workerData: parseWorkerData(this.settings),
      argv,
    });
  }
}

/**
 * Copies the batch's message bytes into one fresh buffer that moves to the thread without a copy. (Their own
 * buffers may be slices of Node's shared pool, which must not be handed over, and one buffer per batch makes one
 * transfer instead of many.)
 */
export function packForTransfer(jobs: ParseJob[]): { jobs: ParseJob[]; transfer: ArrayBuffer[] } {
  let total = 0;
  for (const job of jobs) if ('raw' in job) total += job.raw.length;
  if (total === 0) return { jobs, transfer: [] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  const packed = jobs.map((job): ParseJob => {
    if (!('raw' in job)) return job;
    bytes.set(job.raw, offset);
    const raw = bytes.subarray(offset, offset + job.raw.length);
    offset += job.raw.length;
    return { name: job.name, raw };
  });
  return { jobs: packed, transfer: [bytes.buffer] };
}
