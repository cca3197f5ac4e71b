/**
 * Webhook deliveries (latest state per subscription × event) and attempts (one row per try). The fan-out creates
 * deliveries idempotently (unique subscription × event), the delivery worker records each attempt and the new
 * state in one transaction, and an operator may re-send a failed (or delivered) delivery: a new attempt series
 * on the same row, with the same event id.
 */

import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { outbox, webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../schema.js';
import { afterTimeKey, cursorTimeOf } from '../sql/paging.js';
import { isStorableTimeString } from '../sql/pg-values.js';
import { fromRowJson, jsonTable, queryRowsPrepared, toDate, toDateStrict } from '../sql/sql-util.js';
import { decodeCursor, encodeCursor, type NotificationPage as Page, pageSize } from './cursor.js';
import { type EventRecord, eventTypeCondition } from './event-log.js';
import type { WebhookSubscription } from './webhook-subscriptions.js';

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

/** A delivery the fan-out created (or found still waiting for its first attempt): what its batch job is made of. */
export type CreatedDelivery = Pick<WebhookDelivery, 'id' | 'subscriptionId' | 'eventId'>;

/** A delivery as listed for operators: with the event's type and address and the subscription's URL. */
export type WebhookDeliveryView = WebhookDelivery & {
  eventType: string | null;
  address: string | null;
  url: string;
};

/** An attempt with its outcome spelled out (2xx without error = delivered). */
export type WebhookAttemptView = WebhookAttempt & { outcome: 'delivered' | 'failed' };

/**
 * Creates one delivery per subscription for an event (idempotent: a retried fan-out creates nothing twice) and
 * returns the deliveries that still need their first send, including ones a previous, interrupted fan-out
 * created but may not have enqueued.
 */
export async function createWebhookDeliveries(
  db: Executor,
  input: { tenantId: string; eventId: string; subscriptionIds: readonly string[] },
): Promise<CreatedDelivery[]> {
  return createWebhookDeliveriesForEvents(db, input.tenantId, [input]);
}

/**
 * The same for a batch of events of one tenant, each with the subscriptions it matched: ONE statement whatever the
 * batch's size (the pairs as one jsonb parameter, so its text is fixed and it stays prepared), which inserts the new
 * deliveries and returns them together with those of the batch that already existed and still wait for their first
 * attempt. The existing ones are read in the statement's snapshot, which does not include its own inserts, so no
 * delivery comes back twice; one a concurrent fan-out committed meanwhile is that fan-out's to enqueue.
 *
 * The batch's subscriptions are locked once (FOR KEY SHARE) in place of a foreign key checked per delivery (migration
 * 0022): a subscription deleted before gets no delivery (its pairs are skipped), and its deletion, if it comes while
 * this statement runs, waits for it to commit and then deletes these deliveries too (the delete trigger).
 */
export async function createWebhookDeliveriesForEvents(
  db: Executor,
  tenantId: string,
  events: readonly { eventId: string; subscriptionIds: readonly string[] }[],
): Promise<CreatedDelivery[]> {
  const rows = events.flatMap((e) =>
    e.subscriptionIds.map((subscriptionId) => ({ subscriptionId, eventId: e.eventId })),
  );
  if (rows.length === 0) return [];
  const found = await queryRowsPrepared<{ id: string; subscription_id: string; event_id: string }>(
    db,
    'create-webhook-deliveries',
    sql`with i as ${jsonTable({ subscriptionId: 'uuid', eventId: 'uuid' }, rows)},
      s as (
        select id from webhook_subscriptions
        where id in (select i."subscriptionId" from i) and tenant_id = ${tenantId}::text
        for key share),
      ins as (
        insert into webhook_deliveries (subscription_id, tenant_id, event_id)
        select i."subscriptionId", ${tenantId}::text, i."eventId" from i join s on s.id = i."subscriptionId"
        order by i._n
        on conflict (subscription_id, event_id) do nothing
        returning id, subscription_id, event_id)
      select id, subscription_id, event_id from ins
      union all
      select w.id, w.subscription_id, w.event_id from webhook_deliveries w
        join i on w.subscription_id = i."subscriptionId" and w.event_id = i."eventId"
        where w.status = 'pending' and w.attempts = 0`,
  );
  return found.map((r) => ({ id: r.id, subscriptionId: r.subscription_id, eventId: r.event_id }));
}

/** What an attempt reads of a delivery: its state, not its history. */
export type DeliveryState = Pick<
  WebhookDelivery,
  'id' | 'subscriptionId' | 'eventId' | 'status' | 'attempts' | 'nextAttemptAt'
>;

/** What a webhook body is built from (buildWebhookPayload): the outbox row without its relay bookkeeping. */
export type EventForDelivery = Pick<
  EventRecord,
  'eventId' | 'type' | 'tenantId' | 'priority' | 'address' | 'payload' | 'createdAt'
>;

export type DeliveryForAttempt = {
  delivery: DeliveryState;
  /** One object per subscription, shared by its deliveries in the result. */
  subscription: WebhookSubscription;
  /** Null when the event is gone. */
  event: EventForDelivery | null;
};

/**
 * The delivery with its subscription and event, or null when gone (its subscription was deleted): the batch read for
 * one id.
 */
export async function loadDeliveryForAttempt(db: Executor, deliveryId: string): Promise<DeliveryForAttempt | null> {
  const [loaded] = await loadDeliveriesForAttempt(db, [deliveryId]);
  return loaded ?? null;
}

type DeliveryForAttemptRow = {
  id: string;
  subscription_id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string | Date | null;
  /** The subscription's row (to_jsonb), on the first delivery of each subscription only. */
  s: unknown;
  found: boolean;
  type: string | null;
  tenant_id: string | null;
  priority: 'normal' | 'high' | null;
  address: string | null;
  payload: Record<string, unknown> | string | null;
  created_at: string | Date | null;
};

/**
 * Every delivery of a list with its subscription and event, in ONE prepared statement whatever the list's length (the
 * ids as one JSON parameter), for the first attempts of a fan-out (a batch job per subscription) and every retry.
 * Deliveries that are gone (subscription deleted) are simply absent; the rest come back in the order of `deliveryIds`.
 * Only the columns an attempt reads, and the subscription's row once per subscription rather than once per delivery:
 * the full rows of three tables per delivery cost the worker a date and an array parsed per column and row.
 */
export async function loadDeliveriesForAttempt(
  db: Executor,
  deliveryIds: readonly string[],
): Promise<DeliveryForAttempt[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await queryRowsPrepared<DeliveryForAttemptRow>(
    db,
    'load-deliveries-for-attempt',
    sql`select d.id, d.subscription_id, d.event_id, d.status, d.attempts, d.next_attempt_at,
        case when row_number() over (partition by d.subscription_id order by d.id) = 1 then to_jsonb(s) end as s,
        o.event_id is not null as found, o.type, o.tenant_id, o.priority, o.address, o.payload, o.created_at
      from webhook_deliveries d
      join webhook_subscriptions s on s.id = d.subscription_id
      left join outbox o on o.event_id = d.event_id
      where d.id = any(array(select json_array_elements_text(${JSON.stringify(deliveryIds)}::json)::uuid))`,
  );
  const subscriptions = new Map<string, WebhookSubscription>();
  for (const r of rows) if (r.s) subscriptions.set(r.subscription_id, fromRowJson(webhookSubscriptions, r.s));
  const position = new Map(deliveryIds.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
    .map((r) => ({
      delivery: {
        id: r.id,
        subscriptionId: r.subscription_id,
        eventId: r.event_id,
        status: r.status,
        attempts: Number(r.attempts),
        nextAttemptAt: toDate(r.next_attempt_at),
      },
      subscription: subscriptions.get(r.subscription_id)!,
      event: r.found
        ? {
            eventId: r.event_id,
            type: r.type!,
            tenantId: r.tenant_id!,
            priority: r.priority ?? 'normal',
            address: r.address,
            payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
            createdAt: toDateStrict(r.created_at),
          }
        : null,
    }));
}

export type RecordAttemptInput = {
  deliveryId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The delivery's state after this attempt. */
  status: 'delivered' | 'retrying' | 'failed';
  /** When the next attempt is scheduled (status retrying), else null. */
  nextAttemptAt: Date | null;
};

/**
 * Records one attempt and the delivery's new state atomically. The attempt number continues across re-send series
 * (1, 2, ... 12, then 13 for the first try of a re-send), so attempts stay unique and ordered per delivery.
 */
export async function recordWebhookAttempt(
  db: Executor,
  input: RecordAttemptInput,
): Promise<{ delivery: WebhookDelivery; attempt: WebhookAttempt }> {
  // ONE statement (the attempt insert as a data-modifying CTE over the updated row): atomic without BEGIN/COMMIT,
  // one round trip per delivery instead of four; the delivery worker runs it once per webhook sent.
  // Times as ISO text: drizzle leaves postgres.js without its Date serializer for raw parameters.
  const now = new Date().toISOString();
  const next = input.nextAttemptAt?.toISOString() ?? null;
  const [row] = await queryRowsPrepared<{ delivery: unknown; attempt: unknown }>(
    db,
    'record-webhook-attempt',
    sql`with d as (
        update webhook_deliveries set attempts = attempts + 1, status = ${input.status},
          last_status_code = ${input.statusCode}, last_error = ${input.error}, last_attempt_at = ${now}::timestamptz,
          next_attempt_at = ${next}::timestamptz,
          delivered_at = case when ${input.status} = 'delivered' then ${now}::timestamptz else delivered_at end
        where id = ${input.deliveryId}
        returning *),
      a as (
        insert into webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, created_at)
        select d.id, d.attempts, ${input.statusCode}, ${input.error}, ${input.durationMs}, ${now}::timestamptz from d
        returning *)
      select to_jsonb(d) as delivery, to_jsonb(a) as attempt from d cross join a`,
  );
  if (!row) throw new Error(`webhook delivery ${input.deliveryId} not found`);
  return {
    delivery: fromRowJson(webhookDeliveries, row.delivery),
    attempt: fromRowJson(webhookAttempts, row.attempt),
  };
}

/**
 * `recordWebhookAttempt` for a batch of attempts (one per delivery): ONE statement, so one commit for the whole batch
 * of a fan-out's first attempts instead of one per webhook. Each delivery's update and its attempt row are still
 * atomic (the same statement). Returns how many attempts were recorded (deliveries deleted meanwhile are skipped).
 */
export async function recordWebhookAttempts(db: Executor, inputs: readonly RecordAttemptInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const now = new Date().toISOString();
  const batch = jsonTable(
    {
      deliveryId: 'uuid',
      status: 'text',
      statusCode: 'int',
      error: 'text',
      durationMs: 'int',
      nextAttemptAt: 'timestamptz',
    },
    inputs.map((i) => ({ ...i, nextAttemptAt: i.nextAttemptAt?.toISOString() ?? null })),
  );
  const [row] = await queryRowsPrepared<{ n: number }>(
    db,
    'record-webhook-attempts',
    sql`with i as ${batch},
      d as (
        update webhook_deliveries w set attempts = w.attempts + 1, status = i.status,
          last_status_code = i."statusCode", last_error = i.error, last_attempt_at = ${now}::timestamptz,
          next_attempt_at = i."nextAttemptAt",
          delivered_at = case when i.status = 'delivered' then ${now}::timestamptz else w.delivered_at end
        from i where w.id = i."deliveryId"
        returning w.id, w.attempts, i."statusCode" as status_code, i.error, i."durationMs" as duration_ms),
      a as (
        insert into webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, created_at)
        select d.id, d.attempts, d.status_code, d.error, d.duration_ms, ${now}::timestamptz from d
        returning 1)
      select count(*)::int as n from a`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Marks a delivery that is still open (pending or retrying) failed without an attempt: its subscription was
 * disabled, its event is gone, or every job attempt died before reaching the receiver (database down). A delivery
 * already delivered or failed is left as it is.
 */
export async function failWebhookDelivery(db: Executor, deliveryId: string, error: string): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lastError: error, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ['pending', 'retrying'])))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

export type ResendMark =
  | { ok: true; delivery: WebhookDelivery; previousStatus: WebhookDeliveryStatus }
  | { ok: false; reason: 'not-found' | 'in-progress' };

/**
 * Puts a failed or delivered delivery back to pending for a re-send. Conditional on the current status, so two
 * operators clicking "re-send" at once start one series, and a delivery still being retried is left alone.
 */
export async function markWebhookDeliveryForResend(
  db: Executor,
  tenantId: string,
  deliveryId: string,
): Promise<ResendMark> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.tenantId, tenantId)))
      .for('update');
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.status !== 'failed' && current.status !== 'delivered') return { ok: false, reason: 'in-progress' };
    const [delivery] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    return { ok: true, delivery: delivery!, previousStatus: current.status as WebhookDeliveryStatus };
  });
}

