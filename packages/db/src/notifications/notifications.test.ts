import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, tenants, webhookAttempts, webhookDeliveries } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { getEvent, getEventsByIds, listEvents } from './event-log.js';
import {
  createOperatorSubscription,
  deleteOperatorSubscription,
  listEnabledOperatorSubscriptions,
  listOperatorSubscriptions,
  updateOperatorSubscription,
} from './operator-subscriptions.js';
import {
  createWebhookDeliveries,
  failWebhookDelivery,
  getWebhookDelivery,
  listWebhookAttempts,
  listWebhookDeliveries,
  loadDeliveriesForAttempt,
  loadDeliveryForAttempt,
  markWebhookDeliveryForResend,
  recordWebhookAttempt,
  recordWebhookAttempts,
  revertWebhookDeliveryResend,
} from './webhook-deliveries.js';
import {
  deleteWebhookSubscription,
  getWebhookSubscription,
  insertWebhookSubscription,
  listEnabledWebhookSubscriptions,
  listWebhookSubscriptions,
  rotateWebhookSubscriptionSecret,
  updateWebhookSubscription,
} from './webhook-subscriptions.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('notif_db');
  await t.db.insert(tenants).values([
    { id: 'acme', name: 'Acme' },
    { id: 'other', name: 'Other' },
  ]);
});

afterAll(async () => {
  await t?.drop();
});

async function addEvent(
  tenantId: string,
  type: string,
  address: string | null,
  createdAt = new Date(),
): Promise<{ eventId: string; id: number }> {
  const [row] = await t.db
    .insert(outbox)
    .values({ tenantId, type, address, payload: { type, n: Math.random() }, createdAt })
    .returning({ eventId: outbox.eventId, id: outbox.id });
  return row!;
}

