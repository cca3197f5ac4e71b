/**
 * Parsing with a per-message budget. The parser is linear by construction (every pattern checked by recheck), but
 * a bug must not let one message hold a parse worker for minutes and then, retried, the next worker too: messages
 * are parsed in worker threads, and a thread stuck on one message past the budget is terminated (the only way to
 * stop a CPU loop) and replaced. The message gets a parse-error result naming the budget, which the handler records
 * like any unreadable message: status manual, shown to an operator, never retried.
 *
 * Messages go to a thread in pieces (up to PIECE_SIZE at once) and come back as one message per piece: a message
 * between threads costs a wake-up of the other thread (measured at 120-170 µs of CPU per postMessage on this
 * 2-core machine, more than half the parse of a typical bounce), so one per message was most of the parse worker's
 * overhead. The budget still holds per message: the thread writes the position of the message it is parsing into
 * shared memory, and a watchdog in this thread checks that the position moves at least once per budget.
 */
import { Worker } from 'node:worker_threads';
import type { ParseOptions, ParseResult } from '@bounce/parser';

export type ParseFn = (raw: Uint8Array, options: ParseOptions) => Promise<ParseResult>;
/** Parses a list of messages; results in input order. */
export type ParseManyFn = (raws: readonly Uint8Array[], options: ParseOptions) => Promise<ParseResult[]>;

export type ParserThreadsOptions = {
  /** Threads, i.e. messages parsed at once. */
  threads: number;
  /** Milliseconds a message may take before its thread is terminated. */
  budgetMs: number;
  /** Tests only: messages starting with this never return (an injected parser hang). */
  hangMarker?: string;
};

/** Most messages sent to a thread at once: few wake-ups, yet a batch still spreads over every thread. */
export const PIECE_SIZE = 64;

/** One parseMany call. */
type Batch = {
  raws: readonly Uint8Array[];
  options: ParseOptions;
  results: ParseResult[];
  left: number;
  resolve: (results: ParseResult[]) => void;
  reject: (err: Error) => void;
};

/** Some messages of a batch (their indices in it), the unit a thread works on. */
type Piece = { id: number; batch: Batch; indices: number[] };

/**
 * `progress[0]`: how many messages of its current piece the thread has started (written by the thread, read by the
 * watchdog). `ready`: the thread has loaded the parser; the budget clock starts only then.
 */
type Slot = {
  worker: Worker;
  progress: Int32Array;
  ready: boolean;
  piece: Piece | null;
  /** The progress the watchdog saw last, and since when (performance.now()). */
  seen: { value: number; at: number };
};

const ENTRY = new URL('./parser-thread-entry.mjs', import.meta.url);

/**
 * Young generation of a parser thread's heap. V8's default lets a thread that parses without pause grow it to tens
 * of MB before a scavenge; the parse of a message leaves little alive, so a small one costs no measurable CPU. 2
 * threads over 32 passes of the dev corpus: peak RSS 262-273 MB with the default, 228 MB with 16, CPU per message
 * the same within the spread (318-354 µs).
 */
const THREAD_YOUNG_GENERATION_MB = 16;

export function budgetExceededResult(budgetMs: number): ParseResult {
  return {
    kind: 'parse-error',
    recipients: [],
    original: { messageId: null, returnPath: null, from: null, to: [], subject: null, correlationHeaders: {} },
    message: { messageId: null, from: null, to: null, subject: null, date: null },
    error: { code: 'internal', message: `parsing took longer than the budget of ${budgetMs} ms (PARSE_BUDGET_MS)` },
    truncated: false,
  };
}

export class ParserThreads {
  private readonly slots: Slot[] = [];
  private readonly waiting: Piece[] = [];
  private nextId = 1;
  private closed = false;
  private watchdog: NodeJS.Timeout | null = null;
  /** Messages whose thread was terminated for exceeding the budget (for metrics and tests). */
  overBudget = 0;

  constructor(private readonly options: ParserThreadsOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.slots.push(this.spawn());
  }

