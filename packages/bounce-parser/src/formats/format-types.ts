import type { Entity } from '../mime/entity.js';
import type { Headers } from '../mime/headers.js';
import type { DsnAction, MessageKind, Reason } from '../types.js';

/**
 * What a format detector extracts for one recipient, before the shared classifier decides reason and class.
 * Only `recipient` is required; everything else is filled from whatever the format states.
 */
export type Candidate = {
  recipient: string;
  originalRecipient?: string | null;
  action?: DsnAction | null;
  /** Status the report states explicitly (DSN Status field, or a code in the MTA's error line). */
  status?: string | null;
  replyCode?: number | null;
  /** The remote server's reply or the MTA's error text: what the classifier reads. */
  diagnostic?: string | null;
  remoteMta?: string | null;
  reportingMta?: string | null;
  /** SMTP command the failure answered (RCPT, DATA, MAIL, HELO, CONN): decides sender vs. recipient problems. */
  command?: SmtpCommand | null;
  /**
   * Set when the format never states the SMTP command a reply answered (OpenSMTPD's notice): an unknown-user reply
   * there is read as the convention reads one of unknown stage, as after DATA (a filter), unless the code or the
   * provider says the address does not exist.
   */
  stageUnstated?: boolean;
  /** Set when the format itself states the cause unambiguously (e.g. Exim's "retry timeout exceeded"). */
  reason?: Reason | null;
  feedbackType?: string | null;
  lastAttemptAt?: string | null;
  /** Human-readable text around the recipient, read only when the diagnostic and the code say nothing. */
  context?: string | null;
  /** What an undeterminable failure is in this format: Notes states a reason in words no rule knows. */
  fallbackReason?: Reason | null;
  /** Set to true when the failure is temporary by the format's own words (a delay warning). */
  isTemporary?: boolean;
};

export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA';

export type Detection = {
  detectedBy: string;
  /** Overrides the kind derived from the recipients' actions (e.g. complaint, auto-reply). */
  kind?: MessageKind;
  recipients: Candidate[];
  /** Offset in `ctx.text` or a decoded text where the returned original's headers start, when inline. */
  originalHeaders?: { text: string; start: number } | null;
};

/** Everything a detector may look at; decoded texts are computed once and shared. */
export type BounceContext = {
  /** Normalised binary text of the whole message. */
  text: string;
  root: Entity;
  /** Leaf entities in document order. */
  leaves: Entity[];
  headers: Headers;
  /** Decoded Subject and From of the bounce itself (lower-cased copies for matching). */
  subject: string;
  from: string;
  /** Decoded text of a leaf (cached on the entity). */
  textOf(entity: Entity): string;
  /** The human-readable bounce text: the first text/plain (or text/html, tags stripped) leaf, decoded. */
  bounceText(): string;
  /** Every readable text leaf that is not the returned original, decoded and joined. */
  allText(): string;
};

export type FormatDetector = {
  /** Family name reported as `detectedBy`. */
  name: string;
  detect(ctx: BounceContext): Detection | null;
};
