import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@bounce/config';
import {
  bounces,
  contacts,
  handleSendEvent,
  insertWebhookSubscription,
  listArchivedMessages,
  outbox,
  rawMessages,
  upsertContacts,
} from '@bounce/db';
import {
  corpusMessages,
  createTestDatabase,
  newTestTenant,
  storeTestRawMessages,
  TEST_CORPUS_DIR,
  type TestDatabase,
} from '@bounce/db/testing';
import { type ParseResult, parseBounce } from '@bounce/parser';
import { closeQueues, createRedis, createWorker, enqueue, notifyEventRefs, openQueues, parseJob } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { pollUntil } from '@bounce/test-servers';
import type { Job, Worker } from 'bullmq';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplyBouncesHandler, createApplyFinalFailureHandler } from './apply-bounces.handler.js';
import { OutboxRelay } from './outbox-relay.js';
import { createRulesMetrics } from './rules-metrics.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const logger = createLogger({ name: 'test', level: 'silent' });
const prefix = `test-apply-${randomUUID()}`;
const queues = openQueues(['applyBounces', 'notifyEvents'], redis, prefix);
const registry = new Registry();
let t: TestDatabase;
let worker: Worker;
let relay: OutboxRelay;

beforeAll(async () => {
  t = await createTestDatabase('apply_worker_test');
  relay = new OutboxRelay(t.db, queues.notifyEvents, { batchSize: 100, logger });
  worker = createWorker(
    'applyBounces',
    createApplyBouncesHandler({ db: t.db, metrics: createRulesMetrics(registry), onApplied: () => relay.kick() }),
    {
      connection: redis,
      prefix,
      logger,
      onFinalFailure: createApplyFinalFailureHandler({
        db: t.db,
        applyQueue: queues.applyBounces,
        logger,
        splitAttempts: 1,
        splitBackoffMs: 10,
      }),
    },
  );
});

afterAll(async () => {
  await worker?.close();
  await relay?.idle();
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

function settled(jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const onEvent = (job: Job | undefined) => {
      if (job?.id !== jobId || (job.finishedOn === undefined && job.failedReason === undefined)) return;
      worker.off('completed', onEvent);
      worker.off('failed', onEvent);
      resolve(job);
    };
    worker.on('completed', onEvent);
    worker.on('failed', onEvent);
  });
}

/** The shared poll with this file's default deadline. */
const until = (condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) =>
  pollUntil(condition, { timeoutMs, intervalMs: 25 });

async function storeParsed(tenantId: string, files: { content: Buffer }[]) {
  const ids = await storeTestRawMessages(
    t.db,
    tenantId,
    files.map((f) => f.content),
  );
  await t.db.update(rawMessages).set({ status: 'parsed' }).where(inArray(rawMessages.id, ids));
  return files.map((f, i) => ({
    rawMessageId: ids[i]!,
    sha256: '',
    content: f.content,
    result: JSON.parse(JSON.stringify(parseBounce(f.content))) as ParseResult,
  }));
}

/** The sending system reported sends to these recipients: their bounces then match and are applied. */
async function recordSendsFor(tenantId: string, items: { result: ParseResult }[]) {
  const recipients = items
    .flatMap((i) => ((i.result.recipients ?? []) as { recipient: string }[]).map((r) => r.recipient))
    .filter((r) => r.includes('@'));
  await handleSendEvent(t.db, {
    kind: 'send',
    tenantId,
    sends: [...new Set(recipients)].map((recipient) => ({ recipient, sentAt: new Date('2000-01-01T00:00:00Z') })),
  });
}

