import { OUTBOX_EVENT_TYPES } from '@bounce/db';
import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  eventFilterSchema,
  isKnownEventType,
  matchesEventFilter,
  meetsMinPriority,
} from './event-types.js';

describe('event filters', () => {
  it('matches exact types, prefixes and everything', () => {
    expect(matchesEventFilter([], 'address.blocked')).toBe(true);
    expect(matchesEventFilter(['*'], 'bounce.recorded')).toBe(true);
    expect(matchesEventFilter(['address.blocked'], 'address.blocked')).toBe(true);
    expect(matchesEventFilter(['address.blocked'], 'address.unblocked')).toBe(false);
    expect(matchesEventFilter(['address.*'], 'address.unblocked')).toBe(true);
    expect(matchesEventFilter(['address.*'], 'address.list_removed')).toBe(true);
    // A prefix stops at the dot: `address.*` is not `addresses.*`, and `bounce.*` is not `bounce` itself.
    expect(matchesEventFilter(['address.*'], 'addresses.x')).toBe(false);
    expect(matchesEventFilter(['bounce.*'], 'bounce')).toBe(false);
    expect(matchesEventFilter(['invoice.undeliverable', 'sender.*'], 'sender.blocked')).toBe(true);
    expect(matchesEventFilter(['invoice.undeliverable', 'sender.*'], 'mailbox.disabled')).toBe(false);
  });

  it('validates filter entries', () => {
    expect(eventFilterSchema.safeParse(['address.*', 'invoice.undeliverable', '*']).success).toBe(true);
    for (const bad of ['Address.blocked', 'address.', '*.blocked', 'address.*.x', '', 'a b']) {
      expect(eventFilterSchema.safeParse([bad]).success, bad).toBe(false);
    }
  });

  it('applies the operator minimum priority', () => {
    expect(meetsMinPriority('normal', 'normal')).toBe(true);
    expect(meetsMinPriority('high', 'normal')).toBe(true);
    expect(meetsMinPriority('normal', 'high')).toBe(false);
    expect(meetsMinPriority('high', 'high')).toBe(true);
  });

  it('documents every type the store writes, with the priority it uses', () => {
    for (const type of OUTBOX_EVENT_TYPES) expect(isKnownEventType(type), type).toBe(true);
    const priority = Object.fromEntries(EVENT_TYPES.map((e) => [e.type, e.priority]));
    expect(priority['invoice.undeliverable']).toBe('high');
    expect(priority['sender.blocked']).toBe('high');
    expect(isKnownEventType('mailbox.disabled')).toBe(true);
    expect(isKnownEventType('processing.failed')).toBe(true);
    expect(isKnownEventType('nope.nothing')).toBe(false);
  });
});
