/**
 * What automatic replies say, as outbox events: `address.absent` ("on leave until 12 January") and
 * `address.replacement_suggested` ("my new address is X", or "write to X" after "I have left the company"). The
 * parser reads them (ParseResult.autoReply); the rules already never count an auto-reply as a failure. Built only
 * for bounce rows this transaction inserted, so a replayed batch writes no second event. A suggested address is
 * applied to the contacts of the replying address only where the tenant's rule (applySuggestedAddresses) says so.
 */
import type { AutoReplyReading } from '@bounce/parser';
import type { OutboxEvent, SuggestedAddressPolicy } from '@bounce/rules';
import type { Executor } from '../client.js';
import { policyApplies, type ReplacedContact, replaceContactAddress } from '../contacts/address-suggestions.js';
import { insertOutboxEvents } from '../outbox/outbox-events.js';
import { addressSuggestions } from '../schema.js';
import { uuidv7 } from '../sql/ids.js';

export type AutoReplyNote = {
  /** The replying address (the auto-reply's recipient entry). */
  address: string;
  reading: AutoReplyReading;
  rawMessageId: string | null;
  subject: string | null;
};

/** What became of a note's replacement address: its suggestion row, and the contacts it was applied to. */
export type SuggestionOutcome = { suggestionId: string; applied: boolean; contacts: readonly ReplacedContact[] };

export function autoReplyEvents(
  notes: readonly AutoReplyNote[],
  outcomes: ReadonlyMap<AutoReplyNote, SuggestionOutcome> = new Map(),
): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const note of notes) {
    const { address, reading, rawMessageId, subject } = note;
    const outcome = outcomes.get(note);
    const common = { address, rawMessageId, subject };
    if (reading.absence) {
      events.push({ type: 'address.absent', address, payload: { ...common, absence: reading.absence } });
    }
    if (reading.replacement) {
      events.push({
        type: 'address.replacement_suggested',
        address,
        payload: {
          ...common,
          suggested: reading.replacement.address,
          reason: reading.replacement.reason,
          evidence: reading.replacement.evidence,
          departure: reading.departure,
          suggestionId: outcome?.suggestionId ?? null,
          applied: outcome?.applied ?? false,
          // The contacts whose primary address it became (applied), else empty.
          contacts: (outcome?.contacts ?? []).map((c) => ({ contactId: c.contactId, externalId: c.externalId })),
        },
      });
    }
  }
  return events;
}

/** The suggestion rows of the same notes (address_suggestions), listed on the contacts of the address. */
export function suggestionRows(tenantId: string, notes: readonly AutoReplyNote[]) {
  return notes.flatMap((n) =>
    n.reading.replacement
      ? [
          {
            id: uuidv7(),
            note: n,
            tenantId,
            address: n.address,
            suggested: n.reading.replacement.address.toLowerCase(),
            reason: n.reading.replacement.reason,
            // A successor is only a suggestion because of the departure: keep both sentences.
            evidence:
              n.reading.departure && !n.reading.replacement.evidence.includes(n.reading.departure.evidence)
                ? `${n.reading.departure.evidence} … ${n.reading.replacement.evidence}`
                : n.reading.replacement.evidence,
            rawMessageId: n.rawMessageId,
          },
        ]
      : [],
  );
}

/**
 * In the apply transaction: stores the suggestions of the notes, applies those the policy allows to the contacts of
 * the replying address (a suggestion that finds no contact stays suggested) and writes the notes' events.
 */
export async function recordAutoReplies(
  tx: Executor,
  tenantId: string,
  notes: readonly AutoReplyNote[],
  policy: SuggestedAddressPolicy,
): Promise<void> {
  const rows = suggestionRows(tenantId, notes);
  const outcomes = new Map<AutoReplyNote, SuggestionOutcome>();
  for (const { note, ...row } of rows) {
    const contacts = policyApplies(policy, row.reason)
      ? await replaceContactAddress(tx, tenantId, {
          address: row.address,
          suggested: row.suggested,
          suggestionId: row.id,
          by: 'rule',
        })
      : [];
    const applied = contacts.length > 0;
    await tx.insert(addressSuggestions).values({
      ...row,
      ...(applied ? { status: 'applied' as const, decidedBy: 'rules', decidedAt: new Date() } : {}),
    });
    outcomes.set(note, { suggestionId: row.id, applied, contacts });
  }
  await insertOutboxEvents(tx, tenantId, autoReplyEvents(notes, outcomes));
}
