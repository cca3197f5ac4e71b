/**
 * Retention of raw bounce messages (docs/retention.md): after a tenant's retention period the message's bytes are
 * removed and the row stays, with its sha256 (so the same mail fetched again is still recognised), its status and
 * the bounces' verdicts. Only settled messages lose their content: a message still being processed, or waiting
 * for a person on the manual list, keeps it whatever its age.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { tenants } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { queryRows } from '../sql/sql-util.js';

export type RawRetentionOptions = {
  /** Days for tenants without their own setting (tenants.raw_retention_days null); 0 keeps content for ever. */
  defaultDays: number;
  /** Rows updated per transaction: short transactions, so the purge never holds row locks for long. Default 1000. */
  batchSize?: number;
  /** Upper bound of rows purged in one call, so one tick stays bounded after retention is first enabled. */
  maxRows?: number;
  /** Reference time (tests). Default now. */
  now?: Date;
};

export type RawRetentionResult = { purged: number; bytes: number };

/** Longest retention accepted: 100 years, far beyond any policy, small enough for PostgreSQL's interval. */
export const MAX_RETENTION_DAYS = 36_500;

/**
 * Removes the content of every settled raw message older than its tenant's retention period, in batches of
 * short transactions (`for update skip locked`: two maintenance workers, or a worker and a person resolving a
 * manual message, never wait on each other). Idempotent: a purged row is never selected again.
 */
export async function purgeExpiredRawContent(db: Executor, options: RawRetentionOptions): Promise<RawRetentionResult> {
  const batchSize = options.batchSize ?? 1000;
  const maxRows = options.maxRows ?? 100_000;
  const now = options.now ?? new Date();
  const defaultDays = Math.max(0, Math.min(MAX_RETENTION_DAYS, Math.trunc(options.defaultDays)));
  let purged = 0;
  let bytes = 0;
  while (purged < maxRows) {
    const limit = Math.min(batchSize, maxRows - purged);
    // Settled: applied or failed, or on the manual list and resolved by a person. The index on received_at (partial:
    // rows still holding content) gives the oldest first; the tenant's period decides per row.
    const list = await queryRows<{ size: number }>(
      db,
      sql`
      with due as (
        select r.id
        from raw_messages r
        join tenants t on t.id = r.tenant_id
        where r.content_purged_at is null
          and coalesce(t.raw_retention_days, ${defaultDays}::int) > 0
          and r.received_at < ${now.toISOString()}::timestamptz
            - make_interval(days => coalesce(t.raw_retention_days, ${defaultDays}::int))
          and (r.status in ('applied', 'failed') or (r.status = 'manual' and r.resolved_at is not null))
        order by r.received_at
        limit ${limit}
        for update of r skip locked
      )
      update raw_messages m
      set content = ''::bytea, sender_evidence = null, content_purged_at = ${now.toISOString()}::timestamptz
      from due
      where m.id = due.id
      returning m.size`,
    );
    purged += list.length;
    for (const r of list) bytes += Number(r.size);
    if (list.length < limit) break;
  }
  return { purged, bytes };
}

/**
 * Builds the purge's partial index (raw_messages_retention_idx, declared in src/schema.ts) when it is missing, with
 * CREATE INDEX CONCURRENTLY: writes to raw_messages go on during the build, which a migration could not allow
 * (migration 0007). A no-op once the index exists. Must not run inside a transaction.
 */
export async function ensureRetentionIndex(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ valid: boolean | null }>(
    db,
    sql`select (select x.indisvalid from pg_index x where x.indexrelid = to_regclass('public.raw_messages_retention_idx'))
        as valid`,
  );
  if (row?.valid === true) return false;
  // An invalid index is what an interrupted concurrent build leaves: drop it and build again.
  if (row?.valid === false) await db.execute(sql`drop index concurrently if exists raw_messages_retention_idx`);
  await db.execute(
    sql`create index concurrently if not exists raw_messages_retention_idx on raw_messages (received_at)
        where content_purged_at is null`,
  );
  return true;
}

/** A tenant's raw-content retention: days, 0 for ever, null when it follows the installation's default. */
export async function getTenantRawRetention(db: Executor, tenantId: string): Promise<number | null> {
  const [row] = await db.select({ days: tenants.rawRetentionDays }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new StoreError('not-found', `tenant ${tenantId} not found`);
  return row.days;
}

/** Sets a tenant's raw-content retention: days, 0 to keep for ever, null for the installation's default. */
export async function setTenantRawRetention(db: Executor, tenantId: string, days: number | null): Promise<void> {
  if (days !== null && (!Number.isInteger(days) || days < 0 || days > MAX_RETENTION_DAYS)) {
    throw new StoreError('invalid-input', `retention must be a whole number of days from 0 to ${MAX_RETENTION_DAYS}`);
  }
  const updated = await db
    .update(tenants)
    .set({ rawRetentionDays: days })
    .where(eq(tenants.id, tenantId))
    .returning({ id: tenants.id });
  if (updated.length === 0) throw new StoreError('not-found', `tenant ${tenantId} not found`);
}
