import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { type RecipientLine, splitBlocks } from './recipient-blocks.js';
import { oneLine } from './text-blocks.js';

/**
 * Microsoft Exchange 5.5-2003 and its Internet Mail Connector (non-DSN):
 *
 *   Your message
 *     To: ...
 *   did not reach the following recipient(s):
 *
 *   user@example.com on Thu, 29 Apr 2007 16:51:51 -0500
 *       The recipient name is not recognized
 *       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
 */
const LIST = /did not reach the following recipient\(s\):|the following recipient\(s\) could not be reached:/i;
const RECIPIENT = /^\s*([^\s@]+@[\w.-]+)\s+on\s+\S/;

function recipientLine(line: string): RecipientLine {
  const m = RECIPIENT.exec(line);
  return m?.[1] ? { address: m[1], rest: '' } : null;
}

// MSEXCH diagnostic codes (the NDR's hexadecimal cause) whose meaning is documented by Microsoft.
const MSEXCH_CODES: readonly (readonly [RegExp, Candidate['reason']])[] = [
  [/\(000C05A6\)/i, 'userunknown'], // unknown recipient
  [/\(000C0595\)|\(000C0596\)/i, 'expired'], // delivery time expired / max hop count
];

export const EXCHANGE_LEGACY: FormatDetector = {
  name: 'exchange2003',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const list = LIST.exec(text);
    if (!list) return null;
    const blocks = splitBlocks(text.slice(list.index + list[0].length), recipientLine, 'ignored');
    if (blocks.length === 0) return null;
    const recipients = blocks.map((b): Candidate => {
      const code = MSEXCH_CODES.find(([re]) => re.test(b.text));
      return {
        recipient: b.recipient,
        action: 'failed',
        diagnostic: oneLine(b.text) || null,
        reason: code?.[1] ?? null,
      };
    });
    return { detectedBy: 'exchange2003', recipients };
  },
};
