/**
 * Evidence from a bounce as the store keeps it: the verdict row and, while it is kept, the raw bounce. The raw bounce
 * is parsed again (with the returned original's Received and DKIM-Signature headers, which the row does not carry)
 * and the verdict of the row's recipient is used; without the raw bounce (a synchronous rejection, or the raw
 * message was deleted), the row alone gives the reply, the status and the receiving side. Pure.
 */
import { type BounceClass, type DsnAction, parseBounce, type Reason, type RecipientResult } from '@bounce/parser';
import type { SenderEvidence } from '../types.js';
import { extractEvidence, SENDER_EVIDENCE_HEADERS } from './extract-evidence.js';

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
  /** The raw bounce, null when it is not kept. */
  raw: Uint8Array | null;
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
  if (row.raw) {
    const parsed = parseBounce(row.raw, { originalHeaders: SENDER_EVIDENCE_HEADERS });
    const verdict = parsed.recipients.find((r) => r.recipient.toLowerCase() === recipient);
    // The row's verdict is what the rules applied (an operator may have reparsed since); the raw bounce adds the
    // original's headers and the reporting MTA.
    if (verdict) return extractEvidence(parsed, { ...verdict, ...pickVerdict(stored) });
    return extractEvidence(parsed, stored);
  }
  return extractEvidence(
    {
      kind: 'bounce',
      recipients: [stored],
      original: { messageId: null, returnPath: null, from: null, to: [], subject: null, correlationHeaders: {} },
      message: { messageId: null, from: null, to: null, subject: null, date: null },
      error: null,
      truncated: false,
    },
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
