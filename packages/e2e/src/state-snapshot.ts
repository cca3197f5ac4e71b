/**
 * The committed effects of a run, in a form two databases can be compared with: per address (state, soft-failure
 * count, reason), bounce rows per recipient, audit rows per address/action/rule, outbox events per type/address,
 * sender alerts, send statuses. The fault tests compare the pipeline's database after crashes and outages with a
 * reference database where the same bounces were applied once, in-process, without faults: any bounce applied
 * twice or lost shows up as a difference in a count.
 */
import { type Executor, queryRows } from '@bounce/db';
import { sql } from 'drizzle-orm';

export type StateSnapshot = {
  addresses: Record<string, string>;
  bouncesPerRecipient: Record<string, string>;
  audit: Record<string, number>;
  outbox: Record<string, number>;
  senderAlerts: Record<string, number>;
  sends: Record<string, string>;
};

export async function snapshotState(db: Executor, tenantId: string): Promise<StateSnapshot> {
  const rows = <T>(query: ReturnType<typeof sql>): Promise<T[]> => queryRows<T>(db, query);
  const addresses = await rows<{ address: string; v: string }>(
    sql`select address, concat_ws('|', state, consecutive_soft_failures, suppression_reason) as v
        from addresses where tenant_id = ${tenantId}`,
  );
  // One row per recipient is expected (every copy has its own recipients): the count is part of the value.
  const perRecipient = await rows<{ recipient: string; v: string }>(
    sql`select coalesce(recipient, '') as recipient,
          string_agg(concat_ws('|', class, reason, action, state, match_method), ',' order by id) || '#' || count(*) as v
        from bounces where tenant_id = ${tenantId} group by recipient`,
  );
  const audit = await rows<{ k: string; n: number }>(
    sql`select concat_ws('|', address, action, rule) as k, count(*)::int as n
        from audit_log where tenant_id = ${tenantId} group by 1`,
  );
  const outbox = await rows<{ k: string; n: number }>(
    sql`select concat_ws('|', type, coalesce(address, '-')) as k, count(*)::int as n
        from outbox where tenant_id = ${tenantId} group by 1`,
  );
  const alerts = await rows<{ k: string; n: number }>(
    sql`select concat_ws('|', receiving_domain, reason) as k, sum(count)::int as n
        from sender_alerts where tenant_id = ${tenantId} group by 1`,
  );
  const sends = await rows<{ recipient: string; status: string }>(
    sql`select recipient, string_agg(status, ',' order by status) as status
        from sends where tenant_id = ${tenantId} group by recipient`,
  );
  return {
    addresses: Object.fromEntries(addresses.map((r) => [r.address, r.v])),
    bouncesPerRecipient: Object.fromEntries(perRecipient.map((r) => [r.recipient, r.v])),
    audit: Object.fromEntries(audit.map((r) => [r.k, Number(r.n)])),
    outbox: Object.fromEntries(outbox.map((r) => [r.k, Number(r.n)])),
    senderAlerts: Object.fromEntries(alerts.map((r) => [r.k, Number(r.n)])),
    sends: Object.fromEntries(sends.map((r) => [r.recipient, r.status])),
  };
}
