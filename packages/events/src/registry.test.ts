import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_REGISTRY, EVENT_TYPES, eventPriority, isEventType, parseEventPayload } from './registry.js';
import { withEventTypeTable } from './webhooks-doc.js';

describe('event registry', () => {
  it('names every type once, lower-case and dotted, with a priority, a description and a payload schema', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
      expect(EVENT_REGISTRY[type].when.length).toBeGreaterThan(10);
    }
    expect(eventPriority('invoice.undeliverable')).toBe('high');
    expect(eventPriority('processing.failed')).toBe('high');
    expect(eventPriority('bounce.recorded')).toBe('normal');
    expect(isEventType('nope.nothing')).toBe(false);
  });

  it('validates payloads by type, naming the field at fault', () => {
    const payload = {
      type: 'mailbox.disabled',
      tenantId: 'acme',
      mailboxId: 'm1',
      name: 'bounces',
      host: 'imap.example.com',
      port: 993,
      username: 'bounces',
      consecutiveFailures: 5,
      failureKind: 'auth',
      lastError: 'authentication failed',
      disabledAt: '2025-01-01T00:00:00.000Z',
      addedLater: 'receivers ignore what they do not know',
    };
    expect(parseEventPayload('mailbox.disabled', payload)).toEqual({ success: true });
    expect(parseEventPayload('mailbox.disabled', { ...payload, port: '993' })).toEqual({
      success: false,
      error: 'port: Invalid input: expected number, received string',
    });
    expect(parseEventPayload('nope.nothing', payload).success).toBe(false);
  });

  it('WEBHOOKS.md shows the table the registry renders (run `pnpm --filter @bounce/events docs` after a change)', () => {
    const doc = readFileSync(new URL('../../../apps/notify-worker/WEBHOOKS.md', import.meta.url), 'utf8');
    expect(doc).toBe(withEventTypeTable(doc));
  });
});
