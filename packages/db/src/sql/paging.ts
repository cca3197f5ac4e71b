/**
 * Keyset paging for every listing: opaque cursors (base64url JSON, stable under concurrent inserts, unlike OFFSET);
 * a token that does not decode is StoreError 'invalid-input', never a silent first page.
 */
import { StoreError } from './errors.js';

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
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new StoreError('invalid-input', 'invalid cursor');
}

export const isIdCursor = (v: unknown): v is { id: number } => typeof (v as { id?: unknown })?.id === 'number';
export const isTimeIdCursor = (v: unknown): v is { at: string; id: string } =>
  typeof (v as { at?: unknown })?.at === 'string' && typeof (v as { id?: unknown })?.id === 'string';

/** Rows per page: default 50, at most 500. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
}
