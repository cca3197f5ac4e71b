/**
 * Webhook delivery jobs: one job per delivery attempt series, with the delivery id as job id (so a repeated
 * fan-out enqueues nothing twice) and our own backoff strategy. The strategy lets the worker decide each delay
 * itself (the catalog's exponential policy, lengthened by Retry-After) and store the exact next attempt time in
 * the delivery row: BullMQ's built-in jittered backoff would pick a random delay we could not record.
 */
import { enqueue, enqueueMany, type JobPayload, QUEUES, stableJobId } from '@bounce/queue';
import type { BackoffStrategy, Queue } from 'bullmq';
import { type RetryPolicy, retryDelayMs } from './retry-policy.js';

/** Backoff type on delivery jobs; the delivery worker registers the strategy under `settings.backoffStrategy`. */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-retry';

export type WebhookDeliveryQueue = Queue<JobPayload<'webhookDeliveries'>>;

/** The catalog's policy for webhook deliveries: 12 attempts, 30 s doubling, 30 % jitter (about 17 h in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: QUEUES.webhookDeliveries.attempts,
  baseDelayMs: QUEUES.webhookDeliveries.backoff.delay,
  jitter: QUEUES.webhookDeliveries.backoff.jitter ?? 0,
};

/** Thrown by the delivery handler for a retryable failure; carries the delay the handler chose and recorded. */
export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
  }
}

/** Uses the delay the handler chose; falls back to the policy for any other error (e.g. the database was down). */
export function createWebhookBackoffStrategy(policy: Pick<RetryPolicy, 'baseDelayMs' | 'jitter'>): BackoffStrategy {
  return (attemptsMade, _type, err) =>
    err instanceof RetryableDeliveryError ? err.retryDelayMs : retryDelayMs(attemptsMade, policy);
}

/**
 * Enqueues the first attempt series of new deliveries (job id = delivery id: BullMQ ignores an id it already
 * holds, so a fan-out that runs twice does not double the jobs).
 */
export async function enqueueWebhookDeliveries(
  queue: WebhookDeliveryQueue,
  deliveryIds: readonly string[],
  options: { attempts?: number } = {},
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await enqueueMany(
    queue,
    'webhookDeliveries',
    deliveryIds.map((deliveryId) => ({
      payload: { deliveryId },
      opts: deliveryJobOptions(deliveryId, options.attempts),
    })),
  );
}

/** Most deliveries per batch job: a fan-out of more is cut into several jobs. */
export const MAX_DELIVERIES_PER_BATCH = 100;

/** Attempts of a batch job: its own failures are the database's or Redis's, never a receiver's (those are recorded). */
const BATCH_JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 } } as const;

/**
 * Enqueues the first attempts of new deliveries as batch jobs: one job per subscription and up to
 * MAX_DELIVERIES_PER_BATCH deliveries, instead of one job per delivery (a BullMQ job costs Redis and the worker more
 * than the POST itself). Grouped by subscription so a slow receiver holds up only its own deliveries. The job id is
 * derived from the delivery ids, so a fan-out that runs twice enqueues each batch once.
 */
export async function enqueueWebhookDeliveryBatches(
  queue: WebhookDeliveryQueue,
  deliveries: readonly { id: string; subscriptionId: string }[],
): Promise<void> {
  const bySubscription = new Map<string, string[]>();
  for (const d of deliveries) {
    const ids = bySubscription.get(d.subscriptionId) ?? [];
    ids.push(d.id);
    bySubscription.set(d.subscriptionId, ids);
  }
  const jobs: { payload: JobPayload<'webhookDeliveries'>; opts: object }[] = [];
  for (const ids of bySubscription.values()) {
    for (let i = 0; i < ids.length; i += MAX_DELIVERIES_PER_BATCH) {
      const deliveryIds = ids.slice(i, i + MAX_DELIVERIES_PER_BATCH);
      jobs.push({
        payload: { deliveryIds },
        opts: { jobId: stableJobId('webhook-batch', deliveryIds), ...BATCH_JOB_OPTIONS },
      });
    }
  }
  await enqueueMany(queue, 'webhookDeliveries', jobs);
}

