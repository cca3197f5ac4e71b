/**
 * One webhook delivery attempt: load the delivery with its subscription and event, sign the versioned payload
 * with every active secret, POST it through the SSRF-guarded client, and record the attempt and the delivery's
 * new state in one transaction. The outcome decides what BullMQ does next:
 * - delivered → the job completes;
 * - retryable and attempts remain → RetryableDeliveryError carrying the delay we chose and stored as
 *   next_attempt_at (our backoff strategy hands it to BullMQ);
 * - permanent (410, refused URL) or the last attempt → the delivery is kept as `failed` (re-sendable) and the job
 *   fails for good.
 *
 * The first attempts of a fan-out come as a batch job per subscription (deliverWebhookBatch): one read for all its
 * deliveries, the POSTs a few at a time (one receiver, kept-alive connections), the secrets decrypted once, and every
 * attempt with its delivery's new state recorded in ONE statement. A delivery to be retried then gets its own job,
 * which continues the series as above.
 *
 * A subscription on the batch contract (payload version 2) gets a batch job's deliveries in ONE signed POST (a batch
 * of up to MAX_DELIVERIES_PER_BATCH events); its outcome is every delivery's attempt, and a batch to be retried is
 * retried as one job (deliverWebhookBatchRetry) with the same batch id. A single-delivery job (a re-send, the
 * reconciler's) sends such a subscription a batch of one.
 *
 * Before POSTing, a job claims its deliveries in PostgreSQL (claimWebhookDeliveries): two jobs holding the same
 * delivery (one the reconciler enqueued after Redis lost the first, or a second fan-out of a re-published event)
 * never both send; the one that loses the claim skips.
 */
import type { Logger, SecretBox } from '@bounce/config';
import {
  claimWebhookDeliveries,
  type Database,
  type DeliveryState,
  type EventForDelivery,
  failWebhookDelivery,
  loadDeliveriesForAttempt,
  loadDeliveryForAttempt,
  type RecordAttemptInput,
  recordWebhookAttempt,
  recordWebhookAttempts,
  releaseWebhookDeliveryClaims,
  type WebhookSubscription,
} from '@bounce/db';
import {
  ATTEMPT_HEADER,
  activeSigningSecrets,
  BATCH_ID_HEADER,
  buildWebhookPayload,
  classifyAttempt,
  DELIVERY_ID_HEADER,
  EVENT_COUNT_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  enqueueWebhookBatchRetries,
  enqueueWebhookRetries,
  type HostResolver,
  MAX_DELIVERIES_PER_BATCH,
  nextRetryDelayMs,
  type PostWebhookResult,
  postWebhook,
  RetryableDeliveryError,
  type RetryPolicy,
  SIGNATURE_HEADER,
  serializeWebhookBatch,
  serializeWebhookPayload,
  signatureHeader,
  WEBHOOK_BATCH_PAYLOAD_VERSION,
  type WebhookDeliveryQueue,
  webhookBatchId,
} from '@bounce/webhooks';
import { UnrecoverableError } from 'bullmq';
import { mapInParallel } from './map-in-parallel.js';
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
  /** Attempts of the series made before this job (by a batch job): the backoff continues from there. Default 0. */
  priorAttempts?: number;
  signal?: AbortSignal;
};

export type DeliveryOutcome =
  | { status: 'delivered' | 'retrying' | 'failed'; attempt: number; result: PostWebhookResult }
  | {
      status: 'skipped';
      reason: 'deleted' | 'already-final' | 'subscription-disabled' | 'event-missing' | 'claimed-elsewhere';
    };

/** Longest error text stored per attempt (the response excerpt of a failing receiver included). */
const MAX_ERROR_CHARS = 1000;

/** Beyond the POSTs' own time limit, how long a claim allows for the reads and the record (a loaded database). */
const CLAIM_MARGIN_MS = 30_000;

