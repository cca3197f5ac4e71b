import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import {
  createOperatorSubscription,
  insertWebhookSubscription,
  listEvents,
  markOutboxEventsHandled,
  openDatabase,
  outbox,
  republishUnhandledOutboxEvents,
  updateWebhookSubscription,
} from '@bounce/db';
import { createTestDatabase, newTestTenant, type TestDatabase } from '@bounce/db/testing';
import {
  closeQueues,
  createRedis,
  type NotifyEventRef,
  notifyEventRefs,
  openQueues,
  parseJob,
  QUEUES,
} from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { EventInterestCache } from '@bounce/webhooks';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
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
    await deleteKeysWithPrefix(redis, prefix);
  }
  await redis.quit();
  await t?.drop();
});

async function writeEvents(tenantId: string, n: number, options: { priority?: 'normal' | 'high'; type?: string } = {}) {
  const rows = Array.from({ length: n }, (_, i) => ({
    tenantId,
    type: options.type ?? 'bounce.recorded',
    priority: options.priority ?? 'normal',
    address: `user${i}@example.com`,
    payload: { n: i },
  }));
  return t.db.insert(outbox).values(rows).returning({ id: outbox.id, eventId: outbox.eventId });
}

/** A tenant with one webhook subscription (every event unless `eventTypes` says otherwise). */
async function subscribedTenant(eventTypes: string[] = []) {
  const tenantId = await newTestTenant(t.db);
  const subscription = await insertWebhookSubscription(t.db, {
    tenantId,
    url: 'https://hooks.example.com/x',
    eventTypes,
    secretEncrypted: 'not-used-here',
  });
  return { tenantId, subscription };
}

function newQueues() {
  const prefix = `test-relay-${randomUUID()}`;
  prefixes.push(prefix);
  return openQueues(['notifyEvents'], redis, prefix);
}

async function queuedEvents(queues: ReturnType<typeof newQueues>): Promise<NotifyEventRef[]> {
  const jobs = await queues.notifyEvents.getJobs(['waiting', 'prioritized']);
  return jobs.flatMap((j) => notifyEventRefs(parseJob('notifyEvents', j)));
}

async function unpublished(tenantId: string) {
  const [row] = await t.db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), isNull(outbox.publishedAt)));
  return row!.n;
}

