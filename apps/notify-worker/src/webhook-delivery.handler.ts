/**
 * One webhook delivery attempt: load the delivery with its subscription and event, sign the versioned payload
 * with every active secret, POST it through the SSRF-guarded client, and record the attempt and the delivery's
 * new state in one transaction. The outcome decides what BullMQ does next:
 * - delivered → the job completes;
 * - retryable and attempts remain → RetryableDeliveryError carrying the delay we chose and stored as
 *   next_attempt_at (our backoff strategy hands it to BullMQ);
 * - permanent (410, refused URL) or the last attempt → the delivery is kept as `failed` (re-sendable) and the job
 *   fails for good.
 */
import type { Logger, SecretBox } from '@bounce/config';
import { type Database, failWebhookDelivery, loadDeliveryForAttempt, recordWebhookAttempt } from '@bounce/db';
import {
  ATTEMPT_HEADER,
  activeSigningSecrets,
  buildWebhookPayload,
  classifyAttempt,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  type HostResolver,
  nextRetryDelayMs,
  type PostWebhookResult,
  postWebhook,
  RetryableDeliveryError,
  type RetryPolicy,
  SIGNATURE_HEADER,
  serializeWebhookPayload,
  signatureHeader,
} from '@bounce/webhooks';
import { UnrecoverableError } from 'bullmq';
import { type NotifyMetrics, statusClass } from './metrics.js';

export type HttpSettings = {
  /** WEBHOOK_ALLOW_LOOPBACK: allow 127.0.0.0/8 and ::1 (development and tests). Default false. */
  allowLoopback: boolean;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Resolver override (tests). Default: the system resolver. */
  resolve?: HostResolver;
};

export type DeliveryDeps = {
  db: Database;
  secretBox: SecretBox;
  policy: RetryPolicy;
  http: HttpSettings;
  metrics?: NotifyMetrics;
  log: Logger;
};

export type AttemptContext = {
  /** Attempts of this job already made (BullMQ's attemptsMade, 0 on the first try). */
  attemptsMade: number;
  /** Attempts this job may make (job.opts.attempts). */
  maxAttempts: number;
  signal?: AbortSignal;
};

export type DeliveryOutcome =
  | { status: 'delivered' | 'retrying' | 'failed'; attempt: number; result: PostWebhookResult }
  | { status: 'skipped'; reason: 'deleted' | 'already-final' | 'subscription-disabled' | 'event-missing' };

/** Longest error text stored per attempt (the response excerpt of a failing receiver included). */
const MAX_ERROR_CHARS = 1000;

export async function deliverWebhook(
  deps: DeliveryDeps,
  deliveryId: string,
  ctx: AttemptContext,
): Promise<DeliveryOutcome> {
  const loaded = await loadDeliveryForAttempt(deps.db, deliveryId);
  const log = deps.log.child({ deliveryId });
  if (!loaded) {
    log.info('delivery gone (subscription deleted), nothing to send');
    return { status: 'skipped', reason: 'deleted' };
  }
  const { delivery, subscription, event } = loaded;
  // A stale duplicate job (e.g. a fan-out re-run after the job id left BullMQ's retention) must not send again.
  if (delivery.status === 'delivered' || delivery.status === 'failed') {
    log.info({ status: delivery.status }, 'delivery already final, job skipped');
    return { status: 'skipped', reason: 'already-final' };
  }
  if (!subscription.enabled) {
    await failWebhookDelivery(deps.db, deliveryId, 'subscription disabled');
    return { status: 'skipped', reason: 'subscription-disabled' };
  }
  if (!event) {
    await failWebhookDelivery(deps.db, deliveryId, 'event not found');
    return { status: 'skipped', reason: 'event-missing' };
  }

  const body = serializeWebhookPayload(buildWebhookPayload(event));
  const attempt = delivery.attempts + 1;
  const result = await postWebhook({
    url: subscription.url,
    body,
    headers: {
      [SIGNATURE_HEADER]: signatureHeader(body, activeSigningSecrets(deps.secretBox, subscription)),
      [EVENT_ID_HEADER]: event.eventId,
      [EVENT_TYPE_HEADER]: event.type,
      [DELIVERY_ID_HEADER]: delivery.id,
      [ATTEMPT_HEADER]: String(attempt),
    },
    allowLoopback: deps.http.allowLoopback,
    resolve: deps.http.resolve,
    connectTimeoutMs: deps.http.connectTimeoutMs,
    timeoutMs: deps.http.timeoutMs,
    maxResponseBytes: deps.http.maxResponseBytes,
    signal: ctx.signal,
  });
  // Shutting down: not the receiver's fault, no attempt is recorded; the worker hands the job back.
  if (result.errorCode === 'aborted') throw new Error('delivery aborted by shutdown');

  deps.metrics?.webhookLatency.observe({ status_class: statusClass(result.statusCode) }, result.durationMs / 1000);
  const outcome = classifyAttempt(result);
  const isLast = ctx.attemptsMade + 1 >= ctx.maxAttempts;
  const error = describeFailure(result);

  if (outcome === 'delivered') {
    await recordWebhookAttempt(deps.db, {
      deliveryId,
      statusCode: result.statusCode,
      error: null,
      durationMs: result.durationMs,
      status: 'delivered',
      nextAttemptAt: null,
    });
    deps.metrics?.webhookAttempts.inc({ outcome: 'delivered' });
    // Debug: at thousands of deliveries a second an info line each would be most of the log; the delivery row,
    // its attempt and the metrics keep the record. Failures stay at info/warn.
    log.debug({ attempt, statusCode: result.statusCode, durationMs: result.durationMs }, 'webhook delivered');
    return { status: 'delivered', attempt, result };
  }

  if (outcome === 'give-up' || isLast) {
    await recordWebhookAttempt(deps.db, {
      deliveryId,
      statusCode: result.statusCode,
      error,
      durationMs: result.durationMs,
      status: 'failed',
      nextAttemptAt: null,
    });
    deps.metrics?.webhookAttempts.inc({ outcome: 'failed' });
    log.warn(
      { attempt, statusCode: result.statusCode, errorCode: result.errorCode },
      'webhook delivery failed for good',
    );
    throw new UnrecoverableError(`webhook delivery ${deliveryId} failed: ${error}`);
  }

  const delayMs = nextRetryDelayMs(ctx.attemptsMade + 1, deps.policy, result.retryAfterMs);
  await recordWebhookAttempt(deps.db, {
    deliveryId,
    statusCode: result.statusCode,
    error,
    durationMs: result.durationMs,
    status: 'retrying',
    nextAttemptAt: new Date(Date.now() + delayMs),
  });
  deps.metrics?.webhookAttempts.inc({ outcome: 'retrying' });
  log.info(
    { attempt, statusCode: result.statusCode, errorCode: result.errorCode, delayMs },
    'webhook attempt failed, will retry',
  );
  throw new RetryableDeliveryError(`webhook attempt ${attempt} failed: ${error}`, delayMs);
}

function describeFailure(result: PostWebhookResult): string {
  const text =
    result.errorCode !== null
      ? `${result.errorCode}: ${result.error ?? ''}`
      : `HTTP ${result.statusCode}${result.responseExcerpt ? `: ${result.responseExcerpt}` : ''}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}
