/**
 * The whole relational schema. One file on purpose: it is the contract between the rules engine, the workers
 * and the API, and drizzle-kit generates the migrations in `../drizzle` from it (`pnpm --filter @bounce/db generate`).
 *
 * Conventions: every row that belongs to a sending account carries `tenant_id`; addresses are stored normalised
 * (trimmed, lower-cased) so one mailbox is one row; times are `timestamptz`; identifiers exposed over the API are
 * UUIDs, high-volume internal rows use bigserial.
 */

import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RawMessageStatus } from './raw-messages/lifecycle.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tstz('created_at').notNull().defaultNow();

/* ------------------------------------------------------------------------------------------------ tenants */

/** A sending account. One installation serves several; each has its own rules and data. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(), // operator-chosen slug, e.g. "acme"
  name: text('name').notNull(),
  /**
   * Days a raw bounce message's content is kept after receipt; the maintenance job then removes the bytes and keeps
   * the row and its verdict (docs/retention.md). Null: the installation's RAW_RETENTION_DAYS; 0: kept for ever.
   */
  rawRetentionDays: integer('raw_retention_days'),
  /** Days archived mail (archived_messages: replies filed at contacts) is kept; null: until erased. */
  archiveRetentionDays: integer('archive_retention_days'),
  createdAt: createdAt(),
});

/** API keys per tenant, stored as SHA-256 of the key; `prefix` is shown to operators to tell keys apart. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(), // subset of read, write, admin
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_key_hash_uq').on(t.keyHash)],
);

/**
 * Rule configuration per tenant, optionally narrowed to one category or list. `config` is validated by the rules
 * package's schema; the most specific scope wins (list > category > tenant), missing keys fall back to the next.
 */
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull().$type<'tenant' | 'category' | 'list'>(),
    scopeValue: text('scope_value').notNull().default(''), // '' for scope tenant
    config: jsonb('config').notNull().$type<Record<string, unknown>>(),
    version: integer('version').notNull().default(1),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rule_sets_scope_uq').on(t.tenantId, t.scope, t.scopeValue)],
);

/* ---------------------------------------------------------------------------------------- address state */

/** Deliverability state of one address for one tenant. */
export const addresses = pgTable(
  'addresses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    address: text('address').notNull(), // normalised
    domain: text('domain').notNull(),
    state: text('state').notNull().default('active').$type<'active' | 'blocked'>(),
    consecutiveSoftFailures: integer('consecutive_soft_failures').notNull().default(0),
    firstSoftFailureAt: tstz('first_soft_failure_at'),
    lastSoftFailureAt: tstz('last_soft_failure_at'),
    lastBounceAt: tstz('last_bounce_at'),
    lastBounceId: uuid('last_bounce_id'),
    lastDeliveryAt: tstz('last_delivery_at'),
    /** Why the address is blocked: hard-bounce, escalation, complaint, manual, import, domain. */
    suppressionReason: text('suppression_reason'),
    suppressionDetail: text('suppression_detail'),
    suppressedAt: tstz('suppressed_at'),
    /**
     * Last manual unblock, reset or undo. Failures that occurred before it are stale for the rules: a bounce that
     * arrives late (a retried job, a slow DSN) cannot undo an operator's decision.
     */
    manualResetAt: tstz('manual_reset_at'),
    /**
     * Absence window read from the address's automatic reply ("on leave until 12 January"; @bounce/rules
     * absence-window.ts): soft failures from absent_from (inclusive) to absent_until (exclusive) are recorded with
     * the rule absence-window and not counted. Null: no window.
     */
    absentFrom: tstz('absent_from'),
    absentUntil: tstz('absent_until'),
    /** Incremented on every change: lets readers detect concurrent updates and orders audit rows. */
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('addresses_tenant_address_uq').on(t.tenantId, t.address),
    // Keyset paging of the suppression list by time: (suppressed_at, id) is the cursor, so ties (a bulk import
    // blocks thousands in one transaction) are resolved in the index, not by filtering every tied row.
    index('addresses_tenant_state_idx').on(t.tenantId, t.state, t.suppressedAt, t.id),
    index('addresses_tenant_domain_idx').on(t.tenantId, t.domain),
    // Prefix search and paging by address in byte order (COLLATE "C": a range scan whatever the database collation).
    index('addresses_tenant_address_c_idx').on(t.tenantId, sql`(${t.address} collate "C")`),
    index('addresses_blocked_address_c_idx')
      .on(t.tenantId, sql`(${t.address} collate "C")`)
      .where(sql`${t.state} = 'blocked'`),
    // No index on the columns a soft failure or a delivery changes (consecutive_soft_failures, the failure times):
    // those updates, most of the apply path's, are then HOT (no new index entries, migration 0017 with fillfactor
    // 80). The rules preview's "whose next soft failure escalates" counts the active addresses by state instead.
  ],
);

