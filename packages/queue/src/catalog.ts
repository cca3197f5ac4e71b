/**
 * The job catalog: every queue, its payload schema and its retry policy, in one place. Payloads are validated when
 * enqueued (`enqueue`) and again when consumed (`parseJob`), so a producer on an older version or a hand-edited job
 * fails loudly instead of corrupting state.
 *
 * Flow: fetch-mailbox → (raw stored in PostgreSQL) → parse-messages → apply-bounces → (state + outbox committed)
 *       → outbox relay → notify-events → webhook-deliveries / operator-email.
 * PostgreSQL is the source of truth; jobs carry ids (and, for apply, the parsed verdicts) so a lost job is
 * recovered by the reconciler re-enqueueing raw messages that never reached a final status.
 */
import { z } from 'zod';
import { parseResultSchema } from './contracts/parse-result.js';

const uuid = z.string().uuid();
const tenantId = z.string().min(1).max(100);

export const fetchMailboxJobSchema = z.object({
  mailboxId: uuid,
  /** schedule: job scheduler tick; manual: operator "fetch now"; idle: IMAP IDLE saw new mail. */
  trigger: z.enum(['schedule', 'manual', 'idle']),
});
export type FetchMailboxJob = z.infer<typeof fetchMailboxJobSchema>;

/** A batch of stored raw messages to parse (the fetch worker enqueues one job per fetched batch). */
export const parseMessagesJobSchema = z.object({
  tenantId,
  rawMessageIds: z.array(uuid).min(1).max(1000),
});
export type ParseMessagesJob = z.infer<typeof parseMessagesJobSchema>;

/** A batch of parsed messages to apply, each with the parser's verdict (`ParseResult`, validated in full). */
export const applyBouncesJobSchema = z.object({
  tenantId,
  items: z
    .array(
      z.object({
        rawMessageId: uuid,
        sha256: z.string().length(64),
        result: parseResultSchema,
      }),
    )
    .min(1)
    .max(1000),
});
export type ApplyBouncesJob = z.infer<typeof applyBouncesJobSchema>;

/**
 * Events from the sending system: a batch of sends, deliveries or synchronous rejections. The envelope is checked
 * here; the items are validated in full by @bounce/db (`sendEventJobSchema`, whose shape is
 * `{ kind: 'send', tenantId, sends } | { kind: 'delivery', tenantId, deliveries } | { kind: 'rejection', tenantId,
 * rejections }`), so the queue package does not depend on the store.
 */
export const sendEventsJobSchema = z.looseObject({
  kind: z.enum(['send', 'delivery', 'rejection']),
  tenantId,
});
export type SendEventsJob = z.infer<typeof sendEventsJobSchema>;

/** A committed outbox event to fan out to webhooks and operator e-mail (the outbox row is its event-log entry). */
export const notifyEventRefSchema = z.object({
  outboxId: z.number().int().positive(),
  eventId: uuid,
  tenantId,
  type: z.string().min(1),
});
export type NotifyEventRef = z.infer<typeof notifyEventRefSchema>;

/**
 * A batch of committed outbox events (the relay enqueues one job per claimed batch and priority, only with the
 * events some subscription wants). The single-event shape is what relays enqueued before batching: still accepted
 * so jobs queued across an upgrade are consumed; `notifyEventRefs` reads both.
 */
export const notifyEventJobSchema = z.union([
  z.object({ events: z.array(notifyEventRefSchema).min(1).max(1000) }),
  notifyEventRefSchema,
]);
export type NotifyEventJob = z.infer<typeof notifyEventJobSchema>;

/** The events of a notify-events job, whichever its shape. */
export function notifyEventRefs(job: NotifyEventJob): NotifyEventRef[] {
  return 'events' in job ? job.events : [job];
}

/**
 * Webhook delivery jobs come in two shapes. A batch (`deliveryIds`: the first attempts of one fan-out for one
 * subscription) makes every first attempt of its deliveries in one job, one read and one write for all; a delivery
 * whose first attempt is to be retried gets its own job (`deliveryId`), as does an operator's re-send.
 * `priorAttempts` counts the attempts of the series made before that job (1 after a batch's first attempt), so its
 * backoff continues the series instead of starting again. A subscription on the batch contract (payload version 2)
 * sends a batch job's deliveries in one POST and retries them together: a `deliveryIds` job with `priorAttempts`. A third shape is the reconciler's tick (`task`).
 */
export const webhookDeliveryJobSchema = z.union([
  // With `priorAttempts`: the retries of a version-2 batch (one POST for all its deliveries), as one job.
  z.object({ deliveryIds: z.array(uuid).min(1).max(1000), priorAttempts: z.number().int().min(0).max(100).optional() }),
  z.object({ deliveryId: uuid, priorAttempts: z.number().int().min(0).max(100).optional() }),
  // The periodic tick of the notification worker's reconciler: deliveries whose job Redis lost get a new one.
  z.object({ task: z.literal('reconcile-deliveries') }),
]);
export type WebhookDeliveryJob = z.infer<typeof webhookDeliveryJobSchema>;

