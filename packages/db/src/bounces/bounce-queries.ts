/**
 * Bounces as stored (verdict, match, decision) and the manual-assignment list, for the API.
 */
import { and, desc, eq, getTableColumns, gte, lte, type SQL } from 'drizzle-orm';
import { normalizeOrThrow } from '../addresses/manual-ops.js';
import type { Executor } from '../client.js';
import { bounces } from '../schema.js';
import {
  afterTimeKey,
  cursorTimeOf,
  decodeCursor,
  isTimeUuidCursor,
  type Page,
  pageSize,
  timeKeyedPage,
} from '../sql/paging.js';

export type BounceFilter = {
  recipient?: string;
  class?: string;
  reason?: string;
  /** pending, applied, unmatched, ignored, failed */
  state?: string;
  sendId?: string;
  rawMessageId?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

export type BounceRecord = typeof bounces.$inferSelect;

/** Bounces, most recently received first. */
export async function listBounces(
  db: Executor,
  tenantId: string,
  filter: BounceFilter = {},
): Promise<Page<BounceRecord>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isTimeUuidCursor);
  const where: (SQL | undefined)[] = [eq(bounces.tenantId, tenantId)];
  if (filter.recipient) where.push(eq(bounces.recipient, normalizeOrThrow(filter.recipient)));
  if (filter.class) where.push(eq(bounces.class, filter.class));
  if (filter.reason) where.push(eq(bounces.reason, filter.reason));
  if (filter.state) where.push(eq(bounces.state, filter.state));
  if (filter.sendId) where.push(eq(bounces.sendId, filter.sendId));
  if (filter.rawMessageId) where.push(eq(bounces.rawMessageId, filter.rawMessageId));
  if (filter.since) where.push(gte(bounces.receivedAt, filter.since));
  if (filter.until) where.push(lte(bounces.receivedAt, filter.until));
  if (cursor) where.push(afterTimeKey(bounces.receivedAt, bounces.id, cursor, { idType: 'uuid', descending: true }));
  const rows = await db
    .select({ ...getTableColumns(bounces), cursorAt: cursorTimeOf(bounces.receivedAt) })
    .from(bounces)
    .where(and(...where))
    .orderBy(desc(bounces.receivedAt), desc(bounces.id))
    .limit(limit + 1);
  return timeKeyedPage(rows, limit);
}

/** One bounce of the tenant by id, or null (another tenant's bounce is not found either). */
export async function getBounce(db: Executor, tenantId: string, id: string): Promise<BounceRecord | null> {
  const [row] = await db
    .select()
    .from(bounces)
    .where(and(eq(bounces.tenantId, tenantId), eq(bounces.id, id)))
    .limit(1);
  return row ?? null;
}

/** The manual-assignment list: bounces whose recipient or send could not be matched. */
export async function listUnmatched(
  db: Executor,
  tenantId: string,
  filter: Omit<BounceFilter, 'state'> = {},
): Promise<Page<BounceRecord>> {
  return listBounces(db, tenantId, { ...filter, state: 'unmatched' });
}
