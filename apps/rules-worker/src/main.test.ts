/**
 * The worker as deployed (`tsx src/main.ts` in a child process), stopped with SIGTERM while an apply-bounces job is
 * in its transaction: an exclusive lock held by the test on raw_messages keeps the job mid-flight until after the
 * signal; the job must finish within the drain timeout and the process exit 0.
 */
import { spawn } from 'node:child_process';
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
import { type ParseResult, parseBounce } from '@bounce/parser';
import { closeQueues, createRedis, enqueue, openQueues } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { pollUntil } from '@bounce/test-servers';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = join(import.meta.dirname, 'main.ts');
const redis = createRedis(REDIS_URL, 'worker');
const prefix = `test-rules-main-${randomUUID()}`;
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('rules_worker_main_test');
});

afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

/** The shared poll with this file's default deadline. */
const until = (condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) =>
  pollUntil(condition, { timeoutMs, intervalMs: 25 });

describe('rules worker process', () => {
  it('on SIGTERM finishes the apply job in flight and exits 0', async () => {
    const queues = openQueues(['applyBounces'], redis, prefix);
    const tenantId = await newTestTenant(t.db);
    const files = corpusMessages(15);
    const ids = await storeTestRawMessages(
      t.db,
      tenantId,
      files.map((f) => f.content),
    );
    const rows = await t.db
      .select({ id: rawMessages.id, sha256: rawMessages.sha256 })
      .from(rawMessages)
      .where(inArray(rawMessages.id, ids));
    const sha = new Map(rows.map((r) => [r.id, r.sha256]));

    // `node --import tsx`, not the tsx CLI: the CLI relays SIGTERM to its child and SIGKILLs it (exit 143) when the

    // child does not confirm within 30 ms, which a loaded machine misses.

    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        HEALTH_PORT: '0',
        SCHEDULE_MAINTENANCE: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await until(() => out.includes('"process started"'));

    const lock = await holdTableLock(t.url, 'raw_messages');

    const job = await enqueue(queues.applyBounces, 'applyBounces', {
      tenantId,
      items: files.map((f, i) => ({
        rawMessageId: ids[i]!,
        sha256: sha.get(ids[i]!)!,
        result: JSON.parse(JSON.stringify(parseBounce(f.content))) as ParseResult,
      })),
    });
    await until(async () => (await queues.applyBounces.getActiveCount()) === 1);
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await lock.release();

    expect(await exit).toBe(0);
    expect(await (await queues.applyBounces.getJob(job.id!))!.getState()).toBe('completed');
    const after = await t.db
      .select({ status: rawMessages.status })
      .from(rawMessages)
      .where(inArray(rawMessages.id, ids));
    // Final statuses, set in the job's transaction: applied, or manual for bounces no send or address matched.
    expect(after.every((r) => r.status === 'applied' || r.status === 'manual')).toBe(true);
    expect(out).toContain('"shutdown complete"');
    await closeQueues(queues);
  }, 60_000);
});
