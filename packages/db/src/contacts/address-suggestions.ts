/**
 * Replacement addresses read from automatic replies ("my new address is X", "I have left the company, write to X"),
 * and what becomes of them: suggested (an operator accepts or dismisses it on the contact), or applied at once where
 * the tenant's rule setting applySuggestedAddresses says so. Applying makes the new address the primary address of
 * the contacts that have the old one; the old one stays as a secondary address (the CRM still knows it, and mail to
 * it still finds the contact). Every change writes `contact.address_replaced` in the same transaction.
 */
import type { SuggestedAddressPolicy } from '@bounce/rules';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.js';
import { insertOutboxEvents } from '../outbox/outbox-events.js';
import { addressSuggestions, contactAddresses, contacts } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { inTransaction, textArray } from '../sql/sql-util.js';

export type SuggestionReason = 'new-address' | 'successor';
export type SuggestionStatus = 'suggested' | 'applied' | 'accepted' | 'dismissed';

/** A contact whose primary address a suggestion replaced. */
export type ReplacedContact = { contactId: string; externalId: string };

/** Whether the policy applies a suggestion of this reason without an operator. */
export function policyApplies(policy: SuggestedAddressPolicy, reason: SuggestionReason): boolean {
  switch (policy) {
    case 'never':
      return false;
    case 'new-address':
      return reason === 'new-address';
    case 'all':
      return true;
    default: {
      const never: never = policy;
      return never;
    }
  }
}

/**
 * Makes `suggested` the primary address of the contacts having `address` (all of them, or those of `contactIds`),
 * keeping `address` as a secondary one, and writes one `contact.address_replaced` per contact. Contacts are locked
 * in id order (two transactions replacing addresses of the same contacts cannot deadlock).
 */
export async function replaceContactAddress(
  tx: Executor,
  tenantId: string,
  change: {
    address: string;
    suggested: string;
    suggestionId: string;
    by: 'rule' | 'operator';
    actor?: string;
    contactIds?: readonly string[];
  },
): Promise<ReplacedContact[]> {
  const address = change.address.toLowerCase();
  const suggested = change.suggested.toLowerCase();
  if (address === suggested) return [];
  const holders = await tx
    .select({ contactId: contacts.id, externalId: contacts.externalId })
    .from(contactAddresses)
    .innerJoin(contacts, eq(contacts.id, contactAddresses.contactId))
    .where(
      and(
        eq(contactAddresses.tenantId, tenantId),
        eq(contactAddresses.address, address),
        ...(change.contactIds ? [inArray(contacts.id, [...change.contactIds])] : []),
      ),
    )
    .orderBy(contacts.id)
    .for('update', { of: contacts });
  if (holders.length === 0) return [];
  const ids = holders.map((h) => h.contactId);
  await tx.update(contactAddresses).set({ isPrimary: false }).where(inArray(contactAddresses.contactId, ids));
  await tx
    .insert(contactAddresses)
    .values(ids.map((contactId) => ({ contactId, tenantId, address: suggested, isPrimary: true })))
    .onConflictDoUpdate({ target: [contactAddresses.contactId, contactAddresses.address], set: { isPrimary: true } });
  await tx.update(contacts).set({ updatedAt: sql`now()` }).where(inArray(contacts.id, ids));
  await insertOutboxEvents(
    tx,
    tenantId,
    holders.map((h) => ({
      type: 'contact.address_replaced',
      address,
      payload: {
        contactId: h.contactId,
        externalId: h.externalId,
        previousAddress: address,
        primaryAddress: suggested,
        suggestionId: change.suggestionId,
        by: change.by,
        actor: change.actor ?? null,
      },
    })),
  );
  return holders;
}

export type SuggestionDecision = 'accept' | 'dismiss';

export type DecidedSuggestion = {
  id: string;
  status: SuggestionStatus;
  suggested: string;
  decidedBy: string | null;
  decidedAt: Date | null;
};

/**
 * An operator's decision on a suggestion shown on a contact: accept (the contact's primary address becomes the
 * suggested one) or dismiss. Only a suggestion about one of the contact's addresses, and only once: a decided or
 * applied suggestion is a conflict.
 */
export async function decideAddressSuggestion(
  db: Executor,
  tenantId: string,
  input: { contactId: string; suggestionId: string; decision: SuggestionDecision; actor: string },
): Promise<DecidedSuggestion> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(addressSuggestions)
      .where(and(eq(addressSuggestions.tenantId, tenantId), eq(addressSuggestions.id, input.suggestionId)))
      .for('update');
    const held = row
      ? await tx
          .select({ address: contactAddresses.address })
          .from(contactAddresses)
          .where(and(eq(contactAddresses.contactId, input.contactId), eq(contactAddresses.address, row.address)))
      : [];
    if (!row || held.length === 0) {
      throw new StoreError('not-found', `address suggestion ${input.suggestionId} not found on this contact`);
    }
    if (row.status !== 'suggested') {
      throw new StoreError('conflict', `the suggestion was already ${row.status}`);
    }
    const status = input.decision === 'accept' ? 'accepted' : 'dismissed';
    const decidedAt = new Date();
    await tx
      .update(addressSuggestions)
      .set({ status, decidedBy: input.actor, decidedAt })
      .where(eq(addressSuggestions.id, row.id));
    if (input.decision === 'accept') {
      await replaceContactAddress(tx, tenantId, {
        address: row.address,
        suggested: row.suggested,
        suggestionId: row.id,
        by: 'operator',
        actor: input.actor,
        contactIds: [input.contactId],
      });
    }
    return { id: row.id, status, suggested: row.suggested, decidedBy: input.actor, decidedAt };
  });
}

/** A contact of a blocked address and the contact's other addresses (primary first). */
export type ContactAlternatives = { contactId: string; externalId: string; otherAddresses: string[] };

/**
 * For events about addresses the rules blocked: the contacts of each address with their other addresses, so the
 * CRM can write to the contact there instead. One query for the whole batch; addresses no contact has are absent.
 */
export async function contactAlternativesOf(
  tx: Executor,
  tenantId: string,
  addresses: readonly string[],
): Promise<Map<string, ContactAlternatives[]>> {
  const result = new Map<string, ContactAlternatives[]>();
  if (addresses.length === 0) return result;
  const held = alias(contactAddresses, 'held');
  const rows = await tx
    .select({
      blocked: held.address,
      contactId: contacts.id,
      externalId: contacts.externalId,
      other: contactAddresses.address,
    })
    .from(held)
    .innerJoin(contacts, eq(contacts.id, held.contactId))
    .innerJoin(
      contactAddresses,
      and(eq(contactAddresses.contactId, held.contactId), ne(contactAddresses.address, held.address)),
    )
    // The list as one array parameter, not one parameter per address: the text is the same for every batch, so it
    // is prepared once per connection (the apply path runs it for every batch that blocks an address).
    .where(and(eq(held.tenantId, tenantId), sql`${held.address} = any(${textArray([...new Set(addresses)])})`))
    .orderBy(held.address, contacts.externalId, desc(contactAddresses.isPrimary), contactAddresses.address)
    .prepare('contact-alternatives')
    .execute();
  for (const row of rows) {
    const list = result.get(row.blocked) ?? [];
    let entry = list.find((c) => c.contactId === row.contactId);
    if (!entry) {
      entry = { contactId: row.contactId, externalId: row.externalId, otherAddresses: [] };
      list.push(entry);
    }
    entry.otherAddresses.push(row.other);
    result.set(row.blocked, list);
  }
  return result;
}
