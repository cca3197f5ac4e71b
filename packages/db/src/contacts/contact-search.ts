/**
 * Finding contacts the way an operator remembers them: part of the name, of the CRM's external id or of one of the
 * addresses ("müller", "CRM-104", "@example.org"), case-insensitive, with keyset paging by name. Each part is a
 * trigram index scan (contacts_search_trgm_idx over name and external id, contact_addresses_address_trgm_idx over
 * the addresses; pg_trgm, migration 0016), so a search costs what it finds, not the size of the tenant's contacts.
 * A search of one or two characters ("Li", "Wu", "Ng": real names) has no whole trigram to look up inside a word, so
 * it finds the words of the name or external id that start with it instead ("wu" finds "Wu", "Jing Wu" and "Wulff",
 * not "Liwu"): pg_trgm pads each word, so `like 'wu%'` and `like '% wu%'` still give the index the trigrams "  w" and
 * " wu" to look up. Addresses are not searched that way (two characters of an address identify nothing).
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { addresses, contactAddresses, contacts } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { decodeCursor, encodeCursor, type Page, pageSize } from '../sql/paging.js';
import { escapeLike } from '../sql/sql-util.js';
import { type Contact, withAddresses } from './contact-store.js';

/** The shortest search text (shorter than TRIGRAM_LENGTH: word prefixes only). */
export const MIN_CONTACT_SEARCH_LENGTH = 1;
/** From this length on, any part of a name, external id or address is found (a trigram inside a word). */
const TRIGRAM_LENGTH = 3;

/** Name and external id as one lower-cased text: the expression contacts_search_trgm_idx indexes, spelled the same. */
export const contactSearchText = sql`lower(coalesce(${contacts.name}, '') || ' ' || ${contacts.externalId})`;
/** Sort key: the name lower-cased (nameless contacts first), then the external id (unique per tenant). */
const sortName = sql`lower(coalesce(${contacts.name}, ''))`;

export type ContactSearch = { q: string; cursor?: string | null; limit?: number };

/** A found contact, with which of its addresses the rules have blocked. */
export type FoundContact = Contact & { blockedAddresses: string[] };

const isNameCursor = (v: unknown): v is { n: string; e: string } =>
  typeof (v as { n?: unknown })?.n === 'string' && typeof (v as { e?: unknown })?.e === 'string';

function likeContaining(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** The tenant's contacts whose name, external id or one of whose addresses contains `q`, by name. */
export async function searchContacts(
  db: Executor,
  tenantId: string,
  search: ContactSearch,
): Promise<Page<FoundContact>> {
  const q = search.q.trim().toLowerCase();
  if (q.length < MIN_CONTACT_SEARCH_LENGTH) {
    throw new StoreError('invalid-input', 'give a text to search for');
  }
  const limit = pageSize(search.limit);
  const matched =
    q.length < TRIGRAM_LENGTH
      ? db
          .select({ id: contacts.id })
          .from(contacts)
          .where(
            and(
              eq(contacts.tenantId, tenantId),
              // A word of the name or the external id starting with q: at the start, or after a space.
              sql`(${contactSearchText} like ${`${escapeLike(q)}%`} or ${contactSearchText} like ${`% ${escapeLike(q)}%`})`,
            ),
          )
      : db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.tenantId, tenantId), sql`${contactSearchText} like ${likeContaining(q)}`))
          .union(
            db
              .select({ id: contactAddresses.contactId })
              .from(contactAddresses)
              .where(
                and(
                  eq(contactAddresses.tenantId, tenantId),
                  sql`${contactAddresses.address} like ${likeContaining(q)}`,
                ),
              ),
          );
  const where: SQL[] = [eq(contacts.tenantId, tenantId), inArray(contacts.id, matched)];
  const cursor = decodeCursor(search.cursor, isNameCursor);
  if (cursor) where.push(sql`(${sortName}, ${contacts.externalId}) > (${cursor.n}, ${cursor.e})`);
  const rows = await db
    .select({ contact: contacts, sortKey: sql<string>`${sortName}` })
    .from(contacts)
    .where(and(...where))
    .orderBy(sortName, asc(contacts.externalId))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const page = await withAddresses(
    db,
    shown.map((r) => r.contact),
  );
  // The sort key as PostgreSQL computed it (its lower() is the collation's, not JavaScript's).
  const last = shown[shown.length - 1];
  return {
    items: await withBlockedAddresses(db, tenantId, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ n: last.sortKey, e: last.contact.externalId }) : null,
  };
}

/** The contacts with which of their addresses the rules have blocked (one query for all of them). */
export async function withBlockedAddresses(
  db: Executor,
  tenantId: string,
  found: readonly Contact[],
): Promise<FoundContact[]> {
  const all = [...new Set(found.flatMap((c) => c.addresses.map((a) => a.address)))];
  const rows =
    all.length === 0
      ? []
      : await db
          .select({ address: addresses.address })
          .from(addresses)
          .where(
            and(eq(addresses.tenantId, tenantId), inArray(addresses.address, all), eq(addresses.state, 'blocked')),
          );
  const blocked = new Set(rows.map((r) => r.address));
  return found.map((c) => ({
    ...c,
    blockedAddresses: c.addresses.map((a) => a.address).filter((a) => blocked.has(a)),
  }));
}
