/**
 * Read side for the API: address status and history, suppressions, bounces, the manual-assignment list.
 * Keyset paging with opaque cursors (stable under concurrent inserts, unlike OFFSET).
 */
import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  addresses,
  auditLog,
  bounces,
  domainBlocks,
  listSuppressions as listSuppressionsTable,
  rawMessages,
  senderAlerts,
} from '../schema.js';
import { StoreError } from './errors.js';
import { normalizeOrThrow } from './manual-ops.js';

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Default and maximum page sizes. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeCursor<T>(cursor: string | null | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new StoreError('invalid-input', 'invalid cursor');
}

const isIdCursor = (v: unknown): v is { id: number } => typeof (v as { id?: unknown })?.id === 'number';
const isTimeIdCursor = (v: unknown): v is { at: string; id: string } =>
  typeof (v as { at?: unknown })?.at === 'string' && typeof (v as { id?: unknown })?.id === 'string';

function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.trunc(limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
}

export type AddressRecord = typeof addresses.$inferSelect;

export type AddressDetails = {
  address: string;
  /** null: the address was never seen (it is treated as active and clean). */
  record: AddressRecord | null;
  listSuppressions: (typeof listSuppressionsTable.$inferSelect)[];
  domainBlock: typeof domainBlocks.$inferSelect | null;
};

export async function getAddress(db: Executor, tenantId: string, address: string): Promise<AddressDetails> {
  const normalized = normalizeOrThrow(address);
  const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
  const [record] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, tenantId), eq(addresses.address, normalized)));
  const lists = await db
    .select()
    .from(listSuppressionsTable)
    .where(and(eq(listSuppressionsTable.tenantId, tenantId), eq(listSuppressionsTable.address, normalized)))
    .orderBy(listSuppressionsTable.listId);
  const [block] = await db
    .select()
    .from(domainBlocks)
    .where(and(eq(domainBlocks.tenantId, tenantId), eq(domainBlocks.domain, domain)));
  return { address: normalized, record: record ?? null, listSuppressions: lists, domainBlock: block ?? null };
}

export type AuditFilter = {
  address?: string;
  action?: string;
  actor?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

export type AuditEntry = typeof auditLog.$inferSelect;

/** The audit trail, newest first. */
export async function listAuditTrail(
  db: Executor,
  tenantId: string,
  filter: AuditFilter = {},
): Promise<Page<AuditEntry>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isIdCursor);
  const where: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
  if (filter.address) where.push(eq(auditLog.address, normalizeOrThrow(filter.address)));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
  if (filter.since) where.push(gte(auditLog.createdAt, filter.since));
  if (filter.until) where.push(lt(auditLog.createdAt, filter.until));
  if (cursor) where.push(lt(auditLog.id, cursor.id));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}

export type SuppressionFilter = {
  /** hard-bounce, escalation, complaint, manual, import, domain */
  reason?: string;
  domain?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

/** Blocked addresses, most recently blocked first. */
export async function listSuppressedAddresses(
  db: Executor,
  tenantId: string,
  filter: SuppressionFilter = {},
): Promise<Page<AddressRecord>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isTimeIdCursor);
  const where: (SQL | undefined)[] = [eq(addresses.tenantId, tenantId), eq(addresses.state, 'blocked')];
  if (filter.reason) where.push(eq(addresses.suppressionReason, filter.reason));
  if (filter.domain) where.push(eq(addresses.domain, filter.domain.toLowerCase()));
  if (filter.since) where.push(gte(addresses.suppressedAt, filter.since));
  if (filter.until) where.push(lt(addresses.suppressedAt, filter.until));
  if (cursor) {
    const at = new Date(cursor.at);
    where.push(
      or(lt(addresses.suppressedAt, at), and(eq(addresses.suppressedAt, at), lt(addresses.id, Number(cursor.id)))),
    );
  }
  const rows = await db
    .select()
    .from(addresses)
    .where(and(...where))
    .orderBy(desc(addresses.suppressedAt), desc(addresses.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last?.suppressedAt
        ? encodeCursor({ at: last.suppressedAt.toISOString(), id: String(last.id) })
        : null,
  };
}

