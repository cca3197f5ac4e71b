/**
 * Addresses in byte order (COLLATE "C"), whatever the database's collation: prefix search and paging by address are
 * then range scans of the indexes addresses_tenant_address_c_idx and addresses_blocked_address_c_idx.
 */
import { type SQL, sql } from 'drizzle-orm';
import { addresses } from '../schema.js';

export const addressC = sql`(${addresses.address} collate "C")`;

/** [q, q + U+10FFFF): every normalised address that starts with q, as a range on the "C" ordering. */
export function addressPrefixRange(q: string): SQL {
  const prefix = q.trim().toLowerCase();
  return sql`${addressC} >= ${prefix} and ${addressC} < ${`${prefix}\u{10FFFF}`}`;
}