/** "Remove from the list only": an address suppressed for one list while still allowed elsewhere. */
export const listSuppressions = pgTable(
  'list_suppressions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    listId: text('list_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.address, t.listId] })],
);

/** Domain-wide blocks, e.g. every address at a domain that no longer exists. */
export const domainBlocks = pgTable(
  'domain_blocks',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.domain] })],
);

/* ------------------------------------------------------------------------------------------------ sends */

/** A message the sending system sent, reported through the send-events job or API. */
export const sends = pgTable(
  'sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Caller's own id for the send, for idempotent reporting (unique per tenant when given). */
    externalId: text('external_id'),
    messageId: text('message_id'), // with angle brackets, as in the header
    recipient: text('recipient').notNull(), // normalised
    category: text('category').notNull().default('transactional'), // invoice, newsletter, transactional, ...
    listId: text('list_id'),
    campaignId: text('campaign_id'),
    /** Signed VERP token embedded in the Return-Path (see rules-side `makeReturnPath`). */
    correlationToken: text('correlation_token'),
    sentAt: tstz('sent_at').notNull(),
    /** sent → delivered | bounced | deferred | rejected (synchronous rejection at send time) */
    status: text('status').notNull().default('sent'),
    deliveredAt: tstz('delivered_at'),
    bouncedAt: tstz('bounced_at'),
    /** Set once the delivery grace period passed with no bounce, counted as a confirmed delivery. */
    graceConfirmedAt: tstz('grace_confirmed_at'),
    /**
     * Set by the grace-period job on a send it found no longer waiting for a grace confirmation (bounced, delivered,
     * rejected, deferred). Only that job writes it (and grace_confirmed_at), so sends_grace_idx selects the sends
     * still to examine without naming `status`: the apply path's status changes are HOT updates.
     */
    graceCheckedAt: tstz('grace_checked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sends_tenant_external_uq').on(t.tenantId, t.externalId).where(sql`${t.externalId} is not null`),
    index('sends_tenant_message_id_idx').on(t.tenantId, t.messageId),
    index('sends_tenant_recipient_sent_idx').on(t.tenantId, t.recipient, t.sentAt),
    // Failure rates per receiving domain over a time range (the console's overview).
    index('sends_tenant_sent_idx').on(t.tenantId, t.sentAt),
    // The grace-period job's scan. Its predicate names no column the apply path writes (status, bounced_at,
    // delivered_at): a bounce's or delivery's update of the send is HOT (no entry in any of the five indexes).
    index('sends_grace_idx').on(t.sentAt).where(sql`${t.graceConfirmedAt} is null and ${t.graceCheckedAt} is null`),
  ],
);

/* ---------------------------------------------------------------------------------------------- bounces */

/**
 * Raw bounce messages, stored durably before the mailbox is acknowledged. Content is kept in the row (bytea);
 * `sha256` deduplicates the same mail fetched twice (e.g. after a UIDVALIDITY change).
 */
