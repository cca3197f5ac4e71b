import { existsSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailServers, startMailServers } from './mail-servers.js';
import { isPortOpen } from './ports.js';

let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers();
}, 60_000);

afterAll(async () => {
  await servers?.stop();
}, 30_000);

/** Reads every message of the bounce INBOX over IMAP (as the fetch worker will). */
async function readInbox(options: { secure?: boolean; port?: number } = {}): Promise<string[]> {
  const client = new ImapFlow({
    host: servers.host,
    port: options.port ?? servers.imapPort,
    secure: options.secure ?? false,
    doSTARTTLS: options.secure ? undefined : true,
    tls: { rejectUnauthorized: false },
    auth: { user: servers.bounceUser, pass: servers.bouncePassword },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out: string[] = [];
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const msg of client.fetch('1:*', { source: true })) out.push(msg.source?.toString('utf8') ?? '');
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The DSN in the inbox that concerns `recipient` (Final-Recipient field of the delivery-status part). */
function dsnFor(messages: string[], recipient: string): string | undefined {
  return messages.find((m) => m.includes(`Final-Recipient: rfc822; ${recipient}`));
}

describe('test mail servers', () => {
  it('a DSN for an unknown local user arrives in Dovecot and is readable over IMAP (STARTTLS)', async () => {
    await servers.clearMailbox();
    const sent = await servers.sendMail(servers.bounceAddress, servers.addresses.unknownUser, { subject: 'hello' });
    expect(sent.accepted).toEqual([servers.addresses.unknownUser]);
    await servers.waitForMessages(1);
    const messages = await readInbox();
    expect(messages).toHaveLength(1);
    const dsn = messages[0]!;
    expect(dsn).toMatch(/Content-Type: multipart\/report; report-type=delivery-status/);
    expect(dsn).toContain('Final-Recipient: rfc822; nobody@mta.test');
    expect(dsn).toContain('Action: failed');
    expect(dsn).toContain('Status: 5.1.1');
    // The original message comes back inside the DSN: correlation by Message-ID depends on it.
    expect(dsn).toContain(sent.messageId);
  }, 30_000);

  it('produces real DSNs for unknown domains, remote rejects and a full local mailbox (read over IMAPS)', async () => {
    await servers.clearMailbox();
    const { unknownDomain, remoteReject, remoteMailboxFull, overQuota } = servers.addresses;
    // One message per recipient: Postfix would otherwise combine the failures into one DSN.
    for (const to of [unknownDomain, remoteReject, remoteMailboxFull, overQuota]) {
      await servers.sendMail('bounces+verp-token@mta.test', to);
    }
    await servers.waitForMessages(4);
    const messages = await readInbox({ secure: true, port: servers.imapsPort });
    expect(messages).toHaveLength(4);

    const domain = dsnFor(messages, unknownDomain);
    expect(domain).toContain('Status: 5.4.4');
    expect(domain).toMatch(/Host or domain name not found/);

    const reject = dsnFor(messages, remoteReject);
    expect(reject).toContain('Status: 5.1.1');
    expect(reject).toMatch(/Remote-MTA: dns; 127\.0\.0\.1/);
    expect(reject).toMatch(/Diagnostic-Code: smtp; 550 5\.1\.1/);

    expect(dsnFor(messages, remoteMailboxFull)).toMatch(/Diagnostic-Code: smtp; 552 5\.2\.2/);

    const quota = dsnFor(messages, overQuota);
    expect(quota).toContain('Action: failed');
    expect(quota).toMatch(/Quota exceeded \(mailbox for user is full\)/);
    // VERP: the DSN went to the tokenised return path, delivered into the bounce mailbox.
    expect(quota).toMatch(/^To: bounces\+verp-token@mta\.test/m);
  }, 30_000);

  it('a deferral produces a "delayed" DSN while the message stays queued', async () => {
    await servers.clearMailbox();
    await servers.sendMail(servers.bounceAddress, servers.addresses.deferred);
    await servers.waitForMessages(1, { timeoutMs: 20_000 });
    const dsn = dsnFor(await readInbox(), servers.addresses.deferred);
    expect(dsn).toContain('Action: delayed');
    expect(dsn).toContain('Status: 4.4.1');
    await servers.clearQueue();
  }, 30_000);

  it('counts per folder and clears folders', async () => {
    await servers.clearMailbox();
    const client = new ImapFlow({
      host: servers.host,
      port: servers.imapPort,
      secure: false,
      doSTARTTLS: false,
      auth: { user: servers.bounceUser, pass: servers.bouncePassword },
      logger: false,
    });
    await client.connect();
    await client.mailboxCreate('Archive/2024');
    await client.append('Archive/2024', 'Subject: a\r\n\r\nbody\r\n');
    await client.append('Archive/2024', 'Subject: b\r\n\r\nbody\r\n');
    // Placed directly into the Maildir: visible over IMAP like delivered mail.
    await servers.placeMessages(
      Array.from({ length: 50 }, (_, n) => `Subject: placed ${n}\r\n\r\nbody ${n}\r\n`),
      { folder: 'Placed' },
    );
    const status = await client.status('Placed', { messages: true });
    expect(status ? status.messages : undefined).toBe(50);
    await client.logout();
    expect(await servers.countMessages({ folder: 'Placed' })).toBe(50);
    expect(await servers.countMessages({ folder: 'Archive/2024' })).toBe(2);
    await servers.clearMailbox({ deleteFolders: true });
    expect(await servers.countMessages({ folder: 'Archive/2024' })).toBe(0);
    expect(existsSync(`${servers.dir}/mail/${servers.bounceUser}/Maildir/.Archive.2024`)).toBe(false);
  }, 30_000);

  it('two instances run side by side, and stop() closes the ports and removes the directory', async () => {
    const second = await startMailServers({ users: [{ name: 'other', password: 'other-pw' }] });
    expect(second.smtpPort).not.toBe(servers.smtpPort);
    expect(second.imapPort).not.toBe(servers.imapPort);
    await second.sendMail('bounces@mta.test', 'other@mta.test', { subject: 'to other' });
    await second.waitForMessages(1, { user: 'other' });
    const ports = [second.smtpPort, second.remoteSmtpPort, second.imapPort, second.imapsPort];
    await second.stop();
    for (const port of ports) expect(await isPortOpen(port)).toBe(false);
    expect(existsSync(second.dir)).toBe(false);
    // The first instance is unaffected.
    expect(await isPortOpen(servers.imapPort)).toBe(true);
  }, 60_000);
});
