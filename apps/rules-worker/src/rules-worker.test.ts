import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { outbox, rawMessages, sends } from '@bounce/db';
import {
  corpusMessages,
  createTestDatabase,
  newTestTenant,
  storeTestRawMessages,
  type TestDatabase,
} from '@bounce/db/testing';
import { type ParseResult, parseBounce } from '@bounce/parser';
import { closeQueues, createRedis, enqueue, openQueues } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { pollUntil } from '@bounce/test-servers';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';
import type { RecordedEvent } from './event-recorder.handler.js';
import { type RulesWorkerProcess, startRulesWorker } from './rules-worker.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createRedis(REDIS_URL, 'worker');
const prefix = `test-rules-worker-${randomUUID()}`;
const queues = openQueues(
  ['applyBounces', 'sendEvents', 'notifyEvents', 'maintenance', 'parseMessages'],
  redis,
  prefix,
);
let t: TestDatabase;
let proc: RulesWorkerProcess;

beforeAll(async () => {
  t = await createTestDatabase('rules_worker_test');
  const env = loadEnv({
    DATABASE_URL: t.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    HEALTH_PORT: '0',
    HEALTH_HOST: '127.0.0.1',
    NOTIFY_EVENTS_RECORDER: 'true',
    OUTBOX_RELAY_INTERVAL: '200ms',
    RECONCILE_INTERVAL: '300ms',
    RECONCILE_AFTER: '2s',
    GRACE_INTERVAL: '300ms',
    RETENTION_INTERVAL: '1s',
  });
  proc = await startRulesWorker(env, { logger: createLogger({ name: 'test', level: 'silent' }), handleSignals: false });
});

afterAll(async () => {
  await proc?.stop();
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

/** The shared poll with this file's default deadline. */
const until = (condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) =>
  pollUntil(condition, { timeoutMs, intervalMs: 50 });

describe('rules worker process', () => {
  it('records sends, applies bounces, relays and records every event, and serves health and metrics', async () => {
    const tenantId = await newTestTenant(t.db);
    const files = corpusMessages(20);
    const ids = await storeTestRawMessages(
      t.db,
      tenantId,
      files.map((f) => f.content),
    );
    await t.db.update(rawMessages).set({ status: 'parsed' }).where(inArray(rawMessages.id, ids));
    const stored = await t.db
      .select({ id: rawMessages.id, sha256: rawMessages.sha256 })
      .from(rawMessages)
      .where(inArray(rawMessages.id, ids));
    const sha = new Map(stored.map((s) => [s.id, s.sha256]));
    const items = files.map((f, i) => ({
      rawMessageId: ids[i]!,
      sha256: sha.get(ids[i]!)!,
      result: JSON.parse(JSON.stringify(parseBounce(f.content))) as ParseResult,
    }));
    const recipients = [
      ...new Set(items.flatMap((i) => (i.result.recipients as { recipient: string }[]).map((r) => r.recipient))),
    ].filter((r) => r.includes('@'));

    await enqueue(queues.sendEvents, 'sendEvents', {
      kind: 'send',
      tenantId,
      sends: recipients.map((recipient) => ({ recipient, sentAt: '2000-01-01T00:00:00Z' })),
    });
    await until(async () => {
      const [n] = await t.db.select({ n: count() }).from(sends).where(eq(sends.tenantId, tenantId));
      return n!.n === recipients.length;
    });

    await enqueue(queues.applyBounces, 'applyBounces', { tenantId, items });
    await until(async () => {
      const rows = await t.db
        .select({ status: rawMessages.status })
        .from(rawMessages)
        .where(inArray(rawMessages.id, ids));
      return rows.every((r) => r.status === 'applied' || r.status === 'manual');
    });

    // Every outbox event of the tenant reaches notify-events once (in batches, although the tenant has no
    // subscription: the recorder wants them all) and is consumed by the recorder.
    const [events] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.tenantId, tenantId));
    expect(events!.n).toBeGreaterThan(0);
    const recordedEvents = async () =>
      (await queues.notifyEvents.getCompleted()).flatMap((j) => j.returnvalue as RecordedEvent[]);
    await until(async () => (await recordedEvents()).length === events!.n);
    const recorded = await recordedEvents();
    expect(new Set(recorded.map((e) => e.eventId)).size).toBe(events!.n);
    expect(new Set(recorded.map((e) => e.type)).has('bounce.recorded')).toBe(true);
    expect(recorded.every((e) => e.found === true)).toBe(true);

    const base = `http://127.0.0.1:${proc.healthPort()}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/bounce_jobs_total\{queue="apply-bounces",outcome="completed",app="rules-worker"\} 1/);
    expect(metrics).toMatch(/bounce_jobs_total\{queue="send-events",outcome="completed",app="rules-worker"\} 1/);
    expect(metrics).toMatch(/bounce_bounces_total\{class="\w+",reason="\w+",outcome="applied",app="rules-worker"\}/);
    expect(metrics).toMatch(/bounce_outbox_published_total\{type="bounce.recorded",app="rules-worker"\} \d+/);
  });

  it('runs the maintenance tasks on their schedules, the reconciler re-enqueueing a stuck raw message', async () => {
    const tenantId = await newTestTenant(t.db);
    const [stuck] = await storeTestRawMessages(t.db, tenantId, [corpusMessages(21)[20]!.content]);
    await t.db
      .update(rawMessages)
      .set({ receivedAt: new Date(Date.now() - 60_000) })
      .where(eq(rawMessages.id, stuck!));
    await until(async () =>
      (await queues.parseMessages.getWaiting()).some((j) => j.data.rawMessageIds.includes(stuck!)),
    );
    await until(async () => {
      const tasks = new Set((await queues.maintenance.getCompleted()).map((j) => j.data.task));
      return (
        tasks.has('outbox-relay') &&
        tasks.has('reconcile-raw-messages') &&
        tasks.has('confirm-deliveries-by-grace') &&
        tasks.has('history-retention')
      );
    });
    const completed = await queues.maintenance.getCompleted();
    const grace = completed.find((j) => j.data.task === 'confirm-deliveries-by-grace');
    expect(grace!.returnvalue).toHaveProperty('examined');
    // The orphan check (bounces naming a missing raw message): every bounce here names its stored message.
    const retention = completed.find((j) => j.data.task === 'history-retention');
    expect(retention!.returnvalue).toMatchObject({ bouncesMissingRaw: 0 });
    const metrics = await (await fetch(`http://127.0.0.1:${proc.healthPort()}/metrics`)).text();
    expect(metrics).toMatch(/^bounce_bounces_missing_raw_message\{app="rules-worker"\} 0$/m);
  });
});
