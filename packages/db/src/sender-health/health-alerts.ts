/**
 * Diagnosed sender-side alerts (issue 19): one open alert per tenant, receiving provider and cause, counting the
 * bounces diagnosed into it, holding the latest diagnosis, announced through the outbox (sender_alert.opened /
 * updated / closed) in the same transaction as the change. The diagnosis itself (DNS checks) is done by the caller:
 * this module stores opaque JSON and a few columns taken from it.
 *
 * Nothing counted twice: each bounce is recorded once (sender_health_alert_bounces, keyed by tenant and bounce,
 * under a transaction-scoped advisory lock on that key), so a retried or duplicated diagnosis job changes nothing.
 * Several processes: the open alert of a group is locked (FOR UPDATE) before it is extended; a new group is inserted
 * with ON CONFLICT DO NOTHING against the partial unique index and re-read when another writer won.
 */
import { eventPriority } from '@bounce/events';
import { and, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { outbox, senderHealthAlertBounces, senderHealthAlerts } from '../schema.js';
import {
  afterTimeKey,
  cursorTimeOf,
  decodeCursor,
  isTimeUuidCursor,
  type Page,
  pageSize,
  timeKeyedPage,
} from '../sql/paging.js';
import { inTransaction, queryRows, uuidArray } from '../sql/sql-util.js';

export type SenderHealthAlert = typeof senderHealthAlerts.$inferSelect;

export type SenderAlertEventType = 'sender_alert.opened' | 'sender_alert.updated' | 'sender_alert.closed';

/** One diagnosed sender-side bounce, ready to be grouped. */
export type SenderDiagnosisInput = {
  bounceId: string;
  /** `<provider id>|<cause>`. */
  groupKey: string;
  providerId: string;
  providerName: string;
  cause: string;
  subject: string | null;
  /** When the bounce happened. */
  occurredAt: Date;
  /** The whole diagnosis (JSON). */
  diagnosis: Record<string, unknown>;
  /** Short form of what the diagnosis says; a change is announced as sender_alert.updated. */
  fingerprint: string;
  /** When the alert is next rechecked (null: never, e.g. nothing DNS can show). */
  nextCheckAt: Date | null;
  checkedAt: Date;
};

export type SenderDiagnosisOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'opened' | 'updated' | 'counted'; alert: SenderHealthAlert };

/** Counts that are announced as sender_alert.updated even when the diagnosis did not change: 10, 100, 1000, ... */
export function isCountMilestone(count: number): boolean {
  if (count < 10) return false;
  let n = count;
  while (n % 10 === 0) n /= 10;
  return n === 1;
}

/** The diagnosis as events carry it: everything but the check plan (internal, used by rechecks). */
function eventDiagnosis(diagnosis: Record<string, unknown>): Record<string, unknown> {
  const { plan: _plan, ...rest } = diagnosis;
  return rest;
}

export function senderAlertEventPayload(
  type: SenderAlertEventType,
  alert: SenderHealthAlert,
): Record<string, unknown> & { type: SenderAlertEventType } {
  return {
    type,
    tenantId: alert.tenantId,
    alertId: alert.id,
    groupKey: alert.groupKey,
    provider: { id: alert.providerId, name: alert.providerName },
    cause: alert.cause,
    subject: alert.subject,
    state: alert.state,
    count: alert.count,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    closeReason: alert.closeReason ?? null,
    closedAt: alert.closedAt ? alert.closedAt.toISOString() : null,
    diagnosis: eventDiagnosis(alert.diagnosis),
  };
}

async function insertAlertEvent(tx: Executor, type: SenderAlertEventType, alert: SenderHealthAlert): Promise<void> {
  await tx.insert(outbox).values({
    tenantId: alert.tenantId,
    type,
    priority: eventPriority(type),
    payload: senderAlertEventPayload(type, alert),
  });
}

async function lockOpenAlert(tx: Executor, tenantId: string, groupKey: string): Promise<SenderHealthAlert | null> {
  const [row] = await tx
    .select()
    .from(senderHealthAlerts)
    .where(
      and(
        eq(senderHealthAlerts.tenantId, tenantId),
        eq(senderHealthAlerts.groupKey, groupKey),
        eq(senderHealthAlerts.state, 'open'),
      ),
    )
    .for('update');
  return row ?? null;
}

/**
 * Records one diagnosed bounce: opens the alert of its group or extends the open one (count, first/last seen, the
 * latest diagnosis), with the event that announces it, in one transaction. A bounce already recorded is a duplicate.
 */
