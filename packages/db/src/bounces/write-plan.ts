/**
 * The shapes on the apply path: what the store reads before deciding (matched sends, bounce drafts, pending events),
 * what the rules decide for each (outcomes), and what a batch of decisions writes (the write plan). Types only, so
 * planning, writing and the row builders share them without importing each other.
 */
import type { AddressState, Decision, RuleConfig, RuleEvent } from '@bounce/rules';
import type { AddressWrite } from '../addresses/address-state.js';
import type { AuditRow, OutboxEvent } from '../outbox/outbox-events.js';

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

export type WriteSummary = {
  auditRows: number;
  outboxEvents: number;
  addressesChanged: number;
  blocked: number;
  senderAlertsOpened: number;
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

export type WriteExtras = {
  /**
   * Bounce rows to insert first (ON CONFLICT DO NOTHING); their keys come back in `insertedKeys`, and the database
   * derives one outbox event per row actually inserted from it: bounce.recorded (applied) or bounce.unmatched.
   */
  bounces?: readonly BounceDraft[];
  /** raw_messages rows to move to applied / manual. */
  rawStatuses?: readonly { id: string; status: 'applied' | 'manual' }[];
  /**
   * Called with the bounce keys statement 1 actually inserted, before statement 2: may throw to roll the batch
   * back (a concurrent worker inserted one of ours).
   */
  afterInsert?: (insertedKeys: ReadonlySet<string>) => void;
};
