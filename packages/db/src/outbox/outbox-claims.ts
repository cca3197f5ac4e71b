/**
 * Reading the outbox for the relay: claiming unpublished rows and marking them published, in one transaction, so
 * any number of relays on any number of machines publish each row once in effect (see the relay in the rules
 * worker for the whole argument).
 */
import { asc, eq, inArray, isNull } from 'drizzle-orm';
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
};

/**
 * Claims up to `limit` unpublished rows, oldest first, with `FOR UPDATE SKIP LOCKED` (a second relay skips what
 * this one holds), hands them to `publish`, then marks them published in the same transaction. When `publish`
 * throws, nothing is marked and the rows are claimed again later. Returns the rows published and when.
 */
export async function publishOutboxEvents(
  db: Executor,
  limit: number,
  publish: (events: readonly UnpublishedEvent[]) => Promise<void>,
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
      })
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const publishedAt = new Date();
    if (events.length === 0) return { events, publishedAt };
    await publish(events);
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

/** The address an outbox event is about (null when the row is gone or names none). */
export async function getOutboxEventAddress(
  db: Executor,
  outboxId: number,
): Promise<{ address: string | null } | null> {
  const [row] = await db.select({ address: outbox.address }).from(outbox).where(eq(outbox.id, outboxId)).limit(1);
  return row ?? null;
}