export const rawMessages = pgTable(
  'raw_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id'),
    folder: text('folder'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uid: bigint('uid', { mode: 'number' }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Compressed with LZ4 where the server has it (migration 0023: pglz was most of the fetch insert's CPU). */
    content: bytea('content').notNull(),
    /** The lifecycle of raw-messages/lifecycle.ts: received → parsed → applied | manual | failed. */
    status: text('status').$type<RawMessageStatus>().notNull().default('received'),
    error: text('error'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
    /**
     * A person settled a message of the manual list (status stays as the workers left it): how (assigned,
     * not-bounce, reparsed), who, when, and for mail that is not a bounce the address it was filed at.
     */
    resolution: text('resolution').$type<'assigned' | 'not-bounce' | 'reparsed' | 'archived'>(),
    resolvedBy: text('resolved_by'),
    resolvedAt: tstz('resolved_at'),
    filedAddress: text('filed_address'),
    /** When the retention job removed the content (set to empty bytes): the row and its bounces' verdicts stay. */
    contentPurgedAt: tstz('content_purged_at'),
    /**
     * What a sender diagnosis reads from this bounce (@bounce/sender-health SenderEvidenceSource: its verdicts, the
     * returned original's Received and DKIM-Signature headers), written by the parse worker when a verdict is
     * sender-side, so the notification worker need not read the content back and parse it again. Null otherwise,
     * and removed with the content by the retention job.
     */
    senderEvidence: jsonb('sender_evidence').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('raw_messages_tenant_sha_uq').on(t.tenantId, t.sha256),
    index('raw_messages_status_idx').on(t.status, t.receivedAt),
    // The fetch worker's "what can move out of this folder" query (listMessagesToMove): without it, every applied
    // row of the mailbox ever fetched is scanned on each poll.
    index('raw_messages_location_idx').on(t.mailboxId, t.folder, t.uidValidity, t.status),
    // The manual-processing list: open messages of a tenant, newest first.
    index('raw_messages_manual_idx')
      .on(t.tenantId, t.receivedAt, t.id)
      .where(sql`${t.status} = 'manual' and ${t.resolvedAt} is null`),
    index('raw_messages_filed_idx').on(t.tenantId, t.filedAddress).where(sql`${t.filedAddress} is not null`),
    // The retention job's scan: oldest first among the rows that still hold content; purged rows leave the index.
    index('raw_messages_retention_idx').on(t.receivedAt).where(sql`${t.contentPurgedAt} is null`),
  ],
);

/** One parsed verdict per affected recipient of a bounce message. */
export const bounces = pgTable(
  'bounces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * No foreign key (migration 0012): a key is checked per inserted row, a tenth of the server's CPU on the apply
     * path of this high-volume table. The writers copy the tenant of rows that have one (addresses, raw messages);
     * deleting a tenant still deletes these rows (trigger tenants_delete_history, as ON DELETE CASCADE did).
     */
    tenantId: text('tenant_id').notNull(),
    /** Same input twice ⇒ same key ⇒ no second effect. E.g. sha256(raw) + ':' + recipient index. */
    idempotencyKey: text('idempotency_key').notNull(),
    rawMessageId: uuid('raw_message_id').references(() => rawMessages.id, { onDelete: 'set null' }),
    source: text('source').notNull().default('imap'), // imap | send-event (synchronous rejection) | api
    kind: text('kind').notNull(), // parser MessageKind
    recipient: text('recipient'), // normalised; null when the parser found none
    action: text('action'),
    status: text('status'),
    replyCode: smallint('reply_code'),
    reason: text('reason').notNull(),
    class: text('class').notNull(),
    diagnosticCode: text('diagnostic_code'),
    remoteMta: text('remote_mta'),
    feedbackType: text('feedback_type'),
    originalMessageId: text('original_message_id'),
    /** When the failure happened according to the report (Last-Attempt-Date/Date), else receipt time. */
    occurredAt: tstz('occurred_at').notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    /**
     * No foreign key (migration 0012): checking it locked the send row once more per bounce. Only a send read in
     * the same transaction is ever written here; deleting a send still clears it (trigger sends_delete_bounces, as
     * ON DELETE SET NULL did).
     */
    sendId: uuid('send_id'),
    /** How the send was found: verp, message-id, header, recipient-time, manual. */
    matchMethod: text('match_method'),
    /** pending → applied | unmatched (manual-assignment list) | ignored | failed */
    state: text('state').notNull().default('pending'),
    /** The rules' decision for this bounce (rule fired, config in force, outcome). */
    decision: jsonb('decision').$type<Record<string, unknown>>(),
    appliedAt: tstz('applied_at'),
    assignedBy: text('assigned_by'),
  },
  (t) => [
    uniqueIndex('bounces_tenant_idem_uq').on(t.tenantId, t.idempotencyKey),
    index('bounces_tenant_recipient_idx').on(t.tenantId, t.recipient, t.occurredAt),
    // The lists by state (manual assignment, pending, failed) and the unmatched count: nearly every row is
    // 'applied', which nothing looks up by state, so those rows stay out (one index entry less per bounce on the
    // apply path, docs/capacity.md).
    index('bounces_tenant_state_idx').on(t.tenantId, t.state, t.receivedAt).where(sql`${t.state} <> 'applied'`),
    index('bounces_send_idx').on(t.sendId),
    // Bounces over time by class and reason (the console's charts).
    index('bounces_tenant_occurred_idx').on(t.tenantId, t.occurredAt),
    // Re-matching the manual-assignment list when a send is reported late (bounces/rematch-unmatched.ts): partial, so
    // the applied bounces — nearly all of them — pay nothing for these on insert.
    index('bounces_unmatched_message_id_idx').on(t.tenantId, t.originalMessageId).where(sql`${t.state} = 'unmatched'`),
    index('bounces_unmatched_verp_send_idx')
      .on(t.tenantId, sql`(${t.decision} ->> 'verpSendId')`)
      .where(sql`${t.state} = 'unmatched'`),
  ],
);

/**
 * The idempotency keys of raw_messages and bounces, kept apart from them (docs/retention.md): those two tables can be
 * partitioned by month of received_at (`pnpm --filter @bounce/db partition`), and a partitioned table's unique keys
 * must contain the partition key — so "(tenant, sha256) once" and "(tenant, idempotency key) once" would hold only
 * within a month. These unpartitioned tables hold them exactly: the writers insert the key first (`on conflict do
 * nothing`) in the same statement as the row, and only a key that was new gets its row. received_at is the row's, so
 * the keys of a dropped partition can be removed with it.
 */
export const rawMessageKeys = pgTable(
  'raw_message_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    receivedAt: tstz('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] }), index('raw_message_keys_received_idx').on(t.receivedAt)],
);

