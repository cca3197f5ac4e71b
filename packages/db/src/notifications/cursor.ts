/**
 * Opaque keyset cursors for the notification listings, in the same format and with the same error as the store's
 * listings (base64url JSON; a token that does not decode is StoreError 'invalid-input', never a silent first page).
 */
import { StoreError } from '../store/errors.js';

/** Same shape as the store's `Page`. */
export type NotificationPage<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (value: Record<string, unknown>) => boolean): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && check(value as Record<string, unknown>)) return value as T;
  } catch {
    // fall through
  }
  throw new StoreError('invalid-input', 'invalid cursor');
}

/** Page size: default 50, at most 500 (as the store's listings). */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 50;
  return Math.min(500, Math.max(1, Math.trunc(limit)));
}
