/**
 * Monthly range partitions (native PostgreSQL partitioning) for the append-only history tables, and the online
 * conversion of a populated table into a partitioned one (docs/retention.md).
 *
 * Why not a drizzle migration: drizzle runs every pending migration in one transaction, so nothing in it can use
 * CREATE INDEX CONCURRENTLY, and any index built there on a large table blocks writes for the whole build. The
 * conversion below builds what it needs concurrently first, then swaps the tables in one short transaction that
 * only changes the catalog (measured by `pnpm bench:partition`).
 */
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Executor } from '../client.js';
import { queryRows } from '../sql/sql-util.js';

/**
 * Tables partitioned by month, with their partition key. outbox and webhook_attempts are append-only logs that
 * nothing references by foreign key: their unique keys take the partition key without losing a guarantee anyone
 * relies on (ids come from a sequence, event ids are random uuids). raw_messages and bounces carry the store's
 * idempotency, "(tenant, sha256) once" and "(tenant, idempotency key) once": those keys live in the unpartitioned
 * raw_message_keys and bounce_keys (migration 0010), which the conversion fills first; the writers consult them
 * (fetch-stage.ts, bounce-rows.ts). raw_messages goes before bounces: its conversion drops the foreign key
 * bounces.raw_message_id (PostgreSQL can reference a partitioned table only by a key holding the partition key).
 */
