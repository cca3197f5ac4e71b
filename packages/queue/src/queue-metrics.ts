import { Counter, Histogram, type Registry } from 'prom-client';

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
};

/** Seconds: a 10-message batch takes milliseconds, a 1,000-message parse batch about a second, a stuck SQL 30 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800];

/**
 * The job metrics every worker records, registered once per registry (several workers in one process share them,
 * told apart by the `queue` label). Registering twice would throw in prom-client, hence the lookup first.
 */
export function createQueueMetrics(registry: Registry): QueueMetrics {
  const existing = registry.getSingleMetric('bounce_jobs_total');
  if (existing) {
    return {
      jobs: existing as Counter<'queue' | 'outcome'>,
      duration: registry.getSingleMetric('bounce_job_duration_seconds') as Histogram<'queue' | 'outcome'>,
      wait: registry.getSingleMetric('bounce_job_wait_seconds') as Histogram<'queue'>,
    };
  }
  return {
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
  };
}
