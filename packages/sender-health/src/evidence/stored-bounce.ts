/**
 * Evidence from a bounce as the store keeps it: the verdict row and the evidence source the parse worker stored with
 * its raw message (evidence-source.ts), or, for a message stored without one, the raw bounce while it is kept, parsed
 * again (with the returned original's Received and DKIM-Signature headers, which the row does not carry). The
 * verdict of the row's recipient in either is used; without both (a synchronous rejection, or the raw
 * message was deleted), the row alone gives the reply, the status and the receiving side. Pure.
 */
import { type BounceClass, type DsnAction, parseBounce, type Reason, type RecipientResult } from '@bounce/parser';
import type { SenderEvidence } from '../types.js';
import { SENDER_EVIDENCE_HEADERS, type SenderEvidenceSource, storedEvidenceSource } from './evidence-source.js';
import { extractEvidence } from './extract-evidence.js';

/** The verdict fields of a stored bounce row (a subset of @bounce/db's bounce row, kept plain here). */
export type StoredBounce = {
  recipient: string | null;
  action: string | null;
  status: string | null;
  replyCode: number | null;
  reason: string;
  class: string;
  diagnosticCode: string | null;
  remoteMta: string | null;
  occurredAt: Date;
  /** The raw bounce, null when it is not kept (or not read, the evidence source being stored). */
  raw: Uint8Array | null;
  /** raw_messages.sender_evidence as stored (a SenderEvidenceSource); preferred to parsing `raw` again. */
  senderEvidence?: unknown;
};

function rowVerdict(row: StoredBounce & { recipient: string }): RecipientResult {
  return {
    recipient: row.recipient,
    originalRecipient: null,
    action: (row.action as DsnAction | null) ?? 'failed',
    status: row.status,
    replyCode: row.replyCode,
    reason: row.reason as Reason,
    class: row.class as BounceClass,
    diagnosticCode: row.diagnosticCode,
    remoteMta: row.remoteMta,
    reportingMta: null,
    feedbackType: null,
    lastAttemptAt: row.occurredAt.toISOString(),
    detectedBy: 'stored',
  };
}

/** The sender evidence of a stored bounce; null when the row names no recipient (nothing to tie it to). */
export function evidenceFromStoredBounce(row: StoredBounce): SenderEvidence | null {
  if (!row.recipient) return null;
  const recipient = row.recipient.toLowerCase();
  const stored = rowVerdict({ ...row, recipient });
  const source = storedEvidenceSource(row.senderEvidence);
  const parsed: SenderEvidenceSource | null =
    source ?? (row.raw ? parseBounce(row.raw, { originalHeaders: SENDER_EVIDENCE_HEADERS }) : null);
  if (parsed) {
    const verdict = parsed.recipients.find((r) => r.recipient.toLowerCase() === recipient);
    // The row's verdict is what the rules applied (an operator may have reparsed since); the raw bounce adds the
    // original's headers and the reporting MTA.
    if (verdict) return extractEvidence(parsed, { ...verdict, ...pickVerdict(stored) });
    return extractEvidence(parsed, stored);
  }
  return extractEvidence(
    { recipients: [stored], original: { returnPath: null, from: null }, message: { to: null, date: null } },
    stored,
  );
}

function pickVerdict(v: RecipientResult): Partial<RecipientResult> {
  return {
    reason: v.reason,
    class: v.class,
    status: v.status,
    replyCode: v.replyCode,
    ...(v.diagnosticCode ? { diagnosticCode: v.diagnosticCode } : {}),
    ...(v.remoteMta ? { remoteMta: v.remoteMta } : {}),
  };
}
