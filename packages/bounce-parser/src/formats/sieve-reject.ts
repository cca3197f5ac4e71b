import { header, parseHeaderBlock } from '../mime/headers.js';
import { findAddress } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { senderEvidence } from './sender-evidence.js';
import { findOnLine, type LinePhrase, oneLine } from './text-blocks.js';

/**
 * Sieve `reject` (RFC 5429) and Dovecot LDA/LMTP refusals: the recipient's own server refuses the message after
 * accepting it and tells the sender with an MDN (RFC 8098), not a DSN:
 *
 *   Auto-Submitted: auto-replied (rejected)
 *   Content-Type: multipart/report; report-type=disposition-notification
 *
 *   Your message to <user@example.org> was automatically rejected:
 *   Quota exceeded (mailbox for user is full)
 *
 *   Final-Recipient: rfc822; user@example.org
 *   Disposition: automatic-action/MDN-sent-automatically; deleted
 *
 * The disposition alone cannot tell it from a read receipt ("deleted without being read" has the same one), so
 * the rejection must be stated: the "(rejected)" Auto-Submitted parameter Pigeonhole and Dovecot add, or the
 * rejection sentence in a notice sent from the null reverse-path or a system mailbox. Every other MDN is a
 * receipt and stays a non-bounce.
 */
const REJECTED_SENTENCE =
  /\b(?:was|has been) (?:automatically )?(?:rejected|refused)\b|\brejected your message\b|\bmessage (?:was|has been) rejected\b/i;
// The reason follows the rejection sentence's colon, up to the first blank line.
const REASON_LABEL: LinePhrase = { phrase: /rejected|refused/gi, rest: /^[^:]*:/ };

function reasonAfterLabel(text: string): string | null {
  const label = findOnLine(text, REASON_LABEL);
  if (!label) return null;
  const after = text.slice(label.end).replace(/^[ \t]*\n?/, '');
  const blank = /\n[ \t]*\n/.exec(after);
  return blank ? after.slice(0, blank.index) : after;
}

export const SIEVE_REJECT: FormatDetector = {
  name: 'sieve',
  detect(ctx: BounceContext): Detection | null {
    const isMdnReport =
      ctx.root.type === 'multipart/report' && /disposition-notification/i.test(ctx.root.params['report-type'] ?? '');
    const report = ctx.leaves.find((l) => l.type === 'message/disposition-notification');
    if (!isMdnReport && !report) return null;
    const text = ctx.bounceText().slice(0, 8000);
    const autoSubmitted = header(ctx.headers, 'auto-submitted') ?? '';
    const evidence = senderEvidence(ctx);
    const isRejection =
      /\(\s*rejected\s*\)/i.test(autoSubmitted) ||
      ((evidence.isNullPath || evidence.isSystemAddress) && REJECTED_SENTENCE.test(text));
    if (!isRejection) return null;
    const fields = report ? parseHeaderBlock(ctx.textOf(report)).headers : new Map<string, string[]>();
    const recipient =
      findAddress(header(fields, 'final-recipient') ?? '') ??
      findAddress(header(fields, 'original-recipient') ?? '') ??
      findAddress(REJECTED_SENTENCE.exec(text) ? text.slice(0, 500) : '');
    if (!recipient) return null;
    const reason = reasonAfterLabel(text);
    return {
      detectedBy: 'sieve',
      recipients: [
        {
          recipient,
          action: 'failed',
          diagnostic: oneLine(reason ?? text).slice(0, 2000) || null,
          reportingMta: header(fields, 'reporting-ua')?.split(';')[0]?.trim() ?? null,
          // A user's rule refusing the message ("I do not accept ..."): the recipient's filter said no.
          fallbackReason: 'filtered',
        },
      ],
    };
  },
};
