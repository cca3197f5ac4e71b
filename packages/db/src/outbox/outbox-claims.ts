/**
 * Reading the outbox for the relay: claiming unpublished rows and marking them published, in one transaction, so
 * any number of relays on any number of machines publish each row once in effect (see the relay in the rules
 * worker for the whole argument).
 */
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { outbox } from '../schema.js';
import { bigintArray, queryRows, queryRowsPrepared, withTransaction } from '../sql/sql-util.js';

export type UnpublishedEvent = {
  id: number;
  eventId: string;
  tenantId: string;
  type: string;
  priority: 'normal' | 'high';
  createdAt: Date;
  /** The tenant's `notification_interest` version when the row was claimed (0 before any subscription change). */
  interestVersion: number;
  /**
   * The event may start a sender diagnosis (the notification worker's sender health, apps/notify-worker
   * sender-health/intake.ts): a bounce the rules applied as sender-side, or any unmatched bounce (whether its
   * verdict is sender-side is decided there). Such events are relayed whether or not anybody subscribes.
   */
  mayStartDiagnosis: boolean;
};

/** The outbox row may start a sender diagnosis (see `UnpublishedEvent.mayStartDiagnosis`), in SQL. */
export const mayStartDiagnosisSql = sql<boolean>`("outbox"."type" = 'bounce.unmatched'
  or ("outbox"."type" = 'bounce.recorded' and "outbox"."payload" #>> '{decision,rule}' = 'sender-side'))`;

/**
 * Claims up to `limit` unpublished rows, oldest first, with `FOR UPDATE SKIP LOCKED` (a second relay skips what
 * this one holds), hands them to `publish`, then marks them published in the same transaction. When `publish`
 * throws, nothing is marked and the rows are claimed again later. Returns the rows published and when. Rows
 * `publish` chooses not to enqueue (nobody subscribes to them) are marked all the same: the outbox stays the event
 * log either way. `publish` returns the ids of the rows it enqueued (a consumer marks them handled, see
 * markOutboxEventsHandled); every other claimed row is marked handled at once, as nothing will consume it.
 */
export async function publishOutboxEvents(
  db: Executor,
  limit: number,
  /** Gets the claiming transaction too, for reads that must not wait for a second pooled connection. */
  publish: (events: readonly UnpublishedEvent[], tx: Executor) => Promise<readonly number[]>,
): Promise<{ events: UnpublishedEvent[]; publishedAt: Date }> {
  return withTransaction(db, async (tx) => {
    const events = await tx
      .select({
        id: outbox.id,
        eventId: outbox.eventId,
        tenantId: outbox.tenantId,
        type: outbox.type,
        priority: outbox.priority,
        createdAt: outbox.createdAt,
        // A scalar subquery, not a join: FOR UPDATE cannot lock the nullable side of an outer join.
        interestVersion: sql<number>`coalesce((select n.version from notification_interest n
          where n.tenant_id = "outbox"."tenant_id"), 0)`.mapWith(Number),
        mayStartDiagnosis: mayStartDiagnosisSql,
      })
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const publishedAt = new Date();
    if (events.length === 0) return { events, publishedAt };
    const enqueued = new Set(await publish(events, tx));
    const unconsumed = events.filter((e) => !enqueued.has(e.id)).map((e) => e.id);
    // ONE prepared statement for both kinds (the ids as JSON parameters): two lists of up to `limit` parameters each
    // were built, parsed and planned anew at every batch.
    const at = publishedAt.toISOString();
    await queryRowsPrepared(
      tx,
      'publish-outbox-events',
      sql`update outbox set published_at = ${at}::timestamptz,
          handled_at = case when id = any(${bigintArray(unconsumed)}) then ${at}::timestamptz else handled_at end
        where id = any(${bigintArray(events.map((e) => e.id))})`,
    );
    return { events, publishedAt };
  });
}

/** The address each outbox event is about, by outbox id (rows that are gone are absent; null: names none). */
export async function getOutboxEventAddresses(
  db: Executor,
  outboxIds: readonly number[],
): Promise<Map<number, string | null>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .select({ id: outbox.id, address: outbox.address })
    .from(outbox)
    .where(inArray(outbox.id, [...outboxIds]));
  return new Map(rows.map((r) => [r.id, r.address]));
}

/**
 * Records that the consumer of a notify-events job finished with these events (idempotent: the first time stays).
 * Called after every effect of the fan-out was made durable, so a crash before it only means a re-publish, whose
 * fan-out is idempotent.
 */
export async function markOutboxEventsHandled(db: Executor, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  // The ids as one parameter: a fixed text, prepared once per connection (it runs once per fan-out batch).
  await queryRowsPrepared(
    db,
    'mark-outbox-events-handled',
    sql`update outbox set handled_at = now()
      where event_id = any(array(select json_array_elements_text(${JSON.stringify(eventIds)}::json)::uuid))
        and handled_at is null`,
  );
}

/**
 * Hands back to the relay (published_at = null) events published more than `olderThanSeconds` ago that no consumer
 * marked handled: their notify-events job was lost by Redis (e.g. a failover to a replica that had not received it).
 * The relay enqueues them again; the notification worker's fan-out is idempotent, so one that was merely slow costs
 * a no-op job. At most `limit` rows per call; returns how many.
 */
export async function republishUnhandledOutboxEvents(
  db: Executor,
  olderThanSeconds: number,
  limit = 10_000,
): Promise<number> {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`
    update outbox set published_at = null
    where id in (
      select id from outbox
      where published_at is not null and handled_at is null
        and published_at < now() - make_interval(secs => ${olderThanSeconds})
      order by published_at limit ${limit}
      for update skip locked)
    returning id`,
  );
  return rows.length;
}