describe('event log', () => {
  it('lists events newest first, filtered by address, type (exact or prefix) and time, paged by cursor', async () => {
    const base = Date.UTC(2025, 0, 1);
    const at = (min: number) => new Date(base + min * 60_000);
    await addEvent('acme', 'bounce.recorded', 'a@example.com', at(0));
    await addEvent('acme', 'address.blocked', 'a@example.com', at(1));
    await addEvent('acme', 'address.list_removed', 'b@example.com', at(2));
    await addEvent('acme', 'sender.blocked', null, at(3));
    await addEvent('acme', 'address.unblocked', 'a@example.com', at(4));
    await addEvent('other', 'address.blocked', 'a@example.com', at(5));

    const all = await listEvents(t.db, 'acme', { from: at(0), to: at(10) });
    expect(all.items.map((e) => e.type)).toEqual([
      'address.unblocked',
      'sender.blocked',
      'address.list_removed',
      'address.blocked',
      'bounce.recorded',
    ]);
    expect(all.nextCursor).toBeNull();

    const byAddress = await listEvents(t.db, 'acme', { address: ' A@Example.com ' });
    expect(byAddress.items.map((e) => e.type)).toEqual(['address.unblocked', 'address.blocked', 'bounce.recorded']);

    const prefix = await listEvents(t.db, 'acme', { type: 'address.*' });
    expect(prefix.items.map((e) => e.type)).toEqual(['address.unblocked', 'address.list_removed', 'address.blocked']);
    // `_` in list_removed is a literal, not a LIKE wildcard.
    expect((await listEvents(t.db, 'acme', { type: 'address.list_removed' })).items).toHaveLength(1);
    expect((await listEvents(t.db, 'acme', { type: 'address.list*' })).items).toHaveLength(0);

    const window = await listEvents(t.db, 'acme', { from: at(1), to: at(3) });
    expect(window.items.map((e) => e.type)).toEqual(['address.list_removed', 'address.blocked']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(t.db, 'acme', { from: at(0), to: at(10), limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.eventId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.eventId));

    await expect(listEvents(t.db, 'acme', { cursor: 'garbage' })).rejects.toBeInstanceOf(StoreError);
  });

  it('finds events by id within the tenant only', async () => {
    const e = await addEvent('acme', 'bounce.unmatched', null);
    expect((await getEvent(t.db, e.eventId))?.type).toBe('bounce.unmatched');
    expect(await getEvent(t.db, e.eventId, 'other')).toBeNull();
    expect((await getEventsByIds(t.db, 'acme', [e.eventId, randomUUID()])).map((r) => r.eventId)).toEqual([e.eventId]);
    expect(await getEventsByIds(t.db, 'other', [e.eventId])).toEqual([]);
  });
});

describe('webhook subscriptions', () => {
  it('creates, lists per tenant, updates, rotates and deletes', async () => {
    const sub = await insertWebhookSubscription(t.db, {
      tenantId: 'acme',
      url: 'https://hooks.example.com/a',
      eventTypes: ['address.*'],
      secretEncrypted: 'enc-1',
    });
    expect(sub).toMatchObject({ enabled: true, eventTypes: ['address.*'], previousSecretEncrypted: null });
    expect((await listWebhookSubscriptions(t.db, 'acme')).map((s) => s.id)).toContain(sub.id);
    expect(await listWebhookSubscriptions(t.db, 'other')).toEqual([]);
    expect(await getWebhookSubscription(t.db, 'other', sub.id)).toBeNull();

    const updated = await updateWebhookSubscription(t.db, 'acme', sub.id, { enabled: false, description: 'ops' });
    expect(updated).toMatchObject({ enabled: false, description: 'ops', url: 'https://hooks.example.com/a' });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(sub.updatedAt.getTime());
    expect((await listEnabledWebhookSubscriptions(t.db, 'acme')).map((s) => s.id)).not.toContain(sub.id);
    expect(await updateWebhookSubscription(t.db, 'other', sub.id, { enabled: true })).toBeNull();

    const expires = new Date(Date.now() + 3_600_000);
    const rotated = await rotateWebhookSubscriptionSecret(t.db, 'acme', sub.id, {
      secretEncrypted: 'enc-2',
      previousExpiresAt: expires,
    });
    expect(rotated).toMatchObject({
      secretEncrypted: 'enc-2',
      previousSecretEncrypted: 'enc-1',
      previousSecretExpiresAt: expires,
    });

    expect(await deleteWebhookSubscription(t.db, 'other', sub.id)).toBe(false);
    expect(await deleteWebhookSubscription(t.db, 'acme', sub.id)).toBe(true);
    expect(await getWebhookSubscription(t.db, 'acme', sub.id)).toBeNull();
  });
});

describe('webhook deliveries and attempts', () => {
  it('creates deliveries idempotently and returns those still to send', async () => {
    const s1 = await insertWebhookSubscription(t.db, {
      tenantId: 'acme',
      url: 'https://a.example.com/',
      secretEncrypted: 'x',
    });
    const s2 = await insertWebhookSubscription(t.db, {
      tenantId: 'acme',
      url: 'https://b.example.com/',
      secretEncrypted: 'x',
    });
    const e = await addEvent('acme', 'address.blocked', 'idem@example.com');
    const first = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: e.eventId,
      subscriptionIds: [s1.id, s2.id],
    });
    expect(first).toHaveLength(2);
    // A re-run (retried fan-out) creates nothing new but still reports the unsent ones.
    const again = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: e.eventId,
      subscriptionIds: [s1.id, s2.id],
    });
    expect(again.map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort());
    await recordWebhookAttempt(t.db, {
      deliveryId: first[0]!.id,
      statusCode: 200,
      error: null,
      durationMs: 12,
      status: 'delivered',
      nextAttemptAt: null,
    });
    const third = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: e.eventId,
      subscriptionIds: [s1.id, s2.id],
    });
    expect(third.map((d) => d.id)).toEqual([first[1]!.id]);
    expect(await t.db.select().from(webhookDeliveries)).toHaveLength(2);

    const loaded = await loadDeliveryForAttempt(t.db, first[1]!.id);
    expect(loaded?.event?.eventId).toBe(e.eventId);
    expect(loaded?.subscription.id).toBe(first[1]!.subscriptionId);
  });

  it('deletes deliveries and attempts with their subscription or tenant (triggers, not foreign keys), and gives a deleted subscription no delivery', async () => {
    await t.db.insert(tenants).values({ id: 'leaving', name: 'Leaving' });
    const sub = (tenantId: string, url: string) =>
      insertWebhookSubscription(t.db, { tenantId, url, secretEncrypted: 'x' });
    const [kept, dropped, leavingSub] = [
      await sub('acme', 'https://kept.example.com/'),
      await sub('acme', 'https://dropped.example.com/'),
      await sub('leaving', 'https://leaving.example.com/'),
    ];
    const e = await addEvent('acme', 'address.blocked', 'cascade@example.com');
    const el = await addEvent('leaving', 'address.blocked', 'cascade@example.com');
    const made = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: e.eventId,
      subscriptionIds: [kept.id, dropped.id],
    });
    const [leaving] = await createWebhookDeliveries(t.db, {
      tenantId: 'leaving',
      eventId: el.eventId,
      subscriptionIds: [leavingSub.id],
    });
    await recordWebhookAttempts(
      t.db,
      [...made, leaving!].map((d) => ({
        deliveryId: d.id,
        statusCode: 500,
        error: 'HTTP 500',
        durationMs: 3,
        status: 'retrying' as const,
        nextAttemptAt: new Date(),
      })),
    );
    const deliveriesOf = async (subscriptionId: string) =>
      (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId))).map(
        (d) => d.id,
      );
    const attemptsOf = async (deliveryId: string) =>
      (await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId))).length;
    const droppedDelivery = made.find((d) => d.subscriptionId === dropped.id)!;
    expect(await attemptsOf(droppedDelivery.id)).toBe(1);

    expect(await deleteWebhookSubscription(t.db, 'acme', dropped.id)).toBe(true);
    expect(await deliveriesOf(dropped.id)).toEqual([]);
    expect(await attemptsOf(droppedDelivery.id)).toBe(0);
    expect(await deliveriesOf(kept.id)).toHaveLength(1);
    // A fan-out that still names the deleted subscription creates nothing for it (no orphan, no error).
    const e2 = await addEvent('acme', 'address.blocked', 'cascade2@example.com');
    const after = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: e2.eventId,
      subscriptionIds: [kept.id, dropped.id],
    });
    expect(after.map((d) => d.subscriptionId)).toEqual([kept.id]);

    await t.db.delete(tenants).where(eq(tenants.id, 'leaving'));
    expect(await deliveriesOf(leavingSub.id)).toEqual([]);
    expect(await attemptsOf(leaving!.id)).toBe(0);
  });

  it('records attempts in order, lists them with outcomes, and re-sends only final deliveries', async () => {
    const s = await insertWebhookSubscription(t.db, {
      tenantId: 'acme',
      url: 'https://c.example.com/',
      secretEncrypted: 'x',
    });
    const e = await addEvent('acme', 'invoice.undeliverable', 'inv@example.com');
    const [d] = await createWebhookDeliveries(t.db, { tenantId: 'acme', eventId: e.eventId, subscriptionIds: [s.id] });
    const next = new Date(Date.now() + 30_000);
    const r1 = await recordWebhookAttempt(t.db, {
      deliveryId: d!.id,
      statusCode: 503,
      error: 'HTTP 503',
      durationMs: 20,
      status: 'retrying',
      nextAttemptAt: next,
    });
    expect(r1.attempt.attempt).toBe(1);
    expect(r1.delivery).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 503, nextAttemptAt: next });

    expect(await markWebhookDeliveryForResend(t.db, 'acme', d!.id)).toEqual({ ok: false, reason: 'in-progress' });
    expect(await markWebhookDeliveryForResend(t.db, 'other', d!.id)).toEqual({ ok: false, reason: 'not-found' });

    await recordWebhookAttempt(t.db, {
      deliveryId: d!.id,
      statusCode: null,
      error: 'timeout: no complete response within 10000 ms',
      durationMs: 10_000,
      status: 'failed',
      nextAttemptAt: null,
    });
    const mark = await markWebhookDeliveryForResend(t.db, 'acme', d!.id);
    expect(mark).toMatchObject({ ok: true, previousStatus: 'failed', delivery: { status: 'pending', attempts: 2 } });
    // Two operators at once: the second finds it pending.
    expect(await markWebhookDeliveryForResend(t.db, 'acme', d!.id)).toEqual({ ok: false, reason: 'in-progress' });
    await revertWebhookDeliveryResend(t.db, d!.id, 'failed');
    expect((await getWebhookDelivery(t.db, 'acme', d!.id))?.status).toBe('failed');
    await markWebhookDeliveryForResend(t.db, 'acme', d!.id);
    const r3 = await recordWebhookAttempt(t.db, {
      deliveryId: d!.id,
      statusCode: 204,
      error: null,
      durationMs: 8,
      status: 'delivered',
      nextAttemptAt: null,
    });
    expect(r3.attempt.attempt).toBe(3);
    expect(r3.delivery.deliveredAt).not.toBeNull();

    const attempts = await listWebhookAttempts(t.db, 'acme', d!.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 503, 'failed'],
      [2, null, 'failed'],
      [3, 204, 'delivered'],
    ]);
    expect(await listWebhookAttempts(t.db, 'other', d!.id)).toEqual([]);

    // A final delivery is not failed again by the worker's final-failure hook.
    expect(await failWebhookDelivery(t.db, d!.id, 'late')).toBe(false);
    expect((await getWebhookDelivery(t.db, 'acme', d!.id))?.status).toBe('delivered');
  });

  it('loads and records a batch of first attempts in one statement each, every delivery with its own outcome', async () => {
    const s = await insertWebhookSubscription(t.db, {
      tenantId: 'acme',
      url: 'https://batch.example.com/',
      secretEncrypted: 'x',
    });
    const events = [
      await addEvent('acme', 'address.blocked', 'b1@example.com'),
      await addEvent('acme', 'address.blocked', 'b2@example.com'),
      await addEvent('acme', 'address.blocked', 'b3@example.com'),
    ];
    const created = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: events[0]!.eventId,
      subscriptionIds: [s.id],
    });
    const more = await Promise.all(
      events
        .slice(1)
        .map((e) => createWebhookDeliveries(t.db, { tenantId: 'acme', eventId: e.eventId, subscriptionIds: [s.id] })),
    );
    const ids = [...created, ...more.flat()].map((d) => d.id).reverse();
    const missing = randomUUID();
    const loaded = await loadDeliveriesForAttempt(t.db, [ids[0]!, missing, ids[1]!, ids[2]!]);
    // In the order asked, the unknown id left out, each with its subscription and event.
    expect(loaded.map((l) => l.delivery.id)).toEqual(ids);
    expect(loaded.map((l) => l.event?.address)).toEqual(['b3@example.com', 'b2@example.com', 'b1@example.com']);
    expect(loaded.every((l) => l.subscription.id === s.id)).toBe(true);
    // The subscription's row read once, whole (the signing secrets, the contract); the event as the webhook body needs it.
    expect(new Set(loaded.map((l) => l.subscription)).size).toBe(1);
    expect(loaded[0]!.subscription).toMatchObject({ url: 'https://batch.example.com/', secretEncrypted: 'x' });
    expect(loaded[0]!.subscription.createdAt).toBeInstanceOf(Date);
    const [stored] = await t.db.select().from(outbox).where(eq(outbox.eventId, events[2]!.eventId));
    expect(loaded[0]!.event).toEqual({
      eventId: stored!.eventId,
      type: 'address.blocked',
      tenantId: 'acme',
      priority: 'normal',
      address: 'b3@example.com',
      payload: stored!.payload,
      createdAt: stored!.createdAt,
    });
    expect(loaded[0]!.delivery).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });

    const next = new Date(Date.now() + 30_000);
    const recorded = await recordWebhookAttempts(t.db, [
      { deliveryId: ids[0]!, statusCode: 200, error: null, durationMs: 5, status: 'delivered', nextAttemptAt: null },
      {
        deliveryId: ids[1]!,
        statusCode: 503,
        error: 'HTTP 503',
        durationMs: 7,
        status: 'retrying',
        nextAttemptAt: next,
      },
      { deliveryId: ids[2]!, statusCode: 410, error: 'HTTP 410', durationMs: 9, status: 'failed', nextAttemptAt: null },
      { deliveryId: missing, statusCode: 200, error: null, durationMs: 1, status: 'delivered', nextAttemptAt: null },
    ]);
    expect(recorded).toBe(3);
    const [d0, d1, d2] = await Promise.all(ids.map((id) => getWebhookDelivery(t.db, 'acme', id)));
    expect(d0).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
    expect(d0?.deliveredAt).not.toBeNull();
    expect(d1).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503' });
    expect(d1?.nextAttemptAt?.getTime()).toBe(next.getTime());
    expect(d1?.deliveredAt).toBeNull();
    expect(d2).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
    const attempts = await Promise.all(ids.map((id) => listWebhookAttempts(t.db, 'acme', id)));
    expect(attempts.map((list) => list.map((a) => [a.attempt, a.statusCode, a.durationMs, a.outcome]))).toEqual([
      [[1, 200, 5, 'delivered']],
      [[1, 503, 7, 'failed']],
      [[1, 410, 9, 'failed']],
    ]);
    // A second attempt of the same delivery continues its numbering, as the single-attempt path does.
    await recordWebhookAttempts(t.db, [
      { deliveryId: ids[1]!, statusCode: 204, error: null, durationMs: 3, status: 'delivered', nextAttemptAt: null },
    ]);
    expect((await listWebhookAttempts(t.db, 'acme', ids[1]!)).map((a) => a.attempt)).toEqual([1, 2]);
    expect(await recordWebhookAttempts(t.db, [])).toBe(0);
  });

  it('lists deliveries with event type, address and URL, filtered and paged', async () => {
    const s = await insertWebhookSubscription(t.db, {
      tenantId: 'other',
      url: 'https://list.example.com/',
      secretEncrypted: 'x',
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await addEvent('other', i % 2 ? 'address.blocked' : 'bounce.recorded', `u${i % 2}@example.com`);
      const [d] = await createWebhookDeliveries(t.db, {
        tenantId: 'other',
        eventId: e.eventId,
        subscriptionIds: [s.id],
      });
      ids.push(d!.id);
    }
    const all = await listWebhookDeliveries(t.db, 'other');
    expect(all.items.map((d) => d.id)).toEqual([...ids].reverse());
    expect(all.items[0]).toMatchObject({
      url: 'https://list.example.com/',
      eventType: 'bounce.recorded',
      address: 'u0@example.com',
    });

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listWebhookDeliveries(t.db, 'other', { limit: 2, cursor });
      paged.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((d) => d.id));

    expect((await listWebhookDeliveries(t.db, 'other', { address: 'u1@example.com' })).items).toHaveLength(2);
    expect((await listWebhookDeliveries(t.db, 'other', { type: 'address.*' })).items).toHaveLength(2);
    expect((await listWebhookDeliveries(t.db, 'other', { status: 'delivered' })).items).toHaveLength(0);
    expect((await listWebhookDeliveries(t.db, 'other', { subscriptionId: s.id })).items).toHaveLength(5);
    expect((await listWebhookDeliveries(t.db, 'acme', { subscriptionId: s.id })).items).toHaveLength(0);
    await expect(listWebhookDeliveries(t.db, 'other', { cursor: 'eyJ0IjoxfQ' })).rejects.toBeInstanceOf(StoreError);
  });
});

