import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { leadingAddress, splitBlocks } from './recipient-blocks.js';
import { commandInText } from './smtp-command.js';
import { cutAtOriginal, findOnLine, type LinePhrase, oneLine } from './text-blocks.js';

/**
 * OpenSMTPD's report: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail." then one
 * "user@example.com: <error>" line per recipient. Its attached DSN only repeats a generic status (5.0.0,
 * 4.4.7), so the text is what carries the cause.
 */
const SIGNATURE = /this is the mailer-daemon, please do not reply to this e-?mail/i;
// Checked once per line, from its first phrase: a line repeating the phrase without a colon is not rescanned.
const LIST: LinePhrase = { phrase: /following\s+list\s+of\s+recipients|following recipients/gi, rest: /^[^:]*:/ };
const DELAYED = /message is delayed for more than|only a temporary failure/i;

export const OPENSMTPD: FormatDetector = {
  name: 'opensmtpd',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    if (!SIGNATURE.test(text)) return null;
    const { head, tail } = cutAtOriginal(text);
    const list = findOnLine(head, LIST);
    if (!list) return null;
    const blocks = splitBlocks(head.slice(list.end), leadingAddress(0), 'ends');
    if (blocks.length === 0) return null;
    const isDelayed = DELAYED.test(head);
    const recipients = blocks.map(
      (b): Candidate => ({
        recipient: b.recipient,
        action: isDelayed ? 'delayed' : 'failed',
        diagnostic: oneLine(b.text) || null,
        command: commandInText(b.text),
      }),
    );
    return { detectedBy: 'opensmtpd', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
