import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { StoreError, sends } from '@bounce/db';
import { createTestDatabase, newTestTenant, type TestDatabase } from '@bounce/db/testing';
import { closeQueues, createRedis, createWorker, enqueue, openQueues } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import type { Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSendEventsHandler, isPermanentSendEventError } from './send-events.handler.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = `test-send-events-${randomUUID()}`;
const queues = openQueues(['sendEvents'], redis, prefix);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('send_events_test');
});

afterAll(async () => {
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

describe('send-events handler', () => {
  it('records a batch idempotently and fails an invalid batch permanently without blocking the next', async () => {
    const tenantId = await newTestTenant(t.db);
    let relayed = 0;
    const worker = createWorker(
      'sendEvents',
      createSendEventsHandler({
        db: t.db,
        onApplied: () => {
          relayed += 1;
        },
      }),
      { connection: redis, prefix, logger: createLogger({ name: 'test', level: 'silent' }) },
    );
    const finished: Job[] = [];
    worker.on('completed', (job) => finished.push(job));
    worker.on('failed', (job) => {
      if (job) finished.push(job);
    });
    const batch = {
      kind: 'send' as const,
      tenantId,
      sends: [
        { externalId: 'm-1', recipient: 'a@example.com', sentAt: '2024-05-01T10:00:00Z' },
        { externalId: 'm-2', recipient: 'b@example.com', sentAt: '2024-05-01T10:00:00Z', category: 'invoice' },
      ],
    };
    // Passes the catalog's envelope check, fails the store's item validation: recipient too short.
    const invalid = await enqueue(queues.sendEvents, 'sendEvents', {
      kind: 'send',
      tenantId,
      sends: [{ recipient: 'x', sentAt: 'not a date' }],
    });
    // Passes the store's zod validation, refused by the store itself: "no-at-sign" is no address.
    const refused = await enqueue(queues.sendEvents, 'sendEvents', {
      kind: 'send',
      tenantId,
      sends: [{ recipient: 'no-at-sign', sentAt: '2024-05-01T10:00:00Z' }],
    });
    await enqueue(queues.sendEvents, 'sendEvents', batch);
    await enqueue(queues.sendEvents, 'sendEvents', batch); // reported twice
    const deadline = Date.now() + 10_000;
    while (finished.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await worker.close();

    const failed = finished.filter((j) => j.failedReason);
    expect(failed.map((j) => j.id)).toEqual([invalid.id, refused.id]);
    for (const job of failed) {
      expect(job.attemptsMade).toBe(1); // not retried: it can never pass (the catalog allows 8 attempts)
      expect(job.failedReason).toMatch(/invalid send-events job/);
    }
    expect(failed[1]!.failedReason).toMatch(/invalid recipient address/);
    const [retained] = await queues.sendEvents.getFailed(0, 10).then((jobs) => jobs.filter((j) => j.id === invalid.id));
    expect(retained?.id).toBe(invalid.id); // kept in the failed set for inspection
    const completed = finished.filter((j) => !j.failedReason);
    expect(completed.map((j) => j.returnvalue)).toEqual([
      { kind: 'send', recorded: 2, created: 2 },
      { kind: 'send', recorded: 2, created: 0 },
    ]);
    const rows = await t.db.select().from(sends).where(eq(sends.tenantId, tenantId));
    expect(rows.map((r) => r.externalId).sort()).toEqual(['m-1', 'm-2']);
    expect(relayed).toBe(0); // sends change no address state, nothing to relay
  });
});

describe('send-events handler and unstorable text', () => {
  it('fails a queued job holding NUL or a lone surrogate once, as invalid, and writes nothing (issue 12)', async () => {
    const tenantId = await newTestTenant(t.db);
    const worker = createWorker('sendEvents', createSendEventsHandler({ db: t.db }), {
      connection: redis,
      prefix,
      logger: createLogger({ name: 'test', level: 'silent' }),
    });
    const finished: Job[] = [];
    worker.on('completed', (job) => finished.push(job));
    worker.on('failed', (job) => {
      if (job) finished.push(job);
    });
    const sentAt = '2024-05-01T10:00:00Z';
    // Enqueued straight onto the queue, past the HTTP API's input layer that refuses these.
    const jobs = [
      { kind: 'send', tenantId, sends: [{ externalId: 'n-1', recipient: 'a\u0000@example.com', sentAt }] },
      {
        kind: 'send',
        tenantId,
        sends: [{ externalId: 'n-2', recipient: 'b@example.com', category: 'x\ud800', sentAt }],
      },
      { kind: 'delivery', tenantId, deliveries: [{ externalId: 'n-3\u0000', deliveredAt: sentAt }] },
      {
        kind: 'rejection',
        tenantId,
        rejections: [{ externalId: 'n-4', replyCode: 550, text: '550 5.1.1 gone \udc00', occurredAt: sentAt }],
      },
    ] as const;
    const ids: (string | undefined)[] = [];
    for (const job of jobs) ids.push((await enqueue(queues.sendEvents, 'sendEvents', job)).id);
    const deadline = Date.now() + 10_000;
    while (finished.length < jobs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await worker.close();

    expect(finished.map((j) => j.id).sort()).toEqual([...ids].sort());
    for (const job of finished) {
      expect(job.failedReason).toMatch(/invalid send-events job.*(NUL|surrogate)/s);
      expect(job.attemptsMade).toBe(1); // a permanent failure, not retried against PostgreSQL
    }
    const rows = await t.db.select().from(sends).where(eq(sends.tenantId, tenantId));
    expect(rows).toEqual([]); // nothing stored, in particular no U+FFFD standing in for the surrogate
  });
});

describe('isPermanentSendEventError', () => {
  it('is permanent for payloads the store refuses, transient for everything else', () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(isPermanentSendEventError(zodError)).toBe(true);
    expect(isPermanentSendEventError(new StoreError('invalid-input', 'bad'))).toBe(true);
    expect(isPermanentSendEventError(new StoreError('conflict', 'taken'))).toBe(true);
    expect(isPermanentSendEventError(new StoreError('not-found', 'gone'))).toBe(false);
    expect(isPermanentSendEventError(new Error('connection terminated unexpectedly'))).toBe(false);
    expect(isPermanentSendEventError(undefined)).toBe(false);
    // PostgreSQL's own refusal of a value (22021: invalid byte sequence) fails the same way on every retry.
    expect(isPermanentSendEventError(Object.assign(new Error('invalid byte sequence'), { code: '22021' }))).toBe(true);
  });
});
