/**
 * The worker as deployed: `tsx src/main.ts` in a child process, stopped with SIGTERM in the middle of a batch. To
 * catch the job mid-flight deterministically, the test holds an exclusive lock on raw_messages: the job becomes
 * active and its first read waits on the lock; SIGTERM arrives; the lock is released later.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { rawMessages } from '@bounce/db';
import {
  corpusMessages,
  createTestDatabase,
  holdTableLock,
  newTestTenant,
  storeTestRawMessages,
  type TestDatabase,
} from '@bounce/db/testing';
import { closeQueues, createRedis, enqueue, openQueues } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { pollUntil } from '@bounce/test-servers';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = join(import.meta.dirname, 'main.ts');
const redis = createRedis(REDIS_URL, 'worker');
let t: TestDatabase;
const prefixes: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase('parse_worker_main_test');
});

afterAll(async () => {
  for (const prefix of prefixes) {
    await deleteKeysWithPrefix(redis, prefix);
  }
  await redis.quit();
  await t?.drop();
});

type Child = { process: ChildProcess; logs: () => Record<string, unknown>[]; exit: Promise<number | null> };

function startWorker(env: Record<string, string>): Child {
  // `node --import tsx`, not the tsx CLI: the CLI relays SIGTERM to its child and SIGKILLs it (exit 143) when the
  // child does not confirm within 30 ms, which a loaded machine misses.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: t.url, REDIS_URL, HEALTH_PORT: '0', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { process: child, logs, exit };
}

/** The shared poll with this file's default deadline. */
const until = (condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) =>
  pollUntil(condition, { timeoutMs, intervalMs: 25 });

async function scenario(drainTimeout: string) {
  const prefix = `test-parse-main-${randomUUID()}`;
  prefixes.push(prefix);
  const queues = openQueues(['parseMessages', 'applyBounces'], redis, prefix);
  const tenantId = await newTestTenant(t.db);
  const ids = await storeTestRawMessages(
    t.db,
    tenantId,
    corpusMessages(40).map((m) => m.content),
  );
  const worker = startWorker({ QUEUE_PREFIX: prefix, SHUTDOWN_DRAIN_TIMEOUT: drainTimeout, PARSE_CONCURRENCY: '1' });
  await until(() => worker.logs().some((l) => l.msg === 'process started'));
  // Every read of the worker waits on the lock.
  const lock = await holdTableLock(t.url, 'raw_messages');
  const job = await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: ids });
  await until(async () => (await queues.parseMessages.getActiveCount()) === 1);
  worker.process.kill('SIGTERM');
  // Keep the job stuck past the drain timeout (short scenario) or release it well within it (long scenario).
  await new Promise((r) => setTimeout(r, 600));
  await lock.release();
  const code = await worker.exit;
  const state = await (await queues.parseMessages.getJob(job.id!))!.getState();
  const fresh = await queues.parseMessages.getJob(job.id!);
  const rows = await t.db.select({ status: rawMessages.status }).from(rawMessages).where(inArray(rawMessages.id, ids));
  const applyCount = await queues.applyBounces.getWaitingCount();
  await closeQueues(queues);
  return {
    code,
    state,
    attemptsMade: fresh!.attemptsMade,
    statuses: rows.map((r) => r.status),
    applyCount,
    logs: worker.logs(),
  };
}

describe('parse worker process', () => {
  it('on SIGTERM mid-batch, finishes the in-flight job within the drain timeout and exits 0', async () => {
    const r = await scenario('20s');
    expect(r.code).toBe(0);
    expect(r.state).toBe('completed');
    expect(r.statuses.every((s) => s === 'parsed' || s === 'manual')).toBe(true);
    expect(r.applyCount).toBe(1);
    expect(r.logs.some((l) => l.msg === 'shutdown complete')).toBe(true);
  }, 60_000);

  it('on SIGTERM mid-batch past the drain timeout, hands the job back untouched and exits 0', async () => {
    const r = await scenario('100ms');
    expect(r.code).toBe(0);
    expect(r.state).toBe('waiting');
    expect(r.attemptsMade).toBe(0);
    expect(r.statuses.every((s) => s === 'received')).toBe(true);
    expect(r.applyCount).toBe(0);
    expect(r.logs.some((l) => l.msg === 'job handed back on shutdown')).toBe(true);
  }, 60_000);

  it('refuses to start without DATABASE_URL and says why', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { PATH: process.env.PATH, REDIS_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(err).toContain('DATABASE_URL');
    expect(err).toContain('PGlite');
  }, 30_000);
});