export const bounceKeys = pgTable(
  'bounce_keys',
  {
    /**
     * No foreign key (migration 0012): a key is checked per inserted row, a tenth of the server's CPU on the apply
     * path of this high-volume table. The writers copy the tenant of rows that have one (addresses, raw messages);
     * deleting a tenant still deletes these rows (trigger tenants_delete_history, as ON DELETE CASCADE did).
     */
    tenantId: text('tenant_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    receivedAt: tstz('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.idempotencyKey] }),
    // Read only to delete the keys of a dropped month (partitioning.ts): keys arrive in received_at order, so a
    // BRIN range index finds them, and a bounce's insert no longer adds a B-tree entry here (docs/capacity.md).
    index('bounce_keys_received_idx').using('brin', t.receivedAt),
  ],
);

/* ------------------------------------------------------------------------------------------------ audit */

/** Append-only trail of every state change: who or what, why, before and after. Never updated or deleted. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * No foreign key (migration 0012): a key is checked per inserted row, a tenth of the server's CPU on the apply
     * path of this high-volume table. The writers copy the tenant of rows that have one (addresses, raw messages);
     * deleting a tenant still deletes these rows (trigger tenants_delete_history, as ON DELETE CASCADE did).
     */
    tenantId: text('tenant_id').notNull(),
    address: text('address'), // null for tenant-level changes (rule sets, domain blocks, mailboxes)
    /** e.g. soft-failure, block, unblock, escalate, reset, list-remove, domain-block, delivery */
    action: text('action').notNull(),
    /** "rules", "operator:<api key id>", "import", "system" */
    actor: text('actor').notNull(),
    /** Rule that fired (e.g. hard-bounce, soft-threshold) or the operator's reason. */
    rule: text('rule'),
    reason: text('reason'),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    /** The bounces that led here (status, reason, diagnostic), and the rule config in force. */
    evidence: jsonb('evidence').$type<Record<string, unknown> | null>(),
    /** For undo: the audit row this one reverts. */
    revertsId: bigint('reverts_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_tenant_address_idx').on(t.tenantId, t.address, t.createdAt),
    index('audit_tenant_created_idx').on(t.tenantId, t.createdAt),
    // An entry is undone at most once: two operators clicking "undo" at the same moment cannot both succeed.
    uniqueIndex('audit_reverts_uq').on(t.revertsId).where(sql`${t.revertsId} is not null`),
  ],
);

/* ----------------------------------------------------------------------------------------------- outbox */

