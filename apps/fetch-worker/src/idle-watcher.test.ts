import { rawMessages, updateMailbox } from '@bounce/db';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { closeWorker, createWorker } from '@bounce/queue';
import { createMetricsRegistry } from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchCoordinator } from './fetch-coordinator.js';
import { createFetchMailboxHandler } from './fetch-mailbox.handler.js';
import { createFetchMetrics } from './fetch-metrics.js';
import { IdleManager } from './idle-watcher.js';
import { type FetchTestEnv, setupFetchTestEnv, TENANT, waitFor } from './testing/fetch-test-env.js';

let env: FetchTestEnv;
let worker: Worker;
const managers: IdleManager[] = [];
const metrics = createFetchMetrics(createMetricsRegistry());
const idleTriggers = async () => (await metrics.idleTriggers.get()).values[0]?.value ?? 0;

const newManager = () => {
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
  });
  managers.push(manager);
  return manager;
};

beforeAll(async () => {
  env = await setupFetchTestEnv();
  // The real consumer of the jobs IDLE enqueues: fetch into raw_messages.
  worker = createWorker(
    'fetchMailbox',
    createFetchMailboxHandler({
      db: env.t.db,
      secrets: env.secrets,
      parseQueue: env.parseQueue,
      imap: { network: loopbackTestPolicy() },
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