  readonly parseMany: ParseManyFn = (raws, options) =>
    new Promise<ParseResult[]>((resolve, reject) => {
      if (this.closed) {
        reject(new Error('parser threads closed'));
        return;
      }
      if (raws.length === 0) {
        resolve([]);
        return;
      }
      const batch: Batch = { raws, options, results: new Array(raws.length), left: raws.length, resolve, reject };
      // Pieces small enough that every thread gets a share of the batch, at most PIECE_SIZE.
      const size = Math.min(PIECE_SIZE, Math.ceil(raws.length / this.slots.length));
      for (let start = 0; start < raws.length; start += size) {
        const indices = Array.from({ length: Math.min(size, raws.length - start) }, (_, i) => start + i);
        this.waiting.push({ id: this.nextId++, batch, indices });
      }
      this.dispatch();
    });

  readonly parse: ParseFn = async (raw, options) => (await this.parseMany([raw], options))[0]!;

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatchdog();
    const error = new Error('parser threads closed');
    for (const piece of this.waiting.splice(0)) piece.batch.reject(error);
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.piece?.batch.reject(error);
        slot.piece = null;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(ENTRY, {
      workerData: { hangMarker: this.options.hangMarker, progress },
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, progress, ready: false, piece: null, seen: { value: 0, at: 0 } };
    worker.on('message', (message: { ready?: true; id: number; results: ParseResult[] }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const piece = slot.piece;
      if (!piece || piece.id !== message.id) return;
      slot.piece = null;
      for (const [i, index] of piece.indices.entries()) this.settle(piece.batch, index, message.results[i]!);
      this.dispatch();
    });
    worker.on('error', (err) => {
      // The thread died (out of memory, a crash): the batch it was parsing fails this job, which BullMQ retries.
      const piece = slot.piece;
      this.replace(slot);
      piece?.batch.reject(err);
    });
    worker.unref();
    return slot;
  }

  private settle(batch: Batch, index: number, result: ParseResult): void {
    batch.results[index] = result;
    batch.left--;
    if (batch.left === 0) batch.resolve(batch.results);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.piece || this.waiting.length === 0) continue;
      const piece = this.waiting.shift()!;
      slot.piece = piece;
      Atomics.store(slot.progress, 0, 0);
      slot.seen = { value: 0, at: performance.now() };
      slot.worker.postMessage({
        id: piece.id,
        raws: piece.indices.map((i) => piece.batch.raws[i]),
        options: piece.batch.options,
      });
    }
    if (this.slots.some((s) => s.piece)) this.startWatchdog();
    else this.stopWatchdog();
  }

  /** Checks every busy thread a few times per budget; runs only while some thread is busy. */
  private startWatchdog(): void {
    if (this.watchdog) return;
    const every = Math.max(5, Math.floor(this.options.budgetMs / 4));
    this.watchdog = setInterval(() => this.check(), every);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private check(): void {
    const now = performance.now();
    for (const slot of this.slots) {
      const piece = slot.piece;
      if (!piece) continue;
      const value = Atomics.load(slot.progress, 0);
      if (value !== slot.seen.value) {
        slot.seen = { value, at: now };
        continue;
      }
      if (value === 0 || now - slot.seen.at <= this.options.budgetMs) continue;
      // Stuck on message value - 1 of the piece: it fails; the others (the earlier ones' results went with the
      // thread) are parsed again by the next free thread.
      this.overBudget++;
      slot.piece = null;
      this.replace(slot);
      const stuck = value - 1;
      this.settle(piece.batch, piece.indices[stuck]!, budgetExceededResult(this.options.budgetMs));
      const rest = piece.indices.filter((_, i) => i !== stuck);
      if (rest.length > 0) this.waiting.unshift({ id: this.nextId++, batch: piece.batch, indices: rest });
      this.dispatch();
    }
  }

  /** Terminates the slot's thread (it may be stuck in a loop) and puts a fresh one in its place. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    void slot.worker.terminate();
    slot.piece = null;
    if (index === -1 || this.closed) return;
    this.slots[index] = this.spawn();
    this.dispatch();
  }
}