export const PARTITIONED_TABLES = ['outbox', 'webhook_attempts', 'raw_messages', 'bounces'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

type TableSpec = {
  /** The partition key: a timestamptz column set at insert and never changed. */
  key: string;
  /** A partition holding a row that matches is never dropped, whatever its age. */
  keepWhile: string | null;
  /** The unpartitioned table holding the row's idempotency key, filled before the conversion. */
  keys: { table: string; columns: string } | null;
};

const TABLES: Record<PartitionedTable, TableSpec> = {
  // Unpublished events still have to go out.
  outbox: { key: 'created_at', keepWhile: 'published_at is null', keys: null },
  webhook_attempts: { key: 'created_at', keepWhile: null, keys: null },
  // Messages still being processed, and manual ones no person has resolved yet.
  raw_messages: {
    key: 'received_at',
    keepWhile: "status in ('received', 'parsed') or (status = 'manual' and resolved_at is null)",
    keys: { table: 'raw_message_keys', columns: 'tenant_id, sha256' },
  },
  // Bounces not applied yet, and those waiting on the manual-assignment list.
  bounces: {
    key: 'received_at',
    keepWhile: "state in ('pending', 'unmatched')",
    keys: { table: 'bounce_keys', columns: 'tenant_id, idempotency_key' },
  },
};

const monthStart = (d: Date, plus = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
const suffix = (d: Date) => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
export const partitionName = (table: PartitionedTable, month: Date) => `${table}_p${suffix(month)}`;

export async function isPartitioned(db: Executor, table: PartitionedTable): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
        where c.relname = ${table} and c.relnamespace = 'public'::regnamespace`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

export type ConversionReport = {
  table: PartitionedTable;
  rows: number;
  /** Keys of the existing rows copied into the key table (raw_messages, bounces), in batches, writes going on. */
  keysFilled: number;
  keysMs: number;
  /** Foreign keys of other tables towards this one, dropped (bounces.raw_message_id for raw_messages). */
  foreignKeysDropped: string[];
  /** Concurrent index builds and constraint validation (and the key fill): writes go on meanwhile. */
  onlineMs: number;
  /** The swap transaction, during which writes to the table wait: the figure that must stay under a second. */
  swapMs: number;
  /** Short locking steps (the swap, adding the CHECK, dropping a foreign key) that hit lock_timeout and were retried. */
  retries: number;
  legacyUpperBound: string;
};

type IndexInfo = { name: string; def: string; unique: boolean; primary: boolean };

/** Rows per transaction of the key fill: short transactions, each an index range scan of the primary key. */
const KEY_FILL_BATCH = 10_000;

/**
 * Copies the idempotency keys of `table`'s rows into its key table, in keyset batches by id, each its own short
 * transaction (`on conflict do nothing`: keys the writers inserted meanwhile stay). Rows written while this runs by
 * processes of this version carry their key already; run it once every process runs this version.
 */
async function fillKeys(client: postgres.Sql, table: PartitionedTable): Promise<number> {
  const spec = TABLES[table];
  if (!spec.keys) return 0;
  let last = '00000000-0000-0000-0000-000000000000';
  let filled = 0;
  for (;;) {
    const [row] = await client.unsafe<{ last: string | null; added: number }[]>(
      `with b as (select id, ${spec.keys.columns}, ${spec.key} from ${table} where id > $1 order by id limit ${KEY_FILL_BATCH}),
       ins as (insert into ${spec.keys.table} (${spec.keys.columns}, received_at)
               select ${spec.keys.columns}, ${spec.key} from b order by ${spec.keys.columns}
               on conflict do nothing returning 1)
       select (select id from b order by id desc limit 1)::text as last, (select count(*) from ins)::int as added`,
      [last],
    );
    if (!row?.last) return filled;
    filled += row.added;
    last = row.last;
  }
}

/**
 * Runs `step` in a transaction under lock_timeout, and again (up to maxRetries, backing off) when it times out on a
 * lock: a long transaction holding the table is given way to instead of queueing every writer behind us.
 */
async function withLockRetry(
  client: postgres.Sql,
  options: { lockTimeoutMs: number; maxRetries: number },
  step: (tx: postgres.TransactionSql) => Promise<void>,
): Promise<{ ms: number; retries: number }> {
  let retries = 0;
  for (;;) {
    const started = performance.now();
    try {
      await client.begin(async (tx) => {
        await tx.unsafe(`set local lock_timeout = '${options.lockTimeoutMs}ms'`);
        await step(tx);
      });
      return { ms: performance.now() - started, retries };
    } catch (err) {
      // 55P03 lock_not_available; 40P01 deadlock (a writer locking the tables in the other order): try again.
      const code = (err as { code?: string }).code;
      if ((code !== '55P03' && code !== '40P01') || retries >= options.maxRetries) throw err;
      retries++;
      await new Promise((r) => setTimeout(r, 200 * retries));
    }
  }
}

/**
 * Converts a populated table into a table partitioned by month of its partition key (TABLES), without blocking
 * writes for more than a short step at a time:
 * 0. raw_messages and bounces: the foreign keys of other tables towards it dropped (one short transaction), and the
 *    keys of the existing rows copied into the key table (batches, writes going on);
 * 1. online: for each unique key without the partition key, a unique index with it appended (CONCURRENTLY), and a
 *    CHECK (key < boundary) added NOT VALID and validated (inserts continue meanwhile);
 * 2. one transaction under lock_timeout (retried): rename the table to <table>_legacy, create the partitioned table
 *    with the same columns, defaults, indexes and foreign keys, attach the legacy table as the partition of
 *    everything before `boundary` (the validated CHECK spares the scan, the prepared indexes are adopted, not built);
 * 3. the monthly partitions ahead, one short transaction each.
 * Idempotent: an already partitioned table is left alone. `client` must not be inside a transaction.
 */
export async function convertToPartitioned(
  client: postgres.Sql,
  table: PartitionedTable,
  options: { monthsAhead?: number; lockTimeoutMs?: number; maxRetries?: number } = {},
): Promise<ConversionReport | null> {
  const monthsAhead = options.monthsAhead ?? 3;
  const locking = { lockTimeoutMs: options.lockTimeoutMs ?? 1000, maxRetries: options.maxRetries ?? 20 };
  const spec = TABLES[table];
  const partitionKey = spec.key;
  const [{ partitioned } = { partitioned: false }] = await client<{ partitioned: boolean }[]>`
    select exists (select 1 from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
                   where c.relname = ${table} and c.relnamespace = 'public'::regnamespace) as partitioned`;
  if (partitioned) return null;

  const started = performance.now();
  let retries = 0;
  const incoming = await client<{ name: string; owner: string }[]>`
    select conname as name, conrelid::regclass::text as owner from pg_constraint
    where confrelid = ${`public.${table}`}::regclass and contype = 'f' and conparentid = 0 order by conname`;
  if (incoming.length > 0) {
    const dropped = await withLockRetry(client, locking, async (tx) => {
      for (const fk of incoming) await tx.unsafe(`alter table ${fk.owner} drop constraint ${fk.name}`);
    });
    retries += dropped.retries;
  }
  const keysStarted = performance.now();
  const keysFilled = await fillKeys(client, table);
  const keysMs = performance.now() - keysStarted;

  const now = new Date();
  // The legacy partition takes everything before the next month; with under an hour of this month left, the month
  // after (a row inserted after midnight but before the swap would otherwise break the CHECK).
  const boundary = monthStart(now, monthStart(now, 1).getTime() - now.getTime() < 3_600_000 ? 2 : 1);
  const boundaryText = boundary.toISOString();
  const indexes = await client<(IndexInfo & { valid: boolean })[]>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as def, x.indisunique as unique, x.indisprimary as primary,
      x.indisvalid as valid
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = ${table} and t.relnamespace = 'public'::regnamespace
    order by i.relname`;
  // An invalid prepared index is what an interrupted concurrent build leaves: build it again.
  for (const ix of indexes) {
    if (ix.name.endsWith('_part') && !ix.valid) await client.unsafe(`drop index concurrently if exists ${ix.name}`);
  }
  // Indexes an earlier run prepared are not the table's own.
  const keyed = indexes
    .filter((ix) => !ix.name.endsWith('_part'))
    .map((ix) => ({ ...ix, ...partitionedIndex(table, partitionKey, ix) }));

  // 1. Online preparation.
  for (const ix of keyed) {
    if (ix.prepared)
      await client.unsafe(
        ix.prepared.replace(/^CREATE UNIQUE INDEX /, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS '),
      );
  }
  const check = `${table}_before_partitioning`;
  // Adding the constraint takes a brief exclusive lock (NOT VALID: no scan); validating it does not block writes.
  retries += (
    await withLockRetry(client, locking, async (tx) => {
      await tx.unsafe(`alter table ${table} drop constraint if exists ${check}`);
      await tx.unsafe(
        `alter table ${table} add constraint ${check} check (${partitionKey} is not null and ${partitionKey} < '${boundaryText}') not valid`,
      );
    })
  ).retries;
  await client.unsafe(`alter table ${table} validate constraint ${check}`);
  const [{ rows } = { rows: 0 }] = await client<{ rows: number }[]>`
    select greatest(reltuples, 0)::bigint::int as rows from pg_class where relname = ${table} and relnamespace = 'public'::regnamespace`;
  const onlineMs = performance.now() - started;

  // 2. The swap.
  const foreignKeys = await client<{ name: string; def: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = ${`public.${table}`}::regclass and contype = 'f' order by conname`;
  const sequences = await client<{ seq: string; column: string }[]>`
    select s.relname as seq, a.attname as column
    from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
    join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where d.refobjid = ${`public.${table}`}::regclass and d.deptype in ('a', 'i')`;
  const legacy = `${table}_legacy`;
  const swap = await withLockRetry(client, locking, async (tx) => {
    await tx.unsafe(`lock table ${table} in access exclusive mode`);
    await tx.unsafe(`alter table ${table} rename to ${legacy}`);
    // Frees the names for the parent's indexes; the prepared ones keep theirs (they are not in `keyed`).
    for (const ix of keyed) await tx.unsafe(`alter index ${ix.name} rename to ${legacyName(ix.name)}`);
    // Compression too: the outbox's payloads are lz4 (migration 0019), and new partitions take the parent's.
    await tx.unsafe(
      `create table ${table} (like ${legacy} including defaults including storage including compression including comments) partition by range (${partitionKey})`,
    );
    for (const s of sequences) await tx.unsafe(`alter sequence ${s.seq} owned by ${table}.${s.column}`);
    for (const ix of keyed) {
      // The parent's index under the original name; an index of the legacy table with the same definition is
      // adopted at ATTACH (prepared ones under their own name, the others renamed above).
      await tx.unsafe(ix.parent);
    }
    for (const fk of foreignKeys) await tx.unsafe(`alter table ${table} add constraint ${fk.name}_p ${fk.def}`);
    await tx.unsafe(
      `alter table ${table} attach partition ${legacy} for values from (minvalue) to ('${boundaryText}')`,
    );
    await tx.unsafe(`alter table ${legacy} drop constraint ${check}`);
  });
  // The months ahead, each in a transaction of its own after the swap: every CREATE ... PARTITION OF locks the parent
  // while it builds the partition's indexes and foreign keys; inside the swap they made it last twice as long
  // (1.1 s at load 30 on 1,000,000 bounces). The legacy partition takes every row until `boundary` meanwhile.
  for (let m = 0; m <= monthsAhead; m++) {
    const from = monthStart(boundary, m);
    retries += (
      await withLockRetry(client, locking, async (tx) => {
        await tx.unsafe(
          `create table if not exists ${partitionName(table, from)} partition of ${table}
           for values from ('${from.toISOString()}') to ('${monthStart(from, 1).toISOString()}')`,
        );
      })
    ).retries;
  }
  return {
    table,
    rows,
    keysFilled,
    keysMs,
    foreignKeysDropped: incoming.map((fk) => `${fk.owner}.${fk.name}`),
    onlineMs,
    swapMs: swap.ms,
    retries: retries + swap.retries,
    legacyUpperBound: boundaryText,
  };
}

const legacyName = (name: string) => `${name.slice(0, 50)}_legacy`;

/**
 * The access method, column list and WHERE clause of pg_get_indexdef's text. The column list ends at the first
 * ') WHERE ' or at the final ')', found by position: a lazy pattern followed by an optional tail backtracks
 * quadratically on a definition with many ') WHERE ' (recheck), and an expression column may hold parentheses.
 */
function readIndexDefinition(def: string): { method: string; columns: string; where: string } {
  const head = /^CREATE (?:UNIQUE )?INDEX \S+ ON \S+ USING (\w+) \(/.exec(def);
  const rest = head ? def.slice(head[0].length) : '';
  const whereAt = rest.indexOf(') WHERE ');
  if (!head?.[1] || (whereAt < 0 && !rest.endsWith(')'))) throw new Error(`cannot read index definition: ${def}`);
  return whereAt < 0
    ? { method: head[1], columns: rest.slice(0, -1), where: '' }
    : { method: head[1], columns: rest.slice(0, whereAt), where: rest.slice(whereAt + 1) };
}

/**
 * The parent's version of one index, and for a unique index without the partition key the index to prepare on the
 * live table (same columns plus the partition key: PostgreSQL requires unique keys of a partitioned table to hold it).
 */
function partitionedIndex(
  table: string,
  partitionKey: string,
  ix: IndexInfo,
): { parent: string; prepared: string | null } {
  const { method, columns, where } = readIndexDefinition(ix.def);
  if (!ix.unique)
    return {
      parent: `CREATE INDEX ${ix.name} ON public.${table} USING ${method} (${columns})${where}`,
      prepared: null,
    };
  const hasKey = columns.split(',').some((c) => c.trim() === partitionKey);
  const keyColumns = hasKey ? columns : `${columns}, ${partitionKey}`;
  const parent = `CREATE UNIQUE INDEX ${ix.primary ? `${table}_pkey_p` : ix.name} ON public.${table} USING ${method} (${keyColumns})${where}`;
  if (hasKey) return { parent, prepared: null };
  const preparedName = `${ix.name.slice(0, 50)}_part`;
  return {
    parent,
    prepared: `CREATE UNIQUE INDEX ${preparedName} ON public.${table} USING ${method} (${keyColumns})${where}`,
  };
}

type PartitionRow = { name: string; bound: string };

async function partitionsOf(
  db: Executor,
  table: PartitionedTable,
): Promise<{ name: string; lower: Date | null; upper: Date | null }[]> {
  const rows = await queryRows<PartitionRow>(
    db,
    sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${`public.${table}`}::regclass order by c.relname`,
  );
  return rows.map((r) => {
    const lower = /FROM \('([^']+)'\)/.exec(r.bound)?.[1]; // absent for MINVALUE (the legacy partition)
    const upper = /TO \('([^']+)'\)/.exec(r.bound)?.[1];
    return { name: r.name, lower: lower ? new Date(lower) : null, upper: upper ? new Date(upper) : null };
  });
}

