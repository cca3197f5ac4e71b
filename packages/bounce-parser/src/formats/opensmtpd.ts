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

/**
 * OpenSMTPD writes no SMTP stage, but a notice can prove it: one SMTP transaction carries every recipient of a
 * domain, and a reply to DATA (or to its end) is one reply for all of them, so recipients of the same domain that
 * got different replies were answered one by one, i.e. at RCPT TO. (A failure of OpenSMTPD's own local delivery
 * is worded by OpenSMTPD itself, not relayed as a per-recipient reply.)
 */
function refusedOneByOne(lines: readonly { recipient: string; reply: string }[]): Set<string> {
  const byDomain = new Map<string, { recipient: string; reply: string }[]>();
  for (const l of lines) {
    const domain = l.recipient.slice(l.recipient.lastIndexOf('@') + 1).toLowerCase();
    const group = byDomain.get(domain) ?? [];
    group.push(l);
    byDomain.set(domain, group);
  }
  const out = new Set<string>();
  for (const group of byDomain.values()) {
    if (new Set(group.map((l) => l.reply)).size < 2) continue;
    for (const l of group) out.add(l.recipient);
  }
  return out;
}

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
    const refusedAtRcpt = refusedOneByOne(blocks.map((b) => ({ recipient: b.recipient, reply: oneLine(b.text) })));
    const recipients = blocks.map(
      (b): Candidate => ({
        recipient: b.recipient,
        action: isDelayed ? 'delayed' : 'failed',
        diagnostic: oneLine(b.text) || null,
        command: commandInText(b.text) ?? (refusedAtRcpt.has(b.recipient) ? 'RCPT' : null),
        stageUnstated: true,
      }),
    );
    return { detectedBy: 'opensmtpd', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
