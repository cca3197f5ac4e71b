/**
 * The apply stage of the raw-message lifecycle (lifecycle.ts): the final status after a batch is applied, and the
 * reconciler's query for rows that lost their job (giving up on a message is `failRawMessages`, which also writes
 * the processing.failed event). The apply transaction itself moves the rows it wrote bounces for to applied or
 * manual (bounces/write-state.ts); status guards make every write idempotent and never move a row backwards.
 */

import type { ParseResult } from '@bounce/parser';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type ApplyBouncesOptions, type ApplyBouncesResult, applyBounces } from '../bounces/apply-bounces.js';
import type { Executor } from '../client.js';
import { contacts, rawMessages } from '../schema.js';
import { queryRowsPrepared, textArray, uuidArray, withTransaction } from '../sql/sql-util.js';
import { type RawMessageStatus, rawStatusesBefore, UNFINISHED_RAW_STATUSES } from './lifecycle.js';

/** One stored message's verdict, as an apply-bounces job carries it. */
export type ParsedRawMessage = { rawMessageId: string; sha256: string; result: ParseResult };

/**
 * Applies a batch of parsed raw messages and finishes every one of them, in one transaction: the store correlates,
 * runs the rules and commits state, audit, outbox and each message's final status (applied, or manual when a
 * recipient went to the manual-assignment list); the rare message the store leaves unfinished (e.g. a verdict with
 * nothing to apply) is marked applied in the same commit. "Final status" then always means "effects committed",
 * which the fetch worker relies on before moving the mail out of the inbox. Replaying a batch has no second effect
 * (idempotency keys) and leaves final statuses alone.
 *
 * `unfiledAutoReplies`: automatic replies of the batch the archive could file at no contact. Where the tenant keeps
 * contacts (it uses the archive), such a message ends `manual` with its reason, in the same commit, so a person
 * sees it instead of it passing as applied unseen; its absence and replacement events are written all the same.
 */
export async function applyParsedRawMessages(
  db: Executor,
  tenantId: string,
  items: readonly ParsedRawMessage[],
  options: ApplyBouncesOptions & { unfiledAutoReplies?: readonly string[] } = {},
): Promise<ApplyBouncesResult> {
  return withTransaction(db, async (tx) => {
    // Only rows this run finishes: a replayed batch leaves final statuses as the first run set them.
    const unfiled = await unfinishedOf(tx, tenantId, options.unfiledAutoReplies ?? []);
    const result = await applyBounces(
      tx,
      tenantId,
      items.map((i) => ({ parsed: i.result, rawMessageId: i.rawMessageId, rawSha256: i.sha256 })),
      options,
    );
    await markRawApplied(
      tx,
      tenantId,
      items.map((i) => i.rawMessageId),
    );
    if (unfiled.length > 0 && (await hasContacts(tx, tenantId))) {
      await tx
        .update(rawMessages)
        .set({ status: 'manual', error: UNFILED_AUTO_REPLY })
        .where(and(eq(rawMessages.tenantId, tenantId), inArray(rawMessages.id, unfiled)));
    }
    return result;
  });
}

/** Why an automatic reply is in the manual list: its absence/replacement events were still written. */
export const UNFILED_AUTO_REPLY = 'automatic reply that matches no contact (sender, VERP return path, answered send)';

async function unfinishedOf(tx: Executor, tenantId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: rawMessages.id })
    .from(rawMessages)
    .where(
      and(
        eq(rawMessages.tenantId, tenantId),
        inArray(rawMessages.id, [...ids]),
        inArray(rawMessages.status, [...UNFINISHED_RAW_STATUSES]),
      ),
    );
  return rows.map((r) => r.id);
}

async function hasContacts(tx: Executor, tenantId: string): Promise<boolean> {
  const [row] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, tenantId)).limit(1);
  return row !== undefined;
}

/**
 * Marks applied the batch's rows the store left unfinished (it sets applied/manual itself for every row it wrote
 * bounces for); rows already final are untouched.
 */
export async function markRawApplied(db: Executor, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // Prepared, the ids as one JSON parameter: it runs once per applied batch with every id of the batch (500 by
  // default), which as a list of parameters was built by drizzle, parsed and planned anew at every batch.
  await queryRowsPrepared(
    db,
    'mark-raw-applied',
    sql`update raw_messages set status = 'applied', error = null, processed_at = ${new Date().toISOString()}::timestamptz
      where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})
        and status = any(${textArray(rawStatusesBefore('applied'))})`,
  );
}

export type StuckRawMessage = { id: string; tenantId: string; status: RawMessageStatus };

/** Oldest first, using the (status, received_at) index. */
export async function findStuckRawMessages(
  db: Executor,
  receivedBefore: Date,
  limit: number,
): Promise<StuckRawMessage[]> {
  return db
    .select({ id: rawMessages.id, tenantId: rawMessages.tenantId, status: rawMessages.status })
    .from(rawMessages)
    .where(and(inArray(rawMessages.status, [...UNFINISHED_RAW_STATUSES]), lt(rawMessages.receivedAt, receivedBefore)))
    .orderBy(asc(rawMessages.receivedAt))
    .limit(limit);
}