/** Undoes `markWebhookDeliveryForResend` when the job could not be enqueued (Redis down), if nothing ran since. */
export async function revertWebhookDeliveryResend(
  db: Executor,
  deliveryId: string,
  previousStatus: WebhookDeliveryStatus,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: previousStatus, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

export type ListDeliveriesFilter = {
  subscriptionId?: string;
  eventId?: string;
  status?: WebhookDeliveryStatus;
  /** Deliveries of events about this address. */
  address?: string;
  /** Event type, exact or prefix (`address.*`). */
  type?: string;
  /** Created at or after (inclusive). */
  from?: Date;
  /** Created before (exclusive). */
  to?: Date;
  cursor?: string;
  /** Page size, default 50, at most 500. */
  limit?: number;
};

const viewColumns = {
  delivery: webhookDeliveries,
  eventType: outbox.type,
  address: outbox.address,
  url: webhookSubscriptions.url,
  cursorTs: cursorTimeOf(webhookDeliveries.createdAt),
};

type ViewRow = {
  delivery: WebhookDelivery;
  eventType: string | null;
  address: string | null;
  url: string;
  cursorTs: string;
};

const toView = (r: ViewRow): WebhookDeliveryView => ({
  ...r.delivery,
  eventType: r.eventType,
  address: r.address,
  url: r.url,
});

/** Deliveries of a tenant, newest first, with filters; keyset-paged by (created_at, id). */
export async function listWebhookDeliveries(
  db: Executor,
  tenantId: string,
  filter: ListDeliveriesFilter = {},
): Promise<Page<WebhookDeliveryView>> {
  const limit = pageSize(filter.limit);
  const conditions: SQL[] = [eq(webhookDeliveries.tenantId, tenantId)];
  if (filter.subscriptionId) conditions.push(eq(webhookDeliveries.subscriptionId, filter.subscriptionId));
  if (filter.eventId) conditions.push(eq(webhookDeliveries.eventId, filter.eventId));
  if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
  if (filter.address) conditions.push(eq(outbox.address, filter.address.trim().toLowerCase()));
  if (filter.type) conditions.push(eventTypeCondition(filter.type));
  if (filter.from) conditions.push(gte(webhookDeliveries.createdAt, filter.from));
  if (filter.to) conditions.push(lt(webhookDeliveries.createdAt, filter.to));
  if (filter.cursor) {
    const c = decodeCursor<{ t: string; id: string }>(
      filter.cursor,
      (v) =>
        typeof v.t === 'string' &&
        TIMESTAMP.test(v.t) &&
        isStorableTimeString(v.t) &&
        typeof v.id === 'string' &&
        UUID.test(v.id),
    );
    conditions.push(
      afterTimeKey(
        webhookDeliveries.createdAt,
        webhookDeliveries.id,
        { at: c.t, id: c.id },
        { idType: 'uuid', descending: true },
      ),
    );
  }
  const rows: ViewRow[] = await db
    .select(viewColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .leftJoin(outbox, eq(outbox.eventId, webhookDeliveries.eventId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toView),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.cursorTs, id: last.delivery.id }) : null,
  };
}

export async function getWebhookDelivery(
  db: Executor,
  tenantId: string,
  deliveryId: string,
): Promise<WebhookDeliveryView | null> {
  const [row] = await db
    .select(viewColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .leftJoin(outbox, eq(outbox.eventId, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.tenantId, tenantId)))
    .limit(1);
  return row ? toView(row) : null;
}

/** Every attempt of a delivery, oldest first. Empty when the delivery does not exist or belongs to another tenant. */
export async function listWebhookAttempts(
  db: Executor,
  tenantId: string,
  deliveryId: string,
): Promise<WebhookAttemptView[]> {
  const rows = await db
    .select({ attempt: webhookAttempts })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(and(eq(webhookAttempts.deliveryId, deliveryId), eq(webhookDeliveries.tenantId, tenantId)))
    .orderBy(asc(webhookAttempts.attempt));
  return rows.map(({ attempt }) => ({
    ...attempt,
    outcome:
      attempt.error === null && attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300
        ? 'delivered'
        : 'failed',
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
