import type { MessageKind, ParseResult } from './types.js';

/** One recipient of an evaluation NDJSON line (shared/eval/README.md). */
export type EvalRecipient = {
  recipient: string;
  status: string | null;
  replyCode: number | null;
  reason: string;
  class: string;
  action: string | null;
  diagnosticCode: string | null;
  remoteMta: string | null;
  feedbackType: string | null;
  originalMessageId: string | null;
  detectedBy: string;
};

export type EvalRecord = { file: string; kind: MessageKind; recipients: EvalRecipient[] };

/** The exact object of one `bounce parse --ndjson` line: the CLI only serialises it. */
export function toEvalRecord(file: string, result: ParseResult): EvalRecord {
  return {
    file,
    kind: result.kind,
    recipients: result.recipients.map((r) => ({
      recipient: r.recipient,
      status: r.status,
      replyCode: r.replyCode,
      reason: r.reason,
      class: r.class,
      action: r.action,
      diagnosticCode: r.diagnosticCode,
      remoteMta: r.remoteMta,
      feedbackType: r.feedbackType,
      originalMessageId: result.original.messageId,
      detectedBy: r.detectedBy,
    })),
  };
}
