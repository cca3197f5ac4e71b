import { findReplyCode, findStatus } from '../dsn/smtp-codes.js';
import { header } from '../mime/headers.js';
import { findAddresses } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { leadingAddress, splitBlocks } from './recipient-blocks.js';
import { commandInText } from './smtp-command.js';
import { cutAtOriginal, findOnLine, type LinePhrase, oneLine } from './text-blocks.js';

/**
 * Exim's bounce text (and the Exim-derived texts of Mail.ru, GMX/1&1, MXLogic and others):
 *
 *   A message that you sent could not be delivered to one or more of its
 *   recipients. This is a permanent error. The following address(es) failed:
 *
 *     user@example.com
 *       SMTP error from remote mail server after RCPT TO:<user@example.com>:
 *       host mx.example.com [192.0.2.1]: 550 5.1.1 User unknown
 *
 * Delay warnings ("has not yet been delivered to one or more of its recipients after more than 24 hours")
 * list the addresses the same way under "The address to which the message has not yet been delivered is:".
 */
const SIGNATURE =
  /could not be delivered to (?:one or more|all) of (?:its|their)|has not yet been delivered to one or more of its|contained one or more recipient addresses that were|message was created automatically by (?:mail delivery software|the smtp relay)|^Message [\w-]{1,40} (?:has been frozen|was frozen on arrival)/im;
const LIST_START =
  /(?:following address(?:\(es\))?(?: failed)?|has not yet been delivered (?:is|are)|incorrectly constructed|address(?:\(es\))? failed|address(?:\(es\))? have yet to be delivered)[ \t]*(?::[ \t]*)?\r?\n/i;
// Exim's notice of a frozen message (subject "Message frozen", "Message X has been frozen" / "was frozen on arrival
// by ...", then "The following address(es) have yet to be delivered:"): the message is held on the queue, not given
// up, so it is a delay whose cause is the retrying itself (Exim's own delay list names freezing beside its retry
// timeouts).
const FROZEN = /^Message [\w-]{1,40} (?:has been frozen|was frozen on arrival)/im;
const DELAY = /has not yet been delivered|delay reason/i;
// "Warning: message 1abc-0002 delayed 24 hours": the line is checked once, from its first "warning: message".
const WARNING_DELAYED: LinePhrase = { phrase: /warning: message /gi, rest: /delayed/i };
const GENERATED_TEXT = /^The following text was generated during the delivery attempt/im;
const HOST_REPLY = /host\s+(\S+)\s+\[[^\]\s]*\]/;
// Exim's own end-of-retrying lines, written as the address's error without any reply code or status: the retry
// timeout, the host-failing give-ups, a frozen message, and a local mailbox full ("mailbox is full", "quota
// exceeded" from appendfile). The failure is the end of temporary errors, so its class stays temporary (4.0.947,
// 4.0.922), as Exim's status logic in the field reads a code-less expiry or full mailbox and the reference labels
// give it (lhost-exim-06). Each at the start of an error line: a derived text that puts the words behind its own
// "Reason:" label (GMX's "delivery retry timeout exceeded", lhost-gmx-04) keeps 5.0.947.
const TEMPORARY_GIVEN_UP =
  /^[ \t]*(?:retry timeout exceeded|retry time not reached for any host|all hosts have been failing|mailbox is full|error: quota exceed)/im;

export const EXIM: FormatDetector = {
  name: 'exim',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    if (!SIGNATURE.test(text)) return null;
    const { head, tail } = cutAtOriginal(text);
    const start = LIST_START.exec(head);
    if (!start) return null;
    let section = head.slice(start.index + start[0].length);
    const generated = GENERATED_TEXT.exec(section);
    if (generated) section = section.slice(0, generated.index);
    const frozen = FROZEN.test(head);
    const isDelay =
      frozen || DELAY.test(head) || findOnLine(head, WARNING_DELAYED) !== null || /warning/i.test(ctx.subject);
    const blocks = splitBlocks(section, leadingAddress(2), 'ends-after-content');
    if (blocks.length === 0) {
      // Only X-Failed-Recipients names the addresses.
      const failed = findAddresses(header(ctx.headers, 'x-failed-recipients') ?? '');
      if (failed.length === 0) return null;
      const diagnostic = oneLine(section).slice(0, 2000) || null;
      return {
        detectedBy: 'exim',
        recipients: failed.map((recipient) => ({ recipient, diagnostic, action: isDelay ? 'delayed' : 'failed' })),
        originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
      };
    }
    const recipients = blocks.map((b): Candidate => {
      const host = HOST_REPLY.exec(b.text);
      const command = commandInText(b.text);
      const reply = findReplyCode(b.text);
      // Exim refused at MAIL FROM without an enhanced code: the reference labels mark the code "on hold"
      // (x.0.901) since the recipient was never tried.
      const status =
        command === 'MAIL' && !findStatus(b.text) ? `${reply !== null && reply < 500 ? 4 : 5}.0.901` : null;
      const givenUp =
        status === null && reply === null && !findStatus(b.text) && (frozen || TEMPORARY_GIVEN_UP.test(b.text));
      return {
        recipient: b.recipient,
        action: isDelay ? 'delayed' : 'failed',
        status,
        ...(givenUp ? { isTemporary: true } : {}),
        diagnostic: oneLine(b.text) || null,
        remoteMta: host?.[1] ?? null,
        command,
      };
    });
    return { detectedBy: 'exim', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
