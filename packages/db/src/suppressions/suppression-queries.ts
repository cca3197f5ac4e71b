/**
 * Blocked addresses and per-list suppressions, for the API and exports.
 */
import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AddressRecord } from '../addresses/address-queries.js';
import type { Executor } from '../client.js';
import { addresses, listSuppressions as listSuppressionsTable } from '../schema.js';
import { decodeCursor, encodeCursor, isTimeIdCursor, type Page, pageSize } from '../sql/paging.js';

export type SuppressionFilter = {
  /** hard-bounce, escalation, complaint, manual, import, domain */
  reason?: string;
  domain?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

/** Blocked addresses, most recently blocked first. */
export async function listSuppressedAddresses(
  db: Executor,
  tenantId: string,
  filter: SuppressionFilter = {},
): Promise<Page<AddressRecord>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isTimeIdCursor);
  const where: (SQL | undefined)[] = [eq(addresses.tenantId, tenantId), eq(addresses.state, 'blocked')];
  if (filter.reason) where.push(eq(addresses.suppressionReason, filter.reason));
  if (filter.domain) where.push(eq(addresses.domain, filter.domain.toLowerCase()));
  if (filter.since) where.push(gte(addresses.suppressedAt, filter.since));
  if (filter.until) where.push(lt(addresses.suppressedAt, filter.until));
  if (cursor) {
    const at = new Date(cursor.at);
    where.push(
      or(lt(addresses.suppressedAt, at), and(eq(addresses.suppressedAt, at), lt(addresses.id, Number(cursor.id)))),
    );
  }
  const rows = await db
    .select()
    .from(addresses)
    .where(and(...where))
    .orderBy(desc(addresses.suppressedAt), desc(addresses.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last?.suppressedAt
        ? encodeCursor({ at: last.suppressedAt.toISOString(), id: String(last.id) })
        : null,
  };
}

/** Addresses removed from one list ("remove from list only" rule action or import), by address. */
export async function listListSuppressions(
  db: Executor,
  tenantId: string,
  listId: string,
  filter: { cursor?: string | null; limit?: number } = {},
): Promise<Page<typeof listSuppressionsTable.$inferSelect>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(
    filter.cursor,
    (v): v is { address: string } => typeof (v as { address?: unknown })?.address === 'string',
  );
  const rows = await db
    .select()
    .from(listSuppressionsTable)
    .where(
      and(
        eq(listSuppressionsTable.tenantId, tenantId),
        eq(listSuppressionsTable.listId, listId),
        cursor ? sql`${listSuppressionsTable.address} > ${cursor.address}` : undefined,
      ),
    )
    .orderBy(listSuppressionsTable.address)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ address: last.address }) : null };
}
