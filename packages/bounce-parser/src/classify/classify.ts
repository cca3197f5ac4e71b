import { findReplyCode, findStatus, isGenericStatus, normaliseStatus } from '../dsn/smtp-codes.js';
import type { SmtpCommand } from '../formats/format-types.js';
import type { BounceClass, DsnAction, Reason } from '../types.js';
import { classOf } from './class-mapper.js';
import { reasonByProviderCode } from './provider-codes.js';
import { inferStatus } from './pseudo-status.js';
import { reasonByStatus, reasonByStatusClass } from './reason-by-status.js';
import { normaliseDiagnostic, reasonByCommand, reasonByText, reasonByWeakText } from './reason-by-text.js';

export type ClassifyInput = {
  status?: string | null;
  replyCode?: number | null;
  diagnostic?: string | null;
  command?: SmtpCommand | null;
  action?: DsnAction | null;
  /**
   * Set when the format never states the SMTP command a reply answered (OpenSMTPD's notice): an unknown-user reply
   * there is read as the convention reads one of unknown stage, as after DATA (a filter), unless the code or the
   * provider says the address does not exist.
   */
  stageUnstated?: boolean;
  /** A reason the format itself states; wins over everything but a delivery. */
  reason?: Reason | null;
  isTemporary?: boolean;
  /** Surrounding human-readable text, read only when the diagnostic and the code say nothing. */
  context?: string | null;
  /** What an undeterminable failure is in this format (default 'undefined'). */
  fallbackReason?: Reason | null;
};

export type Verdict = { reason: Reason; class: BounceClass; status: string | null; replyCode: number | null };

/** Characters of the diagnostic and of the context that classify reads: the rest cannot change a verdict. */
const DIAGNOSTIC_READ = 8000;
const CONTEXT_READ = 4000;

/**
 * A classify that remembers its verdicts: for one message, whose recipients often share one diagnostic (a report
 * listing hundreds of addresses refused with the same reply, or a damaged one repeating a line) and the same
 * context. Each wording family is a scan of up to 12,000 characters, so without this a report's cost grew by
 * about a millisecond per recipient (issue 12). The key holds only what classify reads; the cache lives as long as
 * the caller keeps the function, so create one per message.
 */
export function createClassifier(): (input: ClassifyInput) => Verdict {
  const verdicts = new Map<string, Verdict>();
  // Most messages name one recipient: the first verdict is remembered without its key, which is built (a copy
  // of up to 12,000 characters, then hashed) only once a second recipient could share it.
  let first: { input: ClassifyInput; verdict: Verdict } | null = null;
  return (input) => {
    let verdict: Verdict | undefined;
    if (first === null && verdicts.size === 0) {
      verdict = classify(input);
      first = { input, verdict };
    } else {
      if (first !== null) {
        verdicts.set(classifyKey(first.input), first.verdict);
        first = null;
      }
      const key = classifyKey(input);
      verdict = verdicts.get(key);
      if (!verdict) {
        verdict = classify(input);
        verdicts.set(key, verdict);
      }
    }
    // A copy: callers own what they receive.
    return { ...verdict };
  };
}

/** Everything classify reads of its input, as one string. */
function classifyKey(input: ClassifyInput): string {
  return JSON.stringify([
    input.status ?? null,
    input.replyCode ?? null,
    input.diagnostic?.slice(0, DIAGNOSTIC_READ) ?? null,
    input.command ?? null,
    input.stageUnstated ?? false,
    input.action ?? null,
    input.reason ?? null,
    input.isTemporary ?? false,
    input.context?.slice(0, CONTEXT_READ) ?? null,
    input.fallbackReason ?? null,
  ]);
}

/**
 * Codes precise enough that the wording must not override them (RFC 3463): the mailbox does not exist, is full,
 * has moved, the sender's address is bad, the message exceeds a size limit, the media is refused.
 */
const AUTHORITATIVE = new Set(['1.6', '1.7', '1.8', '2.2', '2.3', '6.1', '7.13']);
/** Codes that themselves say the recipient's address does not exist (RFC 3463 x.1.0 other address, x.1.1, x.1.3). */
const ADDRESS_STATUS = new Set(['1.0', '1.1', '1.3']);

