/**
 * The event types the rules and the store write to the outbox, and the filters subscriptions use to pick them.
 * The list documents what exists today; the pipeline may add types, and subscriptions with an empty filter (or `*`,
 * or a matching prefix such as `address.*`) receive new types without a change here. WEBHOOKS.md in
 * apps/notify-worker describes each type's `data`.
 */
import { z } from 'zod';

export type EventPriority = 'normal' | 'high';

export type EventTypeInfo = {
  type: string;
  /** Priority the store assigns by default (high = a human must see it soon). */
  priority: EventPriority;
  description: string;
};

export const EVENT_TYPES = [
  {
    type: 'bounce.recorded',
    priority: 'normal',
    description: 'A bounce (or complaint, or delay report) was parsed and matched to an address.',
  },
  {
    type: 'bounce.unmatched',
    priority: 'normal',
    description: 'A bounce could not be attributed to an address or send and waits for manual assignment.',
  },
  {
    type: 'address.blocked',
    priority: 'normal',
    description: 'An address was suppressed: hard bounce, soft-bounce escalation, complaint, manual or import.',
  },
  {
    type: 'address.unblocked',
    priority: 'normal',
    description: 'A suppression was lifted (operator, undo, or a confirmed delivery contradicting it).',
  },
  {
    type: 'address.list_removed',
    priority: 'normal',
    description: 'An address was removed from one list while it stays allowed elsewhere.',
  },
  {
    type: 'address.reset',
    priority: 'normal',
    description: "An operator reset an address's soft-failure count.",
  },
  {
    type: 'address.notify',
    priority: 'normal',
    description: 'A rule configured as notify-only fired: nothing changed, the operator is told (data.notify).',
  },
  {
    type: 'domain.blocked',
    priority: 'normal',
    description: 'Every address at a domain was blocked (domain-wide suppression).',
  },
  {
    type: 'domain.unblocked',
    priority: 'normal',
    description: 'A domain-wide suppression was lifted.',
  },
  {
    type: 'suppressions.imported',
    priority: 'normal',
    description: 'A suppression list was imported (summary, not one event per address).',
  },
  {
    type: 'audit.undone',
    priority: 'normal',
    description: 'An operator undid an earlier change from the audit trail.',
  },
  {
    type: 'invoice.undeliverable',
    priority: 'high',
    description: 'A message of an exempt category (default: invoice) could not be delivered; someone must act.',
  },
  {
    type: 'sender.blocked',
    priority: 'high',
    description: 'A receiving provider rejects our mail (blocklist, policy, reputation): a sender-side incident.',
  },
  {
    type: 'mailbox.disabled',
    priority: 'high',
    description: 'A bounce mailbox was disabled after repeated connection or authentication failures.',
  },
  {
    type: 'processing.failed',
    priority: 'high',
    description: 'A stored bounce message could not be processed after all retries.',
  },
] as const satisfies readonly EventTypeInfo[];

export type KnownEventType = (typeof EVENT_TYPES)[number]['type'];

const KNOWN = new Set<string>(EVENT_TYPES.map((e) => e.type));

export function isKnownEventType(type: string): type is KnownEventType {
  return KNOWN.has(type);
}

/**
 * One filter entry: an exact type (`address.blocked`), a prefix wildcard (`address.*` = every type starting with
 * `address.`) or `*` (everything). Lower-case dotted names, as the store writes them.
 */
export const eventFilterEntrySchema = z
  .string()
  .max(100)
  .regex(
    /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/,
    'expected an event type like address.blocked, a prefix like address.* or *',
  );

/** A subscription's filter: empty = every event. At most 50 entries. */
export const eventFilterSchema = z.array(eventFilterEntrySchema).max(50);

/** Whether an event type passes a subscription's filter (empty filter = all). */
export function matchesEventFilter(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((entry) => {
    if (entry === '*') return true;
    if (entry.endsWith('.*')) return type.startsWith(entry.slice(0, -1));
    return entry === type;
  });
}

/** Whether an event of `priority` reaches an operator subscribed with `minPriority` (normal = all, high = high only). */
export function meetsMinPriority(priority: string, minPriority: string): boolean {
  return minPriority !== 'high' || priority === 'high';
}
