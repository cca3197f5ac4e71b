/**
 * Statement 1 of a batch write (see `writeOutcomes`): every state change as data-modifying CTEs of ONE statement —
 * bounce rows, address rows, list suppressions, send status, sender alerts (plus a sender.blocked event per alert
 * it opens) and raw message status. All CTEs run on the statement's snapshot and touch different tables; the final
 * SELECT reports the inserted bounce keys and the number of alerts opened.
 */

import { eventPriority } from '@bounce/events';
import type { WritePlan } from '@bounce/rules';
import { type SQL, sql } from 'drizzle-orm';
import { addressUpdateSql } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { jsonTable, queryRowsPrepared } from '../sql/sql-util.js';
import { bounceInsertCtes } from './bounce-rows.js';
import type { WriteExtras } from './write-plan.js';

/** json / json_agg results: postgres.js (under drizzle) hands them over as text, PGlite parsed. */
function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export async function writeStateStatement(
  tx: Executor,
  tenantId: string,
  plan: WritePlan,
  extras: WriteExtras,
): Promise<{ insertedKeys: Set<string>; alertsOpened: number; bounceEvents: number }> {
  const ctes: SQL[] = [];
  const results: SQL[] = [];
  const bounces = extras.bounces ?? [];
  if (bounces.length > 0) {
    // The rows and one event per row actually inserted (a replay inserts none), its payload rendered from the row
    // and its send (bounceRowEvents), not by the database from the inserted row: the one primary's CPU is scarcer.
    ctes.push(bounceInsertCtes(tenantId, bounces, extras.sends));
    results.push(sql`(select coalesce(json_agg(idempotency_key), '[]'::json) from ins_bounces) as inserted`);
    results.push(sql`(select count(*)::int from bounce_events) as bounce_events`);
  }
  if (plan.addressWrites.length > 0) {
    ctes.push(sql`upd_addresses as (${addressUpdateSql(plan.addressWrites)} returning 1)`);
  }
  if (plan.listRemovals.length > 0) {
    ctes.push(sql`ins_list_suppressions as (
      insert into list_suppressions (tenant_id, address, list_id, reason)
      select ${tenantId}, r.address, r."listId", r.reason
      from ${jsonTable({ address: 'text', listId: 'text', reason: 'text' }, plan.listRemovals)} as r
      order by r._n
      on conflict do nothing
      returning 1)`);
  }
  if (plan.sendUpdates.length > 0) {
    // Failures always win; a delivery only moves a send that is still 'sent' (or deferred).
    ctes.push(sql`upd_sends as (
      update sends s set
        status = case
          when r.status in ('bounced', 'rejected') then r.status
          when r.status = 'delivered' and s.status in ('sent', 'deferred') then 'delivered'
          else s.status end,
        bounced_at = case when r.status in ('bounced', 'rejected') then r.at else s.bounced_at end,
        delivered_at = case when r.status = 'delivered' then coalesce(s.delivered_at, r.at) else s.delivered_at end,
        grace_confirmed_at = case when r.grace then coalesce(s.grace_confirmed_at, now()) else s.grace_confirmed_at end
      from ${jsonTable({ id: 'uuid', status: 'text', at: 'timestamptz', grace: 'boolean' }, plan.sendUpdates)} as r
      where s.id = r.id and s.tenant_id = ${tenantId}
      returning 1)`);
  }
  if (plan.alerts.length > 0) {
    // Sender-side incidents: one open row per (receiving domain, reason); a newly opened one is announced.
    ctes.push(sql`alert_groups as (
      select * from ${jsonTable(
        {
          domain: 'text',
          reason: 'text',
          first: 'timestamptz',
          last: 'timestamptz',
          n: 'int',
          sample: 'text',
          firstEvent: 'jsonb',
        },
        plan.alerts,
      )} as g)`);
    ctes.push(sql`up_alerts as (
      insert into sender_alerts (tenant_id, receiving_domain, reason, first_seen_at, last_seen_at, count, sample_diagnostic)
      select ${tenantId}, g.domain, g.reason, g.first, g.last, g.n, g.sample from alert_groups g order by g._n
      on conflict (tenant_id, receiving_domain, reason) where resolved_at is null do update set
        count = sender_alerts.count + excluded.count,
        first_seen_at = least(sender_alerts.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(sender_alerts.last_seen_at, excluded.last_seen_at),
        sample_diagnostic = coalesce(sender_alerts.sample_diagnostic, excluded.sample_diagnostic)
      returning id, receiving_domain, reason, count, (xmax = 0) as inserted)`);
    ctes.push(sql`alert_events as (
      insert into outbox (tenant_id, type, priority, address, payload)
      select ${tenantId}, 'sender.blocked', ${eventPriority('sender.blocked')}, null,
        jsonb_build_object('type', 'sender.blocked', 'tenantId', ${tenantId}::text, 'alertId', u.id,
          'receivingDomain', u.receiving_domain, 'reason', u.reason, 'count', u.count,
          'sampleDiagnostic', g.sample, 'firstEvent', g."firstEvent")
      from up_alerts u join alert_groups g on g.domain = u.receiving_domain and g.reason = u.reason
      where u.inserted
      order by g._n
      returning 1)`);
    results.push(sql`(select count(*)::int from alert_events) as opened`);
  }
  const raw = extras.rawStatuses ?? [];
  if (raw.length > 0) {
    ctes.push(sql`upd_raw_messages as (
      update raw_messages m set status = r.status, processed_at = now()
      from ${jsonTable({ id: 'uuid', status: 'text' }, raw)} as r
      where m.id = r.id and m.tenant_id = ${tenantId}
      returning 1)`);
  }
  if (ctes.length === 0) return { insertedKeys: new Set(), alertsOpened: 0, bounceEvents: 0 };
  // Prepared (see queryRowsPrepared): the CTEs present vary with the batch, but among a few dozen texts at most.
  const [row] = await queryRowsPrepared<{ inserted?: unknown; opened?: number; bounce_events?: number }>(
    tx,
    'apply-write-state',
    sql`with ${sql.join(ctes, sql`, `)} select ${results.length > 0 ? sql.join(results, sql`, `) : sql`1 as done`}`,
  );
  return {
    insertedKeys: new Set(parseJson<string[]>(row?.inserted, [])),
    alertsOpened: row?.opened ?? 0,
    bounceEvents: row?.bounce_events ?? 0,
  };
}
