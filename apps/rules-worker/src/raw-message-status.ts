/**
 * The rules worker's writes on `raw_messages`: the final status after apply, and the reconciler's query (giving up
 * on a message is the store's `failRawMessages`, which also writes the processing.failed event).
 * Status guards make every write idempotent and never move a row backwards (applied and manual are final).
 */
import { type Executor, rawMessages, UNFINISHED_RAW_STATUSES } from '@bounce/db';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';

/** Statuses before a final one: a raw message seen here for too long has lost its job. */
export const UNFINISHED_STATUSES = UNFINISHED_RAW_STATUSES;

/**
 * Marks applied the batch's rows the store left unfinished (it sets applied/manual itself for every row it wrote
 * bounces for); rows already final are untouched.
 */
export async function markRawApplied(db: Executor, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(rawMessages)
    .set({ status: 'applied', error: null, processedAt: new Date() })
    .where(
      and(
        eq(rawMessages.tenantId, tenantId),
        inArray(rawMessages.id, [...ids]),
        inArray(rawMessages.status, [...UNFINISHED_STATUSES]),
      ),
    );
}

export type StuckRawMessage = { id: string; tenantId: string; status: string };

/** Oldest first, using the (status, received_at) index. */
export async function findStuckRawMessages(
  db: Executor,
  receivedBefore: Date,
  limit: number,
): Promise<StuckRawMessage[]> {
  return db
    .select({ id: rawMessages.id, tenantId: rawMessages.tenantId, status: rawMessages.status })
    .from(rawMessages)
    .where(and(inArray(rawMessages.status, [...UNFINISHED_STATUSES]), lt(rawMessages.receivedAt, receivedBefore)))
    .orderBy(asc(rawMessages.receivedAt))
    .limit(limit);
}
