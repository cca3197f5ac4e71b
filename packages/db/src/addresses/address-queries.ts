/**
 * An address's state, counters, list suppressions and recent history, for the API.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { addresses, domainBlocks, listSuppressions as listSuppressionsTable } from '../schema.js';
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
