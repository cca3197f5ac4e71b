import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { StoreError, sends } from '@bounce/db';
import { createTestDatabase, newTestTenant, type TestDatabase } from '@bounce/db/testing';
import { closeQueues, createRedis, createWorker, enqueue, openQueues } from '@bounce/queue';
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
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
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

describe('isPermanentSendEventError', () => {
  it('is permanent for payloads the store refuses, transient for everything else', () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(isPermanentSendEventError(zodError)).toBe(true);
    expect(isPermanentSendEventError(new StoreError('invalid-input', 'bad'))).toBe(true);
    expect(isPermanentSendEventError(new StoreError('conflict', 'taken'))).toBe(true);
    expect(isPermanentSendEventError(new StoreError('not-found', 'gone'))).toBe(false);
    expect(isPermanentSendEventError(new Error('connection terminated unexpectedly'))).toBe(false);
    expect(isPermanentSendEventError(undefined)).toBe(false);
  });
});
