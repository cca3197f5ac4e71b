import { normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Sendmail before DSN support (V5/V8 without multipart/report): only the session transcript, where each failed
 * recipient gets a line "550 <user@example.com>... User unknown". The remote server's own reply ("<<< 550 ...")
 * just above it is the better diagnostic when present.
 */
const TRANSCRIPT = /^[ \t]*-{3,}[ \t]*Transcript of session follows[ \t]*-{3,}/im;
const RECIPIENT_LINE = /^([245]\d\d) <([^<>\s@]+@[^<>\s]+)>\.\.\. (.*)$/gm;

export const SENDMAIL_V5: FormatDetector = {
  name: 'v5sendmail',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const start = TRANSCRIPT.exec(text);
    if (!start) return null;
    const { head, tail } = cutAtOriginal(text.slice(start.index));
    const seen = new Set<string>();
    const recipients: Candidate[] = [];
    for (const m of head.matchAll(RECIPIENT_LINE)) {
      const recipient = normaliseAddress(m[2] ?? '');
      if (seen.has(recipient.toLowerCase())) continue;
      seen.add(recipient.toLowerCase());
      // The remote reply: the last "<<< " line before this one within the same "While talking to" section.
      const before = head.slice(0, m.index);
      const section = before.slice(Math.max(0, before.toLowerCase().lastIndexOf('while talking to')));
      const replies = [...section.matchAll(/^<<< ([^\n]*)$/gm)].map((r) => r[1] ?? '');
      const commands = [...section.matchAll(/^>>> (\S+)/gm)].map((r) => (r[1] ?? '').toUpperCase());
      const lastCommand = commands[commands.length - 1];
      const remoteReply = replies.find((r) => /^[45]\d\d/.test(r));
      recipients.push({
        recipient,
        action: 'failed',
        diagnostic: oneLine(/^\d{3} /.test(m[3] ?? '') ? (m[3] ?? '') : (remoteReply ?? `${m[1]} ${m[3] ?? ''}`)),
        command:
          lastCommand === 'DATA' ? 'DATA' : lastCommand === 'RCPT' ? 'RCPT' : lastCommand === 'MAIL' ? 'MAIL' : null,
      });
    }
    if (recipients.length === 0) return null;
    return { detectedBy: 'v5sendmail', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
