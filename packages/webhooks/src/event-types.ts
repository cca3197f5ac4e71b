/**
 * The event types subscriptions may pick, and their filters. The types, their priorities and descriptions come from
 * the event registry (@bounce/events), as does the table of WEBHOOKS.md. Subscriptions with an empty filter (or `*`,
 * or a matching prefix such as `address.*`) receive types added later without a change to their filter.
 */
import {
  EVENT_REGISTRY,
  type EventPriority,
  type EventType,
  isEventType,
  EVENT_TYPES as REGISTERED_TYPES,
} from '@bounce/events';
import { z } from 'zod';

export type { EventPriority } from '@bounce/events';

export type EventTypeInfo = {
  type: EventType;
  /** Priority every event of the type is written with (high = a human must see it soon). */
  priority: EventPriority;
  description: string;
};

/** Every event type with its priority and description, in registry order (the API's GET /v1/event-types). */
export const EVENT_TYPES: readonly EventTypeInfo[] = REGISTERED_TYPES.map((type) => ({
  type,
  priority: EVENT_REGISTRY[type].priority,
  description: EVENT_REGISTRY[type].when,
}));

export type KnownEventType = EventType;

export function isKnownEventType(type: string): type is KnownEventType {
  return isEventType(type);
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
