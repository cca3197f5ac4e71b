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
// qmail-remote's own verdict on how far the session got when no reply says more (the fallback patch's "Sorry, no SMTP
// connection got far enough; most progress was EHLO"): refused at the greeting is a block of the sending host, at
// MAIL FROM a refusal of the sender, as the field's qmail module reads qmail's stages.
const STAGE_VERDICT = /most progress was (helo|ehlo|mail)\b/i;
// qmail-send gave up on a recipient the remote host deferred ("does not like recipient. Remote host said: 451 ...
// I'm not going to try again; this message has been in the queue too long."): the reply's words decide; where they
// name no cause the failure stays unexplained (onhold, the field's qmail module), not an expiry of its own.
const DEFERRED_UNTIL_GIVEN_UP = /does not like recipient/i;
const QUEUE_TOO_LONG = /i'm not going to try again; this message has been in the queue too long\.?/i;

function stageVerdict(text: string): Candidate['reason'] {
  const stage = STAGE_VERDICT.exec(text)?.[1]?.toLowerCase();
  if (!stage) return null;
  return stage === 'mail' ? 'rejected' : 'blocked';
}

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
    const recipients = blocks.map((b): Candidate => {
      const givenUp = DEFERRED_UNTIL_GIVEN_UP.test(b.text) && QUEUE_TOO_LONG.test(b.text);
      const said = givenUp ? b.text.replace(QUEUE_TOO_LONG, '') : b.text;
      return {
        recipient: b.recipient,
        action: 'failed',
        diagnostic: oneLine(said.replace(/^remote host said:\s*/im, '')) || null,
        command: commandInText(b.text) ?? (/\[rcpt_to\]/i.test(b.text) ? 'RCPT' : null),
        reason: stageVerdict(b.text),
        fallbackReason: givenUp ? 'onhold' : null,
      };
    });
    const name = /qmail-send/i.test(text) ? 'qmail' : /yahoo/i.test(ctx.from) ? 'yahoo' : 'qmail';
    return { detectedBy: name, recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
