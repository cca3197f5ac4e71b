/**
 * Parsing with a per-message budget. The parser is linear by construction (every pattern checked by recheck), but
 * a bug must not let one message hold a parse worker for minutes and then, retried, the next worker too: each
 * message is parsed in a worker thread, and a thread that has not answered within the budget is terminated (the
 * only way to stop a CPU loop) and replaced. The message gets a parse-error result naming the budget, which the
 * handler records like any unreadable message: status manual, shown to an operator, never retried.
 */
import { Worker } from 'node:worker_threads';
import type { ParseOptions, ParseResult } from '@bounce/parser';

export type ParseFn = (raw: Uint8Array, options: ParseOptions) => Promise<ParseResult>;

export type ParserThreadsOptions = {
  /** Threads, i.e. messages parsed at once. */
  threads: number;
  /** Milliseconds a message may take before its thread is terminated. */
  budgetMs: number;
  /** Tests only: messages starting with this never return (an injected parser hang). */
  hangMarker?: string;
};

type Task = {
  id: number;
  raw: Uint8Array;
  options: ParseOptions;
  resolve: (result: ParseResult) => void;
  reject: (err: Error) => void;
};

/** `ready`: the thread has loaded the parser; the budget clock of a message starts only then. */
type Slot = { worker: Worker; ready: boolean; task: Task | null; timer: NodeJS.Timeout | null };

const ENTRY = new URL('./parser-thread-entry.mjs', import.meta.url);

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
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Messages whose thread was terminated for exceeding the budget (for metrics and tests). */
  overBudget = 0;

  constructor(private readonly options: ParserThreadsOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.slots.push(this.spawn());
  }

  readonly parse: ParseFn = (raw, options) =>
    new Promise<ParseResult>((resolve, reject) => {
      if (this.closed) {
        reject(new Error('parser threads closed'));
        return;
      }
      this.waiting.push({ id: this.nextId++, raw, options, resolve, reject });
      this.dispatch();
    });

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('parser threads closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(new Error('parser threads closed'));
        slot.task = null;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { workerData: { hangMarker: this.options.hangMarker } });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (message: { ready?: true; id: number; result: ParseResult }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      this.finish(slot);
      task.resolve(message.result);
    });
    worker.on('error', (err) => {
      // The thread died (out of memory, a crash): the message in it fails this job, which BullMQ retries.
      const task = slot.task;
      this.replace(slot);
      task?.reject(err);
    });
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.waiting.length === 0) continue;
      const task = this.waiting.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        this.overBudget++;
        this.replace(slot);
        task.resolve(budgetExceededResult(this.options.budgetMs));
      }, this.options.budgetMs);
      slot.worker.postMessage({ id: task.id, raw: task.raw, options: task.options });
    }
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    this.dispatch();
  }

  /** Terminates the slot's thread (it may be stuck in a loop) and puts a fresh one in its place. */
  private replace(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    void slot.worker.terminate();
    slot.task = null;
    if (index === -1 || this.closed) return;
    this.slots[index] = this.spawn();
    this.dispatch();
  }
}
