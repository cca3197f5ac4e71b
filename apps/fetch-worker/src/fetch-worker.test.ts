import { mailboxes } from '@bounce/db';
import { mailboxSchedulerId, requestFetchNow } from '@bounce/queue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';
import { type FetchWorkerProcess, startFetchWorker } from './fetch-worker.js';
import { type FetchTestEnv, REDIS_URL, setupFetchTestEnv, waitFor } from './testing/fetch-test-env.js';

let env: FetchTestEnv;
let proc: FetchWorkerProcess | undefined;

beforeAll(async () => {
  env = await setupFetchTestEnv();
}, 60_000);

afterAll(async () => {
  await proc?.stop();
  await env?.close();
}, 60_000);

const rowsOf = (mailboxId: string) => env.rawRowsOf(mailboxId);

describe('fetch worker process', () => {
  it('a mailbox registered while the worker runs gets its IDLE watcher with its first fetch, not at the rescan', async () => {
    proc = await startFetchWorker(
      loadEnv({
        DATABASE_URL: env.t.url,
        REDIS_URL,
        QUEUE_PREFIX: env.prefix,
        SECRETS_KEY: env.secretsKey,
        HEALTH_PORT: '0',
        HEALTH_HOST: '127.0.0.1',
        // Far away: only the new-mailbox path can start the watcher within this test.
        IDLE_RESCAN_INTERVAL: '1h',
        MAILBOX_SYNC_INTERVAL: '0',
        MAILBOX_ALLOWED_NETWORKS: '127.0.0.1',
        LOG_LEVEL: 'silent',
      }),
      { logger: env.logger, handleSignals: false },
    );
    const running = proc;
    const fresh = await env.createTestMailbox({ useIdle: true, pollIntervalSeconds: 3600 });
    expect(running.idleMailboxes()).not.toContain(fresh.id);
    // What the API does on registration: its schedule's first fetch (here asked for directly).
    await requestFetchNow(env.fetchQueue, fresh.id);
    await waitFor(async () => running.idleMailboxes().includes(fresh.id), 20_000, 'the new mailbox to be watched');
    await running.stop('test done');
    // Disable it again so the next test starts from the mailboxes it creates.
    await env.t.db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.id, fresh.id));
    proc = undefined;
  }, 60_000);

  it('refuses to start without its required configuration', () => {
    expect(() => loadEnv({})).toThrow(/DATABASE_URL[\s\S]*SECRETS_KEY/);
  });

  it('starts, syncs schedules, serves health and metrics, fetches via IDLE and "fetch now", and stops cleanly', async () => {
    const idleBox = await env.createTestMailbox({ useIdle: true, pollIntervalSeconds: 3600 });
    const manualBox = await env.createTestMailbox({ useIdle: false, pollIntervalSeconds: 0 });
    const badBox = await env.createTestMailbox({ useIdle: false, secret: 'wrong', maxConsecutiveFailures: 2 });

    proc = await startFetchWorker(
      loadEnv({
        DATABASE_URL: env.t.url,
        REDIS_URL,
        QUEUE_PREFIX: env.prefix,
        SECRETS_KEY: env.secretsKey,
        HEALTH_PORT: '0',
        HEALTH_HOST: '127.0.0.1',
        IDLE_RESCAN_INTERVAL: '500ms',
        MAILBOX_SYNC_INTERVAL: '0',
        FETCH_BATCH_SIZE: '50',
        // The local Dovecot (loopback, random ports), allowed explicitly.
        MAILBOX_ALLOWED_NETWORKS: '127.0.0.1',
        LOG_LEVEL: 'silent',
      }),
      { logger: env.logger, handleSignals: false },
    );
    const base = `http://127.0.0.1:${proc.healthPort()}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: { name: string }[] }).checks.map((c) => c.name)).toEqual([
      'postgres',
      'redis',
    ]);
    expect(await env.fetchQueue.getJobScheduler(mailboxSchedulerId(idleBox.id))).toMatchObject({ every: 3_600_000 });
    expect(proc.idleMailboxes()).toEqual([idleBox.id]);

    await env.servers.sendMail('bounces+proc@mta.test', env.servers.addresses.remoteReject);
    await waitFor(async () => (await rowsOf(idleBox.id)).length === 1, 10_000, 'the IDLE fetch');

    // "fetch now" on a mailbox without IDLE or schedule: the same DSN is already stored (same mailbox account).
    await requestFetchNow(env.fetchQueue, manualBox.id);
    await waitFor(
      async () => (await env.t.db.select().from(mailboxes).where(eq(mailboxes.id, manualBox.id)))[0]!.lastSuccessAt,
      10_000,
      'the manual fetch',
    );
    expect(await rowsOf(manualBox.id)).toHaveLength(0); // deduplicated by content: one row per tenant

    // A wrong password: the job fails once (not retried), each request counts, the 2nd disables the mailbox.
    for (let i = 1; i <= 2; i++) {
      const job = await requestFetchNow(env.fetchQueue, badBox.id);
      const failed = await waitFor(async () => ((await job.isFailed()) ? job : undefined), 10_000, 'the failed job');
      const reloaded = await env.fetchQueue.getJob(failed.id!);
      expect(reloaded!.attemptsMade).toBe(1);
      expect(reloaded!.failedReason).toMatch(/^auth: authentication failed/);
    }
    const [bad] = await env.t.db.select().from(mailboxes).where(eq(mailboxes.id, badBox.id));
    expect(bad).toMatchObject({ enabled: false, consecutiveFailures: 2 });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/bounce_fetch_messages_total\{outcome="stored",app="fetch-worker"\} 1/);
    expect(metrics).toMatch(/bounce_fetch_messages_total\{outcome="duplicate",app="fetch-worker"\} 1/);
    expect(metrics).toMatch(/bounce_mailbox_errors_total\{kind="auth",source="fetch",app="fetch-worker"\} 2/);
    expect(metrics).toMatch(/bounce_idle_connections\{app="fetch-worker"\} 1/);
    expect(metrics).toMatch(/bounce_mailboxes_disabled_total\{app="fetch-worker"\} 1/);

    await proc.stop('test done');
    proc = undefined;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 90_000);
});
