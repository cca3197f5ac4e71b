/**
 * The fetch stage of the raw-message lifecycle (lifecycle.ts): storing fetched mail durably (before the folder position advances)
 * and tracking where each message sits in the mailbox, so it can be moved to the processed or manual folder once
 * its result is committed.
 *
 * `folder`, `uid_validity` and `uid` are the message's current location: a move updates them (uid null when the
 * server did not report the new UID). Messages still to move are therefore those whose location is the source
 * folder and whose status is final.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { rawMessages } from '../schema.js';
import { jsonRecords } from '../sql/sql-util.js';
import { FINAL_RAW_STATUSES, type FinalRawStatus, type RawMessageStatus } from './lifecycle.js';

export type RawMessageInput = {
  tenantId: string;
  mailboxId: string;
  folder: string;
  uidValidity: number;
  uid: number;
  content: Buffer;
};

export type StoredRawMessage = {
  id: string;
  uid: number;
  sha256: string;
  /** False when the same content was stored before (fetched twice, or found again after a UIDVALIDITY change). */
  inserted: boolean;
  /** Status of the row after the call: 'received' for new rows; an older row keeps its own. */
  status: RawMessageStatus;
};

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Stores a batch in one statement, deduplicated by (tenant, sha256): content seen before keeps its row (and its
 * status, so an applied bounce is never processed again) and only its location is updated to where the message is
 * now. Returns one entry per distinct content, in input order; a second copy of the same content within the batch
 * maps to the first one's row.
 */
export async function storeRawMessages(db: Executor, items: readonly RawMessageInput[]): Promise<StoredRawMessage[]> {
  if (items.length === 0) return [];
  const seen = new Map<string, RawMessageInput & { sha256: string }>();
  for (const item of items) {
    const key = `${item.tenantId}\n${sha256Hex(item.content)}`;
    // ON CONFLICT DO UPDATE cannot touch one row twice in a statement: keep the first copy.
    if (!seen.has(key)) seen.set(key, { ...item, sha256: key.slice(item.tenantId.length + 1) });
  }
  const rows = await db
    .insert(rawMessages)
    .values(
      [...seen.values()].map((m) => ({
        tenantId: m.tenantId,
        mailboxId: m.mailboxId,
        folder: m.folder,
        uidValidity: m.uidValidity,
        uid: m.uid,
        sha256: m.sha256,
        size: m.content.length,
        content: m.content,
      })),
    )
    .onConflictDoUpdate({
      target: [rawMessages.tenantId, rawMessages.sha256],
      set: {
        mailboxId: sql`excluded.mailbox_id`,
        folder: sql`excluded.folder`,
        uidValidity: sql`excluded.uid_validity`,
        uid: sql`excluded.uid`,
      },
    })
    .returning({
      id: rawMessages.id,
      uid: rawMessages.uid,
      sha256: rawMessages.sha256,
      status: rawMessages.status,
      // xmax is 0 for a row this statement inserted, the locking transaction's id for one it updated.
      inserted: sql<boolean>`(${rawMessages}.xmax = 0)`,
    });
  const bySha = new Map(rows.map((r) => [r.sha256, r]));
  return [...seen.values()].map((m) => {
    const r = bySha.get(m.sha256)!;
    return { id: r.id, uid: m.uid, sha256: r.sha256, inserted: Boolean(r.inserted), status: r.status };
  });
}

export type MessageToMove = { id: string; uid: number; status: FinalRawStatus };

/** Messages in `folder` (at this UIDVALIDITY) whose result is final, lowest UID first. */
export async function listMessagesToMove(
  db: Executor,
  query: { mailboxId: string; folder: string; uidValidity: number; limit?: number },
): Promise<MessageToMove[]> {
  const rows = await db
    .select({ id: rawMessages.id, uid: rawMessages.uid, status: rawMessages.status })
    .from(rawMessages)
    .where(
      and(
        eq(rawMessages.mailboxId, query.mailboxId),
        eq(rawMessages.folder, query.folder),
        eq(rawMessages.uidValidity, query.uidValidity),
        isNotNull(rawMessages.uid),
        inArray(rawMessages.status, [...FINAL_RAW_STATUSES]),
      ),
    )
    .orderBy(asc(rawMessages.uid))
    .limit(query.limit ?? 1_000);
  return rows.map((r) => ({ id: r.id, uid: r.uid!, status: r.status as FinalRawStatus }));
}

export type MessageMove = { id: string; folder: string; uidValidity: number | null; uid: number | null };

/** Records new locations after an IMAP MOVE (one statement for the batch). */
export async function markMessagesMoved(db: Executor, moves: readonly MessageMove[]): Promise<void> {
  if (moves.length === 0) return;
  await db.execute(sql`
    update raw_messages r set folder = m.folder, uid_validity = m."uidValidity", uid = m.uid
    from jsonb_to_recordset(${jsonRecords(moves)}) as m(id uuid, folder text, "uidValidity" bigint, uid bigint)
    where r.id = m.id`);
}
