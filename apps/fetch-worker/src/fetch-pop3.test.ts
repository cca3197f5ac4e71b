import { mailboxes, mailboxPop3Seen, outbox, rawMessages } from '@bounce/db';
import { findAccountTestMessage, loopbackTestPolicy } from '@bounce/mailbox-access';
import { ACCOUNT_TEST_HEADER } from '@bounce/mailer';
import { getFreePort } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchMailboxDeps, fetchMailbox } from './fetch-mailbox.js';
import { accountTestMessage, type FetchTestEnv, setupFetchTestEnv, testMessage } from './testing/fetch-test-env.js';

let env: FetchTestEnv;

beforeAll(async () => {
  env = await setupFetchTestEnv({
    users: [
      { name: 'pop', password: 'pop-password' },
      { name: 'popdel', password: 'popdel-password' },
      { name: 'poptest', password: 'poptest-password' },
    ],
  });
}, 60_000);

afterAll(async () => {
  await env?.close();
}, 30_000);

const deps = (overrides: Partial<FetchMailboxDeps> = {}) => env.fetchDeps(overrides);

const pop3Mailbox = (overrides: Parameters<FetchTestEnv['createTestMailbox']>[0] = {}) =>
  env.createTestMailbox({ protocol: 'pop3', port: env.servers.pop3Port, ...overrides });

const rowsOf = (mailboxId: string) => env.rawRowsOf(mailboxId);
const seenOf = (mailboxId: string) =>
  env.t.db.select().from(mailboxPop3Seen).where(eq(mailboxPop3Seen.mailboxId, mailboxId));

