import { findAddress } from './address.js';
import type { BounceContext } from './format-types.js';
import { oncePerContext } from './per-context.js';

/**
 * What the envelope and the header say about who sent a message, the evidence a text-only bounce needs besides
 * its wording. RFC 5321 section 4.5.5 requires delivery notifications to be sent with a null reverse-path
 * (`Return-Path: <>`), and MTAs send them from their own system mailbox (MAILER-DAEMON, postmaster). A display
 * name such as "Mail Delivery System" is no evidence: phishing copies it.
 */

/**
 * Local parts MTAs send notifications from (Sendmail, Postfix, qmail, Exim, MDaemon, Notes, gateways; Exchange 2010
 * and later send NDRs as MicrosoftExchange followed by 32 hexadecimal digits).
 */
const SYSTEM_LOCAL_PART =
  /^(?:mailer-?daemon|mail-daemon|postmaster|post_master|mdaemon|mail[._-]delivery[._-]system|microsoftexchange[0-9a-f]{32})(?:[+@]|$)/i;
/** The null reverse-path as MTAs write it into Return-Path (some write MAILER-DAEMON instead of <>). */
// Tested on the value without blanks: "< >", "<>", "<MAILER-DAEMON@host>" (blanks around each part made the
// pattern's three adjacent \s* backtrack polynomially).
const NULL_PATH = /^<?(?:mailer-daemon(?:@[^>\s]*)?)?>?$/i;

export type SenderEvidence = {
  /** Return-Path is present. */
  hasReturnPath: boolean;
  /** Return-Path is the null path `<>` (or MAILER-DAEMON), as RFC 5321 4.5.5 requires of notifications. */
  isNullPath: boolean;
  /** The envelope sender or the From address is a system mailbox (MAILER-DAEMON, postmaster, ...). */
  isSystemAddress: boolean;
};

// Several detectors ask for the same context's evidence; on a 1-2 MB From or Return-Path (issue 12's fuzz run)
// re-scanning it for addresses on each call cost 100 ms and more.
export const senderEvidence: (ctx: BounceContext) => SenderEvidence = oncePerContext(readSenderEvidence);

function readSenderEvidence(ctx: BounceContext): SenderEvidence {
  const returnPaths = ctx.headers.get('return-path') ?? [];
  const hasReturnPath = returnPaths.length > 0;
  // Several Return-Path fields: the last delivery added the first one.
  const rp = returnPaths[0] ?? '';
  const isNullPath = hasReturnPath && NULL_PATH.test(rp.replace(/\s+/g, ''));
  const rpAddress = findAddress(rp);
  const fromAddress = findAddress(ctx.from);
  // "From: MAILER-DAEMON <>" (DragonFly, OpenSMTPD) or a bare "From: mailer-daemon" without a domain.
  const fromNull = /<\s*>/.test(ctx.from) || /^\s*"?mailer-daemon"?\s*$/i.test(ctx.from);
  const isSystemAddress =
    fromNull ||
    (rpAddress !== null && SYSTEM_LOCAL_PART.test(rpAddress)) ||
    (fromAddress !== null && SYSTEM_LOCAL_PART.test(fromAddress));
  return { hasReturnPath, isNullPath, isSystemAddress };
}

/** "Re:", "AW:", "Fwd:", "TR:", "RV:", "SV:", "Antw:", "回复:" ...: the prefixes mail clients put on replies/forwards. */
const REPLY_PREFIX =
  /^[ \t]*(?:re|aw|antw|antwort|sv|vs|odp|ynt|res|rif|réf|ref|fwd?|wg|tr|rv|enc|doorst|vb|回复|答复|回覆|轉寄|转发|返信|転送)[ \t]*(?:\[\d+\][ \t]*)?[:：]/i;

/**
 * The reply prefixes alone (REPLY_PREFIX without the forward ones): a subject that answers a message. A notice
 * never answers ("Re: Undelivered Mail Returned to Sender" is a person writing about one), while a forwarded
 * notice ("Fwd: Undeliverable: ...") is still the notice.
 */
export const ANSWER_PREFIX =
  /^[ \t]*(?:re|aw|antw|antwort|sv|vs|odp|ynt|res|rif|réf|ref|回复|答复|回覆|返信)[ \t]*(?:\[\d+\][ \t]*)?[:：]/i;

/**
 * A person's reply, not a notification: a reply/forward subject prefix, a reference to the message it answers,
 * and a real (non-null) envelope sender. Notifications use the null reverse-path (RFC 5321 4.5.5) and prefix
 * the original subject with their own words ("Undeliverable:", "Returned mail:"), never "Re:". A mailbox that
 * is a system name (postmaster@) is no exception: people answer from it.
 */
export function isPersonalReply(ctx: BounceContext, evidence: SenderEvidence = senderEvidence(ctx)): boolean {
  if (!REPLY_PREFIX.test(ctx.subject)) return false;
  if (!ctx.headers.has('in-reply-to') && !ctx.headers.has('references')) return false;
  return evidence.hasReturnPath && !evidence.isNullPath;
}
