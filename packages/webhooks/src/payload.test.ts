import { describe, expect, it } from 'vitest';
import {
  buildWebhookPayload,
  serializeWebhookPayload,
  WEBHOOK_PAYLOAD_VERSION,
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
