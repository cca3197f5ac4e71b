import { decodeHeaderValue } from '../mime/encoded-words.js';
import { header, parseHeaderBlock } from '../mime/headers.js';
import { findAddress, findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';

/**
 * Complaint reports:
 * - ARF (RFC 5965): multipart/report; report-type=feedback-report with a message/feedback-report part
 *   (Feedback-Type, Original-Rcpt-To, Removal-Recipient) and the original message or its headers;
 * - Microsoft's older JMRP form: a plain multipart/mixed "complaint about message from <ip>" carrying the
 *   original as message/rfc822;
 * - one-click unsubscribe mails that mail clients (Apple Mail) send on the user's behalf.
 * The complaining recipient is Original-Rcpt-To, else Removal-Recipient, else the original message's To.
 */
const JMRP_SUBJECT = /^complaint about message from\b/i;
const UNSUBSCRIBE_TEXT = /sent this (?:e-?mail|message) to unsubscribe from/i;

function originalTo(ctx: BounceContext): string[] {
  for (const leaf of ctx.leaves) {
    if (leaf.embedded) {
      // Hotmail/Outlook.com's JMRP copy names the complaining mailbox in its own field; the To of a newsletter is
      // often undisclosed.
      const hotmail = findAddresses(header(leaf.embedded.headers, 'x-hmxmroriginalrecipient') ?? '');
      if (hotmail.length > 0) return hotmail;
      const to = header(leaf.embedded.headers, 'to');
      if (to) return findAddresses(decodeHeaderValue(to));
    }
  }
  return [];
}

export const ARF: FormatDetector = {
  name: 'arf',
  detect(ctx: BounceContext): Detection | null {
    const report = ctx.leaves.find((l) => l.type === 'message/feedback-report');
    const isFeedbackReport =
      ctx.root.type === 'multipart/report' && /feedback-report/i.test(ctx.root.params['report-type'] ?? '');
    if (report || isFeedbackReport) {
      const fields = report ? parseHeaderBlock(ctx.textOf(report)).headers : new Map<string, string[]>();
      const feedbackType = (header(fields, 'feedback-type') ?? 'abuse').trim().toLowerCase();
      let recipients = findAddresses((fields.get('original-rcpt-to') ?? []).join(' '));
      if (recipients.length === 0) recipients = findAddresses((fields.get('removal-recipient') ?? []).join(' '));
      if (recipients.length === 0) recipients = originalTo(ctx);
      if (recipients.length === 0) recipients = [''];
      return {
        detectedBy: 'arf',
        kind: 'complaint',
        recipients: recipients.map((recipient) => ({ recipient, reason: 'feedback', feedbackType })),
      };
    }
    if (JMRP_SUBJECT.test(ctx.subject) && ctx.leaves.some((l) => l.embedded)) {
      const recipients = originalTo(ctx);
      return {
        detectedBy: 'arf',
        kind: 'complaint',
        recipients: (recipients.length ? recipients : ['']).map((recipient) => ({
          recipient,
          reason: 'feedback',
          feedbackType: 'abuse',
        })),
      };
    }
    if (UNSUBSCRIBE_TEXT.test(ctx.bounceText().slice(0, 2000))) {
      const from = findAddress(ctx.from);
      if (!from) return null;
      return {
        detectedBy: 'arf',
        kind: 'complaint',
        recipients: [{ recipient: from, reason: 'feedback', feedbackType: 'opt-out' }],
      };
    }
    return null;
  },
};
