import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { createTestDatabase, sends, type TestDatabase } from '@bounce/db';
import { closeQueues, createRedis, createWorker, enqueue, openQueues } from '@bounce/queue';
import type { Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendEventsHandler } from './send-events.handler.js';
import { newTenant } from './test-support.js';

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
    const tenantId = await newTenant(t.db);
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
    await enqueue(queues.sendEvents, 'sendEvents', batch);
    await enqueue(queues.sendEvents, 'sendEvents', batch); // reported twice
    const deadline = Date.now() + 10_000;
    while (finished.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await worker.close();

    const failed = finished.filter((j) => j.failedReason);
    expect(failed.map((j) => j.id)).toEqual([invalid.id]);
    expect(failed[0]!.attemptsMade).toBe(1); // not retried: it can never pass
    expect(failed[0]!.failedReason).toMatch(/invalid send-events job/);
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