/**
 * Transactional outbox and event log in one: written in the same transaction as the state change, relayed to the
 * notification queue by the outbox relay (`published_at`), and kept as the queryable event history.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull().defaultRandom(),
    /**
     * No foreign key (migration 0012): a key is checked per inserted row, a tenth of the server's CPU on the apply
     * path of this high-volume table. The writers copy the tenant of rows that have one (addresses, raw messages);
     * deleting a tenant still deletes these rows (trigger tenants_delete_history, as ON DELETE CASCADE did).
     */
    tenantId: text('tenant_id').notNull(),
    type: text('type').notNull(), // e.g. address.blocked, bounce.recorded, invoice.undeliverable
    /** high for events a human must see soon (undeliverable invoice, sender-side block, mailbox disabled). */
    priority: text('priority').notNull().default('normal').$type<'normal' | 'high'>(),
    address: text('address'),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    publishedAt: tstz('published_at'),
    /**
     * When a consumer finished with the published event (the notification worker's fan-out, or the relay for an
     * event nobody wants). Published but never handled after a while means Redis lost the job (a failover to a
     * replica that had not received it): the reconciler re-publishes it (see republishUnhandledOutboxEvents).
     */
    handledAt: tstz('handled_at'),
  },
  (t) => [
    uniqueIndex('outbox_event_id_uq').on(t.eventId),
    index('outbox_unpublished_idx').on(t.id).where(sql`${t.publishedAt} is null`),
    index('outbox_unhandled_idx').on(t.publishedAt).where(sql`${t.publishedAt} is not null and ${t.handledAt} is null`),
    index('outbox_tenant_address_idx').on(t.tenantId, t.address, t.createdAt),
    index('outbox_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/** Sender-side incidents (a provider rejects us), grouped by receiving domain: one incident, not 10,000 rows. */
export const senderAlerts = pgTable(
  'sender_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    receivingDomain: text('receiving_domain').notNull(),
    reason: text('reason').notNull(),
    firstSeenAt: tstz('first_seen_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    count: integer('count').notNull().default(1),
    sampleDiagnostic: text('sample_diagnostic'),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [
    uniqueIndex('sender_alerts_open_uq')
      .on(t.tenantId, t.receivingDomain, t.reason)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/**
 * Diagnosed sender-side alerts (issue 19): what the DNS checks say about rejections aimed at us, grouped by receiving
 * provider and cause (`group_key` = "<provider id>|<cause>"), one open row per group: a count with the first and last
 * bounce, the latest diagnosis (evidence, check plan, check results, the explanation in English and German). Written
 * after the bounce is applied (the diagnosis asks DNS); `sender_alerts` above is the rules' immediate incident.
 */
export const senderHealthAlerts = pgTable(
  'sender_health_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    groupKey: text('group_key').notNull(),
    providerId: text('provider_id').notNull(),
    providerName: text('provider_name').notNull(),
    cause: text('cause').notNull(),
    /** The sending IP or domain the latest diagnosis is about. */
    subject: text('subject'),
    count: integer('count').notNull().default(0),
    firstSeenAt: tstz('first_seen_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    state: text('state').notNull().default('open').$type<'open' | 'closed'>(),
    /** check-passed: a recheck found the cause gone; quiet: nothing DNS can show and no bounce for a while; operator. */
    closeReason: text('close_reason').$type<'check-passed' | 'quiet' | 'operator'>(),
    closedAt: tstz('closed_at'),
    /** The latest diagnosis (JSON of @bounce/sender-health's Diagnosis). */
    diagnosis: jsonb('diagnosis').notNull().$type<Record<string, unknown>>(),
    /** What the diagnosis says in short (cause, subject, failing findings): a change is announced as an update. */
    fingerprint: text('fingerprint').notNull(),
    lastCheckedAt: tstz('last_checked_at').notNull(),
    /** When the scheduled recheck is next due (open alerts only). */
    nextCheckAt: tstz('next_check_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sender_health_alerts_open_uq').on(t.tenantId, t.groupKey).where(sql`${t.state} = 'open'`),
    index('sender_health_alerts_tenant_seen_idx').on(t.tenantId, t.lastSeenAt),
    index('sender_health_alerts_due_idx').on(t.nextCheckAt).where(sql`${t.state} = 'open'`),
  ],
);

/** Which bounce was counted in which alert: a retried diagnosis job counts nothing twice. */
export const senderHealthAlertBounces = pgTable(
  'sender_health_alert_bounces',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    bounceId: uuid('bounce_id').notNull(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => senderHealthAlerts.id, { onDelete: 'cascade' }),
    diagnosedAt: tstz('diagnosed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bounceId] }),
    index('sender_health_alert_bounces_alert_idx').on(t.alertId),
  ],
);

/**
 * A tenant's sending setup, checked on a schedule (issue 19): the request of `POST /v1/sender-checks` (domain, IPs,
 * DKIM selectors, bounce domain) and the latest report; an event is emitted when a check's result changes.
 */
export const senderSetupChecks = pgTable(
  'sender_setup_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    /** The validated request (ips, selectors, bounceDomain, returnPathLocalPart). */
    request: jsonb('request').notNull().$type<Record<string, unknown>>(),
    /** The latest report (JSON of @bounce/sender-health's SetupReport), null before the first run. */
    report: jsonb('report').$type<Record<string, unknown>>(),
    status: text('status'),
    lastCheckedAt: tstz('last_checked_at'),
    nextCheckAt: tstz('next_check_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sender_setup_checks_tenant_domain_uq').on(t.tenantId, t.domain),
    index('sender_setup_checks_due_idx').on(t.nextCheckAt),
  ],
);

/* -------------------------------------------------------------------------------------------- mailboxes */

/** A bounce mailbox fetched over IMAP. The secret (password or OAuth2 token) is encrypted at rest. */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** imap (folders, UIDs, moves) or pop3 (one maildrop, UIDL-tracked, optionally deleted after processing). */
    protocol: text('protocol').notNull().default('imap').$type<'imap' | 'pop3'>(),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    tlsMode: text('tls_mode').notNull().$type<'implicit' | 'starttls' | 'none'>(),
    /** Accept self-signed certificates (local/test servers only). Default false. */
    tlsAllowInvalid: boolean('tls_allow_invalid').notNull().default(false),
    /**
     * password: SASL PLAIN/LOGIN; xoauth2: `secret` is an access token the operator supplies; oauth2: tokens come from
     * the mailbox's grant in mailbox_oauth_grants (Microsoft 365 or Google sign-in), refreshed before expiry.
     */
    authMethod: text('auth_method').notNull().$type<'password' | 'xoauth2' | 'oauth2'>(),
    /**
     * The sign-in provider of an oauth2 mailbox: microsoft (Microsoft 365, device sign-in) or google (Google
     * Workspace, code flow). Chosen at creation or by the first sign-in, rebound by a sign-in with the other one.
     * Null for password and xoauth2 mailboxes (and an oauth2 mailbox nobody has chosen one for yet).
     */
    provider: text('provider').$type<'microsoft' | 'google'>(),
    username: text('username').notNull(),
    /** AES-256-GCM ciphertext of the password or access token (key from the environment). */
    secretEncrypted: text('secret_encrypted').notNull(),
    sourceFolder: text('source_folder').notNull().default('INBOX'),
    processedFolder: text('processed_folder').notNull().default('Processed'),
    manualFolder: text('manual_folder').notNull().default('Manual'),
    /** Seconds between scheduled polls; 0 = manual only. Default 20 minutes. */
    pollIntervalSeconds: integer('poll_interval_seconds').notNull().default(1200),
    useIdle: boolean('use_idle').notNull().default(true),
    /** POP3 only: keep messages on the server ("leave a copy"); false deletes each once its result is committed. */
    leaveOnServer: boolean('leave_on_server').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Disable after this many connection failures in a row. Default 5. */
    maxConsecutiveFailures: integer('max_consecutive_failures').notNull().default(5),
    disabledReason: text('disabled_reason'),
    lastError: text('last_error'),
    lastPollAt: tstz('last_poll_at'),
    lastSuccessAt: tstz('last_success_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mailboxes_tenant_name_uq').on(t.tenantId, t.name)],
);

/**
 * The tenant's own SMTP server (at most one per tenant), used by the account test's sending half: a test message
 * to the bounce mailbox is sent through it and then looked for in the mailbox. The password is SecretBox ciphertext
 * bound to the tenant (tenantSmtpSecretContext); an oauth2 server logs in with OAuth (OAUTHBEARER or XOAUTH2) using
 * the grant of one of the tenant's oauth2 mailboxes (the Microsoft 365 and Google scopes cover SMTP too), refreshed
 * like the mailbox's.
 */
export const tenantSmtpServers = pgTable('tenant_smtp_servers', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  /** implicit (465), starttls (587), none (cleartext: loopback or MAILBOX_ALLOWED_NETWORKS servers only). */
  tlsMode: text('tls_mode').notNull().$type<'implicit' | 'starttls' | 'none'>(),
  tlsAllowInvalid: boolean('tls_allow_invalid').notNull().default(false),
  /** none (a relay that needs no login), password (SASL PLAIN/LOGIN), oauth2 (OAUTHBEARER or XOAUTH2 with a mailbox's sign-in). */
  authMethod: text('auth_method').notNull().$type<'none' | 'password' | 'oauth2'>(),
  username: text('username'),
  /** password only: AES-256-GCM ciphertext. */
  secretEncrypted: text('secret_encrypted'),
  /** oauth2 only: the mailbox whose sign-in grant provides the access token; cleared when it is deleted. */
  oauthMailboxId: uuid('oauth_mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
  /** Envelope and header sender of the test message, e.g. "Bounce <bounces@example.com>". */
  fromAddress: text('from_address').notNull(),
  createdAt: createdAt(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** IMAP sync position per mailbox folder: a UIDVALIDITY change means UIDs restart and are re-checked by hash. */
export const mailboxFolderState = pgTable(
  'mailbox_folder_state',
  {
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text('folder').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.folder] })],
);

/**
 * The OAuth 2.0 grant of a mailbox signed in with Microsoft 365 (device authorization grant, RFC 8628) or Google
 * (authorization code with PKCE). One row per mailbox; every token and the flow's secret (device code or PKCE
 * verifier) is SecretBox ciphertext bound to the mailbox. The row is locked (FOR UPDATE) around a token refresh, so
 * several processes never spend one refresh token twice (providers that rotate refresh tokens revoke on reuse).
 */
export const mailboxOAuthGrants = pgTable(
  'mailbox_oauth_grants',
  {
    mailboxId: uuid('mailbox_id')
      .primaryKey()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull(),
    provider: text('provider').notNull().$type<'microsoft' | 'google'>(),
    /** pending: sign-in started, not finished; connected: tokens held; revoked: the provider refused the grant. */
    status: text('status').notNull().$type<'pending' | 'connected' | 'revoked' | 'failed'>(),
    /** Ciphertext of the device code (device flow) or the PKCE code verifier (code flow) while pending. */
    flowSecretEncrypted: text('flow_secret_encrypted'),
    /** SHA-256 of the code flow's `state` (the callback finds the grant by it; the state itself is not stored). */
    stateHash: text('state_hash'),
    userCode: text('user_code'),
    verificationUri: text('verification_uri'),
    /** Device flow: seconds between token polls (RFC 8628 §3.5; raised by slow_down). */
    pollIntervalSeconds: integer('poll_interval_seconds'),
    nextPollAt: tstz('next_poll_at'),
    flowExpiresAt: tstz('flow_expires_at'),
    refreshTokenEncrypted: text('refresh_token_encrypted'),
    accessTokenEncrypted: text('access_token_encrypted'),
    accessTokenExpiresAt: tstz('access_token_expires_at'),
    scope: text('scope'),
    lastError: text('last_error'),
    connectedAt: tstz('connected_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mailbox_oauth_grants_state_uq').on(t.stateHash),
    index('mailbox_oauth_grants_poll_idx').on(t.nextPollAt),
  ],
);

/* ---------------------------------------------------------------------------------------- contacts */

/** The CRM's people: an external id (the CRM's), a name; addresses in contact_addresses. */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_tenant_external_uq').on(t.tenantId, t.externalId),
    // The console's contact search (contacts/contact-search.ts: contactSearchText, the same expression): part of the
    // name or external id, by trigrams (pg_trgm).
    index('contacts_search_trgm_idx').using(
      'gin',
      sql`lower(coalesce(${t.name}, '') || ' ' || ${t.externalId}) gin_trgm_ops`,
    ),
  ],
);

