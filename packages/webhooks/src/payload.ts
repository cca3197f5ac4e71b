/**
 * The webhook body: a versioned envelope around the event's data. Version 1 is a stable contract (WEBHOOKS.md):
 * fields may be added to `data` and new event types may appear, but nothing is removed or renamed without a new
 * `version`. Every retry and every re-send of an event carries the same `id` (the event id) and the same bytes, so
 * receivers drop duplicates by `id`.
 *
 * Version 2, which a subscription chooses instead (`payloadVersion`), carries a batch of events in one POST: the
 * events as in version 1 (without their `version`), under a batch id derived from the deliveries it carries, so every
 * retry of the same batch has the same id and the same bytes. One POST, one signature and one answer for up to a
 * hundred events: the receiver's and our work per event is a fraction of version 1's.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const WEBHOOK_PAYLOAD_VERSION = 1;
/** The batch contract (WEBHOOKS.md, "Batches (version 2)"). */
export const WEBHOOK_BATCH_PAYLOAD_VERSION = 2;
/** The contracts a subscription may choose: 1 = one POST per event (the default), 2 = batches. */
export const WEBHOOK_PAYLOAD_VERSIONS = [WEBHOOK_PAYLOAD_VERSION, WEBHOOK_BATCH_PAYLOAD_VERSION] as const;
export type WebhookPayloadVersion = (typeof WEBHOOK_PAYLOAD_VERSIONS)[number];

export const webhookPayloadSchema = z.object({
  /** Event id (UUID): the idempotency key for receivers. */
  id: z.string().uuid(),
  /** Event type, e.g. address.blocked. */
  type: z.string().min(1),
  version: z.literal(WEBHOOK_PAYLOAD_VERSION),
  /** When the event happened (committed), ISO 8601 UTC. */
  createdAt: z.string().datetime(),
  tenantId: z.string().min(1),
  priority: z.enum(['normal', 'high']),
  /** The address the event is about (normalised, lower-case), or null for tenant-level events. */
  address: z.string().nullable(),
  /** Type-specific fields (see WEBHOOKS.md). */
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** The outbox row fields the payload is built from. */
export type OutboxEventForPayload = {
  eventId: string;
  type: string;
  tenantId: string;
  priority: string;
  address: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

export function buildWebhookPayload(event: OutboxEventForPayload): WebhookPayload {
  return {
    id: event.eventId,
    type: event.type,
    version: WEBHOOK_PAYLOAD_VERSION,
    createdAt: event.createdAt.toISOString(),
    tenantId: event.tenantId,
    priority: event.priority === 'high' ? 'high' : 'normal',
    address: event.address,
    data: event.payload,
  };
}

/** The exact bytes sent and signed. Key order is fixed by `buildWebhookPayload`, so a re-send is byte-identical. */
export function serializeWebhookPayload(payload: WebhookPayload): string {
  return JSON.stringify(payload);
}

/** An event inside a version-2 batch: the version-1 fields without `version` (the batch carries it). */
export const webhookBatchEventSchema = webhookPayloadSchema.omit({ version: true });
export type WebhookBatchEvent = z.infer<typeof webhookBatchEventSchema>;

export const webhookBatchPayloadSchema = z.object({
  /** Batch id (UUID): the same in every retry of this batch; the batch's idempotency key. */
  id: z.string().uuid(),
  version: z.literal(WEBHOOK_BATCH_PAYLOAD_VERSION),
  tenantId: z.string().min(1),
  /** In outbox (commit) order; at least one. Each event's `id` stays the idempotency key of that event. */
  events: z.array(webhookBatchEventSchema).min(1),
});
export type WebhookBatchPayload = z.infer<typeof webhookBatchPayloadSchema>;

/**
 * The id of the batch that carries these deliveries: a name-based UUID (version 8, RFC 9562) of the sorted delivery
 * ids, so a retry of the same deliveries, in whichever job, sends the same id.
 */
export function webhookBatchId(deliveryIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of [...deliveryIds].sort()) hash.update(id).update('\n');
  const hex = hash.digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The exact bytes of a version-2 batch (sent and signed). The events are serialised in the order given, each with the
 * key order of `buildWebhookPayload`, so a retry of the same batch is byte-identical.
 */
export function serializeWebhookBatch(
  batchId: string,
  tenantId: string,
  events: readonly OutboxEventForPayload[],
): string {
  const items = events.map((event) => {
    const { version: _version, ...rest } = buildWebhookPayload(event);
    return rest satisfies WebhookBatchEvent;
  });
  const payload: WebhookBatchPayload = {
    id: batchId,
    version: WEBHOOK_BATCH_PAYLOAD_VERSION,
    tenantId,
    events: items,
  };
  return JSON.stringify(payload);
}
