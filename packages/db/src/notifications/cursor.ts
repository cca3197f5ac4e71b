/**
 * The notification listings' cursors: the shared keyset paging (sql/paging.ts), with object-shaped cursor values.
 */
import { StoreError } from '../sql/errors.js';
import { decodeCursor as decodeSharedCursor, encodeCursor, type Page, pageSize } from '../sql/paging.js';

export { encodeCursor, pageSize };

export type NotificationPage<T> = Page<T>;

export function decodeCursor<T>(cursor: string, check: (value: Record<string, unknown>) => boolean): T {
  const value = decodeSharedCursor(
    cursor,
    (v): v is T => typeof v === 'object' && v !== null && check(v as Record<string, unknown>),
  );
  if (value === null) throw new StoreError('invalid-input', 'invalid cursor');
  return value;
}
