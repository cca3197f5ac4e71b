import { normaliseAddress } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { commandInText } from './smtp-command.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * DragonFly Mail Agent (dma), one recipient per bounce:
 *
 *   There was an error delivering your mail to <user@example.com>.
 *
 *   mx.example.com [192.0.2.25] did not like our RCPT TO:
 *   550 5.1.1 <user@example.com>: Recipient address rejected: User unknown
 *
 *   Message headers follow.
 */
const SIGNATURE = /there was an error delivering your mail to <([^>\s]+)>/i;

export const DRAGONFLY: FormatDetector = {
  name: 'dragonfly',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const m = SIGNATURE.exec(text);
    if (!m?.[1]) return null;
    const { head, tail } = cutAtOriginal(text);
    const rest = head.slice(m.index + m[0].length).replace(/^\.\s*/, '');
    const host = /^[ \t]*(\S+) \[[^\]\s]+\] did not like/m.exec(rest);
    return {
      detectedBy: 'dragonfly',
      recipients: [
        {
          recipient: normaliseAddress(m[1]),
          action: 'failed',
          diagnostic: oneLine(rest) || null,
          command: commandInText(rest),
          remoteMta: host?.[1] ?? null,
        },
      ],
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};