/** How long a claim on deliveries lasts: every POST of the job at its time limit, `parallel` at a time, plus a margin. */
export function claimLeaseMs(http: Pick<HttpSettings, 'timeoutMs'>, deliveries = 1, parallel = 1): number {
  return Math.ceil(deliveries / parallel) * http.timeoutMs + CLAIM_MARGIN_MS;
}

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

  // Shutting down (or the job's lock is lost): hand the job back before sending anything.
  if (ctx.signal?.aborted) throw new Error('delivery aborted by shutdown');
  const claimed = await claimWebhookDeliveries(deps.db, [deliveryId], {
    leaseMs: claimLeaseMs(deps.http),
    firstAttempt: false,
  });
  if (!claimed.has(deliveryId)) {
    // Another job holds this delivery (or made the attempt this job was for): it records the outcome.
    log.info('delivery claimed by another job or not due, job skipped');
    return { status: 'skipped', reason: 'claimed-elsewhere' };
  }

  const attempt = delivery.attempts + 1;
  // Not aborted once started (WEBHOOK_TIMEOUT bounds it): cutting a POST short would drop an answer the receiver may
  // already have given, and the job's re-run would send the same attempt again (seen in a Sentinel failover, where
  // BullMQ aborts the jobs whose lock it could not renew).
  const result = await postAttempt(
    deps,
    subscription,
    activeSigningSecrets(deps.secretBox, subscription),
    [{ delivery, event }],
    attempt,
  );

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

  const delayMs = nextRetryDelayMs((ctx.priorAttempts ?? 0) + ctx.attemptsMade + 1, deps.policy, result.retryAfterMs);
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

type Sendable = { delivery: DeliveryState; subscription: WebhookSubscription; event: EventForDelivery };

/**
 * Signs and POSTs one attempt: on the per-event contract (version 1) the one delivery's event, on the batch contract
 * (version 2) every delivery's event in one body. The same bytes at every attempt and re-send of the same deliveries.
 */
function postAttempt(
  deps: DeliveryDeps,
  subscription: WebhookSubscription,
  secrets: readonly string[],
  items: readonly { delivery: DeliveryState; event: EventForDelivery }[],
  attempt: number,
): Promise<PostWebhookResult> {
  let body: string;
  let headers: Record<string, string>;
  if (subscription.payloadVersion === WEBHOOK_BATCH_PAYLOAD_VERSION) {
    const batchId = webhookBatchId(items.map((i) => i.delivery.id));
    body = serializeWebhookBatch(
      batchId,
      subscription.tenantId,
      items.map((i) => i.event),
    );
    headers = { [BATCH_ID_HEADER]: batchId, [EVENT_COUNT_HEADER]: String(items.length) };
  } else {
    const [{ delivery, event }] = items as [{ delivery: DeliveryState; event: EventForDelivery }];
    body = serializeWebhookPayload(buildWebhookPayload(event));
    headers = { [EVENT_ID_HEADER]: event.eventId, [EVENT_TYPE_HEADER]: event.type, [DELIVERY_ID_HEADER]: delivery.id };
  }
  return postWebhook({
    url: subscription.url,
    body,
    headers: { [SIGNATURE_HEADER]: signatureHeader(body, [...secrets]), ...headers, [ATTEMPT_HEADER]: String(attempt) },
    allowLoopback: deps.http.allowLoopback,
    resolve: deps.http.resolve,
    connectTimeoutMs: deps.http.connectTimeoutMs,
    timeoutMs: deps.http.timeoutMs,
    maxResponseBytes: deps.http.maxResponseBytes,
  });
}

/** What one POST carries: a delivery (version 1) or a batch of one subscription's deliveries (version 2). */
function unitsOf(sendable: readonly Sendable[]): Sendable[][] {
  const units: Sendable[][] = [];
  const batches = new Map<string, Sendable[][]>();
  for (const l of sendable) {
    if (l.subscription.payloadVersion !== WEBHOOK_BATCH_PAYLOAD_VERSION) {
      units.push([l]);
      continue;
    }
    const open = batches.get(l.subscription.id) ?? [];
    let last = open.at(-1);
    if (!last || last.length >= MAX_DELIVERIES_PER_BATCH) {
      last = [];
      open.push(last);
      units.push(last);
    }
    last.push(l);
    batches.set(l.subscription.id, open);
  }
  return units;
}

