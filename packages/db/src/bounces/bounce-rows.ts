/** Writing bounce rows in bulk, and the bounce → rule-event mapping shared by every path that applies bounces. */

import type { BounceDraft, BounceEvent, PendingEvent } from '@bounce/rules';
import { type SQL, sql } from 'drizzle-orm';
import { domainPart } from '../addresses/address-state.js';
import { type JsonColumnType, jsonTable, textArray } from '../sql/sql-util.js';

const BOUNCE_EVENT_KINDS = new Set(['bounce', 'delayed', 'delivery-report', 'complaint', 'auto-reply']);

/** The rules' view of a bounce row. */
export function bounceEventOf(
  b: BounceDraft,
  category: string | null,
  listId: string | null,
  address: string,
): BounceEvent {
  const kind = BOUNCE_EVENT_KINDS.has(b.kind) ? (b.kind as BounceEvent['kind']) : 'bounce';
  return {
    type: 'bounce',
    bounceId: b.id,
    occurredAt: b.occurredAt,
    class: b.class as BounceEvent['class'],
    reason: b.reason as BounceEvent['reason'],
    status: b.status,
    replyCode: b.replyCode,
    diagnosticCode: b.diagnosticCode,
    remoteMta: b.remoteMta,
    kind,
    category,
    listId,
    recipientDomain: domainPart(address),
    action: (b.action as BounceEvent['action']) ?? null,
    feedbackType: b.feedbackType,
  };
}

/** What a bounce does to its send row: a failure notice marks it bounced, a delivery report delivered. */
export function sendUpdateOf(b: BounceDraft): PendingEvent['sendUpdate'] {
  if (b.class === 'delivered' || b.kind === 'delivery-report') return 'delivered';
  if (b.kind !== 'bounce') return null; // delays, auto-replies and complaints say nothing about non-delivery
  if (b.action === 'delayed' || b.action === 'delivered' || b.action === 'relayed' || b.action === 'expanded')
    return null;
  return b.source === 'send-event' ? 'rejected' : 'bounced';
}

const BOUNCE_COLUMNS = {
  id: 'uuid',
  idempotencyKey: 'text',
  rawMessageId: 'uuid',
  source: 'text',
  kind: 'text',
  recipient: 'text',
  action: 'text',
  status: 'text',
  replyCode: 'smallint',
  reason: 'text',
  class: 'text',
  diagnosticCode: 'text',
  remoteMta: 'text',
  feedbackType: 'text',
  originalMessageId: 'text',
  occurredAt: 'timestamptz',
  receivedAt: 'timestamptz',
  sendId: 'uuid',
  matchMethod: 'text',
  state: 'text',
  decision: 'jsonb',
  appliedAt: 'timestamptz',
  assignedBy: 'text',
} as const satisfies Partial<Record<keyof BounceDraft, JsonColumnType>>;

/** The query for the idempotency keys among `keys` that already have a bounce row for this tenant. */
export function existingBounceKeysSql(tenantId: string, keys: readonly string[]): SQL {
  return sql`select idempotency_key from bounces
    where tenant_id = ${tenantId} and idempotency_key = any(${textArray(keys)})`;
}

/** The INSERT of bounce rows (sorted by key, so concurrent inserts meet unique-index entries in one order). */
export function bounceInsertSql(tenantId: string, rows: readonly BounceDraft[]): SQL {
  const sorted = [...rows].sort((a, b) =>
    a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0,
  );
  return sql`insert into bounces (id, tenant_id, idempotency_key, raw_message_id, source, kind, recipient, action,
      status, reply_code, reason, class, diagnostic_code, remote_mta, feedback_type, original_message_id, occurred_at,
      received_at, send_id, match_method, state, decision, applied_at, assigned_by)
    select r.id, ${tenantId}, r."idempotencyKey", r."rawMessageId", r.source, r.kind, r.recipient, r.action,
      r.status, r."replyCode", r.reason, r.class, r."diagnosticCode", r."remoteMta", r."feedbackType",
      r."originalMessageId", r."occurredAt", r."receivedAt", r."sendId", r."matchMethod", r.state, r.decision,
      r."appliedAt", r."assignedBy"
    from ${jsonTable(BOUNCE_COLUMNS, sorted)} as r
    order by r._n
    on conflict (tenant_id, idempotency_key) do nothing`;
}