describe('outbox relay', () => {
  it('publishes each event exactly once, in batches, with two relays on separate pools racing', async () => {
    const { tenantId } = await subscribedTenant();
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
    expect(perMachine[0]! + perMachine[1]!).toBeGreaterThanOrEqual(600);
    expect(perMachine.every((n) => n > 0)).toBe(true); // both really took part

    // One job per claimed batch (25 events), not one per event; every event in exactly one job.
    const jobs = await queues.notifyEvents.getJobs(['waiting', 'prioritized']);
    // (A racing claim can leave a batch short, so the bound is loose: the point is far fewer jobs than events.)
    expect(jobs.length).toBeLessThan(600 / 5);
    const events = await queuedEvents(queues);
    const mine = events.filter((e) => e.tenantId === tenantId);
    expect(mine).toHaveLength(600);
    expect(new Set(mine.map((e) => e.eventId))).toEqual(new Set(written.map((w) => w.eventId)));
    expect(await unpublished(tenantId)).toBe(0);
    const metricTotals = await Promise.all(
      machines.map(async (m) =>
        ((await m.registry.getSingleMetric('bounce_outbox_published_total')!.get()).values ?? []).reduce(
          (sum, v) => sum + v.value,
          0,
        ),
      ),
    );
    expect(metricTotals[0]! + metricTotals[1]!).toBeGreaterThanOrEqual(600);

    for (const m of machines) {
      await m.notify.close();
      await m.connection.quit();
      await m.handle.close();
    }
    await closeQueues(queues);
  });

  it('enqueues nothing for a tenant without subscriptions, and the event log still lists its events', async () => {
    const tenantId = await newTestTenant(t.db);
    await writeEvents(tenantId, 30);
    const queues = newQueues();
    const registry = new Registry();
    const metrics = createRulesMetrics(registry);
    await new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger, metrics }).run();
    expect((await queuedEvents(queues)).filter((e) => e.tenantId === tenantId)).toHaveLength(0);
    expect(await unpublished(tenantId)).toBe(0);
    expect((await listEvents(t.db, tenantId, { limit: 100 })).items).toHaveLength(30);
    const unwanted = (await registry.getSingleMetric('bounce_outbox_unwanted_total')!.get()).values;
    expect(unwanted.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThanOrEqual(30);
    await closeQueues(queues);
  });

  it('follows the filters: webhook types and prefixes, operator minimum priority', async () => {
    const { tenantId } = await subscribedTenant(['address.*']);
    const operatorTenant = await newTestTenant(t.db);
    await createOperatorSubscription(t.db, { tenantId: operatorTenant, email: 'ops@example.com', minPriority: 'high' });
    const [blocked] = await writeEvents(tenantId, 1, { type: 'address.blocked' });
    await writeEvents(tenantId, 2, { type: 'bounce.recorded' });
    const [high] = await writeEvents(operatorTenant, 1, { type: 'invoice.undeliverable', priority: 'high' });
    await writeEvents(operatorTenant, 2, { type: 'bounce.recorded' });
    const queues = newQueues();
    await new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger }).run();
    const ids = (await queuedEvents(queues))
      .filter((e) => e.tenantId === tenantId || e.tenantId === operatorTenant)
      .map((e) => e.eventId);
    expect(ids.sort()).toEqual([blocked!.eventId, high!.eventId].sort());
    await closeQueues(queues);
  });

  it('sees a subscription change made by another process at its next batch (version in PostgreSQL)', async () => {
    const { tenantId, subscription } = await subscribedTenant(['address.*']);
    const queues = newQueues();
    const relay = new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger });
    // Another machine's pool changes the subscription.
    const other = openDatabase({ url: t.url, maxConnections: 1 });
    const tenantEvents = async () => (await queuedEvents(queues)).filter((e) => e.tenantId === tenantId);

    await writeEvents(tenantId, 1, { type: 'bounce.recorded' });
    await relay.run(); // caches "address.* only"
    expect(await tenantEvents()).toHaveLength(0);

    await updateWebhookSubscription(other.db, tenantId, subscription.id, { eventTypes: [] });
    const [afterWiden] = await writeEvents(tenantId, 1, { type: 'bounce.recorded' });
    await relay.run();
    expect((await tenantEvents()).map((e) => e.eventId)).toEqual([afterWiden!.eventId]);

    await updateWebhookSubscription(other.db, tenantId, subscription.id, { enabled: false });
    await writeEvents(tenantId, 1, { type: 'address.blocked' });
    await relay.run();
    expect(await tenantEvents()).toHaveLength(1);
    expect(await unpublished(tenantId)).toBe(0);
    await other.close();
    await closeQueues(queues);
  });

  it('a relay that crashed after enqueueing but before commit re-publishes without duplicates', async () => {
    const { tenantId } = await subscribedTenant();
    // Earlier tests' rows are all published: this batch is exactly these 10 rows, claimed twice.
    const written = await writeEvents(tenantId, 10);
    const queues = newQueues();
    // The crash: jobs reached Redis, the transaction rolled back (published_at still null).
    await expect(
      t.db.transaction(async (tx) => {
        await relayOutboxBatch(tx as never, queues.notifyEvents, {
          batchSize: 100,
          interest: new EventInterestCache(),
        });
        throw new Error('process killed before commit');
      }),
    ).rejects.toThrow('process killed');
    expect(await unpublished(tenantId)).toBe(10);
    expect(await queues.notifyEvents.count()).toBe(1);

    const relay = new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger });
    await relay.run();
    expect(await queues.notifyEvents.count()).toBe(1); // same job id (from the same event ids): BullMQ added nothing
    expect(new Set((await queuedEvents(queues)).map((e) => e.eventId))).toEqual(new Set(written.map((w) => w.eventId)));
    await closeQueues(queues);
  });

  it('publishes again an event whose job Redis lost, and never one its consumer handled or nobody wants', async () => {
    // Only this test's rows count: earlier tests leave published events nobody consumed.
    await t.db.update(outbox).set({ handledAt: sql`now()` });
    const { tenantId } = await subscribedTenant();
    const [lost, handled] = await writeEvents(tenantId, 2);
    const [unwanted] = await writeEvents(await newTestTenant(t.db), 1);
    const queues = newQueues();
    const relay = new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger });
    expect(await relay.run()).toBe(3);
    // A failover to a replica that had not received the job: Redis forgets it after the outbox row was published.
    await queues.notifyEvents.obliterate({ force: true });
    expect(await queuedEvents(queues)).toEqual([]);
    // The consumer handled one of them before the loss; the unwanted one was handled by the relay itself.
    await markOutboxEventsHandled(t.db, [handled!.eventId]);

    expect(await republishUnhandledOutboxEvents(t.db, 0)).toBe(1);
    expect(await unpublished(tenantId)).toBe(1);
    expect(await relay.run()).toBe(1);
    expect((await queuedEvents(queues)).map((e) => e.eventId)).toEqual([lost!.eventId]);
    expect(unwanted).toBeDefined();

    // Once handled, the reconciler leaves it alone.
    await markOutboxEventsHandled(t.db, [lost!.eventId]);
    expect(await republishUnhandledOutboxEvents(t.db, 0)).toBe(0);
  });

  it('gives high-priority events precedence on the notify queue', async () => {
    const { tenantId } = await subscribedTenant();
    await writeEvents(tenantId, 3, { priority: 'normal' });
    const [high] = await writeEvents(tenantId, 1, { priority: 'high' });
    const queues = newQueues();
    await new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger }).run();
    const jobs = await queues.notifyEvents.getJobs(['prioritized']);
    expect(jobs).toHaveLength(2);
    const holds = (j: (typeof jobs)[number], eventId: string) =>
      notifyEventRefs(parseJob('notifyEvents', j)).some((e) => e.eventId === eventId);
    const highJob = jobs.find((j) => holds(j, high!.eventId))!;
    const normalJob = jobs.find((j) => j !== highJob)!;
    expect(notifyEventRefs(parseJob('notifyEvents', highJob))).toHaveLength(1);
    expect(highJob.opts.priority).toBeLessThan(normalJob.opts.priority!);
    expect(QUEUES.notifyEvents.name).toBe(queues.notifyEvents.name);
    await closeQueues(queues);
  });
});
