/**
 * Contract of the rules engine: pure and deterministic. The database layer (`@bounce/db`) loads an address's
 * state, calls `decide`, and writes the returned state, audit entry and events in one transaction.
 * No I/O here, no clock: every time comes in through the event.
 */
import type { BounceClass, DsnAction, Reason } from '@bounce/parser';

/** What happens when a rule fires. */
export type SuppressionAction =
  | 'block' // the address is blocked for all non-exempt mail
  | 'remove-from-list' // only removed from the list the failing send belonged to
  | 'notify-only'; // nothing changes; an event tells the operator

export type RuleConfig = {
  /** Consecutive soft failures that escalate to hard. Default 5. */
  softBounceThreshold: number;
  /**
   * Soft failures older than this many days no longer count: when the previous failure is older, the count
   * restarts at 1. null = failures never expire. Default 90.
   */
  softFailureWindowDays: number | null;
  /** Action when a hard bounce arrives. Default block. */
  hardBounceAction: SuppressionAction;
  /** Action when the soft threshold is reached. Default block. */
  softThresholdAction: SuppressionAction;
  /** Action on a spam complaint (ARF). Default block. */
  complaintAction: SuppressionAction;
  /**
   * Reasons treated as hard even when the parser classed them soft, and vice versa: a bounce is hard when its
   * reason is in this list (and, for notaccept, the reply is permanent). Default: userunknown, hostunknown,
   * hasmoved, notaccept. An explicitly temporary reply (4xx / 4.x.x) is never hard, whatever its reason:
   * Postfix answers `450 4.1.1 <x>: Recipient address rejected: unverified address` while it is still probing.
   */
  hardReasons: Reason[];
  /**
   * Reasons that reject the sender, not the recipient (blocklists, reputation, SPF/DKIM/DMARC, PTR, TLS):
   * they never block the recipient nor count toward escalation; they raise a tenant alert grouped by receiving
   * domain. Default: blocked, badreputation, authfailure, requireptr, securityerror.
   */
  senderSideReasons: Reason[];
  /** Also treat 5.7.x/4.7.x policy replies whose reason is not recipient-specific as sender-side. Default true. */
  policyStatusIsSenderSide: boolean;
  /** Categories still sent to blocked addresses; their failures raise a high-priority event. Default ['invoice']. */
  exemptCategories: string[];
  /**
   * A send with no bounce after this many hours counts as a confirmed delivery and resets the soft count.
   * null = only explicit deliveries reset. Default 72.
   */
  deliveryGraceHours: number | null;
  /**
   * Replacement addresses read from automatic replies, applied to the contacts of the replying address (the new
   * address becomes their primary one, the old one stays as a secondary): never (only suggested, for an operator to
   * accept or dismiss), new-address ("my new address is X": the same person) or all (also a successor named after
   * "I have left the company": another person). Default never.
   */
  applySuggestedAddresses: SuggestedAddressPolicy;
};

export type SuggestedAddressPolicy = 'never' | 'new-address' | 'all';

/** Partial configuration as stored per tenant/category/list; merged over the defaults, most specific last. */
export type RuleConfigOverrides = Partial<RuleConfig>;

export type AddressStatus = 'active' | 'blocked';

/** Why an address is blocked. */
export type SuppressionReason = 'hard-bounce' | 'escalation' | 'complaint' | 'manual' | 'import' | 'domain';

/** The per-address state the rules read and write (a projection of the `addresses` row). */
export type AddressState = {
  state: AddressStatus;
  consecutiveSoftFailures: number;
  firstSoftFailureAt: Date | null;
  lastSoftFailureAt: Date | null;
  lastBounceAt: Date | null;
  lastDeliveryAt: Date | null;
  suppressionReason: SuppressionReason | null;
  suppressedAt: Date | null;
  /**
   * When an operator last unblocked, reset or undid this address (optional column; absent = never). Failures
   * that occurred before it are stale: the operator's decision already took them into account, so a bounce
   * that arrives late (a retried job, a slow DSN) cannot undo an unblock.
   */
  manualResetAt?: Date | null;
  /**
   * An absence window read from the address's automatic reply ("on leave until 12 January"): soft failures that
   * occur from `absentFrom` (inclusive) to `absentUntil` (exclusive) are recorded but not counted toward escalation
   * (a full mailbox or a deferral while someone is away says nothing about the address). Optional columns;
   * absent/null = no window. See absenceWindowOf for how the reply's dates become these instants.
   */
  absentFrom?: Date | null;
  absentUntil?: Date | null;
};

