import { getFolderState, mailboxes, outbox, rawMessages } from '@bounce/db';
import {
  findAccountTestMessage,
  loopbackTestPolicy,
  MailboxConnectionError,
  parseMailboxNetworkEnv,
} from '@bounce/mailbox-access';
import { ACCOUNT_TEST_HEADER } from '@bounce/mailer';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchMailboxDeps, fetchMailbox } from './fetch-mailbox.js';
import { ImapSessionPool } from './imap-sessions.js';
import {
  accountTestMessage,
  appendMessages,
  type FetchTestEnv,
  setupFetchTestEnv,
  testMessage,
} from './testing/fetch-test-env.js';

let env: FetchTestEnv;

beforeAll(async () => {
  env = await setupFetchTestEnv({
    users: [
      { name: 'bulk', password: 'bulk-password' },
      { name: 'moves', password: 'moves-password' },
      { name: 'renumber', password: 'renumber-password' },
      { name: 'acctest', password: 'acctest-password' },
      { name: 'kept', password: 'kept-password' },
    ],
  });
}, 60_000);

afterAll(async () => {
  await env?.close();
}, 30_000);

const deps = (overrides: Partial<FetchMailboxDeps> = {}) => env.fetchDeps(overrides);

const rowsOf = (mailboxId: string) => env.rawRowsOf(mailboxId);

