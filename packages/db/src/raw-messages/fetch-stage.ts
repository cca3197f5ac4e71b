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
import { jsonRecords, jsonTable, queryRows } from '../sql/sql-util.js';
import { FINAL_RAW_STATUSES, type FinalRawStatus, type RawMessageStatus } from './lifecycle.js';

export type RawMessageInput = {
  tenantId: string;
  mailboxId: string;
  folder: string;
  /** IMAP location; null for POP3 (tracked by UIDL in mailbox_pop3_seen, never moved). */
  uidValidity: number | null;
  uid: number | null;
  content: Buffer;
};

export type StoredRawMessage = {
  id: string;
  uid: number | null;
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
  // One jsonb parameter for the whole batch (contents base64-encoded): no per-row parameters for the query builder to
  // assemble, and a third fewer bytes on the wire than the hex text postgres.js sends for each bytea parameter.
  const batch = [...seen.values()].map((m) => ({
    tenantId: m.tenantId,
    mailboxId: m.mailboxId,
    folder: m.folder,
    uidValidity: m.uidValidity,
    uid: m.uid,
    sha256: m.sha256,
    size: m.content.length,
    content: m.content.toString('base64'),
  }));
  const rows = await queryRows<{
    id: string;
    uid: unknown;
    sha256: string;
    status: RawMessageStatus;
    inserted: boolean;
  }>(
    db,
    sql`insert into raw_messages (tenant_id, mailbox_id, folder, uid_validity, uid, sha256, size, content)
      select r."tenantId", r."mailboxId", r.folder, r."uidValidity", r.uid, r.sha256, r.size, decode(r.content, 'base64')
      from ${jsonTable(
        {
          tenantId: 'text',
          mailboxId: 'uuid',
          folder: 'text',
          uidValidity: 'bigint',
          uid: 'bigint',
          sha256: 'text',
          size: 'int',
          content: 'text',
        },
        batch,
      )} as r
      order by r._n
      on conflict (tenant_id, sha256) do update set mailbox_id = excluded.mailbox_id, folder = excluded.folder,
        uid_validity = excluded.uid_validity, uid = excluded.uid
      -- xmax is 0 for a row this statement inserted, the locking transaction's id for one it updated.
      returning id, uid, sha256, status, (raw_messages.xmax = 0) as inserted`,
  );
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