export async function recordSenderDiagnosis(
  db: Executor,
  tenantId: string,
  input: SenderDiagnosisInput,
): Promise<SenderDiagnosisOutcome> {
  return inTransaction(db, async (tx) => {
    // Two jobs for the same bounce (a retry racing a stalled original) serialise here.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`sender-diagnosis:${tenantId}:${input.bounceId}`}, 0))`,
    );
    const [seen] = await tx
      .select({ alertId: senderHealthAlertBounces.alertId })
      .from(senderHealthAlertBounces)
      .where(
        and(eq(senderHealthAlertBounces.tenantId, tenantId), eq(senderHealthAlertBounces.bounceId, input.bounceId)),
      );
    if (seen) return { outcome: 'duplicate' as const };

    let open = await lockOpenAlert(tx, tenantId, input.groupKey);
    let opened = false;
    if (!open) {
      const [inserted] = await tx
        .insert(senderHealthAlerts)
        .values({
          tenantId,
          groupKey: input.groupKey,
          providerId: input.providerId,
          providerName: input.providerName,
          cause: input.cause,
          subject: input.subject,
          count: 1,
          firstSeenAt: input.occurredAt,
          lastSeenAt: input.occurredAt,
          diagnosis: input.diagnosis,
          fingerprint: input.fingerprint,
          lastCheckedAt: input.checkedAt,
          nextCheckAt: input.nextCheckAt,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        open = inserted;
        opened = true;
      } else {
        // Another writer opened the group meanwhile: extend theirs.
        open = await lockOpenAlert(tx, tenantId, input.groupKey);
        if (!open) throw new Error(`sender alert ${input.groupKey} vanished while being opened`);
      }
    }

    let alert = open;
    let changed = false;
    if (!opened) {
      changed = open.fingerprint !== input.fingerprint;
      const [updated] = await tx
        .update(senderHealthAlerts)
        .set({
          count: sql`${senderHealthAlerts.count} + 1`,
          firstSeenAt: sql`least(${senderHealthAlerts.firstSeenAt}, ${input.occurredAt.toISOString()}::timestamptz)`,
          lastSeenAt: sql`greatest(${senderHealthAlerts.lastSeenAt}, ${input.occurredAt.toISOString()}::timestamptz)`,
          subject: input.subject,
          diagnosis: input.diagnosis,
          fingerprint: input.fingerprint,
          lastCheckedAt: input.checkedAt,
          // A pending recheck keeps its time; a group that had none (nothing to recheck) may gain one.
          nextCheckAt: open.nextCheckAt ?? input.nextCheckAt,
        })
        .where(eq(senderHealthAlerts.id, open.id))
        .returning();
      if (!updated) throw new Error(`sender alert ${open.id} vanished while being extended`);
      alert = updated;
    }
    await tx.insert(senderHealthAlertBounces).values({ tenantId, bounceId: input.bounceId, alertId: alert.id });

    if (opened) {
      await insertAlertEvent(tx, 'sender_alert.opened', alert);
      return { outcome: 'opened' as const, alert };
    }
    if (changed || isCountMilestone(alert.count)) {
      await insertAlertEvent(tx, 'sender_alert.updated', alert);
      return { outcome: 'updated' as const, alert };
    }
    return { outcome: 'counted' as const, alert };
  });
}

/**
 * Claims open alerts whose recheck is due (any tenant), oldest due first, and moves their next check to
 * `nextCheckAt` in the same statement, so another process's claim skips them (SKIP LOCKED) and a crashed recheck is
 * retried at the next slot.
 */