/** A contact's addresses (lower-cased), exactly one primary per contact. */
export const contactAddresses = pgTable(
  'contact_addresses',
  {
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull(),
    address: text('address').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.address] }),
    index('contact_addresses_tenant_address_idx').on(t.tenantId, t.address),
    // Part of an address in the contact search (addresses are stored lower-cased).
    index('contact_addresses_address_trgm_idx').using('gin', sql`${t.address} gin_trgm_ops`),
  ],
);

/** Replacement addresses read from auto-replies ("my new address is X"): suggestions, never applied by themselves. */
export const addressSuggestions = pgTable(
  'address_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    suggested: text('suggested').notNull(),
    reason: text('reason').notNull().$type<'new-address' | 'successor'>(),
    evidence: text('evidence').notNull(),
    rawMessageId: uuid('raw_message_id'),
    /**
     * suggested: waiting for an operator; applied: the tenant's rule (applySuggestedAddresses) applied it at once;
     * accepted / dismissed: an operator's decision (decidedBy, decidedAt).
     */
    status: text('status').notNull().default('suggested').$type<'suggested' | 'applied' | 'accepted' | 'dismissed'>(),
    decidedBy: text('decided_by'),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('address_suggestions_tenant_address_idx').on(t.tenantId, t.address, t.createdAt)],
);

