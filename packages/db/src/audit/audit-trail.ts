/**
 * The audit trail, newest first, filtered by address, actor, rule or time.
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { normalizeOrThrow } from '../addresses/manual-ops.js';
import type { Executor } from '../client.js';
import { auditLog } from '../schema.js';
import { decodeCursor, encodeCursor, isIdCursor, type Page, pageSize } from '../sql/paging.js';

export type AuditFilter = {
  address?: string;
  action?: string;
  actor?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

export type AuditEntry = typeof auditLog.$inferSelect;

/** The audit trail, newest first. */
export async function listAuditTrail(
  db: Executor,
  tenantId: string,
  filter: AuditFilter = {},
): Promise<Page<AuditEntry>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isIdCursor);
  const where: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
  if (filter.address) where.push(eq(auditLog.address, normalizeOrThrow(filter.address)));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
  if (filter.since) where.push(gte(auditLog.createdAt, filter.since));
  if (filter.until) where.push(lt(auditLog.createdAt, filter.until));
  if (cursor) where.push(lt(auditLog.id, cursor.id));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}
