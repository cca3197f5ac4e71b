/**
 * Outbox events: written in the same transaction as the state change they announce, relayed later to webhooks and
 * operator e-mail. Payloads are self-contained (bounce verdict, matched send, resulting address state) so a
 * receiver never has to call back to understand an event.
 */
import { EVENT_TYPES, type EventType, eventPriority } from '@bounce/events';
import type { AuditRow, OutboxEvent, RowRefs } from '@bounce/rules';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jsonTable, queryRows, queryRowsPrepared } from '../sql/sql-util.js';

export type { AuditRow, OutboxEvent, RowRefs } from '@bounce/rules';

/** The types the outbox holds: the event registry's (@bounce/events), where each type's priority is declared. */
export const OUTBOX_EVENT_TYPES = EVENT_TYPES;
export type OutboxEventType = EventType;

const ISO_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} at time zone 'UTC', ${ISO_FORMAT})`;

/*
 * Row JSON as `to_jsonb` of a one-row subquery whose columns carry the keys, not `jsonb_build_object(key, value,
 * ...)`: the same object (jsonb orders keys itself), for about two thirds of the server's CPU (measured on 20,000
 * bounces: 170 against 240 ms), since jsonb_build_object looks up each argument's type again at every call. Every
 * event and audit row of the apply path carries one or two of these.
 */

/** JSON of the bounce row `b` (null when absent); the shape of `bounceSummary` in @bounce/rules. */
const BOUNCE_JSON_TEXT = `case when b.id is null then null else (select to_jsonb(j) from (select
  b.id, b.kind, b.class, b.reason, b.status, b.reply_code as "replyCode", b.diagnostic_code as "diagnosticCode",
  b.remote_mta as "remoteMta", b.feedback_type as "feedbackType", b.action, ${iso('b.occurred_at')} as "occurredAt",
  b.source, b.match_method as "matchMethod", b.original_message_id as "originalMessageId") j) end`;

/** JSON of the send row `s` (null when absent); the shape of `sendSummary` in @bounce/rules. */
const SEND_JSON_TEXT = `case when s.id is null then null else (select to_jsonb(j) from (select
  s.id, s.external_id as "externalId", s.message_id as "messageId", s.category, s.list_id as "listId",
  s.campaign_id as "campaignId", ${iso('s.sent_at')} as "sentAt") j) end`;

/** For queries with the bounce row as `b` and the send row as `s`. */
export const BOUNCE_JSON = sql.raw(BOUNCE_JSON_TEXT);
export const SEND_JSON = sql.raw(SEND_JSON_TEXT);

const REFS_JSON = sql.raw(
  `case when r."hasRefs" then jsonb_build_object('bounce', ${BOUNCE_JSON_TEXT}, 'send', ${SEND_JSON_TEXT}) else '{}'::jsonb end`,
);
const REFS_JOIN = sql.raw(`left join bounces b on b.id = r."bounceId" left join sends s on s.id = r."sendId"`);

/**
 * The bounce and send JSON of rows with `refs`, and the join it reads them from: nothing when no row has refs (the
 * apply path renders its summaries itself), so such a statement does not join the two tables at all.
 */
function refsSql(rows: readonly { refs?: RowRefs | undefined }[]): { present: boolean; json: SQL; join: SQL } {
  return rows.some((r) => r.refs !== undefined)
    ? { present: true, json: REFS_JSON, join: REFS_JOIN }
    : { present: false, json: sql`'{}'::jsonb`, join: sql`` };
}

function withRefs<T extends { refs?: RowRefs | undefined }>(rows: readonly T[]) {
  return rows.map((r) => ({
    ...r,
    hasRefs: r.refs !== undefined,
    bounceId: r.refs?.bounceId ?? null,
    sendId: r.refs?.sendId ?? null,
  }));
}

/** The INSERT of many events, in the given order (the bigserial id keeps that order for the relay). */
export function outboxInsertSql(tenantId: string, events: readonly OutboxEvent[]): SQL {
  // type and tenantId are added to every payload by the database (receivers get them in the body; the wire
  // carries them once per statement).
  const refs = refsSql(events);
  return sql`
    insert into outbox (tenant_id, type, priority, address, payload)
    select ${tenantId}, r.type, r.priority, r.address,
      jsonb_build_object('type', r.type, 'tenantId', ${tenantId}::text) || r.payload || ${refs.json}
    from ${jsonTable(
      {
        type: 'text',
        priority: 'text',
        address: 'text',
        payload: 'jsonb',
        hasRefs: 'boolean',
        bounceId: 'uuid',
        sendId: 'uuid',
      },
      withRefs(events).map((e) => ({ ...e, priority: eventPriority(e.type) })),
    )} as r
    ${refs.join}
    order by r._n`;
}

export async function insertOutboxEvents(
  tx: Executor,
  tenantId: string,
  events: readonly OutboxEvent[],
): Promise<void> {
  if (events.length > 0) await tx.execute(outboxInsertSql(tenantId, events));
}

const AUDIT_COLUMNS = {
  address: 'text',
  action: 'text',
  actor: 'text',
  rule: 'text',
  reason: 'text',
  before: 'jsonb',
  after: 'jsonb',
  evidence: 'jsonb',
  revertsId: 'bigint',
  configIndex: 'int',
  hasRefs: 'boolean',
  bounceId: 'uuid',
  sendId: 'uuid',
  historySince: 'timestamptz',
  historyLimit: 'int',
} as const;

function historySql(tenantId: string): SQL {
  return sql`(select coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'occurredAt', ${sql.raw(iso('h.occurred_at'))},
      'status', h.status, 'reason', h.reason, 'class', h.class, 'diagnosticCode', h.diagnostic_code,
      'remoteMta', h.remote_mta) order by h.occurred_at), '[]'::jsonb)
    from (select * from bounces hb
          where hb.tenant_id = ${tenantId} and hb.recipient = r.address and hb.occurred_at >= r."historySince"
            and hb.state = 'applied' and (hb.decision ->> 'countedAsFailure') = 'true'
          order by hb.occurred_at desc limit r."historyLimit") h)`;
}

/** The INSERT of many audit rows, in order (no RETURNING: callers add what they need). */
export function auditInsertSql(
  tenantId: string,
  rows: readonly AuditRow[],
  sharedConfigs: readonly object[] = [],
): SQL {
  const records = withRefs(rows).map(({ history, ...r }) => ({
    ...r,
    historySince: history?.since ?? null,
    historyLimit: history?.limit ?? null,
  }));
  // The shared configurations: an uncorrelated scalar subquery, evaluated once per statement.
  const refs = refsSql(rows);
  return sql`
    insert into audit_log (tenant_id, address, action, actor, rule, reason, before, after, evidence, reverts_id)
    select ${tenantId}, r.address, r.action, r.actor, r.rule,
      ${refs.present ? sql`coalesce(r.reason, b.decision ->> 'explanation')` : sql`r.reason`},
      r.before, r.after,
      case when r."configIndex" is null and not r."hasRefs" and r."historySince" is null then r.evidence
           else coalesce(r.evidence, '{}'::jsonb)
             || case when r."configIndex" is null then '{}'::jsonb
                     else jsonb_build_object('config', (select ${JSON.stringify(sharedConfigs)}::jsonb) -> r."configIndex") end
             || ${refs.json}
             || case when r."historySince" is null then '{}'::jsonb
                     else jsonb_build_object('softFailures', ${historySql(tenantId)}) end end,
      r."revertsId"
    from ${jsonTable(AUDIT_COLUMNS, records)} as r
    ${refs.join}
    order by r._n`;
}

/** Appends audit rows in one statement, in order. Returns their ids in the same order. */
export async function insertAuditRows(
  tx: Executor,
  tenantId: string,
  rows: readonly AuditRow[],
  sharedConfigs: readonly object[] = [],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const list = await queryRows<{ id: unknown }>(tx, sql`${auditInsertSql(tenantId, rows, sharedConfigs)} returning id`);
  return list.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Audit rows and outbox events in ONE statement (the audit insert as a data-modifying CTE). Both render bounce and
 * send JSON from rows written by earlier statements of the transaction.
 */
export async function insertAuditAndOutbox(
  tx: Executor,
  tenantId: string,
  audits: readonly AuditRow[],
  sharedConfigs: readonly object[],
  events: readonly OutboxEvent[],
): Promise<void> {
  // Prepared (see queryRowsPrepared): the apply path runs one of these three texts per batch.
  if (audits.length === 0) {
    if (events.length > 0) await queryRowsPrepared(tx, 'apply-outbox', outboxInsertSql(tenantId, events));
    return;
  }
  if (events.length === 0) {
    await queryRowsPrepared(tx, 'apply-audit', auditInsertSql(tenantId, audits, sharedConfigs));
    return;
  }
  await queryRowsPrepared(
    tx,
    'apply-audit-and-outbox',
    sql`
    with audit_rows as (${auditInsertSql(tenantId, audits, sharedConfigs)} returning 1)
    ${outboxInsertSql(tenantId, events)}`,
  );
}
