import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { rawMessages } from '@bounce/db';
import {
  corpusMessages,
  createTestDatabase,
  newTestTenant,
  storeTestRawMessages,
  type TestDatabase,
} from '@bounce/db/testing';
import { closeQueues, createRedis, openQueues, parseJob } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerKey, reconcileRawMessages } from './raw-reconciler.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const logger = createLogger({ name: 'test', level: 'silent' });
const prefix = `test-reconcile-${randomUUID()}`;
const queues = openQueues(['parseMessages'], redis, prefix);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('reconciler_test');
});

afterAll(async () => {
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

const AFTER_MS = 10 * 60_000;

describe('raw message reconciler', () => {
  it('re-enqueues messages stuck in received/parsed, once per period, and again after a Redis loss', async () => {
    const tenantA = await newTestTenant(t.db);
    const tenantB = await newTestTenant(t.db);
    const corpus = corpusMessages(8).map((m) => m.content);
    const a = await storeTestRawMessages(t.db, tenantA, corpus.slice(0, 6));
    const b = await storeTestRawMessages(t.db, tenantB, corpus.slice(6, 8));
    const old = new Date(Date.now() - 30 * 60_000);
    // a[0..1] received long ago, a[2] parsed long ago, a[3] applied, a[4] manual (final), a[5] received just now.
    await t.db
      .update(rawMessages)
      .set({ receivedAt: old })
      .where(inArray(rawMessages.id, [...a.slice(0, 5), ...b]));
    await t.db.update(rawMessages).set({ status: 'parsed' }).where(eq(rawMessages.id, a[2]!));
    await t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, a[3]!));
    await t.db.update(rawMessages).set({ status: 'manual' }).where(eq(rawMessages.id, a[4]!));

    const options = {
      db: t.db,
      redis,
      parseQueue: queues.parseMessages,
      prefix,
      afterMs: AFTER_MS,
      limit: 100,
      logger,
    };
    const first = await reconcileRawMessages(options);
    expect(first).toEqual({ stuck: 5, enqueued: 5, jobs: 2 });
    const jobs = (await queues.parseMessages.getWaiting()).map((j) => parseJob('parseMessages', j));
    const byTenant = new Map(jobs.map((j) => [j.tenantId, new Set(j.rawMessageIds)]));
    expect(byTenant.get(tenantA)).toEqual(new Set(a.slice(0, 3)));
    expect(byTenant.get(tenantB)).toEqual(new Set(b));

    // Next tick: the new jobs are still waiting; nothing is enqueued twice.
    expect(await reconcileRawMessages(options)).toEqual({ stuck: 5, enqueued: 0, jobs: 0 });
    expect(await queues.parseMessages.getWaitingCount()).toBe(2);

    // Redis lost its data (jobs and markers): the same messages are recovered from PostgreSQL.
    await queues.parseMessages.drain();
    for (const id of [...a, ...b]) await redis.del(markerKey(prefix, id));
    expect(await reconcileRawMessages(options)).toMatchObject({ enqueued: 5, jobs: 2 });
  });

  it('leaves alone a message younger than the threshold', async () => {
    const tenant = await newTestTenant(t.db);
    const [young] = await storeTestRawMessages(
      t.db,
      tenant,
      corpusMessages(10)
        .slice(9)
        .map((m) => m.content),
    );
    const youngPrefix = `${prefix}-young`;
    const own = openQueues(['parseMessages'], redis, youngPrefix);
    // The database also holds the first test's old messages: they are taken, the young one is not.
    await reconcileRawMessages({
      db: t.db,
      redis,
      parseQueue: own.parseMessages,
      prefix: youngPrefix,
      afterMs: AFTER_MS,
      limit: 100,
      logger,
    });
    const enqueuedIds = (await own.parseMessages.getWaiting()).flatMap(
      (j) => parseJob('parseMessages', j).rawMessageIds,
    );
    expect(enqueuedIds.length).toBeGreaterThan(0);
    expect(enqueuedIds).not.toContain(young);
    const [row] = await t.db.select({ status: rawMessages.status }).from(rawMessages).where(eq(rawMessages.id, young!));
    expect(row!.status).toBe('received');
    await closeQueues(own);
    await deleteKeysWithPrefix(redis, youngPrefix);
  });
});