export async function claimDueSenderHealthAlerts(
  db: Executor,
  options: { now: Date; nextCheckAt: Date; limit: number },
): Promise<SenderHealthAlert[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update sender_health_alerts a set next_check_at = ${options.nextCheckAt.toISOString()}::timestamptz
      where a.id in (
        select id from sender_health_alerts
        where state = 'open' and next_check_at <= ${options.now.toISOString()}::timestamptz
        order by next_check_at
        limit ${options.limit}
        for update skip locked)
      returning a.id`,
  );
  if (rows.length === 0) return [];
  return db
    .select()
    .from(senderHealthAlerts)
    .where(sql`${senderHealthAlerts.id} = any(${uuidArray(rows.map((r) => r.id))})`)
    .orderBy(senderHealthAlerts.nextCheckAt);
}

/**
 * Makes the open alerts of a tenant about one of `subjects` (sending IPs or domains) due for a recheck now: a watched
 * setup check just found them passing, so the alert need not wait for its own slot to close. Returns how many are
 * due (the caller then runs the recheck).
 */
export async function expediteSenderAlertRechecks(
  db: Executor,
  tenantId: string,
  subjects: readonly string[],
  now: Date,
): Promise<number> {
  if (subjects.length === 0) return 0;
  const rows = await db
    .update(senderHealthAlerts)
    .set({ nextCheckAt: now })
    .where(
      and(
        eq(senderHealthAlerts.tenantId, tenantId),
        eq(senderHealthAlerts.state, 'open'),
        inArray(senderHealthAlerts.subject, [...subjects]),
        // No recheck planned means nothing DNS can show: a passing setup check says nothing about it.
        sql`${senderHealthAlerts.nextCheckAt} is not null`,
      ),
    )
    .returning({ id: senderHealthAlerts.id });
  return rows.length;
}

/** Stores a recheck's result on an open alert that stays open (the cause is still there). */
export async function recordSenderAlertRecheck(
  db: Executor,
  tenantId: string,
  alertId: string,
  update: { diagnosis: Record<string, unknown>; checkedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(senderHealthAlerts)
    .set({ diagnosis: update.diagnosis, lastCheckedAt: update.checkedAt })
    .where(
      and(
        eq(senderHealthAlerts.tenantId, tenantId),
        eq(senderHealthAlerts.id, alertId),
        eq(senderHealthAlerts.state, 'open'),
      ),
    )
    .returning({ id: senderHealthAlerts.id });
  return rows.length > 0;
}

/**
 * Closes an open alert and announces it (sender_alert.closed) in one transaction; false when it is not open (closed
 * meanwhile by another process or an operator: nothing is announced twice). `diagnosis` replaces the stored one (the
 * recheck that found the cause gone).
 */
export async function closeSenderHealthAlert(
  db: Executor,
  tenantId: string,
  alertId: string,
  close: { reason: 'check-passed' | 'quiet' | 'operator'; diagnosis?: Record<string, unknown>; at?: Date },
): Promise<SenderHealthAlert | null> {
  return inTransaction(db, async (tx) => {
    const at = close.at ?? new Date();
    const [closed] = await tx
      .update(senderHealthAlerts)
      .set({
        state: 'closed',
        closeReason: close.reason,
        closedAt: at,
        nextCheckAt: null,
        ...(close.diagnosis ? { diagnosis: close.diagnosis, lastCheckedAt: at } : {}),
      })
      .where(
        and(
          eq(senderHealthAlerts.tenantId, tenantId),
          eq(senderHealthAlerts.id, alertId),
          eq(senderHealthAlerts.state, 'open'),
        ),
      )
      .returning();
    if (!closed) return null;
    await insertAlertEvent(tx, 'sender_alert.closed', closed);
    return closed;
  });
}

export async function getSenderHealthAlert(
  db: Executor,
  tenantId: string,
  alertId: string,
): Promise<SenderHealthAlert | null> {
  const [row] = await db
    .select()
    .from(senderHealthAlerts)
    .where(and(eq(senderHealthAlerts.tenantId, tenantId), eq(senderHealthAlerts.id, alertId)));
  return row ?? null;
}

export type SenderHealthAlertFilter = {
  state?: 'open' | 'closed';
  cause?: string;
  provider?: string;
  cursor?: string;
  limit?: number;
};

/** A tenant's alerts, most recently seen first (keyset paging on last_seen_at, id). */
export async function listSenderHealthAlerts(
  db: Executor,
  tenantId: string,
  filter: SenderHealthAlertFilter = {},
): Promise<Page<SenderHealthAlert>> {
  const limit = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, isTimeUuidCursor);
  const conditions: SQL[] = [eq(senderHealthAlerts.tenantId, tenantId)];
  if (filter.state) conditions.push(eq(senderHealthAlerts.state, filter.state));
  if (filter.cause) conditions.push(eq(senderHealthAlerts.cause, filter.cause));
  if (filter.provider) conditions.push(eq(senderHealthAlerts.providerId, filter.provider));
  if (after) {
    conditions.push(
      afterTimeKey(senderHealthAlerts.lastSeenAt, senderHealthAlerts.id, after, { idType: 'uuid', descending: true }),
    );
  }
  const rows = await db
    .select({ ...getTableColumns(senderHealthAlerts), cursorAt: cursorTimeOf(senderHealthAlerts.lastSeenAt) })
    .from(senderHealthAlerts)
    .where(and(...conditions))
    .orderBy(desc(senderHealthAlerts.lastSeenAt), desc(senderHealthAlerts.id))
    .limit(limit + 1);
  return timeKeyedPage(rows, limit);
}
