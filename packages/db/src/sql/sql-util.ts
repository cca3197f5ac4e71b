/**
 * Small helpers for the set-based SQL the store uses. Batches travel as ONE JSON parameter unpacked with
 * `jsonb_to_recordset` (or `json_array_elements_text` for lists): one round trip per step, no per-row parameters (postgres.js
 * caps a statement at 65,535), and the same text parameter works on postgres.js and on PGlite, whose array
 * parameter handling differs.
 */
import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../client.js';

/** Runs a raw statement and returns its rows whatever the driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The rows of a raw statement's result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

const DIALECT = new PgDialect();

/**
 * `queryRows` for a hot statement whose text is the same at every run (data in parameters): as a named prepared
 * statement on each pooled connection, parsed and planned once per connection rather than at every run, and one
 * round trip instead of two (postgres.js describes an unnamed statement with parameters before executing it). Where
 * the connection forbids named statements (`pgbouncer=true`: postgres.js's `prepare: false` wins over the
 * statement's), it runs unnamed, as `queryRows`. Never for SQL whose text varies without bound (lists spelled out
 * as parameters): each text stays prepared on the connection for its lifetime. `name` is for reading only.
 */
export async function queryRowsPrepared<T>(db: Executor, name: string, query: SQL): Promise<T[]> {
  // drizzle's db.execute() always runs unnamed; its session prepares when given a name (a transaction handle has
  // its own session, on the transaction's connection).
  const { session } = (db as unknown as Pick<Database, '_'>)._;
  return rowsOf<T>(await session.prepareQuery(DIALECT.sqlToQuery(query), undefined, name, false).execute());
}

/**
 * A row rendered by `to_jsonb(row)` in raw SQL (snake_case keys, timestamps as ISO text, json parsed or not by the
 * driver) as the table's typed row, the shape drizzle's own selects return.
 */
export function fromRowJson<T extends Table>(table: T, value: unknown): T['$inferSelect'] {
  const json = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const v = json[column.name] ?? null;
    out[key] = v !== null && column.dataType === 'date' ? new Date(v as string) : v;
  }
  return out as T['$inferSelect'];
}

/**
 * A batch of records as one `jsonb` parameter, for `jsonb_to_recordset(${jsonRecords(rows)})`. jsonb rather than
 * json: the text is parsed once, and nested objects bound for jsonb columns (payloads, evidence) are then handed
 * over without a second parse — measured ~40% faster for audit-sized rows.
 */