/**
 * The rest of a series whose first attempt a batch job made: its own job (job id = delivery id, so a batch job run
 * twice enqueues it once), delayed by the delay recorded as next_attempt_at, with the attempts the series has left.
 */
export async function enqueueWebhookRetries(
  queue: WebhookDeliveryQueue,
  retries: readonly { deliveryId: string; delayMs: number; attemptsLeft: number; priorAttempts: number }[],
): Promise<void> {
  await enqueueMany(
    queue,
    'webhookDeliveries',
    retries.map((r) => ({
      payload: { deliveryId: r.deliveryId, priorAttempts: r.priorAttempts },
      opts: { ...deliveryJobOptions(r.deliveryId, r.attemptsLeft), delay: Math.max(0, r.delayMs) },
    })),
  );
}

/**
 * The rest of the series of a version-2 batch whose first attempt failed: one job for all its deliveries (the batch is
 * retried as one POST), job id from the batch id, so a batch job run twice enqueues it once.
 */
export async function enqueueWebhookBatchRetries(
  queue: WebhookDeliveryQueue,
  retries: readonly {
    batchId: string;
    deliveryIds: string[];
    delayMs: number;
    attemptsLeft: number;
    priorAttempts: number;
  }[],
): Promise<void> {
  await enqueueMany(
    queue,
    'webhookDeliveries',
    retries.map((r) => ({
      payload: { deliveryIds: r.deliveryIds, priorAttempts: r.priorAttempts },
      opts: { ...deliveryJobOptions(`batch-retry-${r.batchId}`, r.attemptsLeft), delay: Math.max(0, r.delayMs) },
    })),
  );
}

/**
 * New jobs for open deliveries whose job is gone (listOverdueWebhookDeliveries): each continues its series where the
 * attempts recorded in PostgreSQL left it (`attempts` made so far; a re-send series restarts the count at every
 * multiple of the policy's attempts). The job id names the delivery and the state it was found in, so two reconcilers
 * finding the same state enqueue one job, and a later state gets a new one whatever BullMQ still retains of an older
 * job. A job that meets a live one for the same delivery loses the claim and skips (claimWebhookDeliveries).
 */
export async function enqueueOverdueDeliveries(
  queue: WebhookDeliveryQueue,
  deliveries: readonly { id: string; attempts: number; nextAttemptAt: Date | null }[],
  policy: Pick<RetryPolicy, 'attempts'> = DEFAULT_RETRY_POLICY,
): Promise<void> {
  await enqueueMany(
    queue,
    'webhookDeliveries',
    deliveries.map((d) => {
      const priorAttempts = d.attempts % policy.attempts;
      const jobId = `${d.id}-reconciled-${d.attempts}-${d.nextAttemptAt?.getTime() ?? 0}`;
      return {
        payload: { deliveryId: d.id, priorAttempts },
        opts: deliveryJobOptions(jobId, policy.attempts - priorAttempts),
      };
    }),
  );
}

/** A new attempt series for an operator re-send: a fresh job id, since the old job may still sit in the failed set. */
export async function enqueueWebhookResend(
  queue: WebhookDeliveryQueue,
  deliveryId: string,
  options: { attempts?: number } = {},
): Promise<string> {
  const jobId = `${deliveryId}-resend-${Date.now().toString(36)}`;
  await enqueue(queue, 'webhookDeliveries', { deliveryId }, deliveryJobOptions(jobId, options.attempts));
  return jobId;
}

function deliveryJobOptions(jobId: string, attempts: number | undefined) {
  return {
    jobId,
    attempts: attempts ?? DEFAULT_RETRY_POLICY.attempts,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
  };
}