/**
 * Creates the monthly partitions of the next `monthsAhead` months that are missing (maintenance task). Under an
 * advisory lock, so two workers never race on the same CREATE. Returns the partitions created.
 */
export async function ensurePartitions(
  db: Executor,
  options: { monthsAhead?: number; now?: Date } = {},
): Promise<string[]> {
  const monthsAhead = options.monthsAhead ?? 3;
  const now = options.now ?? new Date();
  const created: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    if (!(await isPartitioned(db, table))) continue;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`partitions:${table}`}))`);
      const existing = await partitionsOf(tx, table);
      const covered = existing.reduce((max, p) => (p.upper && p.upper > max ? p.upper : max), new Date(0));
      for (let m = 0; m <= monthsAhead; m++) {
        const from = monthStart(now, m);
        if (from < covered) continue; // inside the legacy partition or an existing month
        const name = partitionName(table, from);
        await tx.execute(
          sql.raw(`create table if not exists ${name} partition of ${table}
                   for values from ('${from.toISOString()}') to ('${monthStart(from, 1).toISOString()}')`),
        );
        created.push(name);
      }
    });
  }
  return created;
}

/** Keys removed per statement when their partition goes: short transactions on the key table. */
const KEY_DELETE_BATCH = 10_000;

/**
 * Detaches and drops the partitions whose whole range is older than `keepMonths` full months (0 keeps all), never
 * one that still holds a row its table must keep (TABLES.keepWhile: unpublished events, messages or bounces still
 * in work or waiting for a person). The idempotency keys of a raw_messages or bounces partition are deleted first,
 * in batches: a crash in between leaves rows without keys for a moment (the same mail fetched then is stored
 * again, next to a row about to go), never keys without rows. DETACH takes a short exclusive lock on the parent,
 * bounded by lock_timeout (a busy table is tried again next tick). Returns the partitions dropped.
 */
export async function dropExpiredPartitions(
  db: Executor,
  options: { keepMonths: number; now?: Date; lockTimeoutMs?: number },
): Promise<string[]> {
  if (options.keepMonths <= 0) return [];
  const cutoff = monthStart(options.now ?? new Date(), -options.keepMonths);
  const dropped: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    if (!(await isPartitioned(db, table))) continue;
    const spec = TABLES[table];
    for (const p of await partitionsOf(db, table)) {
      if (!p.upper || p.upper > cutoff) continue;
      if (spec.keepWhile) {
        const [open] = await queryRows<{ n: number }>(
          db,
          sql.raw(`select count(*)::int as n from (select 1 from ${p.name} where ${spec.keepWhile} limit 1) x`),
        );
        if ((open?.n ?? 0) > 0) continue;
      }
      if (spec.keys) {
        const range = `received_at < '${p.upper.toISOString()}'${p.lower ? ` and received_at >= '${p.lower.toISOString()}'` : ''}`;
        for (;;) {
          const [deleted] = await queryRows<{ n: number }>(
            db,
            sql.raw(`with d as (delete from ${spec.keys.table} where ctid = any(array(
                       select ctid from ${spec.keys.table} where ${range} limit ${KEY_DELETE_BATCH}))
                     returning 1)
                     select count(*)::int as n from d`),
          );
          if ((deleted?.n ?? 0) < KEY_DELETE_BATCH) break;
        }
      }
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local lock_timeout = '${options.lockTimeoutMs ?? 1000}ms'`));
          await tx.execute(sql.raw(`alter table ${table} detach partition ${p.name}`));
          await tx.execute(sql.raw(`drop table ${p.name}`));
        });
        dropped.push(p.name);
      } catch (err) {
        if ((err as { code?: string; cause?: { code?: string } }).cause?.code !== '55P03') throw err;
      }
    }
  }
  return dropped;
}