/** POSTs in flight at once per batch job: all go to one receiver, over its kept-alive connections. */
export const BATCH_PARALLELISM = 8;

export type BatchDeps = DeliveryDeps & { webhookQueue: WebhookDeliveryQueue };

export type BatchOutcome = { delivered: number; retrying: number; failed: number; skipped: number };

/**
 * The first attempt of each delivery of a batch job (see the module comment). Only deliveries still waiting for their
 * first attempt are sent (a batch job run twice, e.g. after a crash, sends only what was not recorded); a delivery
 * whose first attempt was recorded as retrying gets its retry job again (enqueued after the record: a crash between
 * the two is healed by the re-run, and the job id is the delivery id, so it is never doubled). On shutdown the
 * finished attempts are recorded and the job is handed back with the rest.
 */
export async function deliverWebhookBatch(
  deps: BatchDeps,
  deliveryIds: readonly string[],
  ctx: { signal?: AbortSignal },
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { delivered: 0, retrying: 0, failed: 0, skipped: 0 };
  const loaded = await loadDeliveriesForAttempt(deps.db, deliveryIds);
  const retries: Parameters<typeof enqueueWebhookRetries>[1][number][] = [];
  const batchRetries: Parameters<typeof enqueueWebhookBatchRetries>[1][number][] = [];
  const sendable: Sendable[] = [];
  // Recorded as retrying by an earlier run of this job that died before enqueueing the retry: enqueued again.
  const pendingRetries: Sendable[] = [];
  for (const { delivery, subscription, event } of loaded) {
    if (delivery.status === 'retrying' && delivery.attempts === 1 && delivery.nextAttemptAt) {
      if (subscription.payloadVersion === WEBHOOK_BATCH_PAYLOAD_VERSION && event) {
        pendingRetries.push({ delivery, subscription, event });
      } else {
        retries.push(retryOf(deps, delivery.id, delivery.nextAttemptAt.getTime() - Date.now()));
      }
      outcome.retrying++;
    } else if (delivery.status !== 'pending' || delivery.attempts !== 0) {
      outcome.skipped++; // final, or in a series of its own (re-send)
    } else if (!subscription.enabled || !event) {
      await failUnsendable(deps, delivery.id, subscription);
      outcome.failed++;
    } else {
      sendable.push({ delivery, subscription, event });
    }
  }
  for (const unit of unitsOf(pendingRetries)) {
    const first = unit[0]!;
    batchRetries.push(
      batchRetryOf(
        deps,
        unit.map((l) => l.delivery.id),
        (first.delivery.nextAttemptAt?.getTime() ?? Date.now()) - Date.now(),
      ),
    );
  }
  outcome.skipped += deliveryIds.length - loaded.length; // gone with their subscription
  // Only what this job claims: a delivery another job holds (see the module comment) is that job's to send.
  const claimed = await claimWebhookDeliveries(
    deps.db,
    sendable.map((l) => l.delivery.id),
    { leaseMs: claimLeaseMs(deps.http, sendable.length, BATCH_PARALLELISM), firstAttempt: true },
  );
  const toSend = sendable.filter((l) => claimed.has(l.delivery.id));
  outcome.skipped += sendable.length - toSend.length;

  // Decrypted once per subscription (a batch has one), not once per delivery.
  const secretsBySubscription = new Map<string, string[]>();
  const secretsOf = (sub: WebhookSubscription) => {
    let secrets = secretsBySubscription.get(sub.id);
    if (!secrets) {
      secrets = activeSigningSecrets(deps.secretBox, sub);
      secretsBySubscription.set(sub.id, secrets);
    }
    return secrets;
  };
  const units = unitsOf(toSend);
  const results = await mapInParallel(units, BATCH_PARALLELISM, (unit) =>
    // Once started, a POST runs to its end (see deliverWebhook); after an abort no new one starts.
    ctx.signal?.aborted ? null : postAttempt(deps, unit[0]!.subscription, secretsOf(unit[0]!.subscription), unit, 1),
  );

  const records: RecordAttemptInput[] = [];
  const unsent: string[] = [];
  units.forEach((unit, i) => {
    const result = results[i];
    const ids = unit.map((l) => l.delivery.id);
    // Shutting down: no attempt is recorded for these; the re-run sends them.
    if (!result || result.errorCode === 'aborted') {
      unsent.push(...ids);
      return;
    }
    deps.metrics?.webhookLatency.observe({ status_class: statusClass(result.statusCode) }, result.durationMs / 1000);
    const base = { statusCode: result.statusCode, durationMs: result.durationMs };
    const kind = classifyAttempt(result);
    const isBatch = unit[0]!.subscription.payloadVersion === WEBHOOK_BATCH_PAYLOAD_VERSION;
    // Only for the failures' log lines: the batch id is a hash over the unit's ids.
    const logFields = () => ({
      ...(isBatch ? { batchId: webhookBatchId(ids), events: ids.length } : { deliveryId: ids[0] }),
      attempt: 1,
      statusCode: result.statusCode,
      errorCode: result.errorCode,
    });
    if (kind === 'delivered') {
      for (const deliveryId of ids)
        records.push({ ...base, deliveryId, error: null, status: 'delivered', nextAttemptAt: null });
      outcome.delivered += ids.length;
    } else if (kind === 'give-up' || deps.policy.attempts <= 1) {
      const error = describeFailure(result);
      for (const deliveryId of ids) records.push({ ...base, deliveryId, error, status: 'failed', nextAttemptAt: null });
      outcome.failed += ids.length;
      deps.log.warn(logFields(), 'webhook delivery failed for good');
    } else {
      const delayMs = nextRetryDelayMs(1, deps.policy, result.retryAfterMs);
      const error = describeFailure(result);
      const nextAttemptAt = new Date(Date.now() + delayMs);
      for (const deliveryId of ids) records.push({ ...base, deliveryId, error, status: 'retrying', nextAttemptAt });
      if (isBatch) batchRetries.push(batchRetryOf(deps, ids, delayMs));
      else retries.push(retryOf(deps, ids[0]!, delayMs));
      outcome.retrying += ids.length;
      deps.log.info({ ...logFields(), delayMs }, 'webhook attempt failed, will retry');
    }
  });
  await recordWebhookAttempts(deps.db, records);
  // One increment per outcome, not per delivery.
  for (const status of ['delivered', 'retrying', 'failed'] as const) {
    const n = records.filter((r) => r.status === status).length;
    if (n > 0) deps.metrics?.webhookAttempts.inc({ outcome: status }, n);
  }
  await enqueueWebhookRetries(deps.webhookQueue, retries);
  await enqueueWebhookBatchRetries(deps.webhookQueue, batchRetries);
  if (unsent.length > 0) {
    await releaseWebhookDeliveryClaims(deps.db, unsent);
    throw new Error('delivery batch aborted by shutdown');
  }
  return outcome;
}

