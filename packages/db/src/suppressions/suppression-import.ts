/**
 * Bulk import of a suppression list (e.g. the export of a previous e-mail provider): set-based, chunked,
 * idempotent. Per chunk: lock the existing rows in address order, then one statement upserts the addresses as
 * blocked (reason 'import') and appends one audit row per address that actually changed, with before/after
 * snapshots so each can be undone like any other entry. Addresses already blocked keep their original reason
 * (the first cause is the useful one); importing the same file twice changes nothing the second time.
 * With `listId`, addresses are removed from that list only (list_suppressions), not blocked.
 */

import { normalizeAddress } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { domainPart } from '../addresses/address-state.js';
import type { Executor } from '../client.js';
import { insertOutboxEvents } from '../outbox/outbox-events.js';
import { StoreError } from '../sql/errors.js';
import { chunk, inTransaction, jsonRecords, queryRows, textArray } from '../sql/sql-util.js';

export type SuppressionImportRow = { address: string; detail?: string | null };

export type SuppressionImportOptions = {
  actor: string;
  /** Why (the source of the list), stored with every audit row. */
  reason: string;
  /** Remove from this list only instead of blocking. Default: block for all non-exempt mail. */
  listId?: string | null;
  /** Rows per transaction. Default 5000. */
  chunkSize?: number;
  now?: Date;
};

export type SuppressionImportResult = {
  /** Addresses newly blocked (or newly removed from the list). */
  suppressed: number;
  /** Already blocked / already removed: left as they were. */
  unchanged: number;
  /** Not usable e-mail addresses, with their input position. */
  invalid: { index: number; value: string }[];
};

/** Builds an AddressSnapshot (the audit JSON form) from an addresses row alias, in SQL. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
function snapshotSql(alias: string): string {
  const t = (col: string) => `to_char(${alias}.${col} at time zone 'UTC', ${ISO})`;
  return `jsonb_build_object('state', ${alias}.state, 'consecutiveSoftFailures', ${alias}.consecutive_soft_failures,
    'firstSoftFailureAt', ${t('first_soft_failure_at')}, 'lastSoftFailureAt', ${t('last_soft_failure_at')},
    'lastBounceAt', ${t('last_bounce_at')}, 'lastDeliveryAt', ${t('last_delivery_at')},
    'suppressionReason', ${alias}.suppression_reason, 'suppressedAt', ${t('suppressed_at')},
    'manualResetAt', ${t('manual_reset_at')}, 'absentFrom', ${t('absent_from')}, 'absentUntil', ${t('absent_until')})`;
}

export async function importSuppressions(
  db: Executor,
  tenantId: string,
  rows: readonly SuppressionImportRow[],
  options: SuppressionImportOptions,
): Promise<SuppressionImportResult> {
  const reason = options.reason.trim();
  if (!reason) throw new StoreError('invalid-input', 'an import needs a reason');
  const now = (options.now ?? new Date()).toISOString();
  const invalid: SuppressionImportResult['invalid'] = [];
  const unique = new Map<string, string | null>();
  rows.forEach((r, index) => {
    const address = normalizeAddress(r.address);
    if (!address) invalid.push({ index, value: r.address });
    else if (!unique.has(address)) unique.set(address, r.detail?.slice(0, 500) ?? null);
  });
  const sorted = [...unique.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([address, detail]) => ({ address, domain: domainPart(address), detail }));
  let suppressed = 0;
  for (const part of chunk(sorted, options.chunkSize ?? 5000)) {
    suppressed += await inTransaction(db, async (tx) => {
      const n = await importChunk(
        tx,
        { tenantId, actor: options.actor, reason, listId: options.listId ?? null, now },
        part,
      );
      // One event per chunk, in the chunk's transaction (not one per address: an import is one operator action).
      if (n > 0) {
        await insertOutboxEvents(tx, tenantId, [
          {
            type: 'suppressions.imported',
            address: null,
            payload: {
              actor: options.actor,
              reason,
              listId: options.listId ?? null,
              suppressed: n,
              chunkSize: part.length,
            },
          },
        ]);
      }
      return n;
    });
  }
  return { suppressed, unchanged: sorted.length - suppressed, invalid };
}

type ImportContext = { tenantId: string; actor: string; reason: string; listId: string | null; now: string };
type ImportRow = { address: string; domain: string; detail: string | null };

async function importChunk(tx: Executor, ctx: ImportContext, part: readonly ImportRow[]): Promise<number> {
  const { tenantId, reason, now } = ctx;
  if (ctx.listId) {
    const inserted = await queryRows<{ n: number }>(
      tx,
      sql`with ins as (
                insert into list_suppressions (tenant_id, address, list_id, reason)
                select ${tenantId}, r.address, ${ctx.listId}, 'import'
                from jsonb_to_recordset(${jsonRecords(part)}) as r(address text)
                order by r.address
                on conflict do nothing
                returning address),
              aud as (
                insert into audit_log (tenant_id, address, action, actor, rule, reason, evidence)
                select ${tenantId}, ins.address, 'list-remove', ${ctx.actor}, 'import', ${reason},
                  jsonb_build_object('effects', jsonb_build_array(jsonb_build_object('type', 'remove-from-list', 'listId', ${ctx.listId}::text)))
                from ins order by ins.address)
              select count(*)::int as n from ins`,
    );
    return inserted[0]?.n ?? 0;
  }
  // Lock first (a statement of its own, so the upsert below reads the rows as committed after the lock).
  await tx.execute(sql`
        select 1 from addresses
        where tenant_id = ${tenantId} and address = any(${textArray(part.map((p) => p.address))})
        order by address for update`);
  const result = await queryRows<{ n: number }>(
    tx,
    sql`with input as (
              select r.address, r.domain, r.detail from jsonb_to_recordset(${jsonRecords(part)})
                as r(address text, domain text, detail text)),
            old as (
              select a.address, ${sql.raw(snapshotSql('a'))} as snap from addresses a
              join input i on a.tenant_id = ${tenantId} and a.address = i.address),
            up as (
              insert into addresses as a (tenant_id, address, domain, state, suppression_reason, suppression_detail,
                suppressed_at, version)
              select ${tenantId}, i.address, i.domain, 'blocked', 'import', coalesce(i.detail, ${reason}),
                ${now}::timestamptz, 1
              from input i order by i.address
              on conflict (tenant_id, address) do update set
                state = 'blocked', suppression_reason = 'import', suppression_detail = excluded.suppression_detail,
                suppressed_at = excluded.suppressed_at, version = a.version + 1, updated_at = now()
              where a.state <> 'blocked'
              returning a.address, ${sql.raw(snapshotSql('a'))} as snap),
            aud as (
              insert into audit_log (tenant_id, address, action, actor, rule, reason, before, after, evidence)
              select ${tenantId}, up.address, 'block', ${ctx.actor}, 'import', ${reason}, old.snap, up.snap,
                jsonb_build_object('operation', 'import', 'operatorReason', ${reason}::text)
              from up left join old on old.address = up.address
              order by up.address)
            select count(*)::int as n from up`,
  );
  return result[0]?.n ?? 0;
}
