/**
 * An address's state, counters, list suppressions and recent history, for the API.
 */
import { and, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { addresses, domainBlocks, listSuppressions as listSuppressionsTable, sends } from '../schema.js';
import { addressC, addressPrefixRange } from '../sql/address-order.js';
import { decodeCursor, encodeCursor, type Page, pageSize } from '../sql/paging.js';
import { normalizeOrThrow } from './manual-ops.js';

export type AddressRecord = typeof addresses.$inferSelect;

export type AddressDetails = {
  address: string;
  /** null: the address was never seen (it is treated as active and clean). */
  record: AddressRecord | null;
  listSuppressions: (typeof listSuppressionsTable.$inferSelect)[];
  domainBlock: typeof domainBlocks.$inferSelect | null;
};

export async function getAddress(db: Executor, tenantId: string, address: string): Promise<AddressDetails> {
  const normalized = normalizeOrThrow(address);
  const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
  const [record] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, tenantId), eq(addresses.address, normalized)));
  const lists = await db
    .select()
    .from(listSuppressionsTable)
    .where(and(eq(listSuppressionsTable.tenantId, tenantId), eq(listSuppressionsTable.address, normalized)))
    .orderBy(listSuppressionsTable.listId);
  const [block] = await db
    .select()
    .from(domainBlocks)
    .where(and(eq(domainBlocks.tenantId, tenantId), eq(domainBlocks.domain, domain)));
  return { address: normalized, record: record ?? null, listSuppressions: lists, domainBlock: block ?? null };
}

export type AddressSearch = {
  /** Addresses starting with this text; "@domain" finds the addresses of a domain. */
  q?: string;
  state?: 'active' | 'blocked';
  /** Only addresses with at least this many consecutive soft failures. */
  minSoftFailures?: number;
  cursor?: string | null;
  limit?: number;
};

/** Known addresses of the tenant (any state) by address, with keyset paging: the Addresses page's search. */
export async function searchAddresses(
  db: Executor,
  tenantId: string,
  search: AddressSearch,
): Promise<Page<AddressRecord>> {
  const limit = pageSize(search.limit);
  const where: (SQL | undefined)[] = [eq(addresses.tenantId, tenantId)];
  const q = search.q?.trim().toLowerCase() ?? '';
  if (q.startsWith('@')) where.push(eq(addresses.domain, q.slice(1)));
  else if (q) where.push(addressPrefixRange(q));
  if (search.state) where.push(eq(addresses.state, search.state));
  if (search.minSoftFailures) where.push(gte(addresses.consecutiveSoftFailures, search.minSoftFailures));
  const cursor = decodeCursor(search.cursor, (v): v is { a: string } => typeof (v as { a?: unknown })?.a === 'string');
  if (cursor) where.push(sql`${addressC} > ${cursor.a}`);
  const rows = await db
    .select()
    .from(addresses)
    .where(and(...where))
    .orderBy(sql`${addressC} asc`)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ a: last.address }) : null };
}

/** The categories and lists an address was sent mail in (at most 50 pairs), for its per-category verdicts. */
export async function sendContextsOf(
  db: Executor,
  tenantId: string,
  address: string,
): Promise<{ category: string; listId: string | null }[]> {
  return db
    .select({ category: sends.category, listId: sends.listId })
    .from(sends)
    .where(and(eq(sends.tenantId, tenantId), eq(sends.recipient, address)))
    .groupBy(sends.category, sends.listId)
    .orderBy(sends.category, sends.listId)
    .limit(50);
}
