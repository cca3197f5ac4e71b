/**
 * The receiving end of the account test's sending half: wait until the test message (marked with a header holding
 * a random marker) shows up in the bounce mailbox, then delete it so it is never processed as mail. IMAP searches
 * the source, processed and manual folders (the fetch worker may have moved it already); POP3 reads the newest
 * messages of the maildrop.
 *
 * The fetch worker, for its part, leaves any message carrying the header alone (isAccountTestMessage): not stored,
 * not parsed, not moved or deleted, so the account test finds it where it arrived. Mail that merely claims to be one
 * is not lost either: it stays in the source folder for a person to see.
 */
import type { ImapFlow } from 'imapflow';
import { closeImap, connectImap, type ImapClientOptions, type MailboxConnectionConfig } from './imap-client.js';
import { connectPop3 } from './pop3-client.js';

export type FindTestMessageOptions = ImapClientOptions & {
  /** Give up after this long. Default 60 s. */
  waitMs?: number;
  /** Look again after this long. Default 1 s. */
  intervalMs?: number;
  /** POP3: how many of the newest messages to read each time. Default 20. */
  pop3Newest?: number;
};

export type TestMessageSearch = {
  protocol?: 'imap' | 'pop3';
  sourceFolder: string;
  processedFolder: string;
  manualFolder: string;
};

/** The folder it was found in (then deleted), or null when it did not arrive in time. */
export async function findAccountTestMessage(
  config: MailboxConnectionConfig & TestMessageSearch,
  header: string,
  marker: string,
  options: FindTestMessageOptions = {},
): Promise<string | null> {
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  for (;;) {
    const found =
      config.protocol === 'pop3'
        ? await findOverPop3(config, header, marker, options)
        : await findOverImap(config, header, marker, options);
    if (found) return found;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1_000));
  }
}

async function findOverImap(
  config: MailboxConnectionConfig & TestMessageSearch,
  header: string,
  marker: string,
  options: ImapClientOptions,
): Promise<string | null> {
  let client: ImapFlow | undefined;
  try {
    client = await connectImap(config, options);
    for (const folder of [config.sourceFolder, config.processedFolder, config.manualFolder]) {
      let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
      try {
        lock = await client.getMailboxLock(folder);
      } catch {
        continue; // a folder not created yet
      }
      try {
        const uids = await client.search({ header: { [header]: marker } }, { uid: true });
        if (uids && uids.length > 0) {
          await client.messageDelete(uids, { uid: true });
          return folder;
        }
      } finally {
        lock.release();
      }
    }
    return null;
  } finally {
    await closeImap(client);
  }
}

async function findOverPop3(
  config: MailboxConnectionConfig,
  header: string,
  marker: string,
  options: FindTestMessageOptions,
): Promise<string | null> {
  const session = await connectPop3(config, options);
  try {
    const listing = await session.listing();
    for (const message of listing.slice(-(options.pop3Newest ?? 20)).reverse()) {
      // Test messages are small: skip anything large rather than read it.
      if (message.size > 64 * 1024) continue;
      const raw = await session.retrieve(message.number, 64 * 1024);
      if (hasHeaderLine(headerBlock(raw), header, marker)) {
        await session.markDeleted(message.number);
        await session.quit();
        return 'maildrop';
      }
    }
    await session.quit();
    return null;
  } finally {
    session.close();
  }
}

/** Header blocks are read up to this many bytes: a test message's are far shorter. */
const MAX_HEADER_BYTES = 64 * 1024;

/** The header block of a raw message (up to the first empty line), at most MAX_HEADER_BYTES. */
function headerBlock(raw: Buffer): string {
  const head = raw.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  return head.split(/\r?\n\r?\n/, 1)[0] ?? '';
}

/**
 * Whether a fetched message is an account test's message (it has the `header` the test marks it with, any value):
 * the fetch worker neither stores nor processes it.
 */
export function isAccountTestMessage(raw: Buffer, header: string): boolean {
  const prefix = `${header.toLowerCase()}:`;
  return headerBlock(raw)
    .split('\n')
    .some((line) => line.toLowerCase().startsWith(prefix));
}

/**
 * Whether the header block has the line 'Header: value' (names and value compared without case, surrounding space
 * ignored). Compared line by line rather than with a pattern built from the values: no escaping, linear time.
 */
function hasHeaderLine(headers: string, name: string, value: string): boolean {
  const prefix = `${name.toLowerCase()}:`;
  const wanted = value.toLowerCase();
  return headers
    .split('\n')
    .some((line) => line.toLowerCase().startsWith(prefix) && line.slice(prefix.length).trim().toLowerCase() === wanted);
}
