import type { ImapFlow } from 'imapflow';
import { classifyImapError, MailboxConnectionError } from './mailbox-errors.js';

export type MailboxFolders = { sourceFolder: string; processedFolder: string; manualFolder: string };

/** INBOX is case-insensitive (RFC 3501 §5.1); every other name is compared as the server lists it. */
export function sameFolder(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
}

/**
 * Checks that the source folder exists and that the processed and manual folders exist, creating them when
 * `create` is set. A missing source folder is an operator mistake (a typo): never created, reported as a folder
 * failure. `sourceMessages` (a STATUS command) is counted unless `countSource` is false: a fetch selects the folder
 * next and learns the count there, one round trip less before an IDLE-notified bounce is read.
 */
export async function ensureFolders(
  client: ImapFlow,
  folders: MailboxFolders,
  options: { create: boolean; countSource?: boolean },
): Promise<{ created: string[]; sourceMessages: number }> {
  let listed: string[];
  try {
    listed = (await client.list()).map((f) => f.path);
  } catch (err) {
    throw classifyImapError(err);
  }
  const exists = (name: string) => listed.some((p) => sameFolder(p, name));
  if (!exists(folders.sourceFolder)) {
    throw new MailboxConnectionError('folder', `source folder "${folders.sourceFolder}" does not exist`);
  }
  const created: string[] = [];
  for (const name of [folders.processedFolder, folders.manualFolder]) {
    if (exists(name)) continue;
    if (!options.create) throw new MailboxConnectionError('folder', `folder "${name}" does not exist`);
    try {
      await client.mailboxCreate(name);
    } catch (err) {
      throw new MailboxConnectionError('folder', `cannot create folder "${name}": ${classifyImapError(err).message}`, {
        cause: err,
      });
    }
    created.push(name);
  }
  let sourceMessages = 0;
  if (options.countSource === false) return { created, sourceMessages };
  try {
    const status = await client.status(folders.sourceFolder, { messages: true });
    sourceMessages = status ? (status.messages ?? 0) : 0;
  } catch (err) {
    throw classifyImapError(err);
  }
  return { created, sourceMessages };
}

/** Creates a folder unless it exists; "already exists" races with another process are fine. */
export async function ensureFolder(client: ImapFlow, name: string): Promise<boolean> {
  const listed = (await client.list()).map((f) => f.path);
  if (listed.some((p) => sameFolder(p, name))) return false;
  try {
    await client.mailboxCreate(name);
    return true;
  } catch (err) {
    const again = (await client.list()).map((f) => f.path);
    if (again.some((p) => sameFolder(p, name))) return false;
    throw new MailboxConnectionError('folder', `cannot create folder "${name}": ${classifyImapError(err).message}`, {
      cause: err,
    });
  }
}
