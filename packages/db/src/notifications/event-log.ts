/**
 * The event log: the outbox rows, kept after the relay published them, are the history of every event. Listed
 * newest first by outbox id (insertion order, which is commit order for all practical purposes and, unlike a
 * timestamp, unique), filtered by address, type and time.
 */
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { mayStartDiagnosisSql } from '../outbox/outbox-claims.js';
import { outbox } from '../schema.js';
import { decodeCursor, encodeCursor, type NotificationPage as Page, pageSize } from './cursor.js';

export type EventRecord = typeof outbox.$inferSelect;

export type ListEventsFilter = {
  /** Events about this address (compared lower-case, as stored). */
  address?: string;
  /** Exact type (`address.blocked`) or a prefix wildcard (`address.*`). */
  type?: string;
  /** Created at or after (inclusive). */
  from?: Date;
  /** Created before (exclusive). */
  to?: Date;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size, default 50, at most 500. */
  limit?: number;
};

/** One event by its id. With `tenantId`, an event of another tenant is not found. */
export async function getEvent(db: Executor, eventId: string, tenantId?: string): Promise<EventRecord | null> {
  const where = tenantId
    ? and(eq(outbox.eventId, eventId), eq(outbox.tenantId, tenantId))
    : eq(outbox.eventId, eventId);
  const [row] = await db.select().from(outbox).where(where).limit(1);
  return row ?? null;
}

/** Several events of one tenant by id (order not guaranteed; missing ids are skipped). */
export async function getEventsByIds(
  db: Executor,
  tenantId: string,
  eventIds: readonly string[],
): Promise<EventRecord[]> {
  if (eventIds.length === 0) return [];
  let query = eventsByIdsQueries.get(db);
  if (!query) {
    query = eventsByIdsQuery(db);
    eventsByIdsQueries.set(db, query);
  }
  return query.execute({ tenantId, ids: JSON.stringify(eventIds) });
}

/**
 * The fan-out's read of a batch of events (up to 1,000 per notify-events job): the ids as one JSON parameter, so the
 * text does not depend on the batch's length and the statement is built once per handle and prepared once per
 * connection, instead of a list of parameters built, parsed and planned at every batch.
 */
function eventsByIdsQuery(db: Executor) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.tenantId, sql.placeholder('tenantId')),
        sql`${outbox.eventId} = any(array(select json_array_elements_text(${sql.placeholder('ids')}::json)::uuid))`,
      ),
    )
    .prepare('get-events-by-ids');
}
const eventsByIdsQueries = new WeakMap<Executor, ReturnType<typeof eventsByIdsQuery>>();

/**
 * What the notification worker's fan-out reads of an event: its type and priority decide the webhooks and digests, and
 * the payload is needed only by an event that may start a sender diagnosis (a few in a hundred); the others come
 * with an empty payload. The whole payload of every event was parsed here, then read again with each delivery.
 */
export type FanOutEvent = Pick<EventRecord, 'id' | 'eventId' | 'type' | 'priority'> & {
  payload: Record<string, unknown>;
};

/** `getEventsByIds` for the fan-out (see FanOutEvent): one prepared statement, the ids as one JSON parameter. */
export async function getEventsForFanOut(
  db: Executor,
  tenantId: string,
  eventIds: readonly string[],
): Promise<FanOutEvent[]> {
  if (eventIds.length === 0) return [];
  let query = fanOutEventsQueries.get(db);
  if (!query) {
    query = fanOutEventsQuery(db);
    fanOutEventsQueries.set(db, query);
  }
  return query.execute({ tenantId, ids: JSON.stringify(eventIds) });
}

function fanOutEventsQuery(db: Executor) {
  return db
    .select({
      id: outbox.id,
      eventId: outbox.eventId,
      type: outbox.type,
      priority: outbox.priority,
      payload: sql<
        Record<string, unknown>
      >`case when ${mayStartDiagnosisSql} then ${outbox.payload} else '{}'::jsonb end`.mapWith(outbox.payload),
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.tenantId, sql.placeholder('tenantId')),
        sql`${outbox.eventId} = any(array(select json_array_elements_text(${sql.placeholder('ids')}::json)::uuid))`,
      ),
    )
    .prepare('get-events-for-fan-out');
}
const fanOutEventsQueries = new WeakMap<Executor, ReturnType<typeof fanOutEventsQuery>>();

export async function listEvents(
  db: Executor,
  tenantId: string,
  filter: ListEventsFilter = {},
): Promise<Page<EventRecord>> {
  const limit = pageSize(filter.limit);
  const conditions: SQL[] = [eq(outbox.tenantId, tenantId)];
  if (filter.address) conditions.push(eq(outbox.address, filter.address.trim().toLowerCase()));
  if (filter.type) conditions.push(eventTypeCondition(filter.type));
  if (filter.from) conditions.push(gte(outbox.createdAt, filter.from));
  if (filter.to) conditions.push(lt(outbox.createdAt, filter.to));
  if (filter.cursor) {
    const c = decodeCursor<{ id: number }>(filter.cursor, (v) => Number.isSafeInteger(v.id));
    conditions.push(lt(outbox.id, c.id));
  }
  const rows = await db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}

/** `address.*` → every type starting with `address.`; `*` → any; otherwise exact. */
export function eventTypeCondition(type: string): SQL {
  if (type === '*') return sql`true`;
  if (type.endsWith('.*')) return sql`starts_with(${outbox.type}, ${type.slice(0, -1)})`;
  return eq(outbox.type, type);
}
