import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import {
  createWebhookDeliveries,
  getWebhookDelivery,
  insertWebhookSubscription,
  listEvents,
  listWebhookAttempts,
  listWebhookDeliveries,
  outbox,
  recordWebhookAttempts,
  updateWebhookSubscription as updateSubscriptionRow,
  webhookDeliveries,
  webhookSecretContext,
  webhookSubscriptions,
} from '@bounce/db';
import { createQueue, enqueue } from '@bounce/queue';
import {
  BATCH_ID_HEADER,
  createWebhookSubscription,
  EVENT_COUNT_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  parseSignatureHeader,
  resendDelivery,
  rotateWebhookSecret,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  WEBHOOK_BATCH_PAYLOAD_VERSION,
  WEBHOOK_PAYLOAD_VERSION,
  WebhookServiceError,
  WebhookUrlError,
  webhookBatchPayloadSchema,
  webhookPayloadSchema,
} from '@bounce/webhooks';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileWebhookDeliveries } from './delivery-reconciler.js';
import {
  type Harness,
  startHarness,
  startWebhookReceiver,
  type WebhookReceiver,
  waitUntil,
} from './testing/harness.js';

let h: Harness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  h = await startHarness({ policy: { attempts: 4, baseDelayMs: 100, jitter: 0 }, http: { timeoutMs: 1_000 } });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await h?.close();
});

const deps = () => ({ db: h.db.db, secretBox: h.secretBox, urlGuard: { allowLoopback: true } });

async function subscribe(path: string, eventTypes: string[] = [], tenantId = 'acme') {
  const { subscription, secret } = await createWebhookSubscription(deps(), {
    tenantId,
    url: receiver.url(path),
    eventTypes,
  });
  return { subscription, secret };
}

const deliveryFor = async (subscriptionId: string, eventId: string) => {
  const page = await listWebhookDeliveries(h.db.db, 'acme', { subscriptionId, eventId });
  return page.items[0];
};

const bounceData = {
  bounce: {
    class: 'hard',
    reason: 'userunknown',
    status: '5.1.1',
    replyCode: 550,
    diagnosticCode: 'smtp; 550 5.1.1 no such user',
  },
  send: { id: '7d5b0f0e-3d7e-4d43-9f0e-8d2a3f4b5c6d', category: 'newsletter', messageId: '<m1@example.com>' },
};

