/**
 * The webhook body: a versioned envelope around the event's data. Version 1 is a stable contract (WEBHOOKS.md):
 * fields may be added to `data` and new event types may appear, but nothing is removed or renamed without a new
 * `version`. Every retry and every re-send of an event carries the same `id` (the event id) and the same bytes, so
 * receivers drop duplicates by `id`.
 */
import { z } from 'zod';

export const WEBHOOK_PAYLOAD_VERSION = 1;

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
