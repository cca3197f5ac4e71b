/**
 * Reading the outbox for the relay: claiming unpublished rows and marking them published, in one transaction, so
 * any number of relays on any number of machines publish each row once in effect (see the relay in the rules
 * worker for the whole argument).
 */
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { outbox } from '../schema.js';
import { withTransaction } from '../sql/sql-util.js';

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

/**
 * Claims up to `limit` unpublished rows, oldest first, with `FOR UPDATE SKIP LOCKED` (a second relay skips what
 * this one holds), hands them to `publish`, then marks them published in the same transaction. When `publish`
 * throws, nothing is marked and the rows are claimed again later. Returns the rows published and when. Rows
 * `publish` chooses not to enqueue (nobody subscribes to them) are marked all the same: the outbox stays the event
 * log either way.
 */
export async function publishOutboxEvents(
  db: Executor,
  limit: number,
  /** Gets the claiming transaction too, for reads that must not wait for a second pooled connection. */
  publish: (events: readonly UnpublishedEvent[], tx: Executor) => Promise<void>,
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
        mayStartDiagnosis: sql<boolean>`("outbox"."type" = 'bounce.unmatched'
          or ("outbox"."type" = 'bounce.recorded' and "outbox"."payload" #>> '{decision,rule}' = 'sender-side'))`,
      })
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const publishedAt = new Date();
    if (events.length === 0) return { events, publishedAt };
    await publish(events, tx);
    await tx
      .update(outbox)
      .set({ publishedAt })
      .where(
        inArray(
          outbox.id,
          events.map((e) => e.id),
        ),
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
