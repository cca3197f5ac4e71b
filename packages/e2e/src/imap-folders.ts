/**
 * Folder counts as an IMAP client sees them (STATUS MESSAGES), for "no message left in the source folder, all in
 * the processed folder": checked over the protocol the fetch worker speaks, not by looking at Maildir files.
 */
import type { MailServers } from '@bounce/test-servers';
import { ImapFlow } from 'imapflow';

/** Message count per folder; 0 for a folder that does not exist (yet). */
export async function folderCounts(servers: MailServers, folders: readonly string[]): Promise<Record<string, number>> {
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: servers.bounceUser, pass: servers.bouncePassword },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const existing = new Set((await client.list()).map((m) => m.path));
    const counts: Record<string, number> = {};
    for (const folder of folders) {
      const status = existing.has(folder) ? await client.status(folder, { messages: true }) : false;
      counts[folder] = status ? (status.messages ?? 0) : 0;
    }
    return counts;
  } finally {
    await client.logout().catch(() => client.close());
  }
}
