/**
 * The manual-processing list: stored messages the workers could not settle (raw status `manual`): not a bounce, a
 * bounce without a recipient, an unreadable message, or a bounce whose recipient matched no send and no known
 * address (its bounce rows are `unmatched`). A person views each, then assigns it, marks it as not a bounce (and may
 * file it at an address, where it shows in that address's history), or has it parsed again after a parser upgrade.
 * The raw status stays as the workers left it, so the mailbox folders never move again; `resolved_at` takes the
 * message off the open list.
 */
import { normalizeAddress } from '@bounce/rules';
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { auditLog, bounces, mailboxes, rawMessages } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import {
  afterTimeKey,
  cursorTimeOf,
  decodeCursor,
  isTimeUuidCursor,
  type Page,
  pageSize,
  timeKeyedPage,
} from '../sql/paging.js';
import { inTransaction } from '../sql/sql-util.js';

/** Bytes of each message read for its list entry: enough for the header of any real mail. */
export const MANUAL_HEAD_BYTES = 32 * 1024;

export type ManualMessageBounce = {
  id: string;
  recipient: string | null;
  class: string;
  reason: string;
  status: string | null;
  state: string;
  diagnosticCode: string | null;
};

export type ManualMessage = {
  id: string;
  mailboxId: string | null;
  mailboxName: string | null;
  receivedAt: Date;
  size: number;
  status: string;
  /** Why the workers left it to a person (e.g. "not a bounce", "bounce without a recipient"). */
  error: string | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  filedAddress: string | null;
  bounces: ManualMessageBounce[];
};

export type ManualMessageWithHead = ManualMessage & { head: Buffer };

const messageColumns = {
  id: rawMessages.id,
  mailboxId: rawMessages.mailboxId,
  mailboxName: mailboxes.name,
  receivedAt: rawMessages.receivedAt,
  size: rawMessages.size,
  status: rawMessages.status,
  error: rawMessages.error,
  resolution: rawMessages.resolution,
  resolvedBy: rawMessages.resolvedBy,
  resolvedAt: rawMessages.resolvedAt,
  filedAddress: rawMessages.filedAddress,
  head: sql<Buffer>`substring(${rawMessages.content} from 1 for ${MANUAL_HEAD_BYTES})`,
};

