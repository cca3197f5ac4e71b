/**
 * Labels of a generated bounce, per recipient, from the catalogue entry that answered, the stage it answered at and
 * what the MTA wrote in its DSN. The rules (README.md beside this file has the reasoning and the evidence from the
 * dev corpus):
 *
 * reason
 * - the cause the remote reply names (the catalogue's reason), when the DSN carries that reply;
 * - a "user unknown" reply given after DATA is `filtered`, unless the DSN's status itself means a bad mailbox
 *   (X.1.1, X.1.0, X.1.3), which the field reads as user unknown at any stage; an entry may fix its own reason after
 *   DATA (`dataReason`) where the field reads a provider's wording as a definite cause;
 * - a DSN that does not carry the remote's reply (a delay or expiry notice that only says the message waited too
 *   long) is `expired`.
 * class: `hard` for userunknown, hostunknown, hasmoved, and notaccept with a 5xx reply; `soft` for the rest.
 * status: the enhanced code of the remote reply where the DSN carries the reply; else the DSN's Status field (not
 *   for OpenSMTPD, see statusFromText); else the pseudo code the field uses for a reason without a status (5.0.9xx,
 *   4.0.9xx for a temporary failure).
 * replyCode: the remote reply's code where the DSN carries the reply, dropped (null) when its class digit differs
 *   from the status's; else null.
 */
import type { CatalogueEntry, Reason } from './catalogue-types.js';

export type Expected = { status: string | null; replyCode: number | null; reason: string; class: string };

/** The label of an automatic reply (RFC 3834 and its kin), as the dev corpus labels them: no status, no reply code. */
export const AUTO_REPLY: Expected = { status: null, replyCode: null, reason: 'vacation', class: 'auto-reply' };

/** What the labeller needs to know of one recipient of a DSN. */
export type DsnRecipientFacts = {
  entry: CatalogueEntry;
  stage: 'rcpt' | 'data';
  /** The reply as the remote sent it (lines joined by CRLF). */
  reply: string;
  /** Whether the DSN shows the remote's reply for this recipient (its first line's text). */
  carriesReply: boolean;
  /** The Status field of this recipient's block in the message/delivery-status part, if there is one. */
  statusField: string | null;
  /** Whether the notice is a delay warning (Action: delayed, or a warning text without a DSN part). */
  delayed: boolean;
  /**
   * Whether the field reads this MTA's text and not its report's Status field: OpenSMTPD writes a bare 5.0.0 or
   * 4.0.0 there, and the dev corpus labels its notices with the pseudo status of the reason instead
   * (lhost-opensmtpd-12: "Action: delayed, Status: 4.0.0" labelled 5.0.932).
   */
  statusFromText?: boolean;
};

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** The first enhanced status code of a reply, as the field finds it in a Diagnostic-Code. */
export function enhancedCodeOf(reply: string): string | null {
  const m = ENHANCED.exec(reply);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** Statuses whose meaning is a bad destination mailbox (RFC 3463 X.1.0, X.1.1, X.1.3). */
function meansBadMailbox(status: string | null): boolean {
  return status !== null && /^[45]\.1\.[013]$/.test(status);
}

/** Pseudo statuses used for a reason when a bounce carries no status at all (the field's convention). */
const PSEUDO: Partial<Record<Reason, string>> = {
  blocked: '971',
  contenterror: '960',
  exceedlimit: '923',
  expired: '947',
  filtered: '910',
  hasmoved: '916',
  hostunknown: '912',
  mailboxfull: '922',
  mailererror: '939',
  mesgtoobig: '934',
  networkerror: '944',
  norelaying: '909',
  notaccept: '932',
  policyviolation: '972',
  rejected: '918',
  securityerror: '970',
  spamdetected: '980',
  suspend: '921',
  systemerror: '930',
  systemfull: '931',
  syntaxerror: '902',
  toomanyconn: '945',
  userunknown: '911',
  virusdetected: '971',
};

export function classOf(reason: string, replyCode: number | null): string {
  if (reason === 'undefined' || reason === 'onhold') return 'unknown';
  if (reason === 'vacation') return 'auto-reply';
  if (reason === 'feedback') return 'complaint';
  if (reason === 'delivered') return 'delivered';
  if (reason === 'userunknown' || reason === 'hostunknown' || reason === 'hasmoved') return 'hard';
  if (reason === 'notaccept') return replyCode !== null && replyCode >= 500 ? 'hard' : 'soft';
  return 'soft';
}

export function labelRecipient(f: DsnRecipientFacts): Expected {
  const code = Number(f.reply.slice(0, 3));
  const statusField = f.statusFromText ? null : f.statusField;
  if (!f.carriesReply) {
    const reason = 'expired';
    const status = statusField ?? `${f.delayed && !f.statusFromText ? 4 : 5}.0.${PSEUDO.expired}`;
    return { status, replyCode: null, reason, class: classOf(reason, null) };
  }
  const found = enhancedCodeOf(f.reply) ?? statusField;
  let reason: Reason = f.entry.reason;
  if (f.stage === 'data') {
    if (f.entry.dataReason) reason = f.entry.dataReason;
    else if (reason === 'userunknown' && !meansBadMailbox(found)) reason = 'filtered';
  }
  const status = found ?? `${code >= 500 ? 5 : 4}.0.${PSEUDO[reason] ?? '900'}`;
  const replyCode = status[0] === String(code)[0] ? code : null;
  return { status, replyCode, reason, class: classOf(reason, replyCode) };
}