describe('operator subscriptions', () => {
  it('creates, filters enabled, updates and deletes per tenant', async () => {
    const a = await createOperatorSubscription(t.db, {
      tenantId: 'acme',
      email: ' ops@example.com ',
      minPriority: 'high',
    });
    const b = await createOperatorSubscription(t.db, {
      tenantId: 'acme',
      email: 'team@example.com',
      eventTypes: ['sender.*'],
    });
    expect(a).toMatchObject({ email: 'ops@example.com', minPriority: 'high', eventTypes: [], enabled: true });
    expect((await listOperatorSubscriptions(t.db, 'acme')).map((s) => s.id)).toEqual([a.id, b.id]);
    await updateOperatorSubscription(t.db, 'acme', b.id, { enabled: false });
    expect((await listEnabledOperatorSubscriptions(t.db, 'acme')).map((s) => s.id)).toEqual([a.id]);
    expect(await updateOperatorSubscription(t.db, 'other', a.id, { enabled: false })).toBeNull();
    expect(await deleteOperatorSubscription(t.db, 'other', a.id)).toBe(false);
    expect(await deleteOperatorSubscription(t.db, 'acme', a.id)).toBe(true);
    expect((await listOperatorSubscriptions(t.db, 'acme')).map((s) => s.id)).toEqual([b.id]);
  });
});