/**
 * The retries of a version-2 batch (a `deliveryIds` job with `priorAttempts`): every delivery of the batch still open
 * and due, claimed, in ONE POST with the batch's id; the attempt recorded for each of them, and BullMQ retries the job
 * (our backoff, the delay recorded as next_attempt_at) until delivered or out of attempts, as deliverWebhook does for
 * one delivery.
 */
export async function deliverWebhookBatchRetry(
  deps: BatchDeps,
  deliveryIds: readonly string[],
  ctx: AttemptContext,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { delivered: 0, retrying: 0, failed: 0, skipped: 0 };
  const loaded = await loadDeliveriesForAttempt(deps.db, deliveryIds);
  outcome.skipped += deliveryIds.length - loaded.length;
  const candidates: Sendable[] = [];
  for (const { delivery, subscription, event } of loaded) {
    if (delivery.status === 'delivered' || delivery.status === 'failed') {
      outcome.skipped++;
    } else if (!subscription.enabled || !event) {
      await failUnsendable(deps, delivery.id, subscription);
      outcome.failed++;
    } else {
      candidates.push({ delivery, subscription, event });
    }
  }
  if (ctx.signal?.aborted) throw new Error('delivery aborted by shutdown');
  const claimed = await claimWebhookDeliveries(
    deps.db,
    candidates.map((l) => l.delivery.id),
    { leaseMs: claimLeaseMs(deps.http, 1), firstAttempt: false },
  );
  const items = candidates.filter((l) => claimed.has(l.delivery.id));
  outcome.skipped += candidates.length - items.length;
  if (items.length === 0) return outcome;

  const subscription = items[0]!.subscription;
  const ids = items.map((l) => l.delivery.id);
  const attempt = Math.max(...items.map((l) => l.delivery.attempts)) + 1;
  const result = await postAttempt(
    deps,
    subscription,
    activeSigningSecrets(deps.secretBox, subscription),
    items,
    attempt,
  );
  deps.metrics?.webhookLatency.observe({ status_class: statusClass(result.statusCode) }, result.durationMs / 1000);
  const kind = classifyAttempt(result);
  const isLast = ctx.attemptsMade + 1 >= ctx.maxAttempts;
  const base = { statusCode: result.statusCode, durationMs: result.durationMs };
  const logFields = { batchId: webhookBatchId(ids), events: ids.length, attempt, statusCode: result.statusCode };
  const record = async (status: RecordAttemptInput['status'], error: string | null, nextAttemptAt: Date | null) => {
    await recordWebhookAttempts(
      deps.db,
      ids.map((deliveryId) => ({ ...base, deliveryId, status, error, nextAttemptAt })),
    );
    deps.metrics?.webhookAttempts.inc({ outcome: status }, ids.length);
  };
  if (kind === 'delivered') {
    await record('delivered', null, null);
    outcome.delivered += ids.length;
    return outcome;
  }
  const error = describeFailure(result);
  if (kind === 'give-up' || isLast) {
    await record('failed', error, null);
    deps.log.warn({ ...logFields, errorCode: result.errorCode }, 'webhook batch failed for good');
    throw new UnrecoverableError(`webhook batch ${logFields.batchId} failed: ${error}`);
  }
  const delayMs = nextRetryDelayMs((ctx.priorAttempts ?? 0) + ctx.attemptsMade + 1, deps.policy, result.retryAfterMs);
  await record('retrying', error, new Date(Date.now() + delayMs));
  deps.log.info({ ...logFields, errorCode: result.errorCode, delayMs }, 'webhook batch attempt failed, will retry');
  throw new RetryableDeliveryError(`webhook batch attempt ${attempt} failed: ${error}`, delayMs);
}

/** A delivery of a job that cannot be sent: its subscription was disabled, or its event is gone. */
function failUnsendable(deps: DeliveryDeps, deliveryId: string, subscription: WebhookSubscription) {
  return failWebhookDelivery(deps.db, deliveryId, subscription.enabled ? 'event not found' : 'subscription disabled');
}

function batchRetryOf(deps: DeliveryDeps, deliveryIds: string[], delayMs: number) {
  return {
    batchId: webhookBatchId(deliveryIds),
    deliveryIds,
    delayMs: Math.max(0, delayMs),
    attemptsLeft: deps.policy.attempts - 1,
    priorAttempts: 1,
  };
}

function retryOf(deps: DeliveryDeps, deliveryId: string, delayMs: number) {
  return { deliveryId, delayMs: Math.max(0, delayMs), attemptsLeft: deps.policy.attempts - 1, priorAttempts: 1 };
}

function describeFailure(result: PostWebhookResult): string {
  const text =
    result.errorCode !== null
      ? `${result.errorCode}: ${result.error ?? ''}`
      : `HTTP ${result.statusCode}${result.responseExcerpt ? `: ${result.responseExcerpt}` : ''}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}