/* ------------------------------------------------------------------------------------- message archive */

/**
 * Mail in a bounce mailbox that is not a bounce (an auto-reply, an answer someone wrote), filed at each contact of
 * its sender: the grabber of issue 18. The original (.eml) and every attachment are blobs (archive_blobs), stored
 * once per tenant and content. One row per contact and message (dedup_key): filing the same message again, or
 * another delivered copy of it, changes nothing.
 */
export const archivedMessages = pgTable(
  'archived_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The stored raw message it came from; no foreign key: raw messages have a retention of their own. */
    rawMessageId: uuid('raw_message_id'),
    kind: text('kind').notNull().$type<'auto-reply' | 'reply'>(),
    /** The sender's address (lower-cased), the one that matched the contact. */
    address: text('address').notNull(),
    subject: text('subject'),
    /** The message's Date header, when readable. */
    messageDate: tstz('message_date'),
    /** SHA-256 (hex) and size of the original, its blob in archive_blobs. */
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /**
     * One message however often it arrives (two copies, two mailboxes of the tenant): `message-id:<Message-ID>`, or
     * `content:<hash of originator headers and body>` without one (archive/message-content.ts). Rows filed before
     * the column existed carry `sha256:<sha256>`.
     */
    dedupKey: text('dedup_key').notNull(),
    archivedAt: tstz('archived_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('archived_messages_contact_dedup_uq').on(t.tenantId, t.contactId, t.dedupKey),
    index('archived_messages_contact_idx').on(t.tenantId, t.contactId, t.archivedAt),
    index('archived_messages_archived_at_idx').on(t.tenantId, t.archivedAt),
  ],
);

/** The attachments of an archived message, in message order; content in archive_blobs unless it was over the limit. */
export const archivedAttachments = pgTable(
  'archived_attachments',
  {
    archivedMessageId: uuid('archived_message_id')
      .notNull()
      .references(() => archivedMessages.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    tenantId: text('tenant_id').notNull(),
    filename: text('filename'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** False when the content was over ARCHIVE_MAX_ATTACHMENT_BYTES (or past the count limit): metadata only. */
    stored: boolean('stored').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.archivedMessageId, t.position] }),
    // Whether a blob is still referenced (erasure and retention remove the unreferenced ones).
    index('archived_attachments_blob_idx').on(t.tenantId, t.sha256),
  ],
);

/** Archived content by tenant and SHA-256: an attachment sent to many contacts is stored once. */
export const archiveBlobs = pgTable(
  'archive_blobs',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] })],
);

/**
 * POP3 messages already taken from a maildrop, by UIDL (RFC 1939 §7: unique per maildrop, stable across sessions):
 * each is stored and parsed once. Rows of messages no longer on the server are pruned by the next fetch.
 */
