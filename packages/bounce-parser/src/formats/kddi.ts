import { normaliseAddress } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { oneLine } from './text-blocks.js';

/**
 * KDDI au one net (dion.ne.jp) error notices:
 *
 *   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *        Could not be delivered to: <user@example.dion.ne.jp>
 *        As their mailbox is full.
 */
const RECIPIENT = /could not be delivered to:\s*<([^>\s]+)>\s*\n([^\n]*)/gi;

export const KDDI: FormatDetector = {
  name: 'kddi',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    if (!/your mail sent on:/i.test(text)) return null;
    const recipients = [...text.matchAll(RECIPIENT)].map((m) => ({
      recipient: normaliseAddress(m[1] ?? ''),
      action: 'failed' as const,
      diagnostic: oneLine(m[2] ?? '') || null,
    }));
    return recipients.length > 0 ? { detectedBy: 'kddi', recipients } : null;
  },
};