/** A parsed bounce for one recipient, as the rules see it. */
export type BounceEvent = {
  type: 'bounce';
  bounceId: string;
  /** When the failure happened (report time), used to order events that arrive out of order. */
  occurredAt: Date;
  class: BounceClass;
  reason: Reason;
  status: string | null;
  replyCode: number | null;
  diagnosticCode: string | null;
  remoteMta: string | null;
  /** Parser message kind: 'delayed' notices are recorded but never count. */
  kind: 'bounce' | 'delayed' | 'delivery-report' | 'complaint' | 'auto-reply';
  /** Category and list of the matched send (null when unmatched or unknown). */
  category: string | null;
  listId: string | null;
  /** Domain of the recipient (receiving domain) for sender-side alert grouping. */
  recipientDomain: string;
  /**
   * RFC 3464 Action of this recipient when known. A 'delayed' recipient inside a mixed report (kind 'bounce')
   * is ignored like a delay notice. Optional: absent = unknown.
   */
  action?: DsnAction | null;
  /** ARF Feedback-Type (RFC 5965) for complaints; 'not-spam' is not a complaint and never blocks. Optional. */
  feedbackType?: string | null;
  /**
   * Auto-replies only: the absence the reply's words announce (the parser's AutoReplyReading.absence), ISO dates
   * (YYYY-MM-DD, `until` = the last day away). Optional: absent = none read.
   */
  absence?: { from: string | null; until: string | null } | null;
};

/** A confirmed delivery: a delivery DSN, a delivery event from the sender, or a grace period without bounce. */
export type DeliveryEvent = {
  type: 'delivery';
  occurredAt: Date;
  source: 'dsn' | 'send-event' | 'grace-period';
  sendId: string | null;
};

export type RuleEvent = BounceEvent | DeliveryEvent;

/** Names of the rules, stored in audit rows so an operator sees which one fired. */
export type RuleName =
  | 'hard-bounce'
  | 'soft-failure'
  | 'soft-threshold'
  | 'soft-window-restart'
  | 'complaint'
  | 'sender-side'
  | 'delayed-ignored'
  | 'auto-reply-ignored'
  | 'absence-recorded'
  | 'absence-window'
  | 'delivery-reset'
  | 'stale-event'
  | 'already-blocked'
  | 'unknown-recorded'
  | 'not-spam-ignored';

/** Side effects the database layer performs, beside writing `next`. */
export type Effect =
  | { type: 'block'; reason: SuppressionReason }
  | { type: 'remove-from-list'; listId: string }
  | { type: 'sender-alert'; receivingDomain: string; reason: Reason }
  | { type: 'exempt-undeliverable'; category: string }
  | { type: 'notify'; event: string };

export type Decision = {
  rule: RuleName;
  /** Human-readable explanation stored with the audit row: what happened and why. */
  explanation: string;
  /** True when the address state changed (an audit row is written only then, or for effects). */
  changed: boolean;
  next: AddressState;
  effects: Effect[];
  /** Whether this event counted toward escalation (false for delayed, sender-side, stale, ...). */
  countedAsFailure: boolean;
  /** The configuration in force, copied into the audit evidence. */
  config: RuleConfig;
  /** The event that led to the decision (status, reason, diagnostic text), for the audit row. Always set by decide. */
  evidence?: DecisionEvidence;
};

/** What the audit row keeps of the event behind a decision. */
export type DecisionEvidence =
  | {
      type: 'bounce';
      bounceId: string;
      occurredAt: Date;
      kind: BounceEvent['kind'];
      class: BounceClass;
      reason: Reason;
      status: string | null;
      replyCode: number | null;
      diagnosticCode: string | null;
      remoteMta: string | null;
      category: string | null;
      listId: string | null;
    }
  | { type: 'delivery'; occurredAt: Date; source: DeliveryEvent['source']; sendId: string | null };

/** Operator actions on one address (all recorded in the audit trail by the database layer). */
export type ManualOperation = 'unblock' | 'block' | 'reset-count' | 'undo';

/** Result of a manual operation: like a Decision, without a rule config (operators act outside the rules). */
export type ManualResult = {
  operation: ManualOperation;
  /** Human-readable explanation for the audit row, including the operator's reason. */
  explanation: string;
  /** The operator's reason, as given. */
  reason: string;
  changed: boolean;
  /** State before the operation (the clean state when the address was never seen). */
  before: AddressState;
  next: AddressState;
  effects: Effect[];
};

/** Options of `canSend`: list-level and domain-level suppressions known to the caller. */
export type CanSendOptions = {
  /** List the send belongs to, named in the answer. */
  listId?: string;
  /** The address was removed from this list ("remove-from-list" action or manual). */
  listSuppressed?: boolean;
  /** A domain-wide block covering the address's domain, or null. */
  domainBlocked?: { reason: string } | null;
};

export type CanSendResult = {
  allowed: boolean;
  /** Why, in words (names the block reason and the exemption). */
  reason: string;
  /** The address is blocked (its own state or a domain block), whether or not this send is allowed. */
  blocked: boolean;
  blockReason: SuppressionReason | null;
  /** The category is exempt (e.g. invoice): sent even when blocked. */
  exempt: boolean;
};
