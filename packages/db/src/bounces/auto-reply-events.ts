/**
 * What automatic replies say, as outbox events: `address.absent` ("on leave until 12 January") and
 * `address.replacement_suggested` ("my new address is X", or "write to X" after "I have left the company"). The
 * parser reads them (ParseResult.autoReply); the rules already never count an auto-reply as a failure. Built only
 * for bounce rows this transaction inserted, so a replayed batch writes no second event. A suggested address is
 * never applied here.
 */
import type { AutoReplyReading } from '@bounce/parser';
import type { OutboxEvent } from '@bounce/rules';

export type AutoReplyNote = {
  /** The replying address (the auto-reply's recipient entry). */
  address: string;
  reading: AutoReplyReading;
  rawMessageId: string | null;
  subject: string | null;
};

export function autoReplyEvents(notes: readonly AutoReplyNote[]): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const { address, reading, rawMessageId, subject } of notes) {
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
          applied: false,
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
