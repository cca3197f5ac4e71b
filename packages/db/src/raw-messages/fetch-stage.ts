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
import { jsonRecords, jsonTable, queryRows, queryRowsPrepared } from '../sql/sql-util.js';
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
 * Stores a batch deduplicated by (tenant, sha256): content seen before keeps its row (and its status, so an applied
 * bounce is never processed again) and only its location is updated to where the message is now. Returns one entry
 * per distinct content, in input order; a second copy of the same content within the batch maps to the first one's
 * row.
 *
 * Two statements. The first inserts each key into raw_message_keys (`on conflict do nothing`) and, in the same
 * statement, a row for each key that was new: exact once raw_messages is partitioned by month and its own unique key
 * holds received_at too (docs/retention.md); a key another transaction is inserting waits for it. Until the keys of
 * older rows are filled in (the partition command), raw_messages' own unique index still catches content the key
 * table does not know yet (`on conflict do nothing`). The second, on a fresh snapshot (so it sees a concurrent
 * fetcher's committed row), moves every row that was not inserted to its new location and reads its status.
 */
export async function storeRawMessages(db: Executor, items: readonly RawMessageInput[]): Promise<StoredRawMessage[]> {
  if (items.length === 0) return [];
  const seen = new Map<string, RawMessageInput & { sha256: string }>();
  for (const item of items) {
    const key = `${item.tenantId}\n${sha256Hex(item.content)}`;
    if (!seen.has(key)) seen.set(key, { ...item, sha256: key.slice(item.tenantId.length + 1) });
  }
  // The batch's fields as one jsonb parameter, the contents apart as ONE text parameter (base64, comma-separated): no
  // per-row parameters, a third fewer bytes on the wire than the hex text postgres.js sends for each bytea parameter,
  // and megabytes of content neither escaped by JSON.stringify nor parsed as jsonb by the server (split and decoded
  // instead). Prepared: the text is the same at every batch.
  const unique = [...seen.values()];
  const batch = unique.map((m) => ({
    tenantId: m.tenantId,
    mailboxId: m.mailboxId,
    folder: m.folder,
    uidValidity: m.uidValidity,
    uid: m.uid,
    sha256: m.sha256,
    size: m.content.length,
  }));
  // One comma after each (string_to_array('') is no element at all, where an empty message must be one).
  const contents = unique.map((m) => `${m.content.toString('base64')},`).join('');
  type Row = { id: string; tenant_id: string; sha256: string; status: RawMessageStatus };
  const inserted = await queryRowsPrepared<Row>(
    db,
    'store-raw-messages',
    sql`with r as ${jsonTable(
      {
        tenantId: 'text',
        mailboxId: 'uuid',
        folder: 'text',
        uidValidity: 'bigint',
        uid: 'bigint',
        sha256: 'text',
        size: 'int',
      },
      batch,
    )},
    c as (select content, n from unnest(string_to_array(${contents}::text, ',')) with ordinality as c(content, n)),
    keys as (
      insert into raw_message_keys (tenant_id, sha256, received_at)
      select r."tenantId", r.sha256, now() from r order by r._n
      on conflict do nothing
      returning tenant_id, sha256)
    insert into raw_messages (tenant_id, mailbox_id, folder, uid_validity, uid, sha256, size, content, received_at)
      select r."tenantId", r."mailboxId", r.folder, r."uidValidity", r.uid, r.sha256, r.size, decode(c.content, 'base64'),
        now()
      from r join keys k on k.tenant_id = r."tenantId" and k.sha256 = r.sha256
        join c on c.n = r._n
      order by r._n
      on conflict do nothing
      returning id, tenant_id, sha256, status`,
  );
  const keyOf = (tenantId: string, sha: string) => `${tenantId}\n${sha}`;
  const stored = new Map(inserted.map((r) => [keyOf(r.tenant_id, r.sha256), { ...r, inserted: true }]));
  const known = batch.filter((m) => !stored.has(keyOf(m.tenantId, m.sha256)));
  if (known.length > 0) {
    const moved = await queryRows<Row>(
      db,
      sql`update raw_messages m set mailbox_id = r."mailboxId", folder = r.folder, uid_validity = r."uidValidity",
          uid = r.uid
        from ${jsonTable(
          { tenantId: 'text', mailboxId: 'uuid', folder: 'text', uidValidity: 'bigint', uid: 'bigint', sha256: 'text' },
          known,
        )} as r
        where m.tenant_id = r."tenantId" and m.sha256 = r.sha256
        returning m.id, m.tenant_id, m.sha256, m.status`,
    );
    for (const r of moved) stored.set(keyOf(r.tenant_id, r.sha256), { ...r, inserted: false });
  }
  return unique.map((m) => {
    const r = stored.get(keyOf(m.tenantId, m.sha256));
    // A key without its row: a partition dropped by policy took the row while its key is still being removed.
    if (!r) throw new Error(`raw message ${m.sha256} of ${m.tenantId} is known but its row is gone`);
    return { id: r.id, uid: m.uid, sha256: r.sha256, inserted: r.inserted, status: r.status };
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
