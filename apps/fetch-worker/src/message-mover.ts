/**
 * Moves messages out of the source folder once their result is committed: the rules worker sets the raw message's
 * status to `applied` in the same transaction as the bounce's effects, so a message in the processed folder always
 * has its effects in the database. `manual` (the parser could not classify it) and `failed` (it failed every
 * attempt) go to the manual-processing folder, where an operator finds them next to the manual list.
 */
import type { Logger } from '@bounce/config';
import {
  type Executor,
  type FinalRawStatus,
  listMessagesToMove,
  type MessageToMove,
  markMessagesMoved,
} from '@bounce/db';
import { classifyImapError, ensureFolder, type MailboxFolders } from '@bounce/mailbox-access';
import type { ImapFlow } from 'imapflow';
import type { FetchMetrics } from './fetch-metrics.js';
import { toSequenceSet } from './sequence-set.js';

/** Rows read and moved per round; several rounds run until nothing is left or `maxMessages` is reached. */
const MOVE_BATCH = 1_000;

export type MoveResult = { processed: number; manual: number };

export function destinationFor(status: FinalRawStatus, folders: MailboxFolders): 'processed' | 'manual' {
  switch (status) {
    case 'applied':
      return 'processed';
    case 'manual':
    case 'failed':
      return 'manual';
    default: {
      const never: never = status;
      throw new Error(`unexpected raw status ${String(never)} for ${folders.sourceFolder}`);
    }
  }
}

/**
 * Moves every finished message of the selected source folder (the caller holds the mailbox lock on it). UID MOVE
 * (RFC 6851) where the server has it; imapflow falls back to COPY + \Deleted + EXPUNGE otherwise. The new
 * location is recorded after the move; a crash in between only means the next run moves nothing (the UIDs are
 * gone from the source) and records the destination without a UID.
 */
export async function moveFinishedMessages(input: {
  client: ImapFlow;
  db: Executor;
  mailboxId: string;
  folders: MailboxFolders;
  uidValidity: number;
  logger: Logger;
  metrics?: FetchMetrics;
  signal?: AbortSignal;
  maxMessages?: number;
}): Promise<MoveResult> {
  const { client, db, folders } = input;
  const result: MoveResult = { processed: 0, manual: 0 };
  const ensured = new Set<string>();
  const limit = input.maxMessages ?? 100_000;
  while (result.processed + result.manual < limit) {
    input.signal?.throwIfAborted();
    const rows = await listMessagesToMove(db, {
      mailboxId: input.mailboxId,
      folder: folders.sourceFolder,
      uidValidity: input.uidValidity,
      limit: MOVE_BATCH,
    });
    if (rows.length === 0) break;
    const groups = new Map<'processed' | 'manual', MessageToMove[]>();
    for (const row of rows) {
      const dest = destinationFor(row.status, folders);
      groups.set(dest, [...(groups.get(dest) ?? []), row]);
    }
    for (const [dest, group] of groups) {
      const folder = dest === 'processed' ? folders.processedFolder : folders.manualFolder;
      if (!ensured.has(folder)) {
        await ensureFolder(client, folder);
        ensured.add(folder);
      }
      let moved: Awaited<ReturnType<ImapFlow['messageMove']>>;
      try {
        moved = await client.messageMove(toSequenceSet(group.map((r) => r.uid)), folder, { uid: true });
      } catch (err) {
        throw classifyImapError(err);
      }
      const uidValidity = moved && moved.uidValidity !== undefined ? Number(moved.uidValidity) : null;
      await markMessagesMoved(
        db,
        group.map((r) => ({
          id: r.id,
          folder,
          uidValidity,
          uid: (moved ? moved.uidMap?.get(r.uid) : undefined) ?? null,
        })),
      );
      result[dest] += group.length;
      input.metrics?.movedMessages.inc({ destination: dest }, group.length);
      input.logger.debug({ mailboxId: input.mailboxId, folder, count: group.length }, 'messages moved');
    }
    if (rows.length < MOVE_BATCH) break;
  }
  return result;
}
