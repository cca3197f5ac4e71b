/**
 * Synchronous rejections: the receiving server answered 4xx/5xx while our sending system was still talking to it,
 * so no bounce message will ever come. The reply is classified by the parser's shared classifier (the same one
 * that reads DSN Diagnostic-Code lines) and applied exactly like a bounce, with source 'send-event'.
 */
import { createHash } from 'node:crypto';
import { classifyReply, type ParseResult, type RecipientResult } from '@bounce/parser';
import {
  type ApplyBouncesOptions,
  type ApplyBouncesResult,
  applyBounces,
  type BounceItem,
} from '../bounces/apply-bounces.js';
import type { Executor } from '../client.js';
import { resolveSendRefs, type SendRef } from './sends.js';

export type SyncRejectionInput = SendRef & {
  /** SMTP reply code, 400-599. */
  replyCode: number;
  /** RFC 3463 enhanced status when the reply had one, e.g. "5.1.1". */
  enhancedStatus?: string | null;
  /** The reply text as received, e.g. "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown". */
  text: string;
  /**
   * The sender will retry this message (a 4xx it queued): recorded like a delay notice, never counted. Default
   * false: the rejection is final for this send and counts like a bounce (soft for 4xx, by reason for 5xx).
   */
  willRetry?: boolean;
  /** Host that answered, when known. */
  remoteMta?: string | null;
  occurredAt: Date;
  /** Caller's key for this report (the same rejection reported twice has no second effect). Default: derived from send and reply. */
  idempotencyKey?: string | null;
};

export type SyncRejectionsResult = ApplyBouncesResult & { unknown: SendRef[] };

function emptyOriginal(): ParseResult['original'] {
  return { messageId: null, returnPath: null, from: null, to: [], subject: null, correlationHeaders: {} };
}

export async function recordSyncRejections(
  db: Executor,
  tenantId: string,
  rejections: readonly SyncRejectionInput[],
  options: ApplyBouncesOptions = {},
): Promise<SyncRejectionsResult> {
  const sends = await resolveSendRefs(db, tenantId, rejections);
  const unknown: SendRef[] = [];
  const items: BounceItem[] = [];
  rejections.forEach((rej, i) => {
    const send = sends[i];
    if (!send) {
      unknown.push({ sendId: rej.sendId ?? null, externalId: rej.externalId ?? null });
      return;
    }
    const verdict = classifyReply(rej.text, rej.enhancedStatus ?? null, rej.replyCode);
    const recipient: RecipientResult = {
      recipient: send.recipient,
      originalRecipient: null,
      action: rej.willRetry ? 'delayed' : 'failed',
      status: verdict.status,
      replyCode: verdict.replyCode ?? rej.replyCode,
      reason: verdict.reason,
      class: verdict.class,
      diagnosticCode: rej.text,
      remoteMta: rej.remoteMta ?? null,
      reportingMta: null,
      feedbackType: null,
      lastAttemptAt: rej.occurredAt.toISOString(),
      detectedBy: 'smtp-reply',
    };
    const parsed: ParseResult = {
      kind: 'bounce',
      recipients: [recipient],
      original: { ...emptyOriginal(), messageId: send.messageId },
      message: { messageId: null, from: null, to: null, subject: null, date: rej.occurredAt.toISOString() },
      error: null,
      truncated: false,
    };
    const key =
      rej.idempotencyKey ??
      `rejection:${createHash('sha256')
        .update(`${send.id}\n${rej.replyCode}\n${rej.text}\n${rej.occurredAt.toISOString()}`)
        .digest('hex')}`;
    items.push({ parsed, idempotencyKey: key, source: 'send-event', send, receivedAt: rej.occurredAt });
  });
  const result = await applyBounces(db, tenantId, items, options);
  return { ...result, unknown };
}
