import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { openDatabase, outbox } from '@bounce/db';
import { createTestDatabase, newTestTenant, type TestDatabase } from '@bounce/db/testing';
import { closeQueues, createRedis, openQueues, parseJob, QUEUES } from '@bounce/queue';
import { count, isNull } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay, relayOutboxBatch } from './outbox-relay.js';
import { createRulesMetrics } from './rules-metrics.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createRedis(REDIS_URL, 'worker');
const logger = createLogger({ name: 'test', level: 'silent' });
const prefixes: string[] = [];
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('outbox_relay_test');
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
  await t?.drop();
});

async function writeEvents(tenantId: string, n: number, priority: 'normal' | 'high' = 'normal') {
  const rows = Array.from({ length: n }, (_, i) => ({
    tenantId,
    type: 'bounce.recorded',
    priority,
    address: `user${i}@example.com`,
    payload: { n: i },
  }));
  return t.db.insert(outbox).values(rows).returning({ id: outbox.id, eventId: outbox.eventId });
}

function newQueues() {
  const prefix = `test-relay-${randomUUID()}`;
  prefixes.push(prefix);
  return openQueues(['notifyEvents'], redis, prefix);
}

describe('outbox relay', () => {
  it('publishes each event exactly once with two relays on separate pools racing', async () => {
    const tenantId = await newTestTenant(t.db);
    const written = await writeEvents(tenantId, 600);
    const queues = newQueues();
    // Two "machines": their own pool, their own producer connection, their own relay.
    const machines = [0, 1].map(() => {
      const handle = openDatabase({ url: t.url, maxConnections: 3 });
      const connection = createRedis(REDIS_URL, 'producer');
      const notify = openQueues(['notifyEvents'], connection, queues.notifyEvents.opts.prefix).notifyEvents;
      const registry = new Registry();
      const metrics = createRulesMetrics(registry);
      return {
        handle,
        connection,
        notify,
        registry,
        relay: new OutboxRelay(handle.db, notify, { batchSize: 25, logger, metrics }),
      };
    });
    const published = await Promise.all(machines.flatMap((m) => [m.relay.run(), m.relay.run()]));
    // run() called twice on one relay coalesces: the second call shares the first pass.
    const perMachine = [published[0]!, published[2]!];
    expect(perMachine[0]! + perMachine[1]!).toBe(600);
    expect(perMachine.every((n) => n > 0)).toBe(true); // both really took part

    const jobs = await queues.notifyEvents.getJobs(['waiting', 'prioritized']);
    expect(jobs).toHaveLength(600);
    expect(new Set(jobs.map((j) => j.id))).toEqual(new Set(written.map((w) => w.eventId)));
    for (const j of jobs) {
      const payload = parseJob('notifyEvents', j);
      expect(payload.eventId).toBe(j.id);
      expect(payload.tenantId).toBe(tenantId);
    }
    const [left] = await t.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
    expect(left!.n).toBe(0);
    const metricTotals = await Promise.all(
      machines.map(
        async (m) => (await m.registry.getSingleMetric('bounce_outbox_published_total')!.get()).values[0]?.value ?? 0,
      ),
    );
    expect(metricTotals[0]! + metricTotals[1]!).toBe(600);

    for (const m of machines) {
      await m.notify.close();
      await m.connection.quit();
      await m.handle.close();
    }
    await closeQueues(queues);
  });

  it('a relay that crashed after enqueueing but before commit re-publishes without duplicates', async () => {
    const tenantId = await newTestTenant(t.db);
    const written = await writeEvents(tenantId, 10);
    const queues = newQueues();
    // The crash: jobs reached Redis, the transaction rolled back (published_at still null).
    await expect(
      t.db.transaction(async (tx) => {
        await relayOutboxBatch(tx as never, queues.notifyEvents, { batchSize: 100 });
        throw new Error('process killed before commit');
      }),
    ).rejects.toThrow('process killed');
    const [unpublished] = await t.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
    expect(unpublished!.n).toBeGreaterThanOrEqual(10);
    expect(await queues.notifyEvents.count()).toBe(10);

    const relay = new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger });
    await relay.run();
    expect(await queues.notifyEvents.count()).toBe(10); // same job ids: BullMQ added nothing
    const ids = (await queues.notifyEvents.getJobs(['waiting', 'prioritized'])).map((j) => j.id);
    expect(new Set(ids)).toEqual(new Set(written.map((w) => w.eventId)));
    await closeQueues(queues);
  });

  it('gives high-priority events precedence on the notify queue', async () => {
    const tenantId = await newTestTenant(t.db);
    await writeEvents(tenantId, 3, 'normal');
    const [high] = await writeEvents(tenantId, 1, 'high');
    const queues = newQueues();
    await new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger }).run();
    const jobs = await queues.notifyEvents.getJobs(['prioritized']);
    const byId = new Map(jobs.map((j) => [j.id, j.opts.priority]));
    expect(byId.get(high!.eventId)).toBeLessThan(byId.get(jobs.find((j) => j.id !== high!.eventId)!.id)!);
    expect(QUEUES.notifyEvents.name).toBe(queues.notifyEvents.name);
    await closeQueues(queues);
  });
});
