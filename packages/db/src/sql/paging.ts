/**
 * Keyset paging for every listing: opaque cursors (base64url JSON, stable under concurrent inserts, unlike OFFSET);
 * a token that does not decode is StoreError 'invalid-input', never a silent first page. A cursor is client input:
 * every part is typed in full (uuid ids are uuids, serial ids safe integers, times storable), and no string in it
 * holds NUL or a lone surrogate, so a forged cursor is a 400 and never a database error.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { StoreError } from './errors.js';
import { findUnstorableText, isSerialId, isStorableTimeString, isUuidString } from './pg-values.js';

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Default and maximum page sizes. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The cursor's value, checked by `check`; null for no cursor (the first page). */
export function decodeCursor<T>(cursor: string | null | undefined, check: (v: unknown) => v is T): T | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (findUnstorableText(value) === null && check(value)) return value;
  } catch {
    // fall through
  }
  throw new StoreError('invalid-input', 'invalid cursor');
}

export const isIdCursor = (v: unknown): v is { id: number } => isSerialId((v as { id?: unknown })?.id);
/** A (time, id) cursor whose time is storable; the id is checked by the caller's kind of id. */
export const isTimeIdCursor = (v: unknown): v is { at: string; id: string } =>
  isStorableTimeString((v as { at?: unknown })?.at) && typeof (v as { id?: unknown })?.id === 'string';
/** A (time, uuid) cursor. */
export const isTimeUuidCursor = (v: unknown): v is { at: string; id: string } =>
  isTimeIdCursor(v) && isUuidString(v.id);

/** Rows per page: default 50, at most 500. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
}

/**
 * A timestamptz column as a cursor's time, to the microsecond. PostgreSQL keeps microseconds, a JS Date only
 * milliseconds: a cursor made from the last row's Date falls before that row's own time, so the next page would skip
 * every row that shares the last row's millisecond (ties above all, as rows written in one transaction share now()).
 */
export const cursorTimeOf = (column: AnyColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The keyset condition for the page after a (time, id) cursor, in the listing's order (time, id), both descending or
 * both ascending: a row comparison (usable as an index condition) with typed parameters (postgres.js binds raw
 * template values as text), so rows tied on time are ordered, and paged, by id.
 */
export function afterTimeKey(
  time: AnyColumn,
  id: AnyColumn,
  cursor: { at: string; id: string | number },
  options: { idType: 'uuid' | 'bigint'; descending: boolean },
): SQL {
  const op = sql.raw(options.descending ? '<' : '>');
  return sql`(${time}, ${id}) ${op} (${cursor.at}::timestamptz, ${String(cursor.id)}::${sql.raw(options.idType)})`;
}

/**
 * The page of a (time, id) keyset listing that read `limit + 1` rows, each with its time as `cursorAt`
 * (cursorTimeOf): the first `limit` rows without `cursorAt`, and the cursor after the last of them when a further
 * row was read.
 */
export function timeKeyedPage<T extends { cursorAt: string; id: string }>(
  rows: readonly T[],
  limit: number,
): Page<Omit<T, 'cursorAt'>> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}
