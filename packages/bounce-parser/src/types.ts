/**
 * Public contract of the bounce parser. Field names and the reason taxonomy follow
 * `shared/eval/README.md` (the Sisimai taxonomy, so results compare across tools).
 * Everything downstream (rules, workers, API, webhooks) depends on these types: change them with care.
 */

/** Why a recipient's delivery failed (or what the message reports). */
export const REASONS = [
  'authfailure',
  'badreputation',
  'blocked',
  'contenterror',
  'delivered',
  'exceedlimit',
  'expired',
  'feedback',
  'filtered',
  'hasmoved',
  'hostunknown',
  'mailboxfull',
  'mailererror',
  'mesgtoobig',
  'networkerror',
  'norelaying',
  'notaccept',
  'notcompliantrfc',
  'onhold',
  'policyviolation',
  'rejected',
  'requireptr',
  'securityerror',
  'spamdetected',
  'speeding',
  'suspend',
  'syntaxerror',
  'systemerror',
  'systemfull',
  'toomanyconn',
  'undefined',
  'userunknown',
  'vacation',
  'virusdetected',
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * hard: permanent recipient failure (userunknown, hostunknown, hasmoved, notaccept with a 5xx reply);
 * soft: every other failure reason; complaint: ARF feedback; auto-reply: RFC 3834 / vacation;
 * delivered: successful-delivery DSN; unknown: undefined/onhold.
 */
export const BOUNCE_CLASSES = ['hard', 'soft', 'complaint', 'auto-reply', 'delivered', 'unknown'] as const;
export type BounceClass = (typeof BOUNCE_CLASSES)[number];

/** What kind of message this is as a whole. */
export const MESSAGE_KINDS = [
  'bounce', // a failure notice (DSN Action: failed, or an MTA's own non-DSN bounce)
  'delayed', // a delay notice only (Action: delayed): rules record it but never count it as a failure
  'delivery-report', // Action: delivered / relayed / expanded
  'complaint', // ARF feedback report (RFC 5965)
  'auto-reply', // RFC 3834 auto-submitted reply or vacation message
  'not-bounce', // anything else: ordinary mail, spam sent to the bounce box, ...
  'parse-error', // the input could not be read at all (empty, binary, truncated headers); see `error`
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** RFC 3464 Action field, normalised to lower case. */
export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export type RecipientResult = {
  /** The affected address, lower-cased domain, no angle brackets. */
  recipient: string;
  /** Original-Recipient (RFC 3464) or X-Actual-Recipient when it differs from `recipient`, else null. */
  originalRecipient: string | null;
  action: DsnAction | null;
  /** RFC 3463 enhanced status code, e.g. "5.1.1"; null when none can be found or inferred. */
  status: string | null;
  /** RFC 5321 reply code, e.g. 550; null when unknown. */
  replyCode: number | null;
  reason: Reason;
  class: BounceClass;
  /** Diagnostic text as the remote server gave it (Diagnostic-Code or the MTA's error line), unfolded. */
  diagnosticCode: string | null;
  /** The MTA that reported the failure (Remote-MTA, or the host named in the error text). */
  remoteMta: string | null;
  /** Reporting MTA (RFC 3464 Reporting-MTA) when known. */
  reportingMta: string | null;
  /** ARF Feedback-Type (abuse, fraud, virus, not-spam, ...) for complaints, else null. */
  feedbackType: string | null;
  /** Time of the last delivery attempt or arrival date, ISO 8601, when the report states it. */
  lastAttemptAt: string | null;
  /** Which format family recognised it: "rfc3464", "postfix", "exim", "arf", "rfc3834", ... */
  detectedBy: string;
};

/** What identifies the original (returned) message, for correlation with the send. */
export type OriginalMessageRef = {
  /** Message-ID of the original message, with angle brackets, or null. */
  messageId: string | null;
  /** Return-Path / envelope sender of the original message (where VERP tokens live), or null. */
  returnPath: string | null;
  /** The original message's From address, or null. */
  from: string | null;
  /** The original message's To addresses (lower-cased) as found in the returned headers. */
  to: string[];
  /** The original message's Subject (decoded), or null. */
  subject: string | null;
  /** Values of the configured correlation headers found in the returned headers, keyed by lower-case name. */
  correlationHeaders: Record<string, string>;
  /**
   * Only when `ParseOptions.originalHeaders` asks for them: every occurrence (top first, unfolded, not decoded) of
   * each requested header of the returned original, keyed by lower-case name; a requested header that is absent
   * has no key.
   */
  headers?: Record<string, string[]>;
};

/**
 * What an automatic reply says (auto-reply/read-auto-reply.ts): an absence window, a departure, a suggested
 * replacement address, stand-ins. Each finding carries the words it was read from.
 */
export type AutoReplyReading = {
  /** ISO dates (YYYY-MM-DD); `until` is the last day away. Both null: away, end not stated. */
  absence: { from: string | null; until: string | null; evidence: string } | null;
  /** "I have left the company" and its equivalents. */
  departure: { evidence: string } | null;
  /** new-address: "my new address is X"; successor: "write to X" after a departure. Never applied by the parser. */
  replacement: { address: string; reason: 'new-address' | 'successor'; evidence: string } | null;
  /** Addresses named as contacts during an absence: informational, never a replacement. */
  deputies: string[];
};

export type ParseResult = {
  kind: MessageKind;
  /** One entry per affected recipient, in the order they appear in the bounce. Empty for not-bounce. */
  recipients: RecipientResult[];
  original: OriginalMessageRef;
  /** The bounce message's own headers that matter downstream. */
  message: {
    messageId: string | null;
    from: string | null;
    to: string | null;
    subject: string | null;
    date: string | null;
  };
  /** Set when kind is 'parse-error' (and for non-fatal limits hit, e.g. truncated input). */
  error: { code: ParseErrorCode; message: string } | null;
  /** True when the per-message work cap was hit and only a prefix of the input was examined. */
  truncated: boolean;
  /** For kind 'auto-reply' only: what the reply's words say (absence, departure, replacement address). */
  autoReply?: AutoReplyReading;
};

/**
 * empty, binary, no-headers: the input could not be read (kind 'parse-error'); internal: an unexpected failure
 * (kind 'parse-error'); truncated: non-fatal, the input exceeded `maxBytes` and the verdict covers its prefix.
 */
export type ParseErrorCode = 'empty' | 'binary' | 'no-headers' | 'internal' | 'truncated';

export type ParseOptions = {
  /**
   * Header names (case-insensitive) whose values in the returned original message identify the send,
   * e.g. ["X-Send-Id", "X-Campaign-Id"]. Default: ["X-Bounce-Correlation", "X-Send-Id"].
   */
  correlationHeaders?: readonly string[];
  /**
   * Header names (case-insensitive) of the returned original to hand back verbatim in `original.headers`, e.g.
   * ["Received", "DKIM-Signature"] for diagnosing a rejection aimed at the sender (which host sent it, who signed
   * it). Default: none (and no `original.headers`).
   */
  originalHeaders?: readonly string[];
  /**
   * Maximum number of bytes examined per message. Bounces carry their verdict near the top; a returned
   * 50 MB attachment must not cost seconds or hundreds of MB. Default: 2 MiB.
   */
  maxBytes?: number;
};
