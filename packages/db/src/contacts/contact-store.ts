/**
 * Contacts: the CRM's people, each with an external id (the CRM's), a name and several addresses (one primary).
 * The CRM upserts them in bulk and idempotently by external id: sending the same batch twice changes nothing, and a
 * contact's address list is replaced by the one sent. Addresses are stored lower-cased, so bounces, replies and
 * suggestions (address_suggestions: "my new address is X" read from auto-replies) find their contact by address.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client.js';
import { addresses, addressSuggestions, contactAddresses, contacts } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction, jsonTable, queryRows } from '../sql/sql-util.js';

/** At most this many contacts per upsert call: one transaction of bounded size. */
export const MAX_CONTACTS_PER_UPSERT = 1_000;

const address = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/, 'must be an e-mail address')
  .transform((v) => v.toLowerCase());

export const contactInputSchema = z.object({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().max(300).nullable().default(null),
  /** The first one marked primary is the primary address; without a mark, the first address. */
  addresses: z
    .array(z.object({ address, primary: z.boolean().default(false) }))
    .min(1)
    .max(50),
});
export type ContactInput = z.input<typeof contactInputSchema>;

export const contactUpsertSchema = z.object({
  contacts: z.array(contactInputSchema).min(1).max(MAX_CONTACTS_PER_UPSERT),
});

export type Contact = {
  id: string;
  externalId: string;
  name: string | null;
  addresses: { address: string; primary: boolean }[];
  createdAt: Date;
  updatedAt: Date;
};

export type ContactUpsertResult = { created: number; updated: number; unchanged: number };

/**
 * Creates or updates contacts by external id in one transaction (contacts locked in external-id order, so two
 * concurrent batches cannot deadlock). The same external id twice in one batch is an input error.
 */
export async function upsertContacts(
  db: Executor,
  tenantId: string,
  input: readonly ContactInput[],
): Promise<ContactUpsertResult> {
  const parsed = z.array(contactInputSchema).max(MAX_CONTACTS_PER_UPSERT).safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StoreError('invalid-input', `invalid contacts: ${issues}`);
  }
  const items = parsed.data
    .map((c) => ({ ...c, addresses: normaliseAddresses(c.addresses) }))
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.externalId === items[i - 1]!.externalId) {
      throw new StoreError('invalid-input', `invalid contacts: external id "${items[i]!.externalId}" appears twice`);
    }
  }
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  return inTransaction(db, async (tx) => {
    const before = await tx
      .select({ id: contacts.id, externalId: contacts.externalId, name: contacts.name })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tenantId),
          inArray(
            contacts.externalId,
            items.map((c) => c.externalId),
          ),
        ),
      )
      .orderBy(asc(contacts.externalId))
      .for('update');
    const existingAddresses = await addressesOf(
      tx,
      before.map((c) => c.id),
    );
    const rows = await queryRows<{ id: string; external_id: string }>(
      tx,
      sql`insert into contacts (tenant_id, external_id, name)
          select ${tenantId}, r."externalId", r.name from ${jsonTable({ externalId: 'text', name: 'text' }, items)} as r
          order by r._n
          on conflict (tenant_id, external_id) do update set name = excluded.name,
            updated_at = case when contacts.name is distinct from excluded.name then now() else contacts.updated_at end
          returning id, external_id`,
    );
    const idOf = new Map(rows.map((r) => [r.external_id, r.id]));
    const beforeById = new Map(before.map((c) => [c.externalId, c]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const changedIds: string[] = [];
    for (const item of items) {
      const id = idOf.get(item.externalId)!;
      const old = beforeById.get(item.externalId);
      if (!old) {
        created++;
        changedIds.push(id);
        continue;
      }
      const same = old.name === item.name && sameAddresses(existingAddresses.get(old.id) ?? [], item.addresses);
      if (same) unchanged++;
      else {
        updated++;
        changedIds.push(id);
      }
    }
    if (changedIds.length > 0) {
      const changed = new Set(changedIds);
      await tx.delete(contactAddresses).where(inArray(contactAddresses.contactId, changedIds));
      const addressRows = items
        .filter((c) => changed.has(idOf.get(c.externalId)!))
        .flatMap((c) =>
          c.addresses.map((a) => ({
            contactId: idOf.get(c.externalId)!,
            tenantId,
            address: a.address,
            isPrimary: a.primary,
          })),
        );
      if (addressRows.length > 0) await tx.insert(contactAddresses).values(addressRows);
      await tx.update(contacts).set({ updatedAt: new Date() }).where(inArray(contacts.id, changedIds));
    }
    return { created, updated, unchanged };
  });
}

