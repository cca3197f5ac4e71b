/** Writing bounce rows in bulk, and the bounce → rule-event mapping shared by every path that applies bounces. */

import { eventPriority } from '@bounce/events';
import {
  type BounceDraft,
  type BounceEvent,
  bounceSummary,
  type MatchedSend,
  type PendingEvent,
  sendSummary,
} from '@bounce/rules';
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

/** The query for the idempotency keys among `keys` that already have a bounce row for this tenant. */
export function existingBounceKeysSql(tenantId: string, keys: readonly string[]): SQL {
  return sql`select idempotency_key from bounces
    where tenant_id = ${tenantId} and idempotency_key = any(${textArray(keys)})`;
}

/** A bounce row's outbox event, for `jsonTable`: the row it announces, and the event as the outbox stores it. */
export type BounceRowEvent = {
  bounceId: string;
  type: 'bounce.recorded' | 'bounce.unmatched';
  priority: string;
  address: string | null;
  payload: Record<string, unknown>;
};

/**
 * The event each bounce row announces (bounce.recorded when applied, bounce.unmatched otherwise), in outbox order
 * (occurrence, then id): the verdict, the matched send (`sends`, by id; null when absent), and for an applied row the
 * rule and the address state after it, kept in the row's decision. Rendered here rather than by the database from
 * the inserted rows, whose JSON building cost the one primary about 25 µs of CPU per event; the caller keeps the
 * events of the rows actually inserted (a replay inserts none).
 */
export function bounceRowEvents(
  tenantId: string,
  rows: readonly BounceDraft[],
  sends: ReadonlyMap<string, MatchedSend> = new Map(),
): BounceRowEvent[] {
  const ordered = rows
    .filter((b) => b.state === 'applied' || b.state === 'unmatched')
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.map((b) => {
    const type = b.state === 'applied' ? 'bounce.recorded' : 'bounce.unmatched';
    const decision = (b.decision ?? {}) as Record<string, unknown>;
    const outcome =
      type === 'bounce.recorded'
        ? {
            decision: { rule: decision.rule ?? null },
            addressState: {
              state: decision.stateAfter ?? null,
              consecutiveSoftFailures: decision.consecutiveSoftFailures ?? null,
              suppressionReason: decision.suppressionReason ?? null,
            },
          }
        : { unmatchedReason: decision.unmatchedReason ?? null };
    return {
      bounceId: b.id,
      type,
      priority: eventPriority(type),
      address: b.recipient,
      payload: {
        type,
        tenantId,
        address: b.recipient,
        bounce: bounceSummary(b),
        send: b.sendId ? sendSummary(sends.get(b.sendId) ?? null) : null,
        ...outcome,
      },
    };
  });
}

/** The row columns a bounce's event payload does not carry; the verdict's columns are read from its `bounce`. */
const ROW_COLUMNS = {
  id: 'uuid',
  idempotencyKey: 'text',
  rawMessageId: 'uuid',
  recipient: 'text',
  receivedAt: 'timestamptz',
  sendId: 'uuid',
  state: 'text',
  decision: 'jsonb',
  appliedAt: 'timestamptz',
  assignedBy: 'text',
  eventType: 'text',
  eventPriority: 'text',
  eventOrder: 'int',
  payload: 'jsonb',
} as const satisfies Record<string, JsonColumnType>;

/**
 * The INSERT of bounce rows as the CTEs `new_bounces`, `ins_bounce_keys` and `ins_bounces` (the rows inserted: id
 * and key), and the bounce.recorded / bounce.unmatched event of each row actually inserted (`bounce_events`), for one
 * statement of the caller's. Each key goes into bounce_keys first (`on conflict do nothing`)
 * and only a key that was new gets its row: the exact "one bounce per (tenant, idempotency key)" once bounces is
 * partitioned by month and its own unique key holds received_at too (docs/retention.md). A row whose key another
 * transaction is inserting waits for it, as on a unique index. Until the keys of older rows are filled in (the
 * partition command), bounces' own unique index still catches a key bounce_keys does not know yet: hence the
 * `on conflict do nothing` on bounces as well. Rows are sorted by key, so concurrent inserts meet the key entries in
 * one order; a key twice in the batch keeps its first row.
 *
 * Each row's verdict travels ONCE, inside its event's payload (bounceRowEvents), from which the database reads the
 * bounce columns (jsonb_to_record): sending it twice, as row and as payload, took the statement's parameter from
 * about 490 to 930 kB per batch of 500, which Node serialises and the server parses.
 */
export function bounceInsertCtes(
  tenantId: string,
  rows: readonly BounceDraft[],
  sends?: ReadonlyMap<string, MatchedSend>,
): SQL {
  const events = new Map(bounceRowEvents(tenantId, rows, sends).map((e, order) => [e.bounceId, { e, order }]));
  const records = [...rows]
    .sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0))
    .map((b) => {
      const event = events.get(b.id);
      // Only the columns sent (jsonTable picks them): a copy of the whole draft per row was garbage.
      return {
        id: b.id,
        idempotencyKey: b.idempotencyKey,
        rawMessageId: b.rawMessageId,
        recipient: b.recipient,
        receivedAt: b.receivedAt,
        sendId: b.sendId,
        state: b.state,
        decision: b.decision,
        appliedAt: b.appliedAt,
        assignedBy: b.assignedBy,
        eventType: event?.e.type ?? null,
        eventPriority: event?.e.priority ?? null,
        eventOrder: event?.order ?? null,
        payload: event?.e.payload ?? { bounce: bounceSummary(b) },
      };
    });
  return sql`new_bounces as ${jsonTable(ROW_COLUMNS, records)},
  ins_bounce_keys as (
    insert into bounce_keys (tenant_id, idempotency_key, received_at)
    select ${tenantId}, r."idempotencyKey", r."receivedAt" from new_bounces r
    order by r._n
    on conflict do nothing
    returning idempotency_key),
  ins_bounces as (
    insert into bounces (id, tenant_id, idempotency_key, raw_message_id, source, kind, recipient, action,
      status, reply_code, reason, class, diagnostic_code, remote_mta, feedback_type, original_message_id, occurred_at,
      received_at, send_id, match_method, state, decision, applied_at, assigned_by)
    select distinct on (r."idempotencyKey") r.id, ${tenantId}, r."idempotencyKey", r."rawMessageId", v.source,
      v.kind, r.recipient, v.action, v.status, v."replyCode", v.reason, v.class, v."diagnosticCode", v."remoteMta",
      v."feedbackType", v."originalMessageId", v."occurredAt", r."receivedAt", r."sendId", v."matchMethod", r.state,
      r.decision, r."appliedAt", r."assignedBy"
    from new_bounces r
    cross join lateral jsonb_to_record(r.payload -> 'bounce') as v(source text, kind text, action text, status text,
      "replyCode" smallint, reason text, class text, "diagnosticCode" text, "remoteMta" text, "feedbackType" text,
      "originalMessageId" text, "occurredAt" timestamptz, "matchMethod" text)
    where r."idempotencyKey" in (select idempotency_key from ins_bounce_keys)
    order by r."idempotencyKey", r._n
    on conflict do nothing
    returning id, idempotency_key),
  bounce_events as (
    insert into outbox (tenant_id, type, priority, address, payload)
    select ${tenantId}, r."eventType", r."eventPriority", r.recipient, r.payload
    from new_bounces r
    where r."eventType" is not null and r.id in (select id from ins_bounces)
    order by r."eventOrder"
    returning 1)`;
}