/** Addresses removed from one list ("remove from list only" rule action or import), by address. */
export async function listListSuppressions(
  db: Executor,
  tenantId: string,
  listId: string,
  filter: { cursor?: string | null; limit?: number } = {},
): Promise<Page<typeof listSuppressionsTable.$inferSelect>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(
    filter.cursor,
    (v): v is { address: string } => typeof (v as { address?: unknown })?.address === 'string',
  );
  const rows = await db
    .select()
    .from(listSuppressionsTable)
    .where(
      and(
        eq(listSuppressionsTable.tenantId, tenantId),
        eq(listSuppressionsTable.listId, listId),
        cursor ? sql`${listSuppressionsTable.address} > ${cursor.address}` : undefined,
      ),
    )
    .orderBy(listSuppressionsTable.address)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ address: last.address }) : null };
}

export type BounceFilter = {
  recipient?: string;
  class?: string;
  reason?: string;
  /** pending, applied, unmatched, ignored, failed */
  state?: string;
  sendId?: string;
  rawMessageId?: string;
  since?: Date;
  until?: Date;
  cursor?: string | null;
  limit?: number;
};

export type BounceRecord = typeof bounces.$inferSelect;

/** Bounces, most recently received first. */
export async function listBounces(
  db: Executor,
  tenantId: string,
  filter: BounceFilter = {},
): Promise<Page<BounceRecord>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isTimeIdCursor);
  const where: (SQL | undefined)[] = [eq(bounces.tenantId, tenantId)];
  if (filter.recipient) where.push(eq(bounces.recipient, normalizeOrThrow(filter.recipient)));
  if (filter.class) where.push(eq(bounces.class, filter.class));
  if (filter.reason) where.push(eq(bounces.reason, filter.reason));
  if (filter.state) where.push(eq(bounces.state, filter.state));
  if (filter.sendId) where.push(eq(bounces.sendId, filter.sendId));
  if (filter.rawMessageId) where.push(eq(bounces.rawMessageId, filter.rawMessageId));
  if (filter.since) where.push(gte(bounces.receivedAt, filter.since));
  if (filter.until) where.push(lte(bounces.receivedAt, filter.until));
  if (cursor) {
    const at = new Date(cursor.at);
    where.push(or(lt(bounces.receivedAt, at), and(eq(bounces.receivedAt, at), lt(bounces.id, cursor.id))));
  }
  const rows = await db
    .select()
    .from(bounces)
    .where(and(...where))
    .orderBy(desc(bounces.receivedAt), desc(bounces.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

/** One bounce of the tenant by id, or null (another tenant's bounce is not found either). */
export async function getBounce(db: Executor, tenantId: string, id: string): Promise<BounceRecord | null> {
  const [row] = await db
    .select()
    .from(bounces)
    .where(and(eq(bounces.tenantId, tenantId), eq(bounces.id, id)))
    .limit(1);
  return row ?? null;
}

export type RawMessageContent = { id: string; size: number; receivedAt: Date; content: Buffer };

/** The stored raw message (whole content) of the tenant by id, or null. */
export async function getRawMessageContent(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<RawMessageContent | null> {
  const [row] = await db
    .select({
      id: rawMessages.id,
      size: rawMessages.size,
      receivedAt: rawMessages.receivedAt,
      content: rawMessages.content,
    })
    .from(rawMessages)
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, id)))
    .limit(1);
  return row ? { ...row, content: Buffer.from(row.content) } : null;
}

/** The manual-assignment list: bounces whose recipient or send could not be matched. */
export async function listUnmatched(
  db: Executor,
  tenantId: string,
  filter: Omit<BounceFilter, 'state'> = {},
): Promise<Page<BounceRecord>> {
  return listBounces(db, tenantId, { ...filter, state: 'unmatched' });
}

export type SenderAlert = typeof senderAlerts.$inferSelect;

/** Sender-side incidents (a provider rejecting us), open ones first. */
export async function listSenderAlerts(
  db: Executor,
  tenantId: string,
  filter: { openOnly?: boolean } = {},
): Promise<SenderAlert[]> {
  return db
    .select()
    .from(senderAlerts)
    .where(
      and(eq(senderAlerts.tenantId, tenantId), filter.openOnly ? sql`${senderAlerts.resolvedAt} is null` : undefined),
    )
    .orderBy(desc(senderAlerts.lastSeenAt));
}

/** Marks a sender-side incident resolved; the next rejection of that kind opens a new one. */
export async function resolveSenderAlert(db: Executor, tenantId: string, alertId: string): Promise<boolean> {
  const rows = await db
    .update(senderAlerts)
    .set({ resolvedAt: sql`now()` })
    .where(
      and(eq(senderAlerts.tenantId, tenantId), eq(senderAlerts.id, alertId), sql`${senderAlerts.resolvedAt} is null`),
    )
    .returning({ id: senderAlerts.id });
  return rows.length > 0;
}
