import type { Logger } from '@bounce/config';
import {
  type WorkerOptions as BullWorkerOptions,
  type ConnectionOptions,
  DelayedError,
  type Job,
  Queue,
  UnrecoverableError,
  WaitingError,
  Worker,
} from 'bullmq';
import { type JobPayload, QUEUES, type QueueKey } from './catalog.js';
import { queueKeyPrefix } from './connection.js';
import { DEFAULT_PREFIX, parseJob } from './jobs.js';
import type { JobOutcome, QueueMetrics } from './queue-metrics.js';

export type JobContext = {
  job: Job;
  /** Aborted when the process shuts down and the drain timeout passed: stop between items and throw. */
  signal: AbortSignal;
  log: Logger;
};

export type JobHandler<K extends QueueKey, R = unknown> = (payload: JobPayload<K>, ctx: JobContext) => Promise<R>;

export type FinalFailure<K extends QueueKey> = {
  job: Job;
  /** Undefined when the payload itself was invalid (nothing to compensate then). */
  payload: JobPayload<K> | undefined;
  error: Error;
};

export type CreateWorkerOptions<K extends QueueKey> = {
  /** A worker-role connection (`createRedis(url, 'worker')`): BullMQ duplicates it for its blocking reads. */
  connection: ConnectionOptions;
  /** Queue key prefix. Default "bounce"; tests use a unique one. */
  prefix?: string;
  /** Jobs processed at once by this process. Default 1. */
  concurrency?: number;
  logger: Logger;
  metrics?: QueueMetrics;
  /**
   * Called once when an attempt fails and BullMQ will not retry it (UnrecoverableError or the last attempt), before
   * the job lands in the failed set: the place to mark the job's rows failed/manual so they reach a human and the
   * reconciler stops re-enqueueing them. Errors thrown here are logged, never replace the job's own error.
   */
  onFinalFailure?: (failure: FinalFailure<K>) => Promise<void>;
  /** Start consuming at once. Default true; pass false and call `worker.run()` from a lifecycle start(). */
  autorun?: boolean;
  /**
   * Recognises an error that says a dependency is away (e.g. `isDatabaseUnavailable` of @bounce/db): the job is then
   * tried again after OUTAGE_RETRY_DELAY_MS without spending an attempt, instead of after the catalog's backoff
   * (seconds, growing), so work resumes within a fraction of a second once the dependency is back, and an outage
   * longer than the backoff series does not send healthy work to the dead letters. Default: none.
   */
  isOutage?: (error: Error) => boolean;
  /** Escape hatch for BullMQ settings (lockDuration, stalledInterval, limiter, ...). */
  workerOptions?: Partial<BullWorkerOptions>;
};

/**
 * A BullMQ worker for one catalog queue. Every attempt: the payload is validated with `parseJob` (an invalid one
 * fails permanently, it never becomes valid on retry), the handler runs, and the outcome is logged (constant
 * messages, identifiers in fields) and counted. A poison job fails into the failed set (our dead letter, kept for
 * inspection per the catalog's `keepFailed`) while the worker goes on with the next one: BullMQ never blocks a queue
 * on a failing job, and a job whose processing kills the process is failed by the stalled checker after
 * `maxStalledCount` (default 1) restarts.
 *
 * On shutdown the handler gets an aborted `signal`; throwing after it (e.g. `signal.throwIfAborted()` between
 * items) hands the job back to the waiting list without spending an attempt. Handlers must therefore be idempotent,
 * which they are anyway: every job can run twice after a crash.
 */
/**
 * How soon the jobs of a killed process go to another one: its locks lapse after `lockDuration` (a live worker
 * renews them every half of it), and any worker's stalled checker, every `stalledInterval`, moves lapsed jobs back to
 * waiting. BullMQ's 30 s + 30 s made a crashed worker's jobs wait up to a minute; these bring it under 10 s while
 * leaving a live but busy process (a slow event loop on a loaded machine) 4 s to renew before its job counts as
 * stalled. A false stall only runs the job twice, which every handler tolerates (idempotent).
 */
export const STALLED_JOB_SETTINGS = { lockDuration: 8_000, stalledInterval: 2_000 } as const;

/** BullMQ's pause before fetching again after a Redis error (see createWorker). */
const WORKER_RETRY_DELAY_MS = 500;

/**
 * Pause between tries of a job that failed because a dependency is away (see `isOutage`): a failing try is one
 * refused connection, cheap for every side, and the pause bounds how long work waits once the dependency is back.
 */
export const OUTAGE_RETRY_DELAY_MS = 250;
/**
 * Tries without spending an attempt, per job (about 10 minutes at OUTAGE_RETRY_DELAY_MS): beyond it, an error
 * taken for an outage is treated as any other, so a misclassified error still ends in the dead letters.
 */
const MAX_OUTAGE_RETRIES = 2_400;

const CONTROL_FLOW_ERRORS = new Set(['DelayedError', 'WaitingError', 'WaitingChildrenError', 'RateLimitError']);