async function withBounces(db: Executor, tenantId: string, rows: Omit<ManualMessageWithHead, 'bounces'>[]) {
  if (rows.length === 0) return [];
  const found = await db
    .select({
      id: bounces.id,
      rawMessageId: bounces.rawMessageId,
      recipient: bounces.recipient,
      class: bounces.class,
      reason: bounces.reason,
      status: bounces.status,
      state: bounces.state,
      diagnosticCode: bounces.diagnosticCode,
    })
    .from(bounces)
    .where(
      and(
        eq(bounces.tenantId, tenantId),
        inArray(
          bounces.rawMessageId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(bounces.recipient);
  return rows.map((r) => ({
    ...r,
    head: Buffer.from(r.head),
    bounces: found.filter((b) => b.rawMessageId === r.id).map(({ rawMessageId: _, ...b }) => b),
  }));
}

/** Open (default) or resolved messages of the list, newest first, with their bounces and the head of the mail. */
export async function listManualMessages(
  db: Executor,
  tenantId: string,
  filter: { resolved?: boolean; cursor?: string | null; limit?: number } = {},
): Promise<Page<ManualMessageWithHead>> {
  const limit = pageSize(filter.limit);
  const cursor = decodeCursor(filter.cursor, isTimeUuidCursor);
  const where: (SQL | undefined)[] = [
    eq(rawMessages.tenantId, tenantId),
    filter.resolved
      ? isNotNull(rawMessages.resolvedAt)
      : and(eq(rawMessages.status, 'manual'), isNull(rawMessages.resolvedAt)),
  ];
  if (cursor) {
    where.push(afterTimeKey(rawMessages.receivedAt, rawMessages.id, cursor, { idType: 'uuid', descending: true }));
  }
  const rows = await db
    .select({ ...messageColumns, cursorAt: cursorTimeOf(rawMessages.receivedAt) })
    .from(rawMessages)
    .leftJoin(mailboxes, eq(mailboxes.id, rawMessages.mailboxId))
    .where(and(...where))
    .orderBy(desc(rawMessages.receivedAt), desc(rawMessages.id))
    .limit(limit + 1);
  const page = timeKeyedPage(rows, limit);
  return { items: await withBounces(db, tenantId, page.items), nextCursor: page.nextCursor };
}

export async function getManualMessage(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ManualMessageWithHead | null> {
  const rows = await db
    .select(messageColumns)
    .from(rawMessages)
    .leftJoin(mailboxes, eq(mailboxes.id, rawMessages.mailboxId))
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, id)));
  const [item] = await withBounces(db, tenantId, rows);
  return item ?? null;
}

export type NotBounceResult = { resolved: string[]; skipped: { id: string; why: string }[] };

/**
 * Marks open messages as not a bounce: their unmatched bounce rows become `ignored` (nothing is applied to anyone),
 * and with `fileAt` each message is filed at that address: an audit entry `file-message` in the address's history.
 * Messages already resolved, or not on the list, are skipped with the reason.
 */
export async function markMessagesNotBounce(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
  options: { actor: string; fileAt?: string | null; note?: string | null },
): Promise<NotBounceResult> {
  const fileAt = options.fileAt ? normalizeAddress(options.fileAt) : null;
  if (options.fileAt && !fileAt) throw new StoreError('invalid-input', `invalid address ${options.fileAt}`);
  return inTransaction(db, async (tx) => {
    const resolved = await tx
      .update(rawMessages)
      .set({ resolution: 'not-bounce', resolvedBy: options.actor, resolvedAt: new Date(), filedAddress: fileAt })
      .where(
        and(
          eq(rawMessages.tenantId, tenantId),
          inArray(rawMessages.id, [...ids]),
          eq(rawMessages.status, 'manual'),
          isNull(rawMessages.resolvedAt),
        ),
      )
      .returning({ id: rawMessages.id });
    const done = resolved.map((r) => r.id);
    if (done.length > 0) {
      await ignoreUnmatchedBounces(tx, tenantId, done, options.actor);
      if (fileAt) {
        await tx.insert(auditLog).values(
          done.map((rawMessageId) => ({
            tenantId,
            address: fileAt,
            action: 'file-message',
            actor: options.actor,
            rule: 'manual',
            reason: options.note ?? 'not a bounce: filed at this address',
            evidence: { rawMessageId },
          })),
        );
      }
    }
    const doneSet = new Set(done);
    return { resolved: done, skipped: ids.filter((id) => !doneSet.has(id)).map((id) => ({ id, why: 'not open' })) };
  });
}

/** The unmatched bounce rows of messages a person said are no bounce become `ignored`: applied to no one. */
async function ignoreUnmatchedBounces(tx: Executor, tenantId: string, rawMessageIds: string[], actor: string) {
  await tx
    .update(bounces)
    .set({
      state: 'ignored',
      decision: sql`coalesce(${bounces.decision}, '{}'::jsonb) || ${JSON.stringify({
        ignoredBy: actor,
        ignoredBecause: 'not a bounce',
      })}::jsonb`,
    })
    .where(
      and(eq(bounces.tenantId, tenantId), inArray(bounces.rawMessageId, rawMessageIds), eq(bounces.state, 'unmatched')),
    );
}

/**
 * Takes an open message off the list as filed in a contact's archive (archiveMessageAt's transaction): its unmatched
 * bounce rows are ignored, as for "not a bounce". StoreError 'conflict' when it is not open (resolved meanwhile):
 * the filing is rolled back with it.
 */
export async function resolveManualMessageArchived(
  tx: Executor,
  tenantId: string,
  id: string,
  actor: string,
): Promise<void> {
  const resolved = await tx
    .update(rawMessages)
    .set({ resolution: 'archived', resolvedBy: actor, resolvedAt: new Date() })
    .where(
      and(
        eq(rawMessages.tenantId, tenantId),
        eq(rawMessages.id, id),
        eq(rawMessages.status, 'manual'),
        isNull(rawMessages.resolvedAt),
      ),
    )
    .returning({ id: rawMessages.id });
  if (resolved.length === 0) throw new StoreError('conflict', `message ${id} is not open`);
  await ignoreUnmatchedBounces(tx, tenantId, [id], actor);
}

/**
 * Takes a message off the open list once nothing of it waits for a person any more: no unmatched bounce left and
 * at least one bounce applied (after an assignment or a re-parse). True when it was resolved now.
 */
export async function resolveManualMessageIfSettled(
  db: Executor,
  tenantId: string,
  id: string,
  resolution: 'assigned' | 'reparsed',
  actor: string,
): Promise<boolean> {
  const rows = await db
    .update(rawMessages)
    .set({ resolution, resolvedBy: actor, resolvedAt: new Date() })
    .where(
      and(
        eq(rawMessages.tenantId, tenantId),
        eq(rawMessages.id, id),
        isNull(rawMessages.resolvedAt),
        sql`exists (select 1 from bounces b where b.raw_message_id = ${rawMessages.id} and b.state = 'applied')`,
        sql`not exists (select 1 from bounces b where b.raw_message_id = ${rawMessages.id} and b.state = 'unmatched')`,
      ),
    )
    .returning({ id: rawMessages.id });
  return rows.length > 0;
}

/** Messages filed at an address (not bounces, kept with the contact), newest first. */
export async function listFiledMessages(db: Executor, tenantId: string, address: string) {
  const normalized = normalizeAddress(address);
  if (!normalized) return [];
  return db
    .select({ id: rawMessages.id, receivedAt: rawMessages.receivedAt, resolvedBy: rawMessages.resolvedBy })
    .from(rawMessages)
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.filedAddress, normalized)))
    .orderBy(desc(rawMessages.receivedAt), desc(rawMessages.id))
    .limit(100);
}

/** Records what the current parser says about a message that still has nothing to apply (after a re-parse). */
export async function setManualMessageReason(
  db: Executor,
  tenantId: string,
  id: string,
  reason: string,
): Promise<void> {
  await db
    .update(rawMessages)
    .set({ error: reason })
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, id)));
}
