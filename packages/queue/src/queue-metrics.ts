import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Outcome of one processing attempt:
 * - completed: the handler returned;
 * - retrying: it threw and BullMQ will try again after the catalog's backoff;
 * - dead: it failed permanently (UnrecoverableError, or the last attempt) and stays in the failed set;
 * - handed-back: the process is shutting down and returned the job to the waiting list untouched.
 */
export type JobOutcome = 'completed' | 'retrying' | 'dead' | 'handed-back';

export type QueueMetrics = {
  jobs: Counter<'queue' | 'outcome'>;
  /** Handler run time per attempt. */
  duration: Histogram<'queue' | 'outcome'>;
  /** Time from enqueue (or from the end of the backoff delay) to the start of the attempt: queue backlog. */
  wait: Histogram<'queue'>;
  /**
   * Jobs per queue and state, read from Redis at each scrape (`bounce_queue_jobs`): the backlog the alerts and the
   * autoscaler watch. Each process reports the queues it consumes; replicas report the same numbers, so queries
   * take `max by (queue)`.
   */
  depth: Gauge<'queue' | 'state'>;
  /** Reports a queue's depth from now on; the returned function stops it (the worker closes). */
  watchDepth: (queueName: string, queue: Queue) => () => void;
};

/** States that tell an operator something: backlog (waiting, prioritized), in flight, retries, the dead letters. */
export const DEPTH_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
/** A scrape must not hang on a Redis that is down: the depth is left out of that scrape instead. */
const DEPTH_TIMEOUT_MS = 2_000;

/** Seconds: a 10-message batch takes milliseconds, a 1,000-message parse batch about a second, a stuck SQL 30 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800];

/**
 * The job metrics every worker records, registered once per registry (several workers in one process share them,
 * told apart by the `queue` label). Registering twice would throw in prom-client, hence one set per registry.
 */
export function createQueueMetrics(registry: Registry): QueueMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const watched = new Map<string, Queue>();
  const metrics: QueueMetrics = {
    jobs: new Counter({
      name: 'bounce_jobs_total',
      help: 'Job processing attempts by queue and outcome (completed, retrying, dead, handed-back)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'bounce_job_duration_seconds',
      help: 'Handler run time per attempt',
      labelNames: ['queue', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    wait: new Histogram({
      name: 'bounce_job_wait_seconds',
      help: 'Time a job waited in the queue before the attempt started',
      labelNames: ['queue'],
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    depth: new Gauge({
      name: 'bounce_queue_jobs',
      help: 'Jobs in a queue by state (waiting, prioritized, active, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...watched].map(async ([name, queue]) => {
            const counts = await withTimeout(queue.getJobCounts(...DEPTH_STATES), DEPTH_TIMEOUT_MS).catch(
              () => undefined,
            );
            if (!counts) return;
            for (const state of DEPTH_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          }),
        );
      },
    }),
    watchDepth(queueName, queue) {
      watched.set(queueName, queue);
      return () => {
        if (watched.get(queueName) === queue) watched.delete(queueName);
      };
    },
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

const byRegistry = new WeakMap<Registry, QueueMetrics>();

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