export function jsonRecords(rows: readonly object[]): SQL {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

export type JsonColumnType = 'text' | 'uuid' | 'int' | 'smallint' | 'bigint' | 'boolean' | 'timestamptz' | 'jsonb';

/**
 * A batch of records as a derived table with typed columns, `${jsonTable(columns, rows)} as r`, sent as ONE jsonb
 * parameter of positional arrays: `[["a@x", 3], ...]` instead of `[{"address":"a@x","count":3}, ...]`. Dropping the
 * repeated keys cuts a bounce batch's payload by about a third, which is client CPU (stringify, UTF-8 encoding,
 * garbage) and server CPU (parsing) alike. Rows keep their order; the ordinal is exposed as column `_n`.
 * Dates serialise to ISO strings (JSON.stringify), which `::timestamptz` reads back exactly.
 */
export function jsonTable<R extends object>(columns: { [K in keyof R]?: JsonColumnType }, rows: readonly R[]): SQL {
  const names = Object.keys(columns) as (keyof R & string)[];
  // Dates of timestamptz columns go in as ISO text made here, once per distinct time (a batch's rows mostly share
  // `now`): left to JSON.stringify, each Date's toJSON is called, off V8's fast serialiser path (a bounce batch's
  // text took 7 ms to build against 1.7 ms for the same data without Dates; 4-5 ms of Node CPU per batch of 500 in
  // bench:rules). The same text as toJSON gives: ISO, or null for an invalid date.
  const dates = names.map((n) => columns[n] === 'timestamptz');
  const iso = new Map<number, string | null>();
  const cell = (v: unknown, i: number) => {
    if (v === undefined || v === null) return null;
    if (!dates[i] || !(v instanceof Date)) return v;
    const t = v.getTime();
    let text = iso.get(t);
    if (text === undefined) {
      text = Number.isNaN(t) ? null : v.toISOString();
      iso.set(t, text);
    }
    return text;
  };
  const data = rows.map((r) => names.map((n, i) => cell(r[n], i)));
  const select = names
    .map((n, i) => {
      const type = columns[n];
      // A JSON null inside the array is the jsonb value 'null', not SQL NULL: nullif makes it SQL NULL.
      const expr =
        type === 'jsonb'
          ? `nullif(e.v->${i}, 'null'::jsonb)`
          : type === 'text'
            ? `e.v->>${i}`
            : `(e.v->>${i})::${type}`;
      return `${expr} as "${n}"`;
    })
    .join(', ');
  return sql`(select ${sql.raw(select)}, e.n as "_n" from jsonb_array_elements(${JSON.stringify(data)}::jsonb) with ordinality as e(v, n))`;
}

/**
 * A list of strings as a `text[]` expression, for `col = any(${textArray(values)})`: the planner answers that with
 * one index scan (an InitPlan array), where `in (select ...)` costs a hash aggregate and a nested loop.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select json_array_elements_text(${JSON.stringify(values)}::json))`;
}

/** The same for bigint ids (e.g. outbox ids). */
export function bigintArray(values: readonly number[]): SQL {
  return sql`array(select json_array_elements_text(${JSON.stringify(values)}::json)::bigint)`;
}

/** The same for uuids (values must be canonical UUIDs). */
export function uuidArray(values: readonly string[]): SQL {
  return sql`array(select json_array_elements_text(${JSON.stringify(values)}::json)::uuid)`;
}

/**
 * Raw queries return `timestamptz` as a string on postgres.js (drizzle installs a pass-through parser so its own
 * column mapping can run) and as a Date on PGlite: accept both.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const d = new Date(value as string);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function toDateStrict(value: unknown): Date {
  const d = toDate(value);
  if (!d) throw new TypeError(`expected a timestamp, got ${String(value)}`);
  return d;
}

/** bigint/int8 columns arrive as strings from postgres.js; ids here stay far below 2^53. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** SQLSTATEs worth retrying a whole batch transaction for: deadlock_detected, serialization_failure. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * The SQLSTATE of a database error. drizzle wraps driver errors (DrizzleQueryError, with the driver's error as
 * `cause`), so walk the cause chain.
 */
export function dbErrorCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export function isRetryableDbError(err: unknown): boolean {
  const code = dbErrorCode(err);
  return code !== null && RETRYABLE_SQLSTATES.has(code);
}

/**
 * Awaits statements issued one after the other on ONE connection (a transaction's) without waiting in between:
 * postgres.js pipelines them, so they cost one round trip, and the server still runs them in issue order. After a
 * failure the server rejects the later ones only because the transaction is aborted, so the first error in issue
 * order is the one thrown (its SQLSTATE decides whether the batch is retried); every promise is settled first, so no
 * rejection is left unhandled.
 */
export async function pipelined<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Runs `fn` in one transaction (a savepoint when `db` is already one), without retries. */
export function withTransaction<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx as unknown as Executor));
}

/**
 * Runs `fn` in a transaction, retrying on deadlock/serialization failures. Locks are taken in a fixed order so
 * deadlocks should not happen; this is the safety net for orders we do not control (e.g. FK checks).
 */
export async function inTransaction<T>(db: Executor, fn: (tx: Executor) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(db, fn);
    } catch (err) {
      if (attempt >= attempts || !isRetryableDbError(err)) throw err;
    }
  }
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `text` as a LIKE pattern's literal part: its backslashes, % and _ match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