describe('fetchMailbox', () => {
  it('stores real DSNs exactly once: a second fetch finds nothing new', async () => {
    const { servers } = env;
    await servers.clearMailbox();
    for (const to of [servers.addresses.unknownUser, servers.addresses.unknownDomain, servers.addresses.remoteReject]) {
      await servers.sendMail('bounces+once@mta.test', to);
    }
    await servers.waitForMessages(3);
    const mailbox = await env.createTestMailbox();

    const first = await fetchMailbox(mailbox.id, deps());
    expect(first).toMatchObject({ status: 'fetched', fetched: 3, stored: 3, duplicates: 0, batches: 1, parseJobs: 1 });
    const rows = await rowsOf(mailbox.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'received' && r.folder === 'INBOX' && r.uid !== null)).toBe(true);
    expect(rows.map((r) => r.content.toString('utf8')).join('\n')).toContain(
      'Final-Recipient: rfc822; nobody@mta.test',
    );
    const jobs = (await env.parseJobs()).filter((j) => j.rawMessageIds.some((id) => rows.some((r) => r.id === id)));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.rawMessageIds.sort()).toEqual(rows.map((r) => r.id).sort());

    const second = await fetchMailbox(mailbox.id, deps());
    expect(second).toMatchObject({ fetched: 0, stored: 0, parseJobs: 0 });
    expect(await rowsOf(mailbox.id)).toHaveLength(3);
    const state = await getFolderState(env.t.db, mailbox.id, 'INBOX');
    expect(state!.lastUid).toBe(Math.max(...rows.map((r) => r.uid!)));
    // Fetching does not mark messages read or remove them: they leave INBOX only when moved.
    expect(await servers.countMessages()).toBe(3);
    // The same content fetched through a second mailbox row of the tenant is recognised too.
    const other = await env.createTestMailbox();
    const again = await fetchMailbox(other.id, deps());
    expect(again).toMatchObject({ fetched: 3, stored: 0, duplicates: 3 });
    // The rows are still waiting for the parser: their job is requested again under the same id, so the queue
    // holds one job for them, not two.
    const jobsAfter = (await env.parseJobs()).filter((j) =>
      j.rawMessageIds.some((id) => rows.some((r) => r.id === id)),
    );
    expect(jobsAfter).toHaveLength(1);
  }, 60_000);

  it('leaves the account test message in the source folder, not stored nor moved, for the account test to delete', async () => {
    const client = await env.imap('acctest', 'acctest-password');
    await appendMessages(client, 'INBOX', [testMessage(1, 'acctest'), accountTestMessage('5ca1ab1e')]);
    await client.logout();
    const mailbox = await env.createTestMailbox({ username: 'acctest', secret: 'acctest-password' });
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 2, stored: 1, parseJobs: 1 });
    const rows = await rowsOf(mailbox.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content.toString('utf8')).not.toContain(ACCOUNT_TEST_HEADER);
    // The bounce, once final, moves on; the test message stays where the account test looks, and is not re-read.
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.mailboxId, mailbox.id));
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 0, moved: { processed: 1, manual: 0 } });
    const config = {
      host: env.servers.host,
      port: env.servers.imapPort,
      tlsMode: 'starttls' as const,
      tlsAllowInvalid: true,
      authMethod: 'password' as const,
      username: 'acctest',
      secret: 'acctest-password',
      sourceFolder: mailbox.sourceFolder,
      processedFolder: mailbox.processedFolder,
      manualFolder: mailbox.manualFolder,
    };
    const search = { network: loopbackTestPolicy(), waitMs: 0 };
    expect(await findAccountTestMessage(config, ACCOUNT_TEST_HEADER, '5ca1ab1e', search)).toBe(mailbox.sourceFolder);
    expect(await findAccountTestMessage(config, ACCOUNT_TEST_HEADER, '5ca1ab1e', search)).toBeNull();
  }, 60_000);

  it('keeps the session for the next fetch: new mail seen without a new login, a new session once the settings change', async () => {
    const sessions = new ImapSessionPool({ keepMs: 30_000 });
    try {
      const client = await env.imap('kept', 'kept-password');
      await appendMessages(client, 'INBOX', [testMessage(1, 'kept')]);
      const mailbox = await env.createTestMailbox({ username: 'kept', secret: 'kept-password' });
      expect(await fetchMailbox(mailbox.id, deps({ sessions }))).toMatchObject({ fetched: 1, stored: 1 });
      expect(sessions.size()).toBe(1);

      // Mail arriving while the session is kept (no IDLE on it): its NOOP makes the server report it.
      await appendMessages(client, 'INBOX', [testMessage(2, 'kept')]);
      expect(await fetchMailbox(mailbox.id, deps({ sessions }))).toMatchObject({ fetched: 1, stored: 1 });
      expect(sessions.reused).toBe(1);
      // Finished mail is moved over the kept session too.
      await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.mailboxId, mailbox.id));
      expect(await fetchMailbox(mailbox.id, deps({ sessions }))).toMatchObject({ moved: { processed: 2, manual: 0 } });
      expect(sessions.reused).toBe(2);

      // Changed settings (here only updated_at moves) are never served by a session opened with the old ones.
      await env.t.db
        .update(mailboxes)
        .set({ updatedAt: new Date(Date.now() + 1_000) })
        .where(eq(mailboxes.id, mailbox.id));
      await appendMessages(client, 'INBOX', [testMessage(3, 'kept')]);
      expect(await fetchMailbox(mailbox.id, deps({ sessions }))).toMatchObject({ fetched: 1, stored: 1 });
      expect(sessions.reused).toBe(2);
      expect(sessions.size()).toBe(1);
      await client.logout();
    } finally {
      await sessions.close();
    }
    expect(sessions.size()).toBe(0);
  }, 60_000);

  it('reads 1,000 messages in batches of 100: 10 parse jobs, each message stored once', async () => {
    const client = await env.imap('bulk', 'bulk-password');
    await appendMessages(
      client,
      'INBOX',
      Array.from({ length: 1_000 }, (_, n) => testMessage(n, 'bulk')),
    );
    await client.logout();
    const mailbox = await env.createTestMailbox({ username: 'bulk', secret: 'bulk-password' });
    const before = new Set((await env.parseJobs()).flatMap((j) => j.rawMessageIds));

    const result = await fetchMailbox(mailbox.id, deps({ batchSize: 100 }));
    expect(result).toMatchObject({ fetched: 1_000, stored: 1_000, batches: 10, parseJobs: 10 });
    const jobs = (await env.parseJobs()).filter((j) => !j.rawMessageIds.some((id) => before.has(id)));
    expect(jobs).toHaveLength(10);
    expect(jobs.every((j) => j.rawMessageIds.length === 100)).toBe(true);
    expect(new Set(jobs.flatMap((j) => j.rawMessageIds)).size).toBe(1_000);
    expect(await rowsOf(mailbox.id)).toHaveLength(1_000);
  }, 120_000);

  it('bounds a batch by bytes as well as by count', async () => {
    const client = await env.imap('bulk', 'bulk-password');
    await client.mailboxCreate('Sized');
    const messages = Array.from({ length: 12 }, (_, n) => testMessage(n, 'sized'));
    await appendMessages(client, 'Sized', messages);
    await client.logout();
    const mailbox = await env.createTestMailbox({
      username: 'bulk',
      secret: 'bulk-password',
      sourceFolder: 'Sized',
      processedFolder: 'Sized-done',
      manualFolder: 'Sized-manual',
    });
    // Room for about three messages per batch, whatever the count limit says.
    const size = Buffer.byteLength(messages[0]!);
    const result = await fetchMailbox(mailbox.id, deps({ batchSize: 1_000, batchMaxBytes: size * 3 + 10 }));
    expect(result.stored).toBe(12);
    expect(result.batches).toBeGreaterThanOrEqual(4);
    expect(result.parseJobs).toBe(result.batches);
  }, 60_000);

  it('moves messages only once their result is final: applied → processed, manual/failed → manual', async () => {
    const client = await env.imap('moves', 'moves-password');
    await appendMessages(
      client,
      'INBOX',
      Array.from({ length: 4 }, (_, n) => testMessage(n, 'moves')),
    );
    const mailbox = await env.createTestMailbox({
      username: 'moves',
      secret: 'moves-password',
      processedFolder: 'Done',
      manualFolder: 'Needs human',
    });
    await fetchMailbox(mailbox.id, deps());
    const rows = (await rowsOf(mailbox.id)).sort((a, b) => a.uid! - b.uid!);
    expect(rows).toHaveLength(4);

    // Nothing is final yet: nothing moves.
    expect((await fetchMailbox(mailbox.id, deps())).moved).toEqual({ processed: 0, manual: 0 });
    const [applied, manual, failed, pending] = rows;
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, applied!.id));
    await env.t.db.update(rawMessages).set({ status: 'manual' }).where(eq(rawMessages.id, manual!.id));
    await env.t.db.update(rawMessages).set({ status: 'failed' }).where(eq(rawMessages.id, failed!.id));
    await env.t.db.update(rawMessages).set({ status: 'parsed' }).where(eq(rawMessages.id, pending!.id));

    const result = await fetchMailbox(mailbox.id, deps());
    expect(result.moved).toEqual({ processed: 1, manual: 2 });
    expect(await env.servers.countMessages({ user: 'moves', folder: 'INBOX' })).toBe(1);
    expect(await env.servers.countMessages({ user: 'moves', folder: 'Done' })).toBe(1);
    expect(await env.servers.countMessages({ user: 'moves', folder: 'Needs human' })).toBe(2);

    const after = new Map((await rowsOf(mailbox.id)).map((r) => [r.id, r]));
    expect(after.get(applied!.id)).toMatchObject({ folder: 'Done', status: 'applied' });
    expect(after.get(applied!.id)!.uid).toBeGreaterThan(0); // UIDPLUS: the new UID is recorded
    expect(after.get(manual!.id)!.folder).toBe('Needs human');
    expect(after.get(pending!.id)).toMatchObject({ folder: 'INBOX', uid: pending!.uid });
    // The moved message is the right one: read it back from the processed folder.
    const lock = await client.getMailboxLock('Done');
    try {
      const moved = await client.fetchOne('*', { source: true });
      expect(moved ? moved.source?.equals(applied!.content) : false).toBe(true);
    } finally {
      lock.release();
    }
    await client.logout();
    expect((await fetchMailbox(mailbox.id, deps())).moved).toEqual({ processed: 0, manual: 0 });
  }, 60_000);

  it('survives a UIDVALIDITY change: no duplicate rows, new mail picked up, finished mail still moved', async () => {
    const client = await env.imap('renumber', 'renumber-password');
    await client.mailboxCreate('Bounces');
    const originals = Array.from({ length: 5 }, (_, n) => testMessage(n, 'renumber'));
    await appendMessages(client, 'Bounces', originals);
    const mailbox = await env.createTestMailbox({
      username: 'renumber',
      secret: 'renumber-password',
      sourceFolder: 'Bounces',
    });
    const first = await fetchMailbox(mailbox.id, deps());
    expect(first.stored).toBe(5);
    const before = await rowsOf(mailbox.id);
    const appliedId = before.find((r) => r.content.toString().includes('(renumber 0)'))!.id;
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, appliedId));

    // The folder is deleted and recreated (as after a server migration): a new UIDVALIDITY, UIDs restart at 1.
    await client.mailboxDelete('Bounces');
    await client.mailboxCreate('Bounces');
    await appendMessages(client, 'Bounces', [...originals, testMessage(99, 'renumber-new')]);
    await client.logout();

    const second = await fetchMailbox(mailbox.id, deps());
    expect(second.uidValidityChanged).toBe(true);
    expect(second.uidValidity).not.toBe(first.uidValidity);
    expect(second).toMatchObject({ fetched: 6, stored: 1, duplicates: 5 });
    const after = await rowsOf(mailbox.id);
    expect(after).toHaveLength(6);
    // Only the new message is parsed; the applied one keeps its status and is moved out of the new folder.
    expect(second.parseJobs).toBe(1);
    expect(after.find((r) => r.id === appliedId)).toMatchObject({ status: 'applied', folder: 'Processed' });
    expect(second.moved.processed).toBe(1);
    expect(await env.servers.countMessages({ user: 'renumber', folder: 'Bounces' })).toBe(5);
  }, 60_000);

  it('reads over implicit TLS and STARTTLS with a self-signed certificate only when allowed', async () => {
    const implicit = await env.createTestMailbox({ tlsMode: 'implicit', port: env.servers.imapsPort });
    expect((await fetchMailbox(implicit.id, deps())).status).toBe('fetched');
    const starttls = await env.createTestMailbox({ tlsMode: 'starttls', port: env.servers.imapPort });
    expect((await fetchMailbox(starttls.id, deps())).status).toBe('fetched');
    const cleartext = await env.createTestMailbox({ tlsMode: 'none', port: env.servers.imapPort });
    expect((await fetchMailbox(cleartext.id, deps())).status).toBe('fetched');

    const strict = await env.createTestMailbox({
      tlsMode: 'implicit',
      port: env.servers.imapsPort,
      tlsAllowInvalid: false,
    });
    const err = await fetchMailbox(strict.id, deps()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxConnectionError);
    expect(err).toMatchObject({ kind: 'tls' });
    expect((err as Error).message).toMatch(/self[- ]signed/i);
  }, 60_000);

  it('re-checks the network policy at every poll: a stored mailbox on a refused address is not connected to', async () => {
    const local = await env.createTestMailbox();
    // The production default (mail ports, public addresses): the local Dovecot is loopback on a random port.
    const err = await fetchMailbox(local.id, deps({ imap: {} })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MailboxConnectionError', kind: 'config' });
    expect((err as Error).message).toMatch(/network policy/);
    expect((err as Error).message).not.toContain('127.0.0.1');
    const row = (await env.t.db.select().from(mailboxes).where(eq(mailboxes.id, local.id)))[0]!;
    expect(row.consecutiveFailures).toBe(1);
    expect(await rowsOf(local.id)).toEqual([]);
  });

  it('refuses cleartext IMAP to a host that is not loopback, before connecting', async () => {
    const remote = await env.createTestMailbox({ tlsMode: 'none', host: '10.255.255.1', port: 143 });
    const started = Date.now();
    // Private addresses allowed, so that the cleartext rule is what refuses (a listed network would allow it).
    const privateOk = {
      network: parseMailboxNetworkEnv({
        MAILBOX_ALLOWED_NETWORKS: '127.0.0.1',
        MAILBOX_ALLOW_PRIVATE_NETWORKS: 'true',
      }),
    };
    const err = await fetchMailbox(remote.id, deps({ imap: privateOk })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MailboxConnectionError', kind: 'config' });
    expect((err as Error).message).toMatch(/^refusing cleartext IMAP \(tls mode "none"\) to 10\.255\.255\.1:/);
    expect(Date.now() - started).toBeLessThan(5_000); // no connection attempt to the unroutable address
  });

  it('a wrong password counts as a failure; after 5 in a row the mailbox is disabled with an event', async () => {
    const mailbox = await env.createTestMailbox({ secret: 'wrong-password' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const err = await fetchMailbox(mailbox.id, deps()).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'auth' });
      expect((err as Error).message).toMatch(/^authentication failed: /);
      expect((err as Error).message).not.toContain('wrong-password');
    }
    const [row] = await env.t.db.select().from(outbox).where(eq(outbox.type, 'mailbox.disabled'));
    expect(row).toMatchObject({ tenantId: 'acme', priority: 'high' });
    expect(row!.payload).toMatchObject({ mailboxId: mailbox.id, consecutiveFailures: 5, failureKind: 'auth' });
    // Disabled: no further connection attempts, no further events.
    expect((await fetchMailbox(mailbox.id, deps())).status).toBe('disabled');
    const events = await env.t.db
      .select()
      .from(outbox)
      .where(inArray(outbox.type, ['mailbox.disabled']));
    expect(events).toHaveLength(1);
  }, 60_000);
});
