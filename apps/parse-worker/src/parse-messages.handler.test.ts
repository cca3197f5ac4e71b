import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { contacts, listArchivedMessages, loadRawContents, rawMessages, upsertContacts } from '@bounce/db';
import {
  corpusMessages,
  createTestDatabase,
  newTestTenant,
  storeTestRawMessages,
  type TestDatabase,
} from '@bounce/db/testing';
import { parseBounce } from '@bounce/parser';
import { closeQueues, createRedis, createWorker, enqueue, openQueues, parseJob } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { SENDER_EVIDENCE_HEADERS, senderEvidenceSourceOf } from '@bounce/sender-health';
import type { Job, Worker } from 'bullmq';
import { eq, inArray } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParseMessagesHandler } from './parse-messages.handler.js';
import { createParseMetrics } from './parse-metrics.js';
import { routeParseResult } from './parse-routing.js';
import { ParserThreads } from './parser-threads.js';

const prefix = `test-parse-${randomUUID()}`;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const queues = openQueues(['parseMessages', 'applyBounces'], redis, prefix);
const logger = createLogger({ name: 'test', level: 'silent' });
const MAX_BYTES = 256 * 1024;
let t: TestDatabase;
let worker: Worker;
const registry = new Registry();

beforeAll(async () => {
  t = await createTestDatabase('parse_worker_test');
  worker = createWorker(
    'parseMessages',
    createParseMessagesHandler({
      db: t.db,
      applyQueue: queues.applyBounces,
      parseOptions: { maxBytes: MAX_BYTES },
      metrics: createParseMetrics(registry),
      // Small chunks so the 60-message batch is read in several rounds.
      chunkBytes: 64 * 1024,
    }),
    { connection: redis, prefix, logger, concurrency: 2 },
  );
});

