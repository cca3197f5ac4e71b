import { normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector, SmtpCommand } from './format-types.js';
import { looksLikeBounce } from './generic-text.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Sendmail 8 without a delivery-status part (8.8 and older, or a relay that drops it): a recipient list under
 * "----- The following addresses had permanent fatal errors -----", each address optionally followed by its own
 * "(reason: 550 ...)" line (8.9+), then "----- Transcript of session follows -----" with one "... while talking to
 * HOST:" conversation per remote host (">>> RCPT To:<a>" / "<<< 550 ..."). Several recipients each get their own
 * error: the reason line below the address, else the reply to that address's RCPT, else the DATA-stage reply of a
 * conversation in which no recipient was refused (it applies to the recipients of that conversation only).
 * A single recipient without any of these is left to the generic reader, which handles the whole transcript.
 */
const FATAL_SECTION = /^[ \t]*-{3,}[ \t]*the following addresses? had permanent fatal errors[ \t]*-{3,}[ \t]*$/im;
const TRANSCRIPT = /^[ \t]*-{3,}[ \t]*transcript of session follows[ \t]*-{3,}[ \t]*$/im;
const SECTION_RULE = /^[ \t]*-{3,}/m;
// "<user@example.org>" or "user@example.org", optionally "(expanded from: <list@example.org>)".
const ADDRESS_LINE = /^[ \t]{0,4}<?([^\s<>()@]+@[^\s<>()]+?)>?(?:[ \t]+\(expanded from:[^)]*\))?[ \t]*$/i;
const REASON_LINE = /^[ \t]+\(reason: ?([^\n]*)$/i;
const CONVERSATION = /^\.\.\. while talking to [^\n]*$/gim;
const SENT = /^>>> ?(\S+)(?:[ \t]+to:[ \t]*<?([^\s<>]+@[^\s<>]+)>?)?/i;
const REPLY = /^<<< ?([45]\d\d\b.*)$/;

type Pairing = { diagnostic: string; command: SmtpCommand };

/** Errors of the transcript by recipient, plus DATA-stage errors of conversations that refused nobody. */
function readTranscript(transcript: string): { byRecipient: Map<string, Pairing>; dataErrors: string[] } {
  const byRecipient = new Map<string, Pairing>();
  const dataErrors: string[] = [];
  const starts = [...transcript.matchAll(CONVERSATION)].map((m) => m.index ?? 0);
  for (let i = 0; i < starts.length; i++) {
    const conversation = transcript.slice(starts[i], starts[i + 1] ?? transcript.length);
    let rcpt: string | null = null;
    let sent: string | null = null;
    let refused = false;
    let dataError: string | null = null;
    for (const line of conversation.split('\n')) {
      const command = SENT.exec(line);
      if (command) {
        sent = (command[1] ?? '').toUpperCase();
        rcpt = sent === 'RCPT' && command[2] ? normaliseAddress(command[2]).toLowerCase() : null;
        continue;
      }
      const reply = REPLY.exec(line)?.[1];
      if (!reply) continue;
      if (sent === 'RCPT' && rcpt && !byRecipient.has(rcpt)) {
        byRecipient.set(rcpt, { diagnostic: reply.trim(), command: 'RCPT' });
        refused = true;
      } else if (sent === 'DATA' || sent === '.') dataError ??= reply.trim();
    }
    if (dataError && !refused) dataErrors.push(dataError);
  }
  return { byRecipient, dataErrors };
}

export const SENDMAIL_TEXT: FormatDetector = {
  name: 'sendmail',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const section = FATAL_SECTION.exec(text);
    if (!section || !looksLikeBounce(ctx)) return null;
    const { head, tail } = cutAtOriginal(text);
    const afterList = head.slice(section.index + section[0].length);
    const listEnd = afterList.search(SECTION_RULE);
    const list = listEnd === -1 ? afterList : afterList.slice(0, listEnd);
    const entries: { recipient: string; reason: string | null }[] = [];
    for (const line of list.split('\n')) {
      // Cheap tests first: the list may be a damaged run of hundreds of thousands of blank lines, where two regular
      // expression calls per line were most of the message's parse time.
      if (line.length === 0) continue;
      const address = line.includes('@') ? ADDRESS_LINE.exec(line)?.[1] : undefined;
      if (address) {
        entries.push({ recipient: normaliseAddress(address), reason: null });
        continue;
      }
      const reason = line.includes('(') ? REASON_LINE.exec(line)?.[1] : undefined;
      const last = entries[entries.length - 1];
      // "(reason: 550 User unknown)": the closing parenthesis is cut here, not by the pattern (a lazy group
      // before an optional ")" and trailing blanks backtracked quadratically on a padded line).
      const trimmed = reason?.trim() ?? '';
      if (trimmed && last && last.reason === null)
        last.reason = trimmed.endsWith(')') ? trimmed.slice(0, -1).trimEnd() : trimmed;
    }
    // First occurrence of each address, through a set: a search per entry was quadratic in a long damaged list.
    const seen = new Set<string>();
    const unique = entries.filter((e) => {
      const key = e.recipient.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length < 2) return null;
    const transcriptAt = TRANSCRIPT.exec(head);
    const { byRecipient, dataErrors } = readTranscript(transcriptAt ? head.slice(transcriptAt.index) : '');
    const unpaired = unique.filter((e) => !byRecipient.has(e.recipient.toLowerCase()));
    // DATA-stage errors go, in order, to the recipients no RCPT reply accounts for, when the counts agree.
    const dataFor = new Map<string, string>();
    if (dataErrors.length === unpaired.length) {
      for (const [i, e] of unpaired.entries()) dataFor.set(e.recipient.toLowerCase(), dataErrors[i] ?? '');
    }
    const recipients = unique.map((e): Candidate => {
      const key = e.recipient.toLowerCase();
      const paired = byRecipient.get(key);
      const data = dataFor.get(key);
      const command: SmtpCommand | null = paired ? 'RCPT' : data ? 'DATA' : null;
      return {
        recipient: e.recipient,
        action: 'failed',
        diagnostic: oneLine(e.reason ?? paired?.diagnostic ?? data ?? '') || null,
        command,
      };
    });
    return { detectedBy: 'sendmail', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