export const operatorEmailJobSchema = z.object({ tenantId, email: z.string().email() });
export type OperatorEmailJob = z.infer<typeof operatorEmailJobSchema>;

/** Periodic housekeeping, run by job schedulers so exactly one worker in the cluster does each tick. */
export const maintenanceJobSchema = z.object({
  task: z.enum([
    'outbox-relay',
    'reconcile-raw-messages',
    'confirm-deliveries-by-grace',
    'sync-mailbox-schedules',
    'history-retention',
  ]),
});
export type MaintenanceJob = z.infer<typeof maintenanceJobSchema>;

/**
 * Sender health (issue 19): diagnose one sender-side bounce (DNS checks, then the grouped alert), or one of the
 * scheduled ticks: recheck the open alerts that are due (they close when the cause is gone), check the watched
 * sending setups that are due (sender_setup.changed when a result changes).
 */
/** Most bounces one diagnose-bounces job carries (a fan-out batch holds up to 1,000 events). */
export const MAX_BOUNCES_PER_DIAGNOSIS_JOB = 1_000;

export const senderHealthJobSchema = z.discriminatedUnion('task', [
  // One job per fan-out batch of a tenant: a job each cost more CPU (BullMQ, Redis) than most diagnoses.
  z.object({
    task: z.literal('diagnose-bounces'),
    tenantId,
    bounceIds: z.array(uuid).min(1).max(MAX_BOUNCES_PER_DIAGNOSIS_JOB),
  }),
  // The former one-bounce form, still consumed: such jobs may wait in Redis across an upgrade.
  z.object({ task: z.literal('diagnose-bounce'), tenantId, bounceId: uuid }),
  z.object({ task: z.literal('recheck-alerts') }),
  z.object({ task: z.literal('check-setups') }),
]);
export type SenderHealthJob = z.infer<typeof senderHealthJobSchema>;

type Backoff = { type: 'exponential' | 'fixed'; delay: number; jitter?: number };

export type QueueDefinition<S extends z.ZodType> = {
  name: string;
  schema: S;
  /** Attempts before the job is kept as failed (dead letter) for inspection. */
  attempts: number;
  backoff: Backoff;
  /** Completed jobs kept (count) for the dashboard; failed jobs are kept longer for inspection. */
  keepCompleted: number;
  keepFailed: number;
};

const define = <S extends z.ZodType>(d: QueueDefinition<S>) => d;

export const QUEUES = {
  fetchMailbox: define({
    name: 'fetch-mailbox',
    schema: fetchMailboxJobSchema,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  parseMessages: define({
    name: 'parse-messages',
    schema: parseMessagesJobSchema,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  applyBounces: define({
    name: 'apply-bounces',
    schema: applyBouncesJobSchema,
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
    // Fewer kept than other queues: a job carries every message's ParseResult, about 650 KB for a fetch batch of
    // 500 (docs/capacity.md), so 1,000 kept jobs held some 650 MB of Redis. PostgreSQL keeps each outcome anyway.
    keepCompleted: 100,
    keepFailed: 1_000,
  }),
  sendEvents: define({
    name: 'send-events',
    schema: sendEventsJobSchema,
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  notifyEvents: define({
    name: 'notify-events',
    schema: notifyEventJobSchema,
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  /** Webhook retries span hours: 30 s doubling over 12 attempts ≈ 17 h before the delivery is kept as failed. */
  webhookDeliveries: define({
    name: 'webhook-deliveries',
    schema: webhookDeliveryJobSchema,
    attempts: 12,
    backoff: { type: 'exponential', delay: 30_000, jitter: 0.3 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  operatorEmail: define({
    name: 'operator-email',
    schema: operatorEmailJobSchema,
    attempts: 6,
    backoff: { type: 'exponential', delay: 30_000, jitter: 0.3 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  /** DNS may time out for a while: retried over about ten minutes, then kept as failed. */
  senderHealth: define({
    name: 'sender-health',
    schema: senderHealthJobSchema,
    attempts: 5,
    backoff: { type: 'exponential', delay: 30_000, jitter: 0.3 },
    keepCompleted: 1_000,
    keepFailed: 10_000,
  }),
  maintenance: define({
    name: 'maintenance',
    schema: maintenanceJobSchema,
    attempts: 1,
    backoff: { type: 'fixed', delay: 1_000 },
    keepCompleted: 100,
    keepFailed: 1_000,
  }),
} as const;

export type QueueKey = keyof typeof QUEUES;
export type JobPayload<K extends QueueKey> = z.infer<(typeof QUEUES)[K]['schema']>;
export const ALL_QUEUE_NAMES = Object.values(QUEUES).map((q) => q.name);
