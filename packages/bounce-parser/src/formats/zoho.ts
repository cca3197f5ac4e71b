import { normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Zoho Mail's bounces put each recipient on one line with the remote reply split into fields:
 *   user@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.com>... User Unknown
 *   [Status: Error, Address: <user@example.com>, ResponseCode 421, , Host not reachable.]
 * Delay notices ("THIS IS A WARNING MESSAGE ONLY") use the same lines.
 */
// Written so that no two parts can trade characters (a line of "@" or of blanks made the former pattern
// quadratic: 203 s at 500 KB, issue 12); blanks around the captured text are trimmed by oneLine.
const ERROR_CODE_LINE =
  /^[ \t]*([^\s@]+@\S+)[ \t][^,\r\n\u2028\u2029]*,[ \t]*ERROR_CODE[ \t]*:[ \t]*(?:(\d{3})[ \t]*)?,[ \t]*ERROR_CODE[ \t]*:(.*)$/gim;
const STATUS_LINE = /\[Status:\s*\w+,\s*Address:\s*<([^<>]+)>,\s*ResponseCode\s*(?:(\d{3})\s*)?,[^,[\]]*,([^[\]]*)\]/gi;
const DELAY = /this is a warning message only|will be retried/i;

export const ZOHO: FormatDetector = {
  name: 'zoho',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    if (!/ERROR_CODE\s*:|\[Status:\s*\w+,\s*Address:/i.test(text)) return null;
    const { head, tail } = cutAtOriginal(text);
    const isDelay = DELAY.test(head) || /delay/i.test(ctx.subject);
    const recipients: Candidate[] = [];
    for (const m of head.matchAll(ERROR_CODE_LINE)) {
      recipients.push({
        recipient: normaliseAddress(m[1] ?? ''),
        action: isDelay ? 'delayed' : 'failed',
        replyCode: m[2] ? Number(m[2]) : null,
        diagnostic: oneLine(`${m[2] ?? ''} ${m[3] ?? ''}`) || null,
      });
    }
    for (const m of head.matchAll(STATUS_LINE)) {
      recipients.push({
        recipient: normaliseAddress(m[1] ?? ''),
        action: isDelay ? 'delayed' : 'failed',
        replyCode: m[2] ? Number(m[2]) : null,
        diagnostic: oneLine(m[3] ?? '') || null,
      });
    }
    if (recipients.length === 0) return null;
    return { detectedBy: 'zoho', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
