/**
 * Who may make a webhook delivery's next attempt, decided in PostgreSQL, not by which jobs Redis still holds.
 *
 * Redis can lose a delivery job (a Sentinel failover to a replica that had not received it) and the reconciler then
 * enqueues a new one; a notify-events job re-published after a failover can fan out again and put a delivery into a
 * second batch job. Either way two jobs may hold the same delivery, so before POSTing a job *claims* the delivery:
 * one conditional UPDATE sets `next_attempt_at` to a lease ("attempt in progress until ...") only if the delivery is
 * open and its attempt is due. The first job wins; any other finds the lease in the future and skips. Recording the
 * attempt replaces the lease (the next retry's time, or null when final). A process that dies mid-attempt leaves the
 * lease to expire, after which the reconciler (listOverdueWebhookDeliveries) gives the delivery a new job.
 *
 * No new column: `next_attempt_at` already means "not before this time", which is what a lease says.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { queryRowsPrepared } from '../sql/sql-util.js';

/**
 * A retry job may start a little before the recorded next_attempt_at (clocks of the worker that recorded it and of
 * PostgreSQL differ slightly): an attempt due within this margin counts as due.
 */
const DUE_TOLERANCE_SECONDS = 5;

/**
 * Claims the deliveries of `deliveryIds` whose attempt is due, for `leaseMs`; returns the ids claimed. `firstAttempt`:
 * only deliveries still waiting for their first attempt (a batch job's), else any open one (a single delivery job:
 * a retry, a re-send, or the reconciler's).
 */
export async function claimWebhookDeliveries(
  db: Executor,
  deliveryIds: readonly string[],
  options: { leaseMs: number; firstAttempt: boolean },
): Promise<Set<string>> {
  if (deliveryIds.length === 0) return new Set();
  const rows = await queryRowsPrepared<{ id: string }>(
    db,
    options.firstAttempt ? 'claim-webhook-first-attempts' : 'claim-webhook-attempt',
    sql`update webhook_deliveries
      set next_attempt_at = now() + make_interval(secs => ${options.leaseMs / 1000}::float8)
      where id = any(array(select json_array_elements_text(${JSON.stringify(deliveryIds)}::json)::uuid))
        and status in ('pending', 'retrying')
        ${options.firstAttempt ? sql`and status = 'pending' and attempts = 0` : sql``}
        and (next_attempt_at is null
          or next_attempt_at <= now() + make_interval(secs => ${DUE_TOLERANCE_SECONDS}))
      returning id`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives claimed deliveries back without an attempt (the process is shutting down and hands the job back): due at once,
 * so the job's re-run claims them again instead of waiting for the lease to expire.
 */
export async function releaseWebhookDeliveryClaims(db: Executor, deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.execute(sql`update webhook_deliveries set next_attempt_at = now()
    where id = any(array(select json_array_elements_text(${JSON.stringify(deliveryIds)}::json)::uuid))
      and status in ('pending', 'retrying')`);
}

export type OverdueDelivery = { id: string; attempts: number; nextAttemptAt: Date | null };

/**
 * Open deliveries (pending or retrying) whose attempt has been due for more than `overdueMs`: the job that should
 * have made it is gone (lost by Redis, or its process died holding the claim), since any live job runs a due attempt
 * within the backlog's delay. Due means: next_attempt_at (a retry's time, a re-send's start, or an expired claim), or
 * for a first attempt never claimed, the delivery's creation. Oldest first, at most `limit`.
 *
 * Read per tenant through the (tenant_id, status, created_at) index, so the cost follows the open deliveries, not the
 * table's history.
 */
export async function listOverdueWebhookDeliveries(
  db: Executor,
  options: { overdueMs: number; limit: number },
): Promise<OverdueDelivery[]> {
  const rows = await queryRowsPrepared<{ id: string; attempts: number; next_attempt_at: string | Date | null }>(
    db,
    'list-overdue-webhook-deliveries',
    sql`select d.id, d.attempts, d.next_attempt_at
      from tenants t
      cross join lateral (
        select w.id, w.attempts, w.next_attempt_at, coalesce(w.next_attempt_at, w.created_at) as due
        from webhook_deliveries w
        where w.tenant_id = t.id and w.status in ('pending', 'retrying')
          and coalesce(w.next_attempt_at, w.created_at)
            < now() - make_interval(secs => ${options.overdueMs / 1000}::float8)
        order by due limit ${options.limit}) d
      order by d.due
      limit ${options.limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at),
  }));
}