describe('webhook fan-out and delivery', () => {
  it('delivers a signed, versioned payload to the subscriptions whose filter matches', async () => {
    const all = await subscribe('/all');
    const prefix = await subscribe('/prefix', ['address.*']);
    const exact = await subscribe('/exact', ['address.blocked']);
    const other = await subscribe('/other', ['invoice.undeliverable']);
    const disabled = await subscribe('/disabled');
    await updateSubscriptionRow(h.db.db, 'acme', disabled.subscription.id, { enabled: false });
    const otherTenant = await subscribe('/globex', [], 'globex');
    receiver.secrets = [all.secret, prefix.secret, exact.secret];

    const { eventId } = await h.emit({ type: 'address.blocked', address: 'user@example.com', payload: bounceData });
    await receiver.waitFor((r) => r.filter((x) => x.json.id === eventId).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing else arrives

    const got = receiver.received.filter((r) => r.json.id === eventId);
    expect(got.map((r) => r.path).sort()).toEqual(['/all', '/exact', '/prefix']);
    for (const r of got) {
      expect(r.verification.ok).toBe(true);
      expect(r.headers[EVENT_ID_HEADER.toLowerCase()]).toBe(eventId);
      expect(r.headers[EVENT_TYPE_HEADER.toLowerCase()]).toBe('address.blocked');
      expect(r.headers['content-type']).toBe('application/json');
      const payload = webhookPayloadSchema.parse(r.json);
      expect(payload).toMatchObject({
        id: eventId,
        type: 'address.blocked',
        version: WEBHOOK_PAYLOAD_VERSION,
        tenantId: 'acme',
        priority: 'normal',
        address: 'user@example.com',
        data: { bounce: bounceData.bounce, send: bounceData.send },
      });
    }
    // Every receiver got the same bytes: the body does not depend on the subscription.
    expect(new Set(got.map((r) => r.body)).size).toBe(1);

    await waitUntil(async () => (await deliveryFor(all.subscription.id, eventId))?.status === 'delivered');
    const delivery = await deliveryFor(all.subscription.id, eventId);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      eventType: 'address.blocked',
    });
    expect(await deliveryFor(other.subscription.id, eventId)).toBeUndefined();
    expect(await deliveryFor(disabled.subscription.id, eventId)).toBeUndefined();
    expect(
      (await listWebhookDeliveries(h.db.db, 'globex', { subscriptionId: otherTenant.subscription.id })).items,
    ).toEqual([]);

    // The event log lists the event by address; the attempt log has the outcome.
    const events = await listEvents(h.db.db, 'acme', { address: 'user@example.com' });
    expect(events.items.map((e) => e.eventId)).toContain(eventId);
    const attempts = await listWebhookAttempts(h.db.db, 'acme', delivery!.id);
    expect(attempts).toMatchObject([{ attempt: 1, statusCode: 200, outcome: 'delivered', error: null }]);
  });

  it('retries a receiver that fails and times out, then recovers; duplicates carry the same event id and body', async () => {
    const sub = await subscribe('/flaky', ['bounce.*']);
    receiver.secrets = [sub.secret];
    receiver.respond('/flaky', 503, () => {}, 200); // 503, then no answer (timeout), then 200
    const { eventId } = await h.emit({ type: 'bounce.recorded', address: 'flaky@example.com', payload: bounceData });

    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'retrying', 5_000);
    const retrying = await deliveryFor(sub.subscription.id, eventId);
    expect(retrying!.nextAttemptAt).not.toBeNull();
    expect(retrying!.lastStatusCode).toBe(503);

    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'delivered', 10_000);
    const got = receiver.received.filter((r) => r.path === '/flaky');
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.json.id))).toEqual(new Set([eventId]));
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(got.every((r) => r.verification.ok)).toBe(true);
    expect(got.map((r) => r.headers['x-bounce-attempt'])).toEqual(['1', '2', '3']);
    // Backoff: 100 ms, then 200 ms (+ the 1 s timeout of the second attempt).
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(90);
    expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(1_000 + 190);

    const delivery = await deliveryFor(sub.subscription.id, eventId);
    const attempts = await listWebhookAttempts(h.db.db, 'acme', delivery!.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 503, 'failed'],
      [2, null, 'failed'],
      [3, 200, 'delivered'],
    ]);
    expect(attempts[0]!.error).toContain('HTTP 503');
    expect(attempts[1]!.error).toMatch(/^timeout/);
  });

  it('keeps a delivery as failed after the last try; a re-send starts a new series with the same event id', async () => {
    const sub = await subscribe('/down', ['invoice.undeliverable']);
    receiver.secrets = [sub.secret];
    receiver.respond('/down', 500);
    const { eventId } = await h.emit({
      type: 'invoice.undeliverable',
      priority: 'high',
      address: 'billing@example.com',
      payload: { ...bounceData, category: 'invoice' },
    });
    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'failed', 10_000);
    const failed = await deliveryFor(sub.subscription.id, eventId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 500, nextAttemptAt: null });
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(4);

    const queue = h.notify.queues.webhookDeliveries;
    await expect(resendDelivery({ db: h.db.db, queue }, 'globex', failed!.id)).rejects.toMatchObject({
      code: 'not-found',
    });

    receiver.respond('/down', 200);
    // The queue is paused across the two clicks so the re-send is still in flight at the second one: over a
    // kept-alive connection on an idle machine the worker would deliver it first, and a delivered one may be re-sent.
    await queue.pause();
    const resent = await resendDelivery({ db: h.db.db, queue, attempts: 4 }, 'acme', failed!.id);
    expect(resent.delivery.status).toBe('pending');
    // Already in flight: a second click is refused.
    await expect(resendDelivery({ db: h.db.db, queue }, 'acme', failed!.id)).rejects.toBeInstanceOf(
      WebhookServiceError,
    );
    await queue.resume();

    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'delivered', 10_000);
    const got = receiver.received.filter((r) => r.path === '/down');
    expect(got).toHaveLength(5);
    expect(got[4]!.json).toMatchObject({ id: eventId, priority: 'high', type: 'invoice.undeliverable' });
    expect(got[4]!.body).toBe(got[0]!.body);
    const attempts = await listWebhookAttempts(h.db.db, 'acme', failed!.id);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(attempts.at(-1)).toMatchObject({ statusCode: 200, outcome: 'delivered' });

    // Delivered deliveries can be re-sent too (a receiver that lost data); the event id is the same again.
    await resendDelivery({ db: h.db.db, queue }, 'acme', failed!.id);
    await receiver.waitFor((r) => r.filter((x) => x.path === '/down').length === 6);
    expect(receiver.received.filter((r) => r.path === '/down')[5]!.json.id).toBe(eventId);
  });

  it('fails at once on 410 Gone', async () => {
    const sub = await subscribe('/gone', ['sender.blocked']);
    receiver.respond('/gone', 410);
    const { eventId } = await h.emit({
      type: 'sender.blocked',
      priority: 'high',
      payload: { receivingDomain: 'gmail.com' },
    });
    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'failed');
    expect(await deliveryFor(sub.subscription.id, eventId)).toMatchObject({ attempts: 1, lastStatusCode: 410 });
  });

  it('creates each delivery once when the same event is fanned out twice', async () => {
    const sub = await subscribe('/once', ['mailbox.disabled']);
    const { eventId } = await h.emit({ type: 'mailbox.disabled', priority: 'high', payload: { mailboxId: 'm1' } });
    await receiver.waitFor((r) => r.some((x) => x.json.id === eventId));
    // A second notify-events job for the same event (a relay that re-published it under another job id), in the
    // single-event shape relays enqueued before batching (jobs queued across an upgrade are still consumed).
    const [row] = (await listEvents(h.db.db, 'acme', { type: 'mailbox.disabled' })).items;
    const q = createQueue('notifyEvents', h.redis, h.prefix);
    const job = await enqueue(
      q,
      'notifyEvents',
      { outboxId: row!.id, eventId, tenantId: 'acme', type: 'mailbox.disabled' },
      { jobId: `${eventId}-again` },
    );
    await waitUntil(async () => (await job.getState()) === 'completed');
    await q.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === '/once')).toHaveLength(1);
    const rows = await h.db.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, sub.subscription.id));
    expect(rows).toHaveLength(1);
    // Recorded as handled, so the rules worker's reconciler never publishes it again (it would be harmless: above).
    const [handled] = await h.db.db.select({ at: outbox.handledAt }).from(outbox).where(eq(outbox.eventId, eventId));
    expect(handled!.at).toBeInstanceOf(Date);
  });

  it('fans out a batch of events in one job: each matching event delivered once, the others not at all', async () => {
    const sub = await subscribe('/batch', ['sender.*']);
    const rows = await h.db.db
      .insert(outbox)
      .values(
        ['sender.blocked', 'bounce.recorded', 'sender.blocked'].map((type, i) => ({
          tenantId: 'acme',
          type,
          priority: 'normal' as const,
          address: `batch${i}@example.com`,
          payload: { type, tenantId: 'acme' },
        })),
      )
      .returning();
    const q = createQueue('notifyEvents', h.redis, h.prefix);
    const job = await enqueue(q, 'notifyEvents', {
      events: rows.map((r) => ({ outboxId: r.id, eventId: r.eventId, tenantId: 'acme', type: r.type })),
    });
    await waitUntil(async () => (await job.getState()) === 'completed');
    await q.close();
    const wanted = rows.filter((r) => r.type === 'sender.blocked').map((r) => r.eventId);
    await receiver.waitFor((r) => wanted.every((id) => r.some((x) => x.path === '/batch' && x.json.id === id)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const got = receiver.received.filter((r) => r.path === '/batch').map((r) => r.json.id);
    expect(got.sort()).toEqual([...wanted].sort());
    expect(await deliveryFor(sub.subscription.id, rows[1]!.eventId)).toBeUndefined();
  });

  it('sends the first attempts of a fan-out as one batch job per subscription; a re-run sends nothing twice', async () => {
    const sub = await subscribe('/grouped', ['address.list_removed']);
    receiver.secrets = [sub.secret];
    receiver.respond('/grouped', 503, 200); // the first request fails once: its retry is a job of its own
    const rows = await h.db.db
      .insert(outbox)
      .values(
        [0, 1, 2].map((i) => ({
          tenantId: 'acme',
          type: 'address.list_removed',
          address: `grouped${i}@example.com`,
          payload: { type: 'address.list_removed', tenantId: 'acme' },
        })),
      )
      .returning();
    const notifyQueue = createQueue('notifyEvents', h.redis, h.prefix);
    await enqueue(notifyQueue, 'notifyEvents', {
      events: rows.map((r) => ({ outboxId: r.id, eventId: r.eventId, tenantId: 'acme', type: r.type })),
    });
    await notifyQueue.close();
    const deliveries = async () =>
      Promise.all(rows.map(async (r) => (await deliveryFor(sub.subscription.id, r.eventId))!));
    await waitUntil(async () => (await deliveries()).every((d) => d?.status === 'delivered'), 10_000);
    const got = receiver.received.filter((r) => r.path === '/grouped');
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.json.id))).toEqual(new Set(rows.map((r) => r.eventId)));
    expect(got.every((r) => r.verification.ok)).toBe(true);

    // One batch job carried the three first attempts; the failed one continued its series in its own job.
    const ids = (await deliveries()).map((d) => d.id);
    const queue = h.notify.queues.webhookDeliveries;
    // Both job shapes as plain records (the payload is a union).
    const jobs = (await queue.getJobs(['completed']))
      .map((j) => j.data as { deliveryIds?: string[]; deliveryId?: string; priorAttempts?: number })
      .filter((d) => ids.some((id) => d.deliveryIds?.includes(id) || d.deliveryId === id));
    const batches = jobs.filter((d) => d.deliveryIds);
    expect(batches).toHaveLength(1);
    expect([...batches[0]!.deliveryIds!].sort()).toEqual([...ids].sort());
    const retried = (await deliveries()).find((d) => d.attempts === 2)!;
    expect(jobs.filter((d) => d.deliveryId)).toEqual([{ deliveryId: retried.id, priorAttempts: 1 }]);
    const attempts = await listWebhookAttempts(h.db.db, 'acme', retried.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 503, 'failed'],
      [2, 200, 'delivered'],
    ]);
    const retriedRequests = got.filter((r) => r.headers['x-bounce-delivery-id'] === retried.id);
    expect(retriedRequests.map((r) => r.headers['x-bounce-attempt'])).toEqual(['1', '2']);

    // The same batch again (a job run twice after a crash): every delivery already has its attempt, nothing is sent.
    const again = await enqueue(queue, 'webhookDeliveries', { deliveryIds: ids }, { jobId: `again-${ids[0]}` });
    await waitUntil(async () => (await again.getState()) === 'completed');
    expect(await again.getState()).toBe('completed');
    expect(receiver.received.filter((r) => r.path === '/grouped')).toHaveLength(4);
  });

  it('payload version 2: one signed POST per batch, retried as one batch with the same batch id and bytes', async () => {
    const { subscription, secret } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: receiver.url('/v2'),
      eventTypes: ['address.reset'],
      payloadVersion: WEBHOOK_BATCH_PAYLOAD_VERSION,
    });
    expect(subscription.payloadVersion).toBe(2);
    receiver.secrets = [secret];
    receiver.respond('/v2', 503, 200); // the batch's first POST fails: the whole batch is retried together
    const rows = await h.db.db
      .insert(outbox)
      .values(
        [0, 1, 2].map((i) => ({
          tenantId: 'acme',
          type: 'address.reset',
          address: `v2-${i}@example.com`,
          payload: { type: 'address.reset', tenantId: 'acme', n: i },
        })),
      )
      .returning();
    const notifyQueue = createQueue('notifyEvents', h.redis, h.prefix);
    await enqueue(notifyQueue, 'notifyEvents', {
      events: rows.map((r) => ({ outboxId: r.id, eventId: r.eventId, tenantId: 'acme', type: r.type })),
    });
    await notifyQueue.close();
    const deliveries = async () => Promise.all(rows.map(async (r) => (await deliveryFor(subscription.id, r.eventId))!));
    await waitUntil(async () => (await deliveries()).every((d) => d?.status === 'delivered'), 10_000);

    const got = receiver.received.filter((r) => r.path === '/v2');
    expect(got).toHaveLength(2);
    expect(got.every((r) => r.verification.ok)).toBe(true);
    expect(got.map((r) => r.headers['x-bounce-attempt'])).toEqual(['1', '2']);
    // The retry is the same batch: same id in header and body, same bytes.
    expect(got[0]!.body).toBe(got[1]!.body);
    const batch = webhookBatchPayloadSchema.parse(got[0]!.json);
    expect(got.map((r) => r.headers[BATCH_ID_HEADER.toLowerCase()])).toEqual([batch.id, batch.id]);
    expect(got[0]!.headers[EVENT_COUNT_HEADER.toLowerCase()]).toBe('3');
    expect(batch).toMatchObject({ version: 2, tenantId: 'acme' });
    expect(batch.events.map((e) => e.id)).toEqual(rows.map((r) => r.eventId));
    expect(batch.events[1]).toMatchObject({ type: 'address.reset', address: 'v2-1@example.com', data: { n: 1 } });
    // Each delivery keeps its own record: two attempts, the first refused.
    for (const d of await deliveries()) {
      const attempts = await listWebhookAttempts(h.db.db, 'acme', d.id);
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
        [1, 503, 'failed'],
        [2, 200, 'delivered'],
      ]);
    }
  });

  it('a batch job run again after its retry was recorded but not enqueued enqueues the retry', async () => {
    const sub = await subscribe('/healed', ['address.list_removed']);
    receiver.secrets = [sub.secret];
    const { eventId } = await h.emit({ type: 'address.list_removed', address: 'healed@example.com' });
    await receiver.waitFor((r) => r.some((x) => x.path === '/healed'));
    // A delivery whose first attempt the batch recorded as retrying, the process dying before the retry job was added.
    const [row] = await h.db.db
      .insert(outbox)
      .values({ tenantId: 'acme', type: 'address.list_removed', address: 'healed2@example.com', payload: {} })
      .returning();
    const [delivery] = await createWebhookDeliveries(h.db.db, {
      tenantId: 'acme',
      eventId: row!.eventId,
      subscriptionIds: [sub.subscription.id],
    });
    await recordWebhookAttempts(h.db.db, [
      {
        deliveryId: delivery!.id,
        statusCode: 503,
        error: 'HTTP 503',
        durationMs: 3,
        status: 'retrying',
        nextAttemptAt: new Date(),
      },
    ]);
    await enqueue(h.notify.queues.webhookDeliveries, 'webhookDeliveries', { deliveryIds: [delivery!.id] });
    await waitUntil(async () => (await getWebhookDelivery(h.db.db, 'acme', delivery!.id))?.status === 'delivered');
    const sent = receiver.received.filter((r) => r.path === '/healed' && r.json.id === row!.eventId);
    expect(sent.map((r) => r.headers['x-bounce-attempt'])).toEqual(['2']);
    expect(receiver.received.filter((r) => r.path === '/healed' && r.json.id === eventId)).toHaveLength(1);
  });

  it('the reconciler gives deliveries whose job Redis lost a new one: each delivered once, its series continued', async () => {
    const sub = await subscribe('/lost', ['address.list_removed']);
    receiver.secrets = [sub.secret];
    const rows = await h.db.db
      .insert(outbox)
      .values(
        ['retry', 'first', 'fresh'].map((k) => ({
          tenantId: 'acme',
          type: 'address.list_removed',
          address: `lost-${k}@example.com`,
          payload: {},
        })),
      )
      .returning();
    const [retry, first, fresh] = await Promise.all(
      rows.map(
        async (r) =>
          (
            await createWebhookDeliveries(h.db.db, {
              tenantId: 'acme',
              eventId: r.eventId,
              subscriptionIds: [sub.subscription.id],
            })
          )[0]!,
      ),
    );
    // A retry due a minute ago whose delayed job a failover dropped; a first attempt whose batch job was lost; and a
    // delivery created just now (its batch job may simply be waiting): none of them has a job.
    await recordWebhookAttempts(h.db.db, [
      {
        deliveryId: retry!.id,
        statusCode: 503,
        error: 'HTTP 503',
        durationMs: 3,
        status: 'retrying',
        nextAttemptAt: new Date(Date.now() - 60_000),
      },
    ]);
    await h.db.db
      .update(webhookDeliveries)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(webhookDeliveries.id, first!.id));
    const deps = {
      db: h.db.db,
      webhookQueue: h.notify.queues.webhookDeliveries,
      policy: { attempts: 4 },
      log: createLogger({ name: 'reconcile-test', level: 'silent' }),
    };
    expect(await reconcileWebhookDeliveries(deps, { overdueMs: 30_000 })).toEqual({ reenqueued: 2 });
    // A second tick before the jobs ran finds the same state: the same job ids, nothing added twice.
    await reconcileWebhookDeliveries(deps, { overdueMs: 30_000 });
    await waitUntil(async () =>
      (await Promise.all([retry, first].map((d) => getWebhookDelivery(h.db.db, 'acme', d!.id)))).every(
        (d) => d?.status === 'delivered',
      ),
    );
    const sent = (eventId: string) =>
      receiver.received
        .filter((r) => r.path === '/lost' && r.json.id === eventId)
        .map((r) => r.headers['x-bounce-attempt']);
    expect(sent(rows[0]!.eventId)).toEqual(['2']);
    expect(sent(rows[1]!.eventId)).toEqual(['1']);
    expect(sent(rows[2]!.eventId)).toEqual([]);
    expect((await getWebhookDelivery(h.db.db, 'acme', fresh!.id))?.status).toBe('pending');
    // The lost retry's new job continued the series (priorAttempts 1, the attempts the policy had left).
    const job = (await h.notify.queues.webhookDeliveries.getJobs(['completed'])).find(
      (j) => (j.data as { deliveryId?: string }).deliveryId === retry!.id,
    );
    expect(job?.data).toEqual({ deliveryId: retry!.id, priorAttempts: 1 });
    expect(job?.opts.attempts).toBe(3);
  });

  it('two jobs holding one delivery (a lost job turning up after all) send it once: the claim decides', async () => {
    const sub = await subscribe('/claimed', ['address.list_removed']);
    receiver.secrets = [sub.secret];
    const rows = await h.db.db
      .insert(outbox)
      .values(
        [0, 1, 2, 3].map((i) => ({
          tenantId: 'acme',
          type: 'address.list_removed',
          address: `claimed${i}@example.com`,
          payload: {},
        })),
      )
      .returning();
    const ids: string[] = [];
    for (const r of rows) {
      const [d] = await createWebhookDeliveries(h.db.db, {
        tenantId: 'acme',
        eventId: r.eventId,
        subscriptionIds: [sub.subscription.id],
      });
      ids.push(d!.id);
    }
    // A batch job and, at the same moment, a job of its own for each delivery (as the reconciler would enqueue).
    const queue = h.notify.queues.webhookDeliveries;
    await Promise.all([
      enqueue(queue, 'webhookDeliveries', { deliveryIds: ids }),
      ...ids.map((deliveryId) => enqueue(queue, 'webhookDeliveries', { deliveryId }, { jobId: `dup-${deliveryId}` })),
    ]);
    await waitUntil(async () =>
      (await Promise.all(ids.map((id) => getWebhookDelivery(h.db.db, 'acme', id)))).every(
        (d) => d?.status === 'delivered',
      ),
    );
    await waitUntil(async () => (await queue.getJobCounts('active', 'waiting')).active === 0);
    const got = receiver.received.filter((r) => r.path === '/claimed');
    expect(got.map((r) => r.json.id).sort()).toEqual(rows.map((r) => r.eventId).sort());
    for (const id of ids) expect(await listWebhookAttempts(h.db.db, 'acme', id)).toHaveLength(1);
  });

  it('rotates secrets: both signatures while the previous secret is active, only the new one after it expires', async () => {
    const sub = await subscribe('/rotate', ['address.unblocked']);
    const oldSecret = sub.secret;
    const rotated = await rotateWebhookSecret(deps(), 'acme', sub.subscription.id, { previousSecretTtlMs: 3_600_000 });
    expect(rotated.secret).not.toBe(oldSecret);
    expect(rotated.subscription.previousSecretExpiresAt).not.toBeNull();

    receiver.secrets = [oldSecret]; // a receiver that has not switched yet
    const first = await h.emit({ type: 'address.unblocked', address: 'r@example.com' });
    const isFirst = (x: { path: string; json: Record<string, unknown> }) =>
      x.path === '/rotate' && x.json.id === first.eventId;
    await receiver.waitFor((r) => r.some(isFirst));
    const during = receiver.received.find(isFirst)!;
    const header = String(during.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(during.verification.ok).toBe(true);
    expect(verifyWebhookSignature({ body: during.body, header, secrets: rotated.secret }).ok).toBe(true);

    // The overlap ends (expiry in the past): only the new secret signs; the old one no longer verifies.
    await h.db.db
      .update(webhookSubscriptions)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(webhookSubscriptions.id, sub.subscription.id));
    const second = await h.emit({ type: 'address.unblocked', address: 'r@example.com' });
    const isSecond = (x: { path: string; json: Record<string, unknown> }) =>
      x.path === '/rotate' && x.json.id === second.eventId;
    await receiver.waitFor((r) => r.some(isSecond));
    const after = receiver.received.find(isSecond)!;
    const afterHeader = String(after.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(parseSignatureHeader(afterHeader)?.signatures).toHaveLength(1);
    expect(after.verification).toMatchObject({ ok: false, reason: 'no-matching-signature' });
    expect(verifyWebhookSignature({ body: after.body, header: afterHeader, secrets: rotated.secret }).ok).toBe(true);
  });

  it('refuses SSRF targets when subscribing and again at delivery time', async () => {
    const strict = { db: h.db.db, secretBox: h.secretBox, urlGuard: { allowLoopback: false } };
    for (const url of [
      receiver.url('/x'),
      'http://localhost:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'ftp://example.com/',
    ]) {
      const err = await createWebhookSubscription(strict, { tenantId: 'acme', url }).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(WebhookUrlError);
    }
    const err = await createWebhookSubscription(strict, {
      tenantId: 'acme',
      url: 'https://ok.example/',
      eventTypes: ['Bad Type'],
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid-input' });
    // Nothing was stored for the refused ones.
    const stored = await h.db.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.url, 'http://10.0.0.1/'));
    expect(stored).toEqual([]);

    // A row that bypassed validation (or a URL whose DNS changed) is refused by the worker: failed, no retries.
    const subId = randomUUID();
    const sub = await insertWebhookSubscription(h.db.db, {
      id: subId,
      tenantId: 'acme',
      url: 'http://169.254.169.254/latest/meta-data/',
      eventTypes: ['processing.failed'],
      secretEncrypted: h.secretBox.encrypt('whsec_x', webhookSecretContext(subId)),
    });
    const { eventId } = await h.emit({ type: 'processing.failed', payload: { error: 'x' } });
    await waitUntil(async () => (await deliveryFor(sub.id, eventId))?.status === 'failed');
    const delivery = await deliveryFor(sub.id, eventId);
    expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: null });
    // An IP literal is the tenant's own text; the kind of address is named (a name's resolved address never is).
    expect(delivery!.lastError).toMatch(/^forbidden-address: 169\.254\.169\.254 is a forbidden address \(link-local/);
  });

  it('caps the response read and still records the status', async () => {
    const sub = await subscribe('/huge', ['address.reset']);
    receiver.respond('/huge', (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 'x'));
    });
    const { eventId } = await h.emit({ type: 'address.reset', address: 'big@example.com' });
    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'delivered');
  });

  it('marks deliveries of a subscription disabled in the meantime as failed without sending', async () => {
    const sub = await subscribe('/later', ['domain.blocked']);
    receiver.respond('/later', () => {}); // the first attempt hangs until the timeout, then a retry is scheduled
    const { eventId } = await h.emit({ type: 'domain.blocked', payload: { domain: 'example.org' } });
    await receiver.waitFor((r) => r.some((x) => x.path === '/later'));
    // Disabled while the first attempt is in flight: the retry finds it disabled.
    await updateSubscriptionRow(h.db.db, 'acme', sub.subscription.id, { enabled: false });
    await waitUntil(async () => (await deliveryFor(sub.subscription.id, eventId))?.status === 'failed', 5_000);
    const d = await getWebhookDelivery(h.db.db, 'acme', (await deliveryFor(sub.subscription.id, eventId))!.id);
    expect(d).toMatchObject({ attempts: 1, lastError: 'subscription disabled' });
    expect(receiver.received.filter((r) => r.path === '/later')).toHaveLength(1);
  });
});
