/**
 * The vocabulary of applying a batch of rule events: what the store reads before deciding (the locked address rows,
 * matched sends, bounce drafts, pending events), what the rules decide for each (outcomes), and what a batch of
 * decisions writes (the write plan, with its audit rows and outbox events). Planning (plan-batch.ts) is pure and
 * lives here with the rules; @bounce/db reads the inputs and executes the plan.
 */
import type { EventType } from '@bounce/events';
import type { AddressState, Decision, RuleConfig, RuleEvent, SuppressionReason } from '../types.js';

/** A locked address row: the rules' state plus what the store needs to write it back. */
export type LockedAddress = {
  id: number;
  address: string;
  domain: string;
  version: number;
  lastBounceId: string | null;
  suppressionDetail: string | null;
  state: AddressState;
};

export type AddressWrite = {
  id: number;
  state: AddressState;
  lastBounceId: string | null;
  suppressionDetail: string | null;
};

/** JSON form of an AddressState, as stored in audit `before`/`after` (dates as ISO strings). */
export type AddressSnapshot = {
  state: AddressState['state'];
  consecutiveSoftFailures: number;
  firstSoftFailureAt: string | null;
  lastSoftFailureAt: string | null;
  lastBounceAt: string | null;
  lastDeliveryAt: string | null;
  suppressionReason: SuppressionReason | null;
  suppressedAt: string | null;
  manualResetAt: string | null;
  absentFrom: string | null;
  absentUntil: string | null;
};

/** A bounce row and a send row an event or audit entry refers to; the database renders them as JSON. */
export type RowRefs = { bounceId: string | null; sendId: string | null };

/** An event to write; its priority comes from the registry. */
export type OutboxEvent = {
  type: EventType;
  address: string | null;
  payload: Record<string, unknown>;
  /**
   * Adds `bounce` (verdict: class, reason, status, replyCode, diagnosticCode, remoteMta, ...) and `send` (id,
   * externalId, messageId, category, listId, ...) to the payload, built by the database from the rows written
   * earlier in the same transaction: the same JSON without shipping it over the wire once per event.
   */
  refs?: RowRefs;
};

export type AuditRow = {
  address: string | null;
  action: string;
  actor: string;
  rule: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  evidence: Record<string, unknown> | null;
  revertsId?: number | null;
  /**
   * Index into `sharedConfigs`: the rule configuration in force, merged into `evidence.config` by the database.
   * A batch uses a handful of configurations; sending each once instead of once per row halves the JSON the
   * server parses for a batch of rule decisions.
   */
  configIndex?: number | null;
  /**
   * Adds `bounce` and `send` to the evidence, rendered by the database (see OutboxEvent.refs). With a bounce, a
   * null `reason` is filled with the bounce row's decision explanation.
   */
  refs?: RowRefs;
  /**
   * Adds `softFailures` to the evidence: the counted soft failures of the address since `since`, newest `limit`,
   * read by the database from the bounce rows (an escalation cites the bounces that led to it).
   */
  history?: { since: Date; limit: number };
};

/** The send a bounce or delivery belongs to, as far as the store needs it. */
export type MatchedSend = {
  id: string;
  externalId: string | null;
  messageId: string | null;
  recipient: string;
  category: string;
  listId: string | null;
  campaignId: string | null;
  sentAt: Date;
  status: string;
};

/** How a bounce was tied to its send (or to a known recipient without a send). */
export type MatchMethod =
  | 'verp'
  | 'message-id'
  | 'header'
  | 'recipient-time'
  | 'known-recipient'
  | 'manual'
  | 'send-event';

/** A bounce row about to be written (the parser's verdict for one recipient plus correlation). */
export type BounceDraft = {
  id: string;
  idempotencyKey: string;
  rawMessageId: string | null;
  source: 'imap' | 'send-event' | 'api';
  kind: string;
  recipient: string | null;
  action: string | null;
  status: string | null;
  replyCode: number | null;
  reason: string;
  class: string;
  diagnosticCode: string | null;
  remoteMta: string | null;
  feedbackType: string | null;
  originalMessageId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  sendId: string | null;
  matchMethod: MatchMethod | null;
  state: 'pending' | 'applied' | 'unmatched' | 'ignored';
  decision: Record<string, unknown> | null;
  appliedAt: Date | null;
  assignedBy: string | null;
};

export type PendingEvent = {
  address: string;
  event: RuleEvent;
  send: MatchedSend | null;
  /** The bounce row behind a bounce event (null for deliveries). */
  bounce: BounceDraft | null;
  /** Who or what caused it: "rules" for the pipeline, "operator:<id>" for a manual assignment. */
  actor: string;
  /**
   * What happens to the send row: a failure marks it bounced (or rejected, for a synchronous rejection), a
   * delivery report marks it delivered, a grace confirmation sets grace_confirmed_at.
   */
  sendUpdate: 'bounced' | 'rejected' | 'delivered' | 'grace' | null;
};

export type EventOutcome = {
  pending: PendingEvent;
  before: AddressState;
  decision: Decision;
  config: RuleConfig;
};

export type AlertGroup = {
  domain: string;
  reason: string;
  first: Date;
  last: Date;
  n: number;
  sample: string | null;
  /** Payload of the incident's first rejection, for the sender.blocked event (one per incident: built here). */
  firstEvent: Record<string, unknown>;
};

/** Everything a batch of decisions writes, computed in memory (see `planOutcomes`). */
export type WritePlan = {
  addressWrites: AddressWrite[];
  listRemovals: { address: string; listId: string; reason: string }[];
  sendUpdates: { id: string; status: string | null; at: string; grace: boolean }[];
  alerts: AlertGroup[];
  audits: AuditRow[];
  events: OutboxEvent[];
  sharedConfigs: RuleConfig[];
  blocked: number;
};
