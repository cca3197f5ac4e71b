import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { type RecipientLine, splitBlocks } from './recipient-blocks.js';
import { commandInText } from './smtp-command.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * qmail-send's bounce and the qmail-like texts of Yahoo and others: each failed address on its own line as
 * "<user@example.com>:", followed by what the remote host said, then "--- Below this line is a copy of the
 * message." qmail states its own conclusions with a status in the text ("(#5.1.2)").
 */
const SIGNATURE =
  /this is the qmail-send program|unable to deliver your message to the following address|unable to deliver message to the following address|i'm afraid i wasn't able to deliver your message/i;
const RECIPIENT = /^\s*<([^<>\s@]+@[^<>\s]+)>:(.*)$/;

function recipientLine(line: string): RecipientLine {
  const m = RECIPIENT.exec(line);
  return m?.[1] ? { address: m[1], rest: (m[2] ?? '').trimStart() } : null;
}

export const QMAIL: FormatDetector = {
  name: 'qmail',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const sig = SIGNATURE.exec(text);
    if (!sig) return null;
    const { head, tail } = cutAtOriginal(text);
    const blocks = splitBlocks(head.slice(sig.index), recipientLine, 'ignored');
    if (blocks.length === 0) return null;
    const recipients = blocks.map(
      (b): Candidate => ({
        recipient: b.recipient,
        action: 'failed',
        diagnostic: oneLine(b.text.replace(/^remote host said:\s*/im, '')) || null,
        command: commandInText(b.text) ?? (/\[rcpt_to\]/i.test(b.text) ? 'RCPT' : null),
      }),
    );
    const name = /qmail-send/i.test(text) ? 'qmail' : /yahoo/i.test(ctx.from) ? 'yahoo' : 'qmail';
    return { detectedBy: name, recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