describe('fetchMailbox over POP3 (Dovecot)', () => {
  it('stores real DSNs once over STLS, leaves a copy on the server by default, and picks up only new mail', async () => {
    const { servers } = env;
    await servers.clearMailbox();
    for (const to of [servers.addresses.unknownUser, servers.addresses.unknownDomain]) {
      await servers.sendMail('bounces+pop@mta.test', to);
    }
    await servers.waitForMessages(2);
    const mailbox = await pop3Mailbox();
    expect(mailbox).toMatchObject({ protocol: 'pop3', leaveOnServer: true, useIdle: false });

    const first = await fetchMailbox(mailbox.id, deps());
    expect(first).toMatchObject({ status: 'fetched', fetched: 2, stored: 2, duplicates: 0, parseJobs: 1, deleted: 0 });
    const rows = await rowsOf(mailbox.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === 'received' && r.uid === null && r.uidValidity === null)).toBe(true);
    expect(rows.map((r) => r.content.toString('utf8')).join('\n')).toContain(
      'Final-Recipient: rfc822; nobody@mta.test',
    );
    const jobs = (await env.parseJobs()).filter((j) => j.rawMessageIds.some((id) => rows.some((r) => r.id === id)));
    expect(jobs).toHaveLength(1);
    expect(await seenOf(mailbox.id)).toHaveLength(2);

    // Nothing new: nothing fetched, nothing enqueued.
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 0, stored: 0, parseJobs: 0 });
    // Leave a copy: even once processed, the messages stay on the server and are not fetched again.
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.mailboxId, mailbox.id));
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 0, deleted: 0 });
    expect(await servers.countMessages()).toBe(2);

    // A third bounce arrives: only it is fetched.
    await servers.sendMail('bounces+pop@mta.test', servers.addresses.remoteReject);
    await servers.waitForMessages(3);
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 1, stored: 1, parseJobs: 1 });
    expect(await rowsOf(mailbox.id)).toHaveLength(3);

    // Another client empties the maildrop: the seen records of vanished messages are pruned.
    await servers.clearMailbox();
    await fetchMailbox(mailbox.id, deps());
    expect(await seenOf(mailbox.id)).toHaveLength(0);
  }, 90_000);

  it('without "leave on server": deletes a message only after its result is final, over implicit TLS', async () => {
    const messages = Array.from({ length: 5 }, (_, n) => testMessage(n, 'popdel'));
    await env.servers.placeMessages(messages, { user: 'popdel' });
    const mailbox = await pop3Mailbox({
      username: 'popdel',
      secret: 'popdel-password',
      tlsMode: 'implicit',
      port: env.servers.pop3sPort,
      leaveOnServer: false,
    });
    // Batches of 2: 3 batches, 3 parse jobs.
    const first = await fetchMailbox(mailbox.id, deps({ batchSize: 2 }));
    expect(first).toMatchObject({ fetched: 5, stored: 5, batches: 3, parseJobs: 3, deleted: 0 });
    expect(await env.servers.countMessages({ user: 'popdel' })).toBe(5);

    const rows = await rowsOf(mailbox.id);
    const [applied, manual, failed, parsed] = rows;
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, applied!.id));
    await env.t.db.update(rawMessages).set({ status: 'manual' }).where(eq(rawMessages.id, manual!.id));
    await env.t.db.update(rawMessages).set({ status: 'failed' }).where(eq(rawMessages.id, failed!.id));
    await env.t.db.update(rawMessages).set({ status: 'parsed' }).where(eq(rawMessages.id, parsed!.id));

    const second = await fetchMailbox(mailbox.id, deps());
    expect(second).toMatchObject({ fetched: 0, deleted: 3 });
    expect(await env.servers.countMessages({ user: 'popdel' })).toBe(2);
    // The ones still in flight stay, still recorded as seen; the deleted ones are forgotten.
    const seen = await seenOf(mailbox.id);
    expect(seen.map((s) => s.rawMessageId).sort()).toEqual(
      rows
        .filter((r) => ![applied!.id, manual!.id, failed!.id].includes(r.id))
        .map((r) => r.id)
        .sort(),
    );
    // The raw messages themselves remain (the archive of what was received).
    expect(await rowsOf(mailbox.id)).toHaveLength(5);
  }, 60_000);

  it('wrong password, server gone and TLS mismatch are counted; the configured count disables the mailbox', async () => {
    const wrong = await pop3Mailbox({ secret: 'wrong-password', maxConsecutiveFailures: 2 });
    const first = await fetchMailbox(wrong.id, deps()).catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: 'auth' });
    expect((first as Error).message).not.toContain('wrong-password');
    await fetchMailbox(wrong.id, deps()).catch(() => {});
    const [row] = await env.t.db.select().from(mailboxes).where(eq(mailboxes.id, wrong.id));
    expect(row).toMatchObject({ enabled: false, consecutiveFailures: 2 });
    expect(row!.disabledReason).toMatch(/auth: authentication failed/);
    const events = await env.t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'mailbox.disabled')));
    expect(events.some((e) => (e.payload as { mailboxId: string }).mailboxId === wrong.id)).toBe(true);

    const gone = await pop3Mailbox({ port: await getFreePort() });
    expect(await fetchMailbox(gone.id, deps()).catch((e: unknown) => e)).toMatchObject({ kind: 'tcp' });

    const mismatch = await pop3Mailbox({ tlsMode: 'implicit', port: env.servers.pop3Port });
    expect(await fetchMailbox(mismatch.id, deps()).catch((e: unknown) => e)).toMatchObject({ kind: 'tls' });
    const [counted] = await env.t.db.select().from(mailboxes).where(eq(mailboxes.id, mismatch.id));
    expect(counted).toMatchObject({ enabled: true, consecutiveFailures: 1 });
    expect(counted!.lastError).toMatch(/^tls: /);
  }, 60_000);

  it('leaves the account test message on the server, not stored, even without "leave on server"; the test finds it', async () => {
    await env.servers.placeMessages([testMessage(1, 'poptest'), accountTestMessage('c0ffee42')], { user: 'poptest' });
    const mailbox = await pop3Mailbox({ username: 'poptest', secret: 'poptest-password', leaveOnServer: false });
    const first = await fetchMailbox(mailbox.id, deps());
    expect(first).toMatchObject({ fetched: 2, stored: 1, parseJobs: 1 });
    const rows = await rowsOf(mailbox.id);
    expect(rows.map((r) => r.content.toString('utf8')).join('\n')).not.toContain(ACCOUNT_TEST_HEADER);
    await env.t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.mailboxId, mailbox.id));
    // The bounce, once final, is deleted; the test message is not the worker's to delete, nor fetched again.
    expect(await fetchMailbox(mailbox.id, deps())).toMatchObject({ fetched: 0, deleted: 1 });
    expect(await env.servers.countMessages({ user: 'poptest' })).toBe(1);
    const found = await findAccountTestMessage(
      {
        protocol: 'pop3',
        host: env.servers.host,
        port: env.servers.pop3Port,
        tlsMode: 'starttls',
        tlsAllowInvalid: true,
        authMethod: 'password',
        username: 'poptest',
        secret: 'poptest-password',
        sourceFolder: 'INBOX',
        processedFolder: 'INBOX',
        manualFolder: 'INBOX',
      },
      ACCOUNT_TEST_HEADER,
      'c0ffee42',
      { network: loopbackTestPolicy(), waitMs: 0 },
    );
    expect(found).toBe('maildrop');
    expect(await env.servers.countMessages({ user: 'poptest' })).toBe(0);
  }, 60_000);
});