/** One primary (the first marked, else the first), no address twice. */
function normaliseAddresses(
  list: readonly { address: string; primary: boolean }[],
): { address: string; primary: boolean }[] {
  const seen = new Set<string>();
  const unique = list.filter((a) => !seen.has(a.address) && seen.add(a.address));
  const primaryIndex = Math.max(
    0,
    unique.findIndex((a) => a.primary),
  );
  return unique.map((a, i) => ({ address: a.address, primary: i === primaryIndex }));
}

function sameAddresses(
  a: readonly { address: string; primary: boolean }[],
  b: readonly { address: string; primary: boolean }[],
): boolean {
  if (a.length !== b.length) return false;
  const key = (x: { address: string; primary: boolean }) => `${x.address}|${x.primary}`;
  const set = new Set(a.map(key));
  return b.every((x) => set.has(key(x)));
}

async function addressesOf(
  db: Executor,
  contactIds: readonly string[],
): Promise<Map<string, { address: string; primary: boolean }[]>> {
  const out = new Map<string, { address: string; primary: boolean }[]>();
  if (contactIds.length === 0) return out;
  const rows = await db
    .select({
      contactId: contactAddresses.contactId,
      address: contactAddresses.address,
      primary: contactAddresses.isPrimary,
    })
    .from(contactAddresses)
    .where(inArray(contactAddresses.contactId, [...contactIds]))
    .orderBy(asc(contactAddresses.contactId), sql`${contactAddresses.isPrimary} desc`, asc(contactAddresses.address));
  for (const r of rows)
    out.set(r.contactId, [...(out.get(r.contactId) ?? []), { address: r.address, primary: r.primary }]);
  return out;
}

export async function withAddresses(db: Executor, rows: (typeof contacts.$inferSelect)[]): Promise<Contact[]> {
  const addresses = await addressesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    name: r.name,
    addresses: addresses.get(r.id) ?? [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function getContactByExternalId(
  db: Executor,
  tenantId: string,
  externalId: string,
): Promise<Contact | null> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.externalId, externalId)));
  return (await withAddresses(db, rows))[0] ?? null;
}

/** Contacts that have this address (usually one). */
export async function findContactsByAddress(db: Executor, tenantId: string, value: string): Promise<Contact[]> {
  const rows = await db
    .select({ contact: contacts })
    .from(contactAddresses)
    .innerJoin(contacts, eq(contacts.id, contactAddresses.contactId))
    .where(and(eq(contactAddresses.tenantId, tenantId), eq(contactAddresses.address, value.trim().toLowerCase())))
    .orderBy(asc(contacts.externalId))
    .limit(100);
  return withAddresses(
    db,
    rows.map((r) => r.contact),
  );
}

export type AddressSuggestion = {
  id: string;
  address: string;
  suggested: string;
  reason: 'new-address' | 'successor';
  evidence: string;
  rawMessageId: string | null;
  /** suggested (waiting for an operator), applied (by the tenant's rule), accepted or dismissed (by an operator). */
  status: 'suggested' | 'applied' | 'accepted' | 'dismissed';
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

/** Replacement addresses read from auto-replies for the contact's addresses, newest first. Never applied. */
export async function listContactSuggestions(
  db: Executor,
  tenantId: string,
  contact: Contact,
): Promise<AddressSuggestion[]> {
  if (contact.addresses.length === 0) return [];
  const rows = await db
    .select()
    .from(addressSuggestions)
    .where(
      and(
        eq(addressSuggestions.tenantId, tenantId),
        inArray(
          addressSuggestions.address,
          contact.addresses.map((a) => a.address),
        ),
      ),
    )
    .orderBy(sql`${addressSuggestions.createdAt} desc`)
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    suggested: r.suggested,
    reason: r.reason,
    evidence: r.evidence,
    rawMessageId: r.rawMessageId,
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  }));
}

/** Delivery state of a contact's address: blocked or not, and the absence window an automatic reply announced. */
export type ContactAddressState = {
  address: string;
  state: 'active' | 'blocked';
  suppressionReason: string | null;
  absentFrom: Date | null;
  absentUntil: Date | null;
};

/** The delivery state of each of the contact's addresses that the rules know (an unknown address is absent). */
export async function contactAddressStates(
  db: Executor,
  tenantId: string,
  contact: Contact,
): Promise<ContactAddressState[]> {
  if (contact.addresses.length === 0) return [];
  return db
    .select({
      address: addresses.address,
      state: addresses.state,
      suppressionReason: addresses.suppressionReason,
      absentFrom: addresses.absentFrom,
      absentUntil: addresses.absentUntil,
    })
    .from(addresses)
    .where(
      and(
        eq(addresses.tenantId, tenantId),
        inArray(
          addresses.address,
          contact.addresses.map((a) => a.address),
        ),
      ),
    )
    .orderBy(asc(addresses.address));
}
