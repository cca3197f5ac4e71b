/**
 * Webhook delivery jobs: one job per delivery attempt series, with the delivery id as job id (so a repeated
 * fan-out enqueues nothing twice) and our own backoff strategy. The strategy lets the worker decide each delay
 * itself (the catalog's exponential policy, lengthened by Retry-After) and store the exact next attempt time in
 * the delivery row: BullMQ's built-in jittered backoff would pick a random delay we could not record.
 */
import { enqueue, enqueueMany, type JobPayload, QUEUES } from '@bounce/queue';
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