afterAll(async () => {
  await worker?.close();
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

function completion(jobId: string): Promise<Job> {
  return new Promise((resolve, reject) => {
    const onDone = (job: Job) => {
      if (job.id !== jobId) return;
      worker.off('completed', onDone);
      resolve(job);
    };
    worker.on('completed', onDone);
    worker.on('failed', (job, err) => {
      if (job?.id === jobId) reject(err);
    });
  });
}

async function statuses(ids: string[]): Promise<Map<string, { status: string; error: string | null }>> {
  const rows = await t.db
    .select({ id: rawMessages.id, status: rawMessages.status, error: rawMessages.error })
    .from(rawMessages)
    .where(inArray(rawMessages.id, ids));
  return new Map(rows.map((r) => [r.id, { status: r.status, error: r.error }]));
}

describe('parse-messages handler', () => {
  it('parses stored corpus messages, marks them parsed and enqueues one apply job with their verdicts', async () => {
    const tenantId = await newTestTenant(t.db);
    const corpus = corpusMessages(60);
    const ids = await storeTestRawMessages(
      t.db,
      tenantId,
      corpus.map((c) => c.content),
    );
    const job = await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: ids });
    const done = await completion(job.id!);

    // Expected routes computed from the parser directly, message by message.
    const expectedApply = ids.filter((_, i) => routeParseResult(parseBounce(corpus[i]!.content)).route === 'apply');
    expect(expectedApply.length).toBeGreaterThan(50); // the dev corpus is made of real bounces
    expect(done.returnvalue).toMatchObject({ parsed: expectedApply.length, manual: ids.length - expectedApply.length });

    const applyJobs = await queues.applyBounces.getWaiting();
    expect(applyJobs).toHaveLength(1);
    const apply = parseJob('applyBounces', applyJobs[0]!);
    expect(applyJobs[0]!.id).toBe(done.returnvalue.applyJobId);
    expect(apply.tenantId).toBe(tenantId);
    expect(apply.items.map((i) => i.rawMessageId)).toEqual(expectedApply); // job order kept
    const first = apply.items[0]!;
    const firstIndex = ids.indexOf(first.rawMessageId);
    expect(first.result).toEqual(JSON.parse(JSON.stringify(parseBounce(corpus[firstIndex]!.content))));

    const after = await statuses(ids);
    for (const id of ids) expect(after.get(id)!.status).toBe(expectedApply.includes(id) ? 'parsed' : 'manual');
    // A sender-side bounce keeps what its diagnosis reads (the notification worker then parses nothing again).
    const evidence = await t.db
      .select({ id: rawMessages.id, senderEvidence: rawMessages.senderEvidence })
      .from(rawMessages)
      .where(inArray(rawMessages.id, ids));
    const expectedEvidence = new Map(
      ids.map((id, i) => {
        const source = senderEvidenceSourceOf(
          parseBounce(corpus[i]!.content, { originalHeaders: SENDER_EVIDENCE_HEADERS }),
        );
        return [id, expectedApply.includes(id) && source ? JSON.parse(JSON.stringify(source)) : null];
      }),
    );
    expect([...expectedEvidence.values()].filter(Boolean).length).toBeGreaterThan(0);
    for (const row of evidence) expect(row.senderEvidence).toEqual(expectedEvidence.get(row.id));
    expect(await registry.metrics()).toMatch(/bounce_parsed_recipients_total\{class="hard",reason="userunknown"\} \d+/);

    // The same job run again (a retry after a crash before completion): rows still `parsed` are parsed again and
    // the apply job gets the same id, which BullMQ ignores: still one apply job.
    const handler = createParseMessagesHandler({
      db: t.db,
      applyQueue: queues.applyBounces,
      parseOptions: { maxBytes: MAX_BYTES },
    });
    const again = await handler(parseJob('parseMessages', done), {
      job: done,
      signal: new AbortController().signal,
      log: logger,
    });
    expect(again.applyJobId).toBe(done.returnvalue.applyJobId);
    expect(again.parsed).toBe(expectedApply.length);
    expect(await queues.applyBounces.getWaitingCount()).toBe(1);
    await queues.applyBounces.drain();
  });

  it('sends garbage to manual without blocking the good messages of the same batch or the next job', async () => {
    const tenantId = await newTestTenant(t.db);
    const [good] = corpusMessages(1);
    const garbage = [randomBytes(4096), Buffer.from(''), Buffer.from('Subject: hello\r\n\r\nJust a normal mail.\r\n')];
    const ids = await storeTestRawMessages(t.db, tenantId, [garbage[0]!, good!.content, garbage[1]!, garbage[2]!]);
    const job = await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: ids });
    const next = await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: [ids[1]!] });
    const [done] = await Promise.all([completion(job.id!), completion(next.id!)]);
    expect(done.returnvalue).toMatchObject({ parsed: 1, manual: 3 });
    const after = await statuses(ids);
    expect(after.get(ids[1]!)!.status).toBe('parsed');
    for (const id of [ids[0]!, ids[2]!, ids[3]!]) {
      expect(after.get(id)!.status).toBe('manual');
      expect(after.get(id)!.error).toBeTruthy();
    }
    expect(after.get(ids[3]!)!.error).toBe('not a bounce');
    await queues.applyBounces.drain();
  });

  it('files mail someone wrote at the contact of its sender (final: applied); from a stranger it goes to manual', async () => {
    const tenantId = await newTestTenant(t.db);
    await upsertContacts(t.db, tenantId, [{ externalId: 'crm-7', addresses: [{ address: 'jane@customer.example' }] }]);
    const answer = (from: string) =>
      Buffer.from(`From: ${from}\r\nTo: billing@app.test\r\nSubject: Re: Invoice 42\r\n\r\nPaid today, thanks.\r\n`);
    const ids = await storeTestRawMessages(t.db, tenantId, [
      answer('Jane <Jane@Customer.example>'),
      answer('stranger@else.example'),
    ]);
    const handler = createParseMessagesHandler({
      db: t.db,
      applyQueue: queues.applyBounces,
      parseOptions: { maxBytes: MAX_BYTES },
    });
    const job = { id: `reply-${randomUUID()}` } as Job;
    const result = await handler(
      { tenantId, rawMessageIds: ids },
      { job, signal: new AbortController().signal, log: logger },
    );
    expect(result).toMatchObject({ parsed: 0, archived: 1, manual: 1, applyJobId: null });
    const after = await statuses(ids);
    expect(after.get(ids[0]!)!.status).toBe('applied');
    expect(after.get(ids[1]!)).toMatchObject({ status: 'manual', error: 'not a bounce' });
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    const [filed] = await listArchivedMessages(t.db, tenantId, contact!.id);
    expect(filed).toMatchObject({ kind: 'reply', address: 'jane@customer.example', subject: 'Re: Invoice 42' });
  });

  it('skips rows already past parsing and ids of another tenant', async () => {
    const tenantId = await newTestTenant(t.db);
    const other = await newTestTenant(t.db);
    const [a, b] = corpusMessages(3).slice(1);
    const [appliedId] = await storeTestRawMessages(t.db, tenantId, [a!.content]);
    await t.db
      .update(rawMessages)
      .set({ status: 'applied' })
      .where(inArray(rawMessages.id, [appliedId!]));
    const [foreignId] = await storeTestRawMessages(t.db, other, [b!.content]);
    const job = await enqueue(queues.parseMessages, 'parseMessages', {
      tenantId,
      rawMessageIds: [appliedId!, foreignId!],
    });
    const done = await completion(job.id!);
    expect(done.returnvalue).toEqual({ parsed: 0, manual: 0, archived: 0, skipped: 1, missing: 1, applyJobId: null });
    expect((await statuses([appliedId!, foreignId!])).get(foreignId!)!.status).toBe('received');
    expect(await queues.applyBounces.getWaitingCount()).toBe(0);
  });

  it('reads at most the cap of an oversized message and still classifies it', async () => {
    const tenantId = await newTestTenant(t.db);
    const [bounce] = corpusMessages(1);
    // A bounce returning a 3 MB attachment: the verdict is near the top.
    const huge = Buffer.concat([bounce!.content, Buffer.from(`\r\n${'A'.repeat(76)}\r\n`.repeat(40_000))]);
    const [id] = await storeTestRawMessages(t.db, tenantId, [huge]);
    const contents = await loadRawContents(t.db, [id!], MAX_BYTES);
    expect(contents.get(id!)!.length).toBe(MAX_BYTES + 1);
    const job = await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: [id!] });
    const done = await completion(job.id!);
    expect(done.returnvalue).toMatchObject({ parsed: 1, manual: 0 });
    const [apply] = await queues.applyBounces.getWaiting();
    const item = parseJob('applyBounces', apply!).items[0]!;
    expect(item.result.truncated).toBe(true);
    expect((item.result.recipients as unknown[]).length).toBeGreaterThan(0);
    await queues.applyBounces.drain();
  });

  it('a message over the parse budget goes to manual as a parse failure, once: the job completes, the batch goes on', async () => {
    const tenantId = await newTestTenant(t.db);
    const [good] = corpusMessages(1);
    const hang = 'X-Test-Hang: yes';
    const hung = Buffer.from(`${hang}\r\nSubject: parser bug\r\n\r\nnever returns\r\n`);
    const ids = await storeTestRawMessages(t.db, tenantId, [hung, good!.content]);
    const threads = new ParserThreads({ threads: 1, budgetMs: 1_000, hangMarker: hang });
    try {
      const handler = createParseMessagesHandler({
        db: t.db,
        applyQueue: queues.applyBounces,
        parseOptions: { maxBytes: MAX_BYTES },
        parseMany: threads.parseMany,
      });
      // Called directly (the suite's queue worker parses in place, without a budget).
      const job = { id: `budget-${tenantId}` } as Job;
      const payload = { tenantId, rawMessageIds: ids };
      const context = { job, signal: new AbortController().signal, log: logger };
      const result = await handler(payload, context);
      expect(result).toMatchObject({ parsed: 1, manual: 1 });
      const after = await statuses(ids);
      expect(after.get(ids[0]!)).toEqual({ status: 'manual', error: expect.stringMatching(/budget of 1000 ms/) });
      expect(after.get(ids[1]!)!.status).toBe('parsed');
      // Run again (a retry of the job): the message over budget is past parsing now and is not parsed again.
      const again = await handler(payload, context);
      expect(again).toMatchObject({ manual: 0, skipped: 1 });
      expect(threads.overBudget).toBe(1);
    } finally {
      await threads.close();
      await queues.applyBounces.drain();
    }
  }, 60_000);
});
