/**
 * What a sender diagnosis reads of a parsed bounce besides the verdict row, in a form the store can keep: the
 * verdicts of its recipients and the returned original's envelope sender, From and Received and DKIM-Signature
 * headers. The parse worker stores it (raw_messages.sender_evidence) for a bounce with a sender-side verdict, so the
 * notification worker diagnoses from it instead of reading the raw bounce back and parsing it again. A light module
 * (no DNS, no provider tables): the parse worker imports it.
 */
import type { ParseResult, RecipientResult } from '@bounce/parser';
import { type BounceEvent, DEFAULT_RULE_CONFIG, domainOf, isSenderSide, type RuleConfig } from '@bounce/rules';

/** Headers of the returned original the evidence reads: pass as `ParseOptions.originalHeaders`. */
export const SENDER_EVIDENCE_HEADERS = ['Received', 'DKIM-Signature'] as const;

/** The parts of a ParseResult (parsed with SENDER_EVIDENCE_HEADERS) that extractEvidence reads. */
export type SenderEvidenceSource = {
  recipients: RecipientResult[];
  original: Pick<ParseResult['original'], 'returnPath' | 'from' | 'headers'>;
  message: Pick<ParseResult['message'], 'to' | 'date'>;
};

/**
 * Whether the rules treat this verdict as a rejection aimed at the sender (packages/rules `isSenderSide`), with the
 * default rule configuration unless one is given. Only failures count: a delay notice or a delivery is no rejection.
 */
export function isSenderSideVerdict(
  recipient: RecipientResult,
  kind: ParseResult['kind'],
  config: RuleConfig = DEFAULT_RULE_CONFIG,
): boolean {
  if (kind !== 'bounce' || recipient.action === 'delayed') return false;
  if (recipient.class !== 'soft' && recipient.class !== 'hard' && recipient.class !== 'unknown') return false;
  const domain = domainOf(recipient.recipient);
  const event: BounceEvent = {
    type: 'bounce',
    bounceId: '',
    occurredAt: new Date(0),
    class: recipient.class,
    reason: recipient.reason,
    status: recipient.status,
    replyCode: recipient.replyCode,
    diagnosticCode: recipient.diagnosticCode,
    remoteMta: recipient.remoteMta,
    kind,
    category: null,
    listId: null,
    recipientDomain: domain ? domain.toLowerCase() : '',
    action: recipient.action,
  };
  return isSenderSide(event, config);
}

/**
 * The evidence source of a parse, or null when no verdict is sender-side under the default rules (a tenant whose
 * rules differ gets its diagnosis from the raw bounce, as before). Every recipient is kept: the diagnosis looks up
 * the one its bounce row names.
 */
export function senderEvidenceSourceOf(result: ParseResult): SenderEvidenceSource | null {
  if (!result.recipients.some((r) => isSenderSideVerdict(r, result.kind))) return null;
  const { returnPath, from, headers } = result.original;
  return {
    recipients: result.recipients,
    original: { returnPath, from, headers: headers ?? {} },
    message: { to: result.message.to, date: result.message.date },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A stored source (jsonb, written by senderEvidenceSourceOf) checked for shape; null when it is not one. */
export function storedEvidenceSource(value: unknown): SenderEvidenceSource | null {
  if (!isRecord(value) || !Array.isArray(value.recipients)) return null;
  if (!isRecord(value.original) || !isRecord(value.message)) return null;
  if (!value.recipients.every((r) => isRecord(r) && typeof r.recipient === 'string')) return null;
  return value as SenderEvidenceSource;
}
