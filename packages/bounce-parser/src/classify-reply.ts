import { classify } from './classify/classify.js';
import { commandInText } from './formats/smtp-command.js';
import type { BounceClass, Reason } from './types.js';

/**
 * Classifies a synchronous SMTP rejection received at send time ("550 5.1.1 <x@y> User unknown") exactly the
 * way a bounce carrying the same reply would be classified. `status` and `replyCode` override what the text
 * states, when the caller has them separately (e.g. from an SMTP client's error object).
 */
export function classifyReply(
  text: string,
  status?: string | null,
  replyCode?: number | null,
): { reason: Reason; class: BounceClass; status: string | null; replyCode: number | null } {
  const verdict = classify({
    diagnostic: text,
    status: status ?? null,
    replyCode: replyCode ?? null,
    command: commandInText(text),
  });
  return {
    reason: verdict.reason,
    class: verdict.class,
    status: status ?? verdict.status,
    replyCode: replyCode ?? verdict.replyCode,
  };
}
