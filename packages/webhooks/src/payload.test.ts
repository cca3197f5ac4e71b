import { describe, expect, it } from 'vitest';
import {
  buildWebhookPayload,
  serializeWebhookBatch,
  serializeWebhookPayload,
  WEBHOOK_PAYLOAD_VERSION,
  webhookBatchId,
  webhookBatchPayloadSchema,
  webhookPayloadSchema,
} from './payload.js';

const event = {
  eventId: '0b6f1f7e-8a4b-4c3e-9a51-6f3b2b7d9c10',
  type: 'address.blocked',
  tenantId: 'acme',
  priority: 'normal',
  address: 'user@example.com',
  payload: { bounce: { class: 'hard', reason: 'userunknown', status: '5.1.1', replyCode: 550 } },
  createdAt: new Date('2025-01-01T12:00:00.123Z'),
};

describe('webhook payload', () => {
  it('wraps the event in the documented, versioned envelope', () => {
    const payload = buildWebhookPayload(event);
    expect(payload).toEqual({
      id: event.eventId,
      type: 'address.blocked',
      version: WEBHOOK_PAYLOAD_VERSION,
      createdAt: '2025-01-01T12:00:00.123Z',
      tenantId: 'acme',
      priority: 'normal',
      address: 'user@example.com',
      data: event.payload,
    });
    expect(webhookPayloadSchema.parse(JSON.parse(serializeWebhookPayload(payload)))).toEqual(payload);
  });

  it('serialises byte-identically every time (retries and re-sends carry the same body)', () => {
    expect(serializeWebhookPayload(buildWebhookPayload(event))).toBe(
      serializeWebhookPayload(buildWebhookPayload(event)),
    );
    expect(serializeWebhookPayload(buildWebhookPayload(event)).startsWith(`{"id":"${event.eventId}","type":`)).toBe(
      true,
    );
  });
});

describe('webhook batch payload (version 2)', () => {
  const second = { ...event, eventId: '5d2c7a1e-1f0b-4e2a-8c3d-9e8f7a6b5c4d', type: 'bounce.recorded' };
  const deliveryIds = ['b7e1c0a2-0000-4000-8000-000000000002', 'a1e1c0a2-0000-4000-8000-000000000001'];

  it('carries the version-1 events without their version, under the batch id, in the order given', () => {
    const batchId = webhookBatchId(deliveryIds);
    const parsed = webhookBatchPayloadSchema.parse(JSON.parse(serializeWebhookBatch(batchId, 'acme', [event, second])));
    expect(parsed.id).toBe(batchId);
    expect(parsed.version).toBe(2);
    expect(parsed.tenantId).toBe('acme');
    const { version: _v, ...first } = buildWebhookPayload(event);
    expect(parsed.events).toEqual([first, expect.objectContaining({ id: second.eventId, type: 'bounce.recorded' })]);
    expect(parsed.events[0]).not.toHaveProperty('version');
  });

  it('derives the batch id from the deliveries whatever their order: a UUID, the same for a retry, another for another set', () => {
    const id = webhookBatchId(deliveryIds);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(webhookBatchId([...deliveryIds].reverse())).toBe(id);
    expect(webhookBatchId(deliveryIds.slice(0, 1))).not.toBe(id);
    expect(serializeWebhookBatch(id, 'acme', [event, second])).toBe(serializeWebhookBatch(id, 'acme', [event, second]));
  });
});
