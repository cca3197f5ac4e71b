/**
 * IDLE against the test Dovecot: a password mailbox, and one signed in with Microsoft 365 (device flow at the loopback
 * authorization server, the token checked by Dovecot's introspection) whose short-lived tokens make the watcher renew
 * its connection and, once the grant is revoked, disable the mailbox.
 */
import { getMailbox, outbox, rawMessages, updateMailbox } from '@bounce/db';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { closeWorker, createWorker } from '@bounce/queue';
import { createMetricsRegistry } from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchCoordinator } from './fetch-coordinator.js';
import { createFetchMailboxHandler } from './fetch-mailbox.handler.js';
import { createFetchMetrics } from './fetch-metrics.js';
import { IdleManager, type IdleManagerOptions } from './idle-watcher.js';
import { type FetchTestEnv, setupFetchTestEnv, TENANT, waitFor } from './testing/fetch-test-env.js';

let env: FetchTestEnv;
let worker: Worker;
const managers: IdleManager[] = [];
const metrics = createFetchMetrics(createMetricsRegistry());
const idleTriggers = async () => (await metrics.idleTriggers.get()).values[0]?.value ?? 0;
/** Access tokens live 10 s here and are due for refresh 6 s before that: an IDLE connection is renewed every ~5 s. */
const TOKEN_TTL_SECONDS = 10;
const REFRESH_MARGIN_MS = 6_000;

const newManager = (extra: Partial<IdleManagerOptions> = {}) => {
  const manager = new IdleManager({
    db: env.t.db,
    secrets: env.secrets,
    redis: env.redis,
    prefix: env.prefix,
    fetchQueue: env.fetchQueue,
    logger: env.logger,
    imap: { network: loopbackTestPolicy() },
    lockTtlMs: 1_500,
    rescanIntervalMs: 300,
    metrics,
    ...extra,
  });
  managers.push(manager);
  return manager;
};

beforeAll(async () => {
  // Dovecot with its oauth2 passdb besides the passwords: one set of servers for both kinds of mailbox.
  env = await setupFetchTestEnv({ oauth: { accessTokenTtlSeconds: TOKEN_TTL_SECONDS } });
  // The real consumer of the jobs IDLE enqueues: fetch into raw_messages.
  worker = createWorker(
    'fetchMailbox',
    createFetchMailboxHandler({
      db: env.t.db,
      secrets: env.secrets,
      parseQueue: env.parseQueue,
      imap: { network: loopbackTestPolicy() },
      oauthProviders: env.oauth?.providers,
      coordinator: new FetchCoordinator(env.redis, env.prefix, 10_000),
    }),
    { connection: env.redis, prefix: env.prefix, logger: env.logger, concurrency: 2 },
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(managers.map((m) => m.stop()));
  await closeWorker(worker, { drainTimeoutMs: 5_000 });
  await env?.close();
}, 30_000);

describe('IDLE', () => {
  it('a new bounce is fetched within seconds, with no poll scheduled; one watcher per mailbox across processes', async () => {
    const mailbox = await env.createTestMailbox({ useIdle: true, pollIntervalSeconds: 0 });
    const a = newManager();
    await a.start();
    expect(a.watching()).toEqual([mailbox.id]);
    // A second process (another manager on the same Redis) does not open a second connection.
    const b = newManager();
    await b.start();
    expect(b.watching()).toEqual([]);

    const sentAt = Date.now();
    await env.servers.sendMail('bounces+idle@mta.test', env.servers.addresses.unknownUser);
    const row = await waitFor(
      async () => (await env.t.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailbox.id)))[0],
      8_000,
      'the DSN to be fetched through IDLE',
    );
    const latencyMs = Date.now() - sentAt;
    console.info(`IDLE: DSN sent → raw message stored in ${latencyMs} ms`);
    expect(row.content.toString()).toContain('Final-Recipient: rfc822; nobody@mta.test');
    // One trigger when the watch started (catch-up) and one for the new message; a fetch (which records its
    // success on the mailbox row) must not make the rescans reopen the connection and trigger again.
    // The counter is bumped after the enqueue resolves, which can be after the job already stored the row.
    await waitFor(async () => (await idleTriggers()) >= 2, 5_000, 'the IDLE trigger to be counted');
    const triggers = await idleTriggers();
    expect(triggers).toBe(2);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await idleTriggers()).toBe(triggers);

    // The holder goes away (process stopped): the other takes the mailbox over once the lease is free.
    await a.stop();
    await waitFor(async () => b.watching().includes(mailbox.id), 8_000, 'the second manager to take over');
    await env.servers.sendMail('bounces+idle2@mta.test', env.servers.addresses.unknownDomain);
    await waitFor(
      async () => (await env.t.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailbox.id))).length === 2,
      8_000,
      'the second DSN',
    );

    // IDLE turned off for the mailbox: the watcher closes at the next rescan.
    await updateMailbox(env.t.db, env.secrets, TENANT, mailbox.id, { useIdle: false });
    await waitFor(async () => b.watching().length === 0, 5_000, 'the watcher to close');
  }, 60_000);
});

