/**
 * IMAP sync position per mailbox folder (RFC 3501 §2.3.1.1): UIDs only mean something together with the folder's
 * UIDVALIDITY. While it stays the same, messages with UID > last_uid are new; when it changes, every UID is void
 * and the folder is scanned again from the start (dedup by content hash keeps that from duplicating anything).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { mailboxFolderState } from '../schema.js';

export type FolderState = { uidValidity: number; lastUid: number };

export async function getFolderState(db: Executor, mailboxId: string, folder: string): Promise<FolderState | null> {
  const rows = await db
    .select({ uidValidity: mailboxFolderState.uidValidity, lastUid: mailboxFolderState.lastUid })
    .from(mailboxFolderState)
    .where(and(eq(mailboxFolderState.mailboxId, mailboxId), eq(mailboxFolderState.folder, folder)));
  return rows[0] ?? null;
}

/**
 * Records the position. For the same UIDVALIDITY the position never moves backwards (a fetcher that lost its lock
 * and finishes late cannot rewind a newer one); a new UIDVALIDITY replaces the position outright.
 */
export async function setFolderState(
  db: Executor,
  mailboxId: string,
  folder: string,
  state: FolderState,
): Promise<void> {
  await db
    .insert(mailboxFolderState)
    .values({ mailboxId, folder, uidValidity: state.uidValidity, lastUid: state.lastUid })
    .onConflictDoUpdate({
      target: [mailboxFolderState.mailboxId, mailboxFolderState.folder],
      set: {
        lastUid: sql`case when ${mailboxFolderState.uidValidity} = excluded.uid_validity
          then greatest(${mailboxFolderState.lastUid}, excluded.last_uid) else excluded.last_uid end`,
        uidValidity: sql`excluded.uid_validity`,
        updatedAt: sql`now()`,
      },
    });
}