// "550 5.1.1", "550-5.7.26", "550-'5.2.2": the status a reply code introduces.
const REPLY_THEN_STATUS = /(?<!\d)([245]\d\d)[ -]+'?([245]\.\d{1,3}\.\d{1,3})(?![\d]|\.\d)/;
// Amazon SES/WorkMail expiry: "554 4.4.7 Message expired: ... <421 4.4.2 Connection timed out>": the bracketed
// reply is the remote server's last answer, the outer one only SES's summary.
const NESTED_REPLY = /<([245]\d\d) ([245]\.\d{1,3}\.\d{1,3}) [^<>]*>/;
// Amazon SES wraps the remote reply in its own summary: "5.1.0 - Unknown address error 550-'5.7.1 ...'": only
// the quoted remote reply is the server's wording.
const QUOTED_REPLY = /^\s*[245]\.\d{1,3}\.\d{1,3} - [^']*?([245]\d\d[ -]'[\s\S]*)$/;

// The terse "user unknown" a filter answers with, as opposed to a directory's explicit "no such account".
const BARE_USER_UNKNOWN = /user unknown|unknown user|no such user|(?:recipient|receiver) not found/;
// A local delivery agent's own verdict (wording.ts, first families): its lookup of the user, made after the message
// was accepted but with no SMTP stage of its own, so the stage rules for unknown users below do not apply to it;
// likewise VMS MAIL's NOSUCHUSR, the code of its own user lookup.
const LOCAL_AGENT = /(?:^|[\s(])(?:(?:mail\.local|maildrop|vdeliver|vdelivermail|procmail): |%mail-e-nosuchusr\b)/;

// Yahoo and AOL accept every RCPT and refuse a non-existent account only after DATA, in their own words
// ("554 delivery error: dd This user doesn't have a yahoo.com account"), under their "dd" tag of an account-level
// verdict ("dd Not a valid recipient"; "dd ... This mailbox is disabled" is the suspension, read by its words): a
// provider's statement that the account does not exist, not a filter, as the dev labels read it at DATA.
const NO_ACCOUNT_AT_DATA = /doesn't have an? [\w.-]{1,64} account|\bdelivery error: dd /;
// au/KDDI's "550 : User unknown" is its subscribers' filter refusing the sender (wording.ts reads it filtered, as the
// dev labels have it after DATA and without a stage); answered to RCPT TO it is an unknown-user reply like any other,
// which the convention reads by the stage.
const AU_FILTER_REPLY = /\b550 : user unknown/;
// A reply that speaks for several recipients at once ("550 permanent failure for one or more recipients (a:invalid
// recipient)", as filtering gateways answer the end of DATA): a reply to RCPT TO concerns one recipient only, so
// this one answered the whole transaction, after the data.
const SEVERAL_RECIPIENTS_REPLY = /\bfailure for one or more recipients\b/;
// A header only said to be too large ("Headers too large (32768 max)"); the header's size said to exceed a limit is
// read by its words (wording.ts), "header size, or recipient list, exceeds policy limit" (Exchange) stays contenterror.
const HEADER_SIZE = /headers? (?:too large|too long)/;
/** Causes whose naming in the reply wins over a provider reference's documented meaning (see decideReason). */
const WORDS_OVER_REFERENCE = new Set<Reason>([
  'authfailure',
  'requireptr',
  'badreputation',
  'virusdetected',
  'spamdetected',
]);
/** Content verdicts: a reference naming one keeps it against words naming both ("spam or virus content IB212"). */
const CONTENT_VERDICTS = new Set<Reason>(['virusdetected', 'spamdetected']);
// Spam and virus named in the languages the wording families read (NetEase's DT:SPM names both: "病毒或者垃圾邮件").
const NAMES_SPAM = /spam|junk|unsolicited|bulk|pourriel|indésirable|垃圾|迷惑|스팸|спам/;
const NAMES_VIRUS = /v[íi]rus|malware|infected|trojan|\bworm\b|wirus|病毒|ウイルス|바이러스|вирус/;

function wordsOverReference(byProvider: Reason, byWords: Reason | null, text: string): boolean {
  if (!byWords || byWords === byProvider) return false;
  // A rate named in the words ("too many messages per hour", "excessive rate") is why the host is deferred: a
  // reference documented only as a block of the IP (Yahoo's TSS09, the IB1xx of Cloudmark-filtered providers) is the
  // consequence, the words say the cause. A reference that is itself a sending limit (Cox's CXMXRT) keeps its reading.
  if (byWords === 'speeding') return byProvider === 'blocked';
  if (!WORDS_OVER_REFERENCE.has(byWords)) return false;
  if (!(CONTENT_VERDICTS.has(byWords) && CONTENT_VERDICTS.has(byProvider))) return true;
  // Words that name only the other content verdict ("Attachment contains a virus" beside a reference documented
  // for spam) say which one this refusal was; words naming both leave it to the reference.
  return !(NAMES_SPAM.test(text) && NAMES_VIRUS.test(text));
}
/** Recipient-level causes cannot be decided before the recipient was named (at connection or HELO time). */
const RECIPIENT_LEVEL = new Set<Reason>([
  'userunknown',
  'hostunknown',
  'mailboxfull',
  'suspend',
  'filtered',
  'hasmoved',
  'notaccept',
]);

/** Reply code and status the diagnostic text states, preferring a status that follows a reply code. */
export function codesInText(text: string | null | undefined): { status: string | null; replyCode: number | null } {
  if (!text) return { status: null, replyCode: null };
  const nested = NESTED_REPLY.exec(text);
  if (nested?.[1] && nested[2]) return { status: normaliseStatus(nested[2]), replyCode: Number(nested[1]) };
  const paired = REPLY_THEN_STATUS.exec(text);
  const replyCode = findReplyCode(text);
  if (paired?.[2]) return { status: normaliseStatus(paired[2]), replyCode: replyCode ?? Number(paired[1]) };
  return { status: findStatus(text), replyCode };
}

// The first negative (4xx/5xx) reply, with its enhanced status if it has one.
const NEGATIVE_REPLY = /(?<![\d.])[45]\d\d[ -]/;

/**
 * Codes of a failure's text. A session transcript or a reply sequence also shows the positive answers to the
 * commands before the failing one ("250 2.1.0 Ok" to MAIL FROM): a recipient the report says failed or was
 * delayed takes the first negative reply, never a 2xx one.
 */
function failureCodesInText(
  text: string,
  action: DsnAction | null,
): { status: string | null; replyCode: number | null } {
  const codes = codesInText(text);
  if (!isFailureAction(action)) return codes;
  if (!codes.status?.startsWith('2') && !(codes.replyCode !== null && codes.replyCode < 400)) return codes;
  const negative = NEGATIVE_REPLY.exec(text);
  if (negative) {
    // A transcript after the negative reply still holds positive pairs ("<-- 250 2.1.0 Ok"): none is its status.
    const after = codesInText(text.slice(negative.index));
    return after.status?.startsWith('2') ? { status: null, replyCode: after.replyCode } : after;
  }
  return { status: codes.status?.startsWith('2') ? null : codes.status, replyCode: null };
}

/**
 * The shared classifier: one place that turns (status, reply code, wording, SMTP stage) into a reason, for DSNs,
 * every MTA-specific format and synchronous SMTP replies alike. Order: delivery; a reason the format states; an
 * authoritative code; the wording; the code; the SMTP stage; weak wording; delay; undetermined.
 */
export function classify(input: ClassifyInput): Verdict {
  // Replies are short; a longer "diagnostic" is a whole text section, of which the start says what matters.
  const raw = (input.diagnostic ?? '').slice(0, DIAGNOSTIC_READ);
  const quoted = QUOTED_REPLY.exec(raw)?.[1];
  const diagnostic = quoted ?? raw;
  const fromText = failureCodesInText(diagnostic, input.action ?? null);
  const replyCode = input.replyCode ?? fromText.replyCode;
  // A success status (2.x.x) in the report's Status field beside a failure (the report says failed or delayed, or
  // the reply is 4xx/5xx) is not the outcome: the failure is read without it rather than as a delivery. (A 2.x.x
  // picked up from a transcript in the text is dropped by failureCodesInText.)
  const statedField = normaliseStatus(input.status);
  const stated =
    statedField?.startsWith('2') && (isFailureAction(input.action) || (replyCode !== null && replyCode >= 400))
      ? null
      : statedField;
  // The code in the reply text is the remote server's own, so it wins over the report's Status field, unless it
  // is only the catch-all x.0.0 and the field is specific.
  const textStatus = fromText.status ?? (quoted ? findStatus(raw) : null);
  const status =
    textStatus && !(isGenericStatus(textStatus) && stated && !isGenericStatus(stated))
      ? textStatus
      : (stated ?? textStatus);
  const isTemporary =
    // A delayed recipient without a 4xx code keeps the permanent pseudo-status class, as the reference labels
    // (Sisimai) do for Gmail's and OpenSMTPD's delay notices; formats that say "temporary" set isTemporary.
    input.isTemporary === true ||
    (replyCode !== null ? replyCode < 500 && replyCode >= 400 : false) ||
    (status?.startsWith('4') ?? false);
  // Sendmail fills the Status field of a bare "552 <text>" reply (no enhanced code in it) with 5.2.2, the RFC 3463
  // reading of 552's old "exceeded storage allocation": the reporting MTA's guess from the basic code, not the remote
  // server's verdict, so it must not outweigh the words ("552 Message exceeds maximum size" is a size limit).
  const guessedStatus = !textStatus && replyCode === 552 && status === '5.2.2';
  const reason = decideReason(input, status, normaliseDiagnostic(diagnostic), isTemporary, guessedStatus);
  const finalStatus = status ?? inferStatus(reason, isTemporary, input.action === 'delayed');
  return { reason, class: classOf(reason, finalStatus, replyCode), status: finalStatus, replyCode };
}

function isFailureAction(action: DsnAction | null | undefined): boolean {
  return action === 'failed' || action === 'delayed';
}

// RFC 5321 4.2.3: the text of a permanent 550 for a mailbox that does not exist (450 is "busy", temporary).
const MAILBOX_UNAVAILABLE = /requested (?:mail )?action not taken:? mailbox unavailable/;
// The same words without the RFC's preamble ("550 Mailbox unavailable", "550 mailbox is unavailable"): an unknown
// user only where the reply answered RCPT; at another or an unknown stage the convention reads it as a filter.
const BARE_MAILBOX_UNAVAILABLE = /\bmailbox (?:is )?unavailable/;

function decideReason(
  input: ClassifyInput,
  status: string | null,
  text: string,
  isTemporary: boolean,
  guessedStatus = false,
): Reason {
  const action = input.action ?? null;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded' || status?.startsWith('2.')) {
    return 'delivered';
  }
  if (input.reason) return input.reason;
  const byProvider = reasonByProviderCode(text);
  // Each wording family is a scan of the whole text: read at most once, and only when needed.
  let wording: Reason | null | undefined;
  const wordingReason = () => {
    if (wording === undefined) wording = reasonByText(text);
    return wording;
  };
  // A provider reference says more than the words, except where the words name the mechanism itself: a
  // sender-authentication failure (DMARC, SPF, DKIM), a missing PTR, a poor reputation, a virus or spam found in the
  // message. A server's own words about this refusal outweigh the documented meaning of the number it appends
  // (GoDaddy's IB508 "invalid SPF record" worded as "no valid reverse DNS", Orange's 510 "service refused" worded as
  // "virus detected").
  const detail = status ? status.slice(2) : null;
  const command = input.command ?? (SEVERAL_RECIPIENTS_REPLY.test(text) ? 'DATA' : null);
  if (byProvider && !wordsOverReference(byProvider, wordingReason(), text)) {
    // A provider's unknown-user reference (Orange's OFR_416) answered to DATA follows the convention's stage rule
    // like the same words would: the recipient had been accepted, so the refusal after the data is a filter's.
    if (byProvider === 'userunknown' && command === 'DATA' && !(detail !== null && ADDRESS_STATUS.has(detail))) {
      return 'filtered';
    }
    // A reference the provider's table leaves open (an Orange "OFR_452" outside its published list) decides only
    // that the failure is the provider's own: the words beside it, where they name a cause, say which.
    return byProvider === 'undefined' ? (wordingReason() ?? byProvider) : byProvider;
  }
  // Gmail's 4.7.28 is its rate limit of a sending IP or domain ("temporarily rate limited"), whatever the words
  // say of the unsolicited mail that caused it; the same words with a block code (5.7.1) are a block.
  if (status === '4.7.28') return 'speeding';
  const byStatus = reasonByStatus(status);
  if (detail !== null && AUTHORITATIVE.has(detail) && byStatus && !guessedStatus) return byStatus;
  // The stage the unknown-user rules below read. A format that never states it (OpenSMTPD) is read as the convention
  // reads a reply of unknown stage: as after DATA, the recipient accepted (Sisimai's Filtered rule, which the
  // reference labels apply to such notices). Its byte-identical notices for a reply at RCPT and after DATA
  // (tools/TRIAGE.md, convention pass) leave no better evidence.
  const userStage = command ?? (input.stageUnstated ? 'DATA' : null);
  const byText = wordingReason();
  if (byText && LOCAL_AGENT.test(text)) return byText;
  if (byText) {
    // A reply that names two recipient causes at once ("recipient mailbox unavailable or account disabled") under
    // the code that says the address does not exist (x.1.1): the code decides between them (RFC 3463), as for any
    // unknown-user reply whose wording matches no more specific cause.
    if (
      byText === 'suspend' &&
      detail === '1.1' &&
      (BARE_MAILBOX_UNAVAILABLE.test(text) || BARE_USER_UNKNOWN.test(text))
    ) {
      return 'userunknown';
    }
    // Once the recipient was accepted (RCPT answered 250), a "no such user" answered to DATA or later is a filter
    // refusing the message, whatever the words: unless the code itself says the address does not exist.
    if (
      byText === 'userunknown' &&
      userStage === 'DATA' &&
      !(detail !== null && ADDRESS_STATUS.has(detail)) &&
      !NO_ACCOUNT_AT_DATA.test(text)
    ) {
      return 'filtered';
    }
    if (byText === 'userunknown' && detail !== '1.1') {
      // "User unknown" answered to DATA, or with a mailbox-status code (x.2.x) outside RCPT, is a filter
      // refusing the message: the address itself was accepted (RFC 3463 x.2.x: the mailbox exists).
      // Without a code, or with a mailbox/system-status code (x.2.x, x.3.x), the same terse wording outside
      // RCPT is a filter too: a directory lookup failure would have been answered at RCPT with x.1.x.
      const isFilterStage =
        userStage === 'DATA' ||
        (userStage !== 'RCPT' && (detail === null || detail.startsWith('2.') || detail.startsWith('3.')));
      if (BARE_USER_UNKNOWN.test(text) && isFilterStage) return 'filtered';
    }
    if (byText === 'filtered' && command === 'RCPT' && AU_FILTER_REPLY.test(text)) return 'userunknown';
    // A header said to be too large under a size-limit code (x.3.4 "message too big for system", x.2.3 "message
    // length exceeds administrative limit") exceeded a limit of the system (exceedlimit, as "message header size
    // exceeds limit" reads); under a content code (x.6.x) the same words are a malformed header (contenterror).
    if (byText === 'contenterror' && (detail === '3.4' || detail === '2.3') && HEADER_SIZE.test(text)) {
      return 'exceedlimit';
    }
    if ((command === 'CONN' || command === 'HELO') && RECIPIENT_LEVEL.has(byText)) return 'blocked';
    return byText;
  }
  if (!isTemporary && MAILBOX_UNAVAILABLE.test(text) && (!byStatus || isGenericStatus(status))) {
    // The same stage rule as for the other unknown-user wording: after DATA the mailbox had been accepted.
    return userStage === 'DATA' ? 'filtered' : 'userunknown';
  }
  if (!isTemporary && BARE_MAILBOX_UNAVAILABLE.test(text) && (!byStatus || isGenericStatus(status))) {
    return userStage === 'RCPT' ? 'userunknown' : 'filtered';
  }
  // A reply whose only words ask to try again later under 4.7.1, the code greylisting servers defer with ("451 4.7.1
  // Please try again later"), names no refusal: a greylist deferral, an expiry in the making (as the same words
  // under x.7.0 or a generic code below), not the block 4.7.1 alone would be read as.
  if (status === '4.7.1' && reasonByWeakText(text) === 'onhold') return 'expired';
  if (byStatus) return byStatus;
  const byContext = input.context ? reasonByText(normaliseDiagnostic(input.context.slice(0, CONTEXT_READ))) : null;
  if (byContext) return byContext;
  const byCommand = reasonByCommand(command, text);
  if (byCommand) return byCommand;
  const weak = reasonByWeakText(text);
  if (weak && weak !== 'onhold') return weak;
  // A delay whose reply only says "try again later" (x.7.0 or x.0.0 beside it) names no refusal: the server is
  // still retrying, an expiry in the making, whatever the code's class would suggest.
  if (action === 'delayed' && weak === 'onhold') return 'expired';
  // The class of the code when its detail is not one RFC 3463 pins down (x.7.0, x.7.99, x.6.9): a security or
  // policy refusal, a content refusal. Before "on hold", which only says that nobody explained the failure.
  const byClass = reasonByStatusClass(status);
  if (byClass) return byClass;
  // A delay notice whose reply explains nothing ("try again later") is the retrying itself: an expiry in the making.
  if (action === 'delayed') return 'expired';
  if (weak) return weak;
  return input.fallbackReason ?? 'undefined';
}