describe('IDLE of a mailbox signed in with Microsoft 365 (OAuth)', () => {
  const rows = (mailboxId: string) => env.t.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailboxId));
  const renewals = async () => (await metrics.idleRenewals.get()).values[0]?.value ?? 0;

  it('watches like a password mailbox, renews the connection with a fresh token before it expires, and a revoked grant disables the mailbox', async () => {
    const oauth = env.oauth!;
    const { servers } = env;
    // The password test's processes have no sign-in providers: they must not compete for this mailbox's lease.
    await Promise.all(managers.map((m) => m.stop()));
    await servers.clearMailbox();
    const mailbox = await env.createTestMailbox({ authMethod: 'oauth2', secret: undefined, useIdle: true });
    await oauth.signIn(env.t.db, env.secrets, mailbox);
    const watcher = newManager({
      oauthProviders: oauth.providers,
      accessToken: { refreshMarginMs: REFRESH_MARGIN_MS },
    });
    const introspectionsBefore = oauth.auth.introspections();
    await watcher.start();
    expect(watcher.watching()).toEqual([mailbox.id]);
    // Dovecot checked the token of the IDLE login at the authorization server.
    expect(oauth.auth.introspections()).toBeGreaterThan(introspectionsBefore);

    await servers.sendMail('bounces+oauth-idle@mta.test', servers.addresses.unknownUser);
    await waitFor(async () => (await rows(mailbox.id)).length === 1, 15_000, 'the DSN to be fetched through IDLE');

    // The token is due for refresh: a new connection with a refreshed token replaces the open one.
    const renewed = await renewals();
    const refreshes = oauth.auth.tokenRequests.refresh_token ?? 0;
    await waitFor(async () => (await renewals()) > renewed, 20_000, 'the IDLE connection to be renewed');
    expect(oauth.auth.tokenRequests.refresh_token ?? 0).toBeGreaterThan(refreshes);
    expect(watcher.watching()).toEqual([mailbox.id]);
    // The renewed connection still announces new mail.
    await servers.sendMail('bounces+oauth-idle2@mta.test', servers.addresses.unknownDomain);
    await waitFor(async () => (await rows(mailbox.id)).length === 2, 15_000, 'the second DSN through the renewed IDLE');

    // An administrator revokes the consent while the IDLE connection is open: the next renewal's refresh is
    // refused, the mailbox is disabled with a clear reason and one operator event, and the watch ends.
    oauth.auth.revokeUser(servers.bounceUser);
    await waitFor(
      async () => (await getMailbox(env.t.db, TENANT, mailbox.id))?.enabled === false,
      20_000,
      'the revoked mailbox to be disabled',
    );
    const disabled = await getMailbox(env.t.db, TENANT, mailbox.id);
    expect(disabled?.disabledReason).toMatch(/^OAuth sign-in with microsoft is no longer valid/);
    await waitFor(async () => watcher.watching().length === 0, 10_000, 'the watcher to close');
    const events = (await env.t.db.select().from(outbox)).filter(
      (e) =>
        e.type === 'mailbox.authorization_revoked' && (e.payload as { mailboxId: string }).mailboxId === mailbox.id,
    );
    expect(events).toHaveLength(1);
    // Not reopened by later rescans.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(watcher.watching()).toEqual([]);
  }, 90_000);
});