export const mailboxPop3Seen = pgTable(
  'mailbox_pop3_seen',
  {
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    uidl: text('uidl').notNull(),
    rawMessageId: uuid('raw_message_id'),
    seenAt: tstz('seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.uidl] })],
);

/* ---------------------------------------------------------------------------------------- notifications */

/** Webhook subscriptions; two secrets may be active during a rotation (both signatures are sent). */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** Event types delivered; empty array = all. */
  eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
  secretEncrypted: text('secret_encrypted').notNull(),
  previousSecretEncrypted: text('previous_secret_encrypted'),
  previousSecretExpiresAt: tstz('previous_secret_expires_at'),
  enabled: boolean('enabled').notNull().default(true),
  description: text('description'),
  /**
   * The payload contract the receiver chose (apps/notify-worker/WEBHOOKS.md): 1 = one signed POST per event, 2 = one
   * signed POST carrying a batch of events (far less work per event on both sides). Default 1.
   */
  payloadVersion: smallint('payload_version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * Every webhook delivery attempt and its outcome. Fillfactor 50 (migration 0022, not expressible here): the claim's
 * update of next_attempt_at before each attempt finds room on the row's page and is HOT (no index entries).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * No foreign key (migration 0022): it was checked once per inserted delivery, a query and a row lock each, for the
     * same few subscriptions (a third of the fan-out insert's server time). The fan-out locks the batch's
     * subscriptions once per statement instead (createWebhookDeliveriesForEvents), and deleting a subscription still
     * deletes its deliveries (trigger webhook_subscriptions_delete_deliveries, as ON DELETE CASCADE did).
     */
    subscriptionId: uuid('subscription_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    /** pending → delivered | retrying | failed (after the last attempt; an operator may re-send) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: tstz('last_attempt_at'),
    nextAttemptAt: tstz('next_attempt_at'),
    deliveredAt: tstz('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_sub_event_uq').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_tenant_status_idx').on(t.tenantId, t.status, t.createdAt),
  ],
);

/** One row per attempt (the delivery row above holds the latest state). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * No foreign key (migration 0022): checked per attempt row, two thirds of the attempt insert's server time. Every
     * attempt is inserted by the statement that updates (so locks) its delivery, and deleting deliveries still
     * deletes their attempts (trigger webhook_deliveries_delete_attempts, as ON DELETE CASCADE did).
     */
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

/** Operators who receive e-mail for chosen event types (digested when many arrive at once). */
export const operatorSubscriptions = pgTable('operator_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
  /** Only events of this priority or higher: normal = all, high = high only. */
  minPriority: text('min_priority').notNull().default('normal'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
});

/**
 * A counter per tenant, raised by a trigger on every change to its webhook or operator subscriptions (migration
 * 0003). The outbox relay reads it with each claimed batch and keeps the tenant's subscriptions in memory while
 * it is unchanged: a change made by any process on any machine reaches every relay at its next batch. No foreign
 * key: the trigger also fires while a tenant's subscriptions are deleted with the tenant.
 */
export const notificationInterest = pgTable('notification_interest', {
  tenantId: text('tenant_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/* -------------------------------------------------------------------------------------- console accounts */

/**
 * People who sign in to the operator console. One account belongs to one tenant; the e-mail is unique across the
 * installation so that signing in needs no tenant name. The password is stored as an argon2id hash (PHC string).
 * Roles map to the API's scopes: viewer → read, operator → write, admin → admin.
 */
export const operatorAccounts = pgTable(
  'operator_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(), // trimmed, lower-cased
    name: text('name'),
    role: text('role').notNull().$type<'viewer' | 'operator' | 'admin'>(),
    passwordHash: text('password_hash').notNull(),
    /** Failed sign-ins since the last success: drives the per-account lock-out (see operators/sign-in.ts). */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    lastSignInAt: tstz('last_sign_in_at'),
    passwordChangedAt: tstz('password_changed_at').notNull().defaultNow(),
    disabledAt: tstz('disabled_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operator_accounts_email_uq').on(t.email), index('operator_accounts_tenant_idx').on(t.tenantId)],
);

/**
 * Console sessions. The cookie holds a random token; only its SHA-256 is stored (`id`), like API keys. `csrfToken`
 * is the synchronizer token every state-changing request of the session must echo in X-CSRF-Token.
 */
export const operatorSessions = pgTable(
  'operator_sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => operatorAccounts.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    index('operator_sessions_account_idx').on(t.accountId),
    index('operator_sessions_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Who changed what through the API, people and API keys alike: one row per successful state-changing request, per
 * sign-in and per refused sign-in. Complements `audit_log` (the per-address trail with undo); never updated.
 */
export const activityLog = pgTable(
  'activity_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** user:<account id> or operator:<api key id> (as in audit_log), or anonymous for a refused sign-in. */
    actor: text('actor').notNull(),
    /** e.g. "PATCH /v1/mailboxes/:id" or "session.sign-in". */
    action: text('action').notNull(),
    /** The route parameters (ids, addresses) the change was about. */
    target: jsonb('target').$type<Record<string, unknown> | null>(),
    status: smallint('status').notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('activity_log_tenant_idx').on(t.tenantId, t.id)],
);
