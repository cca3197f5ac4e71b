/**
 * Blocked addresses and per-list suppressions, for the API and exports.
 */
import { and, eq, getTableColumns, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AddressRecord } from '../addresses/address-queries.js';
import type { Executor } from '../client.js';
import { addresses, listSuppressions as listSuppressionsTable } from '../schema.js';
import { addressC, addressPrefixRange } from '../sql/address-order.js';
import {
  afterTimeKey,
  cursorTimeOf,
  decodeCursor,
  encodeCursor,
  isTimeIdCursor,
  type Page,
  pageSize,
} from '../sql/paging.js';

export type SuppressionFilter = {
  /** hard-bounce, escalation, complaint, manual, import, domain */
  reason?: string;
  domain?: string;
  /** Addresses starting with this text (case-insensitive). */
  q?: string;
  since?: Date;
  until?: Date;
  /** Most recently blocked first (default), or by address. */
  sort?: 'suppressedAt' | 'address';
  order?: 'asc' | 'desc';
  cursor?: string | null;
  limit?: number;
};

const isAddressCursor = (v: unknown): v is { a: string } => typeof (v as { a?: unknown })?.a === 'string';

/** A (suppressed_at, id) cursor whose parts are a real time and a row id (they are bound as typed parameters). */
const isSuppressionCursor = (v: unknown): v is { at: string; id: string } =>
  isTimeIdCursor(v) && /^[1-9]\d{0,17}$/.test(v.id);

/**
 * Blocked addresses, by block time (default newest first) or by address, with keyset paging: every page costs the
 * same whether it is the first or the ten-thousandth (indexes addresses_tenant_state_idx with the id tie-breaker,
 * and addresses_blocked_address_c_idx). The last page is the first page in the other order.
 */
export async function listSuppressedAddresses(
  db: Executor,
  tenantId: string,
  filter: SuppressionFilter = {},
): Promise<Page<AddressRecord>> {
  const limit = pageSize(filter.limit);
  const sort = filter.sort ?? 'suppressedAt';
  const desc_ = (filter.order ?? (sort === 'address' ? 'asc' : 'desc')) === 'desc';
  const where: (SQL | undefined)[] = [eq(addresses.tenantId, tenantId), eq(addresses.state, 'blocked')];
  if (filter.reason) where.push(eq(addresses.suppressionReason, filter.reason));
  if (filter.domain) where.push(eq(addresses.domain, filter.domain.trim().toLowerCase()));
  if (filter.q?.trim()) where.push(addressPrefixRange(filter.q));
  if (filter.since) where.push(gte(addresses.suppressedAt, filter.since));
  if (filter.until) where.push(lt(addresses.suppressedAt, filter.until));
  const op = sql.raw(desc_ ? '<' : '>');
  const dir = sql.raw(desc_ ? 'desc' : 'asc');
  let order: SQL;
  if (sort === 'address') {
    const cursor = decodeCursor(filter.cursor, isAddressCursor);
    if (cursor) where.push(sql`${addressC} ${op} ${cursor.a}`);
    order = sql`${addressC} ${dir}`;
  } else {
    const cursor = decodeCursor(filter.cursor, isSuppressionCursor);
    // Row comparison: the index's (suppressed_at, id) order, used as an index condition (not a filter).
    if (cursor) {
      where.push(afterTimeKey(addresses.suppressedAt, addresses.id, cursor, { idType: 'bigint', descending: desc_ }));
    }
    order = sql`${addresses.suppressedAt} ${dir}, ${addresses.id} ${dir}`;
  }
  const rows = await db
    .select({ ...getTableColumns(addresses), cursorAt: cursorTimeOf(addresses.suppressedAt) })
    .from(addresses)
    .where(and(...where))
    .orderBy(order)
    .limit(limit + 1);
  const items: AddressRecord[] = rows.slice(0, limit).map(({ cursorAt: _, ...address }) => address);
  const last = rows[items.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    nextCursor =
      sort === 'address'
        ? encodeCursor({ a: last.address })
        : last.cursorAt
          ? encodeCursor({ at: last.cursorAt, id: String(last.id) })
          : null;
  }
  return { items, nextCursor };
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
