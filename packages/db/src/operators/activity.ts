/** The activity log: who changed what through the API (people and keys), and every sign-in attempt. */
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { activityLog } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { type Page, pageSize } from '../sql/paging.js';

export type ActivityEntry = typeof activityLog.$inferSelect;
export type NewActivityEntry = Omit<typeof activityLog.$inferInsert, 'id' | 'createdAt'>;

export async function recordActivity(db: Executor, entry: NewActivityEntry): Promise<void> {
  await db.insert(activityLog).values(entry);
}

export type ActivityFilter = {
  actor?: string;
  /** Exact, or a prefix ending in "*" ("PATCH /v1/mailboxes*"). */
  action?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

export async function listActivity(
  db: Executor,
  tenantId: string,
  filter: ActivityFilter = {},
): Promise<Page<ActivityEntry>> {
  const limit = pageSize(filter.limit);
  let before: number | null = null;
  if (filter.cursor) {
    before = Number(filter.cursor);
    if (!Number.isSafeInteger(before) || before <= 0) throw new StoreError('invalid-input', 'invalid cursor');
  }
  const where: (SQL | undefined)[] = [eq(activityLog.tenantId, tenantId)];
  if (filter.actor) where.push(eq(activityLog.actor, filter.actor));
  if (filter.action) {
    where.push(
      filter.action.endsWith('*')
        ? sql`starts_with(${activityLog.action}, ${filter.action.slice(0, -1)})`
        : eq(activityLog.action, filter.action),
    );
  }
  if (filter.since) where.push(gte(activityLog.createdAt, filter.since));
  if (filter.until) where.push(lt(activityLog.createdAt, filter.until));
  if (before !== null) where.push(lt(activityLog.id, before));
  const rows = await db
    .select()
    .from(activityLog)
    .where(and(...where))
    .orderBy(desc(activityLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}