export function createWorker<K extends QueueKey, R>(
  key: K,
  handler: JobHandler<K, R>,
  options: CreateWorkerOptions<K>,
): Worker {
  const queue = QUEUES[key].name;
  const log = options.logger.child({ component: 'worker', queue });
  const { metrics } = options;
  // One warning per second at most while a dependency is away: every job fails alike, every 250 ms.
  let lastOutageWarningAt = 0;

  // Three declared parameters: BullMQ passes the abort signal only to processors whose arity is >= 3.
  const processor = async (job: Job, token?: string, signal?: AbortSignal): Promise<R> => {
    const started = performance.now();
    const jobLog = log.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
    if (job.attemptsMade === 0) {
      const waitedMs = Date.now() - job.timestamp - (job.opts.delay ?? 0);
      metrics?.wait.observe({ queue }, Math.max(0, waitedMs) / 1000);
    }
    const record = (outcome: JobOutcome) => {
      metrics?.jobs.inc({ queue, outcome });
      metrics?.duration.observe({ queue, outcome }, (performance.now() - started) / 1000);
    };
    let payload: JobPayload<K> | undefined;
    try {
      payload = parseJob(key, job);
      const result = await handler(payload, { job, signal: signal ?? new AbortController().signal, log: jobLog });
      record('completed');
      jobLog.debug({ durationMs: Math.round(performance.now() - started) }, 'job completed');
      return result;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      // BullMQ's own control-flow errors (a handler that delayed or re-queued its job itself): not failures.
      if (CONTROL_FLOW_ERRORS.has(error.name)) throw error;
      if (signal?.aborted && token) {
        // Shutdown: back to the waiting list at once for another process (or this one after restart).
        await job.moveToWait(token);
        record('handed-back');
        jobLog.info('job handed back on shutdown');
        throw new WaitingError();
      }
      const outageRetries = job.attemptsStarted - job.attemptsMade - 1;
      if (token && options.isOutage?.(error) && outageRetries < MAX_OUTAGE_RETRIES) {
        await job.moveToDelayed(Date.now() + OUTAGE_RETRY_DELAY_MS, token);
        record('retrying');
        if (Date.now() - lastOutageWarningAt >= 1_000) {
          lastOutageWarningAt = Date.now();
          jobLog.warn(
            { err: error, outageRetries },
            'dependency unavailable, job retried soon without spending an attempt',
          );
        }
        throw new DelayedError();
      }
      const isFinal =
        error instanceof UnrecoverableError ||
        error.name === 'UnrecoverableError' ||
        job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isFinal) {
        record('dead');
        jobLog.error({ err: error }, 'job failed permanently');
        if (options.onFinalFailure) {
          try {
            await options.onFinalFailure({ job, payload, error });
          } catch (hookErr) {
            jobLog.error({ err: hookErr }, 'final-failure handler failed');
          }
        }
      } else {
        record('retrying');
        jobLog.warn({ err: error }, 'job failed, will retry');
      }
      throw error;
    }
  };

  const prefix = queueKeyPrefix(options.connection, options.prefix ?? DEFAULT_PREFIX, queue);
  const worker = new Worker(queue, processor, {
    connection: options.connection,
    prefix,
    concurrency: options.concurrency ?? 1,
    autorun: options.autorun ?? true,
    ...STALLED_JOB_SETTINGS,
    // After a Redis error (an outage), BullMQ waits this long before fetching again; its default of 15 s would keep
    // the worker idle long after Redis is back. The connection's own back-off paces the attempts meanwhile.
    runRetryDelay: WORKER_RETRY_DELAY_MS,
    ...options.workerOptions,
  });
  // An EventEmitter 'error' without a listener would crash the process (e.g. Redis restarting).
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  if (metrics) {
    // A Queue handle on the worker's own connection (not duplicated) answers the depth at scrape time.
    const depthQueue = new Queue(queue, { connection: options.connection, prefix });
    depthQueue.on('error', () => {});
    const unwatch = metrics.watchDepth(queue, depthQueue);
    worker.once('closed', () => {
      unwatch();
      void depthQueue.close().catch(() => {});
    });
  }
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled, moved back to waiting'));
  return worker;
}

export type CloseWorkerOptions = {
  /** How long in-flight jobs may run to completion before they are asked to hand back. Default 20 s. */
  drainTimeoutMs?: number;
  /** How long handlers get to hand back after the abort, before a forced close. Default 5 s. */
  handBackTimeoutMs?: number;
  logger?: Logger;
};

/**
 * Bounded graceful close: let in-flight jobs finish (`worker.close()` waits for them), then abort those still
 * running so they hand themselves back, then give up waiting. A job that ignores the abort keeps its lock until it
 * expires (STALLED_JOB_SETTINGS.lockDuration) and the stalled checker of any worker moves it back to waiting: slower, but
 * nothing is lost. The defaults fit inside runProcess's 30 s shutdown budget.
 */
export async function closeWorker(worker: Worker, options: CloseWorkerOptions = {}): Promise<void> {
  const drainMs = options.drainTimeoutMs ?? 20_000;
  const handBackMs = options.handBackTimeoutMs ?? 5_000;
  const closing = worker.close();
  if (await settlesWithin(closing, drainMs)) return;
  options.logger?.warn({ queue: worker.name, drainMs }, 'jobs still running after drain timeout, handing them back');
  worker.cancelAllJobs('process shutting down');
  if (await settlesWithin(closing, handBackMs)) return;
  // worker.close(true) cannot cut short a close already in progress (BullMQ returns the pending one), so stop
  // waiting: the process exits, the job's lock expires and the stalled checker requeues it.
  options.logger?.error({ queue: worker.name }, 'jobs did not hand back in time, leaving them to the stalled checker');
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
