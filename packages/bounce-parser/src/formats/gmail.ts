import { findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { commandInText } from './smtp-command.js';
import { between, cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Gmail's legacy non-DSN bounce:
 *
 *   Delivery to the following recipient failed permanently:
 *
 *        user@example.com
 *
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server for the recipient domain ...
 *   The error that the other server returned was:
 *   550 5.1.1 <user@example.com>... User Unknown
 *
 * and its delay notice ("Delivery to the following recipient has been delayed:").
 */
const LIST =
  /^[ \t]*delivery to the following recipients? (?:failed permanently|has been delayed|failed temporarily).*:/im;
const DETAILS = /technical details of (?:permanent|temporary) failure:|^[ \t]*message will be retried/im;
const DELAYED = /has been delayed|failed temporarily|will be retried/i;

export const GMAIL: FormatDetector = {
  name: 'gmail',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const list = LIST.exec(text);
    if (!list) return null;
    const { head, tail } = cutAtOriginal(text);
    const addresses = findAddresses(between(head, LIST, DETAILS) ?? '');
    if (addresses.length === 0) return null;
    const details = between(head, /technical details of (?:permanent|temporary) failure:/i) ?? '';
    const isDelayed = DELAYED.test(list[0]);
    // Gmail heads the details of a retried failure "Technical details of temporary failure:": its own verdict.
    const isTemporary = isDelayed && /technical details of temporary failure/i.test(head);
    const diagnostic = oneLine(details.replace(/^-{5,}.*$/gm, '')) || null;
    return {
      detectedBy: 'gmail',
      recipients: addresses.map((recipient) => ({
        recipient,
        action: isDelayed ? 'delayed' : 'failed',
        isTemporary,
        diagnostic,
        command: commandInText(details),
      })),
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};
