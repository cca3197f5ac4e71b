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
 * Tables partitioned by month of `created_at`. Both are append-only logs that nothing references by foreign key,
 * so their unique keys can take the partition key without losing a guarantee anyone relies on (ids come from a
 * sequence, event ids are random uuids). bounces and raw_messages are not here: see docs/retention.md.
 */
export const PARTITIONED_TABLES = ['outbox', 'webhook_attempts'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];
const PARTITION_KEY = 'created_at';

/** A partition holding unpublished outbox events is never dropped, whatever its age. */
const KEEP_WHILE: Record<PartitionedTable, string | null> = {
  outbox: 'published_at is null',
  webhook_attempts: null,
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
  /** Concurrent index builds and constraint validation: writes go on meanwhile. */
  onlineMs: number;
  /** The swap transaction, during which writes to the table wait: the figure that must stay under a second. */
  swapMs: number;
  /** Swap attempts that hit lock_timeout and were retried. */
  retries: number;
  legacyUpperBound: string;
};

type IndexInfo = { name: string; def: string; unique: boolean; primary: boolean };

/**
 * Converts a populated table into a table partitioned by month, without blocking writes for more than the swap:
 * 1. online: for each unique key without created_at, a unique index with created_at appended (CONCURRENTLY), and
 *    a CHECK (created_at < boundary) added NOT VALID and validated (inserts continue meanwhile);
 * 2. one transaction under lock_timeout (retried): rename the table to <table>_legacy, create the partitioned table
 *    with the same columns, defaults, indexes and foreign keys, attach the legacy table as the partition of
 *    everything before `boundary` (the validated CHECK spares the scan, the prepared indexes are adopted, not built),
 *    and create the monthly partitions ahead.
 * Idempotent: an already partitioned table is left alone. `client` must not be inside a transaction.
 */
export async function convertToPartitioned(
  client: postgres.Sql,
  table: PartitionedTable,
  options: { monthsAhead?: number; lockTimeoutMs?: number; maxRetries?: number } = {},
): Promise<ConversionReport | null> {
  const monthsAhead = options.monthsAhead ?? 3;
  const lockTimeoutMs = options.lockTimeoutMs ?? 1000;
  const [{ partitioned } = { partitioned: false }] = await client<{ partitioned: boolean }[]>`
    select exists (select 1 from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
                   where c.relname = ${table} and c.relnamespace = 'public'::regnamespace) as partitioned`;
  if (partitioned) return null;

  const started = performance.now();
  const now = new Date();
  // The legacy partition takes everything before the next month; with under an hour of this month left, the month
  // after (a row inserted after midnight but before the swap would otherwise break the CHECK).
  const boundary = monthStart(now, monthStart(now, 1).getTime() - now.getTime() < 3_600_000 ? 2 : 1);
  const boundaryText = boundary.toISOString();
  const indexes = await client<IndexInfo[]>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as def, x.indisunique as unique, x.indisprimary as primary
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = ${table} and t.relnamespace = 'public'::regnamespace
    order by i.relname`;
  // Indexes an interrupted earlier run prepared are not the table's own.
  const keyed = indexes
    .filter((ix) => !ix.name.endsWith('_part'))
    .map((ix) => ({ ...ix, ...partitionedIndex(table, ix) }));

  // 1. Online preparation.
  for (const ix of keyed) {
    if (ix.prepared)
      await client.unsafe(
        ix.prepared.replace(/^CREATE UNIQUE INDEX /, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS '),
      );
  }
  const check = `${table}_before_partitioning`;
  await client.unsafe(`alter table ${table} drop constraint if exists ${check}`);
  await client.unsafe(
    `alter table ${table} add constraint ${check} check (${PARTITION_KEY} is not null and ${PARTITION_KEY} < '${boundaryText}') not valid`,
  );
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
  let retries = 0;
  for (;;) {
    const swapStarted = performance.now();
    try {
      await client.begin(async (tx) => {
        await tx.unsafe(`set local lock_timeout = '${lockTimeoutMs}ms'`);
        await tx.unsafe(`lock table ${table} in access exclusive mode`);
        await tx.unsafe(`alter table ${table} rename to ${legacy}`);
        // Frees the names for the parent's indexes; the prepared ones keep theirs (they are not in `keyed`).
        for (const ix of keyed) await tx.unsafe(`alter index ${ix.name} rename to ${legacyName(ix.name)}`);
        await tx.unsafe(
          `create table ${table} (like ${legacy} including defaults including storage including comments) partition by range (${PARTITION_KEY})`,
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
        for (let m = 0; m <= monthsAhead; m++) {
          const from = monthStart(boundary, m);
          await tx.unsafe(
            `create table if not exists ${partitionName(table, from)} partition of ${table}
             for values from ('${from.toISOString()}') to ('${monthStart(from, 1).toISOString()}')`,
          );
        }
      });
      return {
        table,
        rows,
        onlineMs,
        swapMs: performance.now() - swapStarted,
        retries,
        legacyUpperBound: boundaryText,
      };
    } catch (err) {
      // 55P03 lock_not_available: a long transaction held the table; give way to it and try again.
      if ((err as { code?: string }).code !== '55P03' || retries >= (options.maxRetries ?? 20)) throw err;
      retries++;
      await new Promise((r) => setTimeout(r, 200 * retries));
    }
  }
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
 * live table (same columns plus created_at: PostgreSQL requires unique keys of a partitioned table to hold it).
 */
function partitionedIndex(table: string, ix: IndexInfo): { parent: string; prepared: string | null } {
  const { method, columns, where } = readIndexDefinition(ix.def);
  if (!ix.unique)
    return {
      parent: `CREATE INDEX ${ix.name} ON public.${table} USING ${method} (${columns})${where}`,
      prepared: null,
    };
  const hasKey = columns.split(',').some((c) => c.trim() === PARTITION_KEY);
  const keyColumns = hasKey ? columns : `${columns}, ${PARTITION_KEY}`;
  const parent = `CREATE UNIQUE INDEX ${ix.primary ? `${table}_pkey_p` : ix.name} ON public.${table} USING ${method} (${keyColumns})${where}`;
  if (hasKey) return { parent, prepared: null };
  const preparedName = `${ix.name.slice(0, 50)}_part`;
  return {
    parent,
    prepared: `CREATE UNIQUE INDEX ${preparedName} ON public.${table} USING ${method} (${keyColumns})${where}`,
  };
}

type PartitionRow = { name: string; bound: string };

async function partitionsOf(db: Executor, table: PartitionedTable): Promise<{ name: string; upper: Date | null }[]> {
  const rows = await queryRows<PartitionRow>(
    db,
    sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${`public.${table}`}::regclass order by c.relname`,
  );
  return rows.map((r) => {
    const upper = /TO \('([^']+)'\)/.exec(r.bound)?.[1];
    return { name: r.name, upper: upper ? new Date(upper) : null };
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

/**
 * Detaches and drops the partitions whose whole range is older than `keepMonths` full months (0 keeps all), never
 * one that still holds unpublished outbox events. DETACH takes a short exclusive lock on the parent, bounded by
 * lock_timeout (a busy table is tried again next tick). Returns the partitions dropped.
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
    for (const p of await partitionsOf(db, table)) {
      if (!p.upper || p.upper > cutoff) continue;
      const keepWhile = KEEP_WHILE[table];
      if (keepWhile) {
        const [open] = await queryRows<{ n: number }>(
          db,
          sql.raw(`select count(*)::int as n from (select 1 from ${p.name} where ${keepWhile} limit 1) x`),
        );
        if ((open?.n ?? 0) > 0) continue;
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
