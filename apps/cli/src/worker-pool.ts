/**
 * A fixed pool of worker threads that run tasks posted as messages (the worker side is `serveTasks` in
 * worker-tasks.ts). Tasks go to the least busy worker; each worker holds at most `tasksPerWorker` tasks, so that it
 * finds its next task waiting when it finishes one while the rest wait here, in order.
 *
 * Results come back as promises, in whatever order the workers finish: callers that need input order keep their
 * promises in order (ordered-results.ts). A task that throws in its worker rejects its own promise only. A worker
 * that dies (an uncaught error, running out of memory, process.exit) rejects the tasks it held with a
 * WorkerExitError and is replaced, so the other tasks go on.
 */
import { createRequire } from 'node:module';
import type { TransferListItem, Worker } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './worker-tasks.js';

export type WorkerPoolOptions = {
  /** Number of threads. */
  size: number;
  /** Tasks handed to one worker at a time. Default: 2. */
  tasksPerWorker?: number;
  /** Passed to every worker as `workerData`. */
  workerData?: unknown;
  /** Appended to the workers' `process.argv`. */
  argv?: string[];
};

/** The worker holding a task stopped before answering it. */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';
}

/** A task's own error, thrown in its worker and carried back (name, message and the worker-side stack). */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
}

type Pending = {
  id: number;
  task: unknown;
  transfer: readonly TransferListItem[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
};

/** `isReady`: the worker's code loaded and it serves tasks (a worker that dies before that is not replaced). */
type Slot = { worker: Worker; running: Map<number, Pending>; isReady: boolean };

const DEFAULT_TASKS_PER_WORKER = 2;

/**
 * node:worker_threads, loaded when the first pool starts rather than when this module is imported: a small run never
 * starts threads, and loading worker_threads (with its streams and message ports) is a noticeable part of the
 * command's start-up.
 */
const loadWorkerThreads = (): typeof import('node:worker_threads') =>
  createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

export class WorkerPool<Task, Result> {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly tasksPerWorker: number;
  private nextId = 0;
  private isClosed = false;
  /** Why the last worker died, once none is left. */
  private deadEnd: Error | null = null;

  constructor(
    private readonly entry: URL,
    private readonly options: WorkerPoolOptions,
  ) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('pool size must be at least 1');
    this.tasksPerWorker = options.tasksPerWorker ?? DEFAULT_TASKS_PER_WORKER;
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  /** Number of threads alive. */
  get size(): number {
    return this.slots.length;
  }

  /** Every worker holds as many tasks as it may (or none is alive): a task run now would wait in the queue. */
  get isFull(): boolean {
    return this.queue.length > 0 || this.slots.every((slot) => slot.running.size >= this.tasksPerWorker);
  }

  /**
   * Runs a task in a worker. Buffers listed in `transfer` move to the worker (no copy) and become unusable here.
   */
  run(task: Task, transfer: readonly TransferListItem[] = []): Promise<Result> {
    if (this.isClosed) return Promise.reject(new WorkerExitError('the worker pool is closed'));
    if (this.deadEnd) return Promise.reject(this.deadEnd);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks not finished yet are rejected. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    const error = new WorkerExitError('the worker pool was closed');
    for (const pending of this.queue.splice(0)) pending.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) for (const pending of slot.running.values()) pending.reject(error);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): void {
    const { Worker: WorkerThread } = loadWorkerThreads();
    const worker = new WorkerThread(this.entry, { workerData: this.options.workerData, argv: this.options.argv ?? [] });
    const slot: Slot = { worker, running: new Map(), isReady: false };
    worker.on('message', (reply: TaskReply) => this.settle(slot, reply));
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => this.fail(slot, new WorkerExitError(`worker thread exited with code ${code}`)));
    this.slots.push(slot);
  }

  private settle(slot: Slot, reply: TaskReply): void {
    if ('ready' in reply) {
      slot.isReady = true;
      return;
    }
    const pending = slot.running.get(reply.id);
    if (!pending) return;
    slot.running.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else {
      const err = new WorkerTaskError(reply.error.message);
      err.stack = reply.error.stack;
      pending.reject(err);
    }
    this.dispatch();
  }

  /**
   * A worker died: its tasks fail, and it is replaced, unless it died before serving (a broken entry would be
   * replaced forever); with no worker left, the queued tasks fail too.
   */
  private fail(slot: Slot, cause: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.isClosed) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    const error =
      cause instanceof WorkerExitError ? cause : new WorkerExitError(`worker thread failed: ${cause.message}`);
    error.cause = cause;
    for (const pending of slot.running.values()) pending.reject(error);
    if (slot.isReady) this.spawn();
    if (this.slots.length === 0) {
      this.deadEnd = error;
      for (const pending of this.queue.splice(0)) pending.reject(error);
      return;
    }
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.slots) {
        if (slot.running.size < this.tasksPerWorker && (!best || slot.running.size < best.running.size)) best = slot;
      }
      if (!best) return;
      const pending = this.queue.shift()!;
      const request: TaskRequest = { id: pending.id, task: pending.task };
      try {
        best.worker.postMessage(request, [...pending.transfer]);
      } catch (err) {
        pending.reject(err as Error); // e.g. a task that cannot be cloned
        continue;
      }
      best.running.set(pending.id, pending);
    }
  }
}