async function rawStatuses(ids: string[]) {
  const rows = await t.db
    .select({ id: rawMessages.id, status: rawMessages.status, sha256: rawMessages.sha256 })
    .from(rawMessages)
    .where(inArray(rawMessages.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

describe('apply-bounces handler', () => {
  it('an auto-reply filed at no contact ends in the manual list (where the tenant keeps contacts), its events written', async () => {
    const content = readFileSync(join(TEST_CORPUS_DIR, 'rfc3834-01.eml'));
    const outcomes: Record<string, { status: string; error: string | null; archived: number; absent: number }> = {};
    for (const contact of ['someone-else@example.org', 'kijitora@example.net', null]) {
      const tenantId = await newTestTenant(t.db);
      if (contact) await upsertContacts(t.db, tenantId, [{ externalId: 'c-1', addresses: [{ address: contact }] }]);
      const [item] = await storeParsed(tenantId, [{ content }]);
      expect(item!.result.kind).toBe('auto-reply');
      await recordSendsFor(tenantId, [item!]);
      const stored = await rawStatuses([item!.rawMessageId]);
      const job = await enqueue(queues.applyBounces, 'applyBounces', {
        tenantId,
        items: [
          { rawMessageId: item!.rawMessageId, sha256: stored.get(item!.rawMessageId)!.sha256, result: item!.result },
        ],
      });
      expect((await settled(job.id!)).failedReason).toBeUndefined();
      const [raw] = await t.db.select().from(rawMessages).where(eq(rawMessages.id, item!.rawMessageId));
      const events = await t.db.select().from(outbox).where(eq(outbox.tenantId, tenantId));
      const [c] = await t.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, tenantId));
      outcomes[contact ?? 'none'] = {
        status: raw!.status,
        error: raw!.error,
        archived: c ? (await listArchivedMessages(t.db, tenantId, c.id)).length : 0,
        absent: events.filter((e) => e.type === 'address.absent').length,
      };
    }
    // Contacts, none of them the replying address: a person sees it, with the reason; the absence still counts.
    expect(outcomes['someone-else@example.org']).toEqual({
      status: 'manual',
      error: expect.stringMatching(/automatic reply that matches no contact/),
      archived: 0,
      absent: 1,
    });
    // Its contact: filed there, applied.
    expect(outcomes['kijitora@example.net']).toEqual({ status: 'applied', error: null, archived: 1, absent: 1 });
    // A tenant without contacts does not use the archive: applied as before.
    expect(outcomes.none).toMatchObject({ status: 'applied', archived: 0, absent: 1 });
  });

  it('applies a batch through the store, marks the raw messages applied and publishes the events', async () => {
    const tenantId = await newTestTenant(t.db);
    // A subscriber to every event: the relay enqueues only events somebody wants.
    await insertWebhookSubscription(t.db, { tenantId, url: 'https://hooks.example.com/x', secretEncrypted: 'unused' });
    const parsed = await storeParsed(tenantId, corpusMessages(40));
    const stored = await rawStatuses(parsed.map((p) => p.rawMessageId));
    const items = parsed
      .filter((p) => (p.result.recipients as unknown[]).length > 0)
      .map((p) => ({ rawMessageId: p.rawMessageId, sha256: stored.get(p.rawMessageId)!.sha256, result: p.result }));
    await recordSendsFor(tenantId, items);
    const job = await enqueue(queues.applyBounces, 'applyBounces', { tenantId, items });
    const done = await settled(job.id!);
    expect(done.failedReason).toBeUndefined();
    const summary = done.returnvalue as {
      applied: number;
      unmatched: number;
      duplicates: number;
      outboxEvents: number;
    };

    const [bounceRows] = await t.db.select({ n: count() }).from(bounces).where(eq(bounces.tenantId, tenantId));
    expect(bounceRows!.n).toBe(summary.applied + summary.unmatched);
    expect(bounceRows!.n).toBeGreaterThan(0);
    // Each message's final status agrees with its bounces, in the same commit: manual when one of its recipients
    // went to the manual-assignment list, applied otherwise.
    const after = await rawStatuses(items.map((i) => i.rawMessageId));
    const rows = await t.db
      .select({ rawMessageId: bounces.rawMessageId, state: bounces.state })
      .from(bounces)
      .where(eq(bounces.tenantId, tenantId));
    for (const item of items) {
      const states = rows.filter((r) => r.rawMessageId === item.rawMessageId).map((r) => r.state);
      expect(states.length).toBeGreaterThan(0);
      expect(after.get(item.rawMessageId)!.status).toBe(states.includes('unmatched') ? 'manual' : 'applied');
    }
    expect([...after.values()].filter((r) => r.status === 'applied').length).toBeGreaterThan(items.length / 2);
    expect(await registry.metrics()).toMatch(/bounce_bounces_total\{class="hard",reason="\w+",outcome="applied"\} \d+/);

    // The relay ran after the commit: every event of the tenant is on the notify queue, in batches.
    const [events] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.tenantId, tenantId));
    expect(events!.n).toBeGreaterThan(0);
    await until(async () => {
      const [left] = await t.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
      return left!.n === 0;
    });
    const queued = (await queues.notifyEvents.getJobs(['waiting', 'prioritized'])).flatMap((j) =>
      notifyEventRefs(parseJob('notifyEvents', j)),
    );
    expect(queued.filter((e) => e.tenantId === tenantId)).toHaveLength(events!.n);
    expect(await queues.notifyEvents.count()).toBeLessThan(events!.n);

    // Replayed (a duplicate job after a crash): nothing new is written.
    const replay = await enqueue(queues.applyBounces, 'applyBounces', { tenantId, items });
    const replayed = (await settled(replay.id!)).returnvalue as typeof summary;
    expect(replayed.applied).toBe(0);
    expect(replayed.duplicates).toBe(summary.applied + summary.unmatched);
    const [again] = await t.db.select({ n: count() }).from(bounces).where(eq(bounces.tenantId, tenantId));
    expect(again!.n).toBe(bounceRows!.n);
    const [eventsAgain] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.tenantId, tenantId));
    expect(eventsAgain!.n).toBe(events!.n);
  });

  it('isolates a poison item by splitting the failed batch: only it ends failed, the others are applied', async () => {
    const tenantId = await newTestTenant(t.db);
    const parsed = await storeParsed(tenantId, corpusMessages(45).slice(40));
    const stored = await rawStatuses(parsed.map((p) => p.rawMessageId));
    const items = parsed.map((p) => ({
      rawMessageId: p.rawMessageId,
      sha256: stored.get(p.rawMessageId)!.sha256,
      result: p.result,
    }));
    await recordSendsFor(tenantId, items);
    const poison = items[3]!;
    // A verdict the store can never apply although it fits the job contract (e.g. written by a buggy parser
    // version): PostgreSQL refuses the NUL character in text.
    expect(poison.result.recipients.length).toBeGreaterThan(0);
    poison.result = {
      ...poison.result,
      recipients: poison.result.recipients.map((r) => ({ ...r, diagnosticCode: 'buggy parser \u0000' })),
    };
    await enqueue(queues.applyBounces, 'applyBounces', { tenantId, items }, { attempts: 1 });
    await until(async () => {
      const s = await rawStatuses(items.map((i) => i.rawMessageId));
      return [...s.values()].every((r) => ['applied', 'manual', 'failed'].includes(r.status));
    });
    const after = await rawStatuses(items.map((i) => i.rawMessageId));
    for (const item of items) {
      if (item === poison) expect(after.get(item.rawMessageId)!.status).toBe('failed');
      else expect(['applied', 'manual']).toContain(after.get(item.rawMessageId)!.status);
    }
    const [failedRow] = await t.db
      .select({ error: rawMessages.error })
      .from(rawMessages)
      .where(eq(rawMessages.id, poison.rawMessageId));
    expect(failedRow!.error).toMatch(/^apply failed: /);
    // An operator learns of it: one high-priority processing.failed event, for the poison item only.
    const failedEvents = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenantId), eq(outbox.type, 'processing.failed')));
    expect(failedEvents).toHaveLength(1);
    expect(failedEvents[0]!.priority).toBe('high');
    expect(failedEvents[0]!.payload).toMatchObject({
      rawMessageId: poison.rawMessageId,
      stage: 'apply',
      error: failedRow!.error,
    });
  });
});
