import { findAddresses, normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector, SmtpCommand } from './format-types.js';
import { looksLikeBounce } from './generic-text.js';
import { returnedOriginalTo } from './original-to.js';
import { lookupVerdictStage } from './smtp-command.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Sendmail 8 without a delivery-status part (8.8 and older, or a relay that drops it): a recipient list under
 * "----- The following addresses had permanent fatal errors -----", each address optionally followed by its own
 * "(reason: 550 ...)" line (8.9+), then "----- Transcript of session follows -----" with one "... while talking to
 * HOST:" conversation per remote host (">>> RCPT To:<a>" / "<<< 550 ..."). Several recipients each get their own
 * error: the reason line below the address, else the reply to that address's RCPT, else the DATA-stage reply of a
 * conversation in which no recipient was refused (it applies to the recipients of that conversation only).
 * A pipelining client sends MAIL, every RCPT and DATA before it reads a reply ("... >>> RCPT To:<a>, >>> RCPT
 * To:<b>, >>> DATA, <<< 250, <<< 550, <<< 550 ..."): the server answers in the order of the commands (RFC 2920),
 * so each reply belongs to the oldest command not yet answered, not to the last command written.
 * A local recipient may be listed by its name alone (an AOL screen name, a Unix login: "SkyRider77"), with
 * Sendmail's own line "550 SkyRider77... User unknown" in the transcript: it is the returned original's To address
 * with that local part.
 * A single recipient without any of these is left to the generic reader, which handles the whole transcript.
 */
const FATAL_SECTION = /^[ \t]*-{3,}[ \t]*the following addresses? had permanent fatal errors[ \t]*-{3,}[ \t]*$/im;
const TRANSCRIPT = /^[ \t]*-{3,}[ \t]*transcript of session follows[ \t]*-{3,}[ \t]*$/im;
const SECTION_RULE = /^[ \t]*-{3,}/m;
// "<user@example.org>" or "user@example.org", optionally "(expanded from: <list@example.org>)".
const ADDRESS_LINE = /^[ \t]{0,4}<?([^\s<>()@]+@[^\s<>()]+?)>?(?:[ \t]+\(expanded from:[^)]*\))?[ \t]*$/i;
const REASON_LINE = /^[ \t]+\(reason: ?([^\n]*)$/i;
// A local name without a domain, alone on its line in the list.
const NAME_LINE = /^[ \t]{0,4}<?([a-z0-9][\w.+-]{0,63})>?[ \t]*$/i;
const REPLY_CODE = /^[45]\d\d$/;
const ENHANCED_CODE = /^[45]\.\d{1,3}\.\d{1,3}$/;
const CONVERSATION = /^\.\.\. while talking to [^\n]*$/gim;
const SENT = /^>>> ?(\S+)(?:[ \t]+to:[ \t]*<?([^\s<>]+@[^\s<>]+)>?)?/i;
// A reply line: its code, "-" on every line of a multi-line reply but the last, and the text.
const REPLY = /^<<< ?([2-5]\d\d)(-?)(.*)$/;

type Pairing = { diagnostic: string; command: SmtpCommand };

// Commands a pipelining client writes before it reads replies: MAIL, the RCPTs of one message and DATA.
const MAX_PENDING = 1000;

/** Errors of the transcript by recipient, plus DATA-stage errors of conversations that refused nobody. */
function readTranscript(transcript: string): { byRecipient: Map<string, Pairing>; dataErrors: string[] } {
  const byRecipient = new Map<string, Pairing>();
  const dataErrors: string[] = [];
  const starts = [...transcript.matchAll(CONVERSATION)].map((m) => m.index ?? 0);
  for (let i = 0; i < starts.length; i++) {
    const conversation = transcript.slice(starts[i], starts[i + 1] ?? transcript.length);
    // Commands written and not yet answered, oldest first; the last one written stays as the fallback owner of a
    // reply the transcript shows without its command.
    const pending: { sent: string; rcpt: string | null }[] = [];
    let last: { sent: string; rcpt: string | null } | null = null;
    let refused = false;
    let dataError: string | null = null;
    for (const line of conversation.split('\n')) {
      const command = SENT.exec(line);
      if (command) {
        const sent = (command[1] ?? '').toUpperCase();
        last = { sent, rcpt: sent === 'RCPT' && command[2] ? normaliseAddress(command[2]).toLowerCase() : null };
        if (pending.length < MAX_PENDING) pending.push(last);
        continue;
      }
      const reply = REPLY.exec(line);
      if (!reply) continue;
      const owner = pending[0] ?? last;
      // The last line of a reply answers its command.
      if (reply[2] !== '-') pending.shift();
      const code = reply[1] ?? '';
      if (!owner || (code[0] !== '4' && code[0] !== '5')) continue;
      const text = `${code}${reply[2]}${reply[3] ?? ''}`.trim();
      if (owner.sent === 'RCPT' && owner.rcpt && !byRecipient.has(owner.rcpt)) {
        byRecipient.set(owner.rcpt, { diagnostic: text, command: 'RCPT' });
        refused = true;
      } else if (owner.sent === 'DATA' || owner.sent === '.') dataError ??= text;
    }
    if (dataError && !refused) dataErrors.push(dataError);
  }
  return { byRecipient, dataErrors };
}

/**
 * Sendmail's own verdict lines of a transcript ("550 5.1.1 <a@example.org>... User unknown", "550 name... User
 * unknown"), by the lower-cased address or name they are about. Split by hand: the code, an optional enhanced code
 * and the address before the first "...".
 */
function ownVerdictLines(transcript: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of transcript.split('\n')) {
    const dots = line.indexOf('...');
    if (dots === -1 || !REPLY_CODE.test(line.slice(0, 3))) continue;
    const words = line
      .slice(0, dots)
      .trim()
      .split(/[ \t]+/);
    if (words.length < 2 || words.length > 3 || (words.length === 3 && !ENHANCED_CODE.test(words[1] ?? ''))) continue;
    const key = (words[words.length - 1] ?? '').replace(/^<|>$/g, '').toLowerCase();
    if (key !== '' && !lines.has(key)) lines.set(key, line.trim());
  }
  return lines;
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
    const entries: { recipient: string; reason: string | null; name?: string }[] = [];
    let originalTo: string[] | null = null;
    for (const line of list.split('\n')) {
      // Cheap tests first: the list may be a damaged run of hundreds of thousands of blank lines, where two regular
      // expression calls per line were most of the message's parse time.
      if (line.length === 0) continue;
      const address = line.includes('@') ? ADDRESS_LINE.exec(line)?.[1] : undefined;
      if (address) {
        entries.push({ recipient: normaliseAddress(address), reason: null });
        continue;
      }
      const name = line.includes('(') ? undefined : NAME_LINE.exec(line)?.[1];
      if (name) {
        originalTo ??= findAddresses(returnedOriginalTo(ctx, tail) ?? '');
        const lower = name.toLowerCase();
        const match = originalTo.find((a) => a.slice(0, a.lastIndexOf('@')).toLowerCase() === lower);
        if (match) entries.push({ recipient: match, reason: null, name: lower });
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
    const transcript = transcriptAt ? head.slice(transcriptAt.index) : '';
    const { byRecipient, dataErrors } = readTranscript(transcript);
    const ownLines = ownVerdictLines(transcript);
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
      // Sendmail's own line for a name listed without a domain ("550 name... User unknown") is its lookup.
      const own = e.name !== undefined ? ownLines.get(e.name) : undefined;
      const command: SmtpCommand | null = paired ? 'RCPT' : data ? 'DATA' : own ? lookupVerdictStage(own) : null;
      return {
        recipient: e.recipient,
        action: 'failed',
        diagnostic: oneLine(e.reason ?? paired?.diagnostic ?? data ?? own ?? '') || null,
        command,
      };
    });
    return { detectedBy: 'sendmail', recipients, originalHeaders: tail !== null ? { text: tail, start: 0 } : null };
  },
};
