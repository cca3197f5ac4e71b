import {
  blockAddress,
  createWebhookDeliveries,
  listEvents,
  recordWebhookAttempt,
  webhookDeliveries,
  webhookSecretContext,
  webhookSubscriptions,
} from '@bounce/db';
import { QUEUES } from '@bounce/queue';
import { SECRET_PREFIX } from '@bounce/webhooks';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Subscription = {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  previousSecretExpiresAt: string | null;
  payloadVersion: number;
};
type Created = { subscription: Subscription; secret: string };

/** A public address given as an IP literal: passes the SSRF guard without DNS (nothing is ever sent to it here). */
const PUBLIC_URL = 'https://93.184.215.14/hooks/bounce';

describe('webhook subscriptions and deliveries', () => {
  let api: TestApi;
  let created: Created;
  beforeAll(async () => {
    api = await createTestApi({ redis: true, webhookAllowLoopback: false });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists the event types for filters', async () => {
    const res = json<{ items: { type: string; priority: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/event-types' }),
    );
    expect(res.items.map((e) => e.type)).toEqual(expect.arrayContaining(['address.blocked', 'invoice.undeliverable']));
  });

  it('creates a subscription (admin): the secret is shown once and stored encrypted', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: PUBLIC_URL, eventTypes: ['address.*', 'invoice.undeliverable'], description: 'CRM' },
    });
    expect(res.statusCode).toBe(201);
    created = json<Created>(res);
    expect(created.secret.startsWith(SECRET_PREFIX)).toBe(true);
    expect(created.subscription).toMatchObject({
      url: PUBLIC_URL,
      eventTypes: ['address.*', 'invoice.undeliverable'],
      enabled: true,
    });
    const [row] = await api.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, created.subscription.id));
    expect(row?.secretEncrypted).not.toContain(created.secret);
    expect(api.secretBox.decrypt(row?.secretEncrypted ?? '', webhookSecretContext(row?.id ?? ''))).toBe(created.secret);

    const one = await api.call(api.acme.read, { method: 'GET', url: `/v1/webhooks/${created.subscription.id}` });
    expect(one.body).not.toContain(created.secret);
    expect(one.body).not.toMatch(/secret"/i);
    const list = await api.call(api.acme.read, { method: 'GET', url: '/v1/webhooks' });
    expect(json<{ items: Subscription[] }>(list).items.map((s) => s.id)).toEqual([created.subscription.id]);
    expect(list.body).not.toContain(created.secret);
  });

  it('refuses loopback, private, link-local and metadata URLs (SSRF) with a 400, storing nothing', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://10.1.2.3/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hook',
      'http://localhost/hook',
    ]) {
      const res = await api.call(api.acme.admin, { method: 'POST', url: '/v1/webhooks', payload: { url } });
      expect(res.statusCode, url).toBe(400);
      expect(json(res).code, url).toBe('webhook-url-refused');
    }
    const scheme = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: 'ftp://93.184.215.14/x' },
    });
    expect(json(scheme)).toMatchObject({ code: 'webhook-url-refused', reason: 'unsupported-protocol' });
    const rows = await api.database.db.select().from(webhookSubscriptions);
    expect(rows).toHaveLength(1);
  });

  it('refuses a bad event filter with a 400', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: PUBLIC_URL, eventTypes: ['Address Blocked!'] },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(res).errors[0]?.pointer).toBe('/body/eventTypes/0');
  });

  it('chooses the payload contract: 1 by default, 2 (batches) on request or by update, nothing else', async () => {
    expect(created.subscription).toMatchObject({ payloadVersion: 1 });
    const batch = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: PUBLIC_URL, payloadVersion: 2 },
    });
    expect(batch.statusCode).toBe(201);
    const id = json<Created>(batch).subscription.id;
    expect(json<Created>(batch).subscription).toMatchObject({ payloadVersion: 2 });
    const refused = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${id}`,
      payload: { payloadVersion: 3 },
    });
    expect(refused.statusCode).toBe(400);
    const back = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${id}`,
      payload: { payloadVersion: 1 },
    });
    expect(json(back)).toMatchObject({ payloadVersion: 1 });
    expect((await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/webhooks/${id}` })).statusCode).toBe(204);
  });

  it('updates the filter; a private URL in an update is refused and nothing changes', async () => {
    const id = created.subscription.id;
    const ok = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${id}`,
      payload: { eventTypes: [], enabled: false },
    });
    expect(json(ok)).toMatchObject({ eventTypes: [], enabled: false });
    const refused = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${id}`,
      payload: { url: 'http://10.0.0.1/' },
    });
    expect(refused.statusCode).toBe(400);
    const [row] = await api.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(row?.url).toBe(PUBLIC_URL);
  });

  it('a new URL answers with a new secret (shown once); the old one no longer signs', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: 'https://93.184.215.14/hooks/first' },
    });
    const first = json<Created>(res);
    const same = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${first.subscription.id}`,
      payload: { url: 'https://93.184.215.14/hooks/first', description: 'no move' },
    });
    expect(same.statusCode).toBe(200);
    expect(json<{ secret?: string }>(same).secret).toBeUndefined();
    const moved = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/webhooks/${first.subscription.id}`,
      payload: { url: 'https://93.184.215.14/hooks/second' },
    });
    expect(moved.statusCode).toBe(200);
    const { secret } = json<{ secret?: string }>(moved);
    expect(secret?.startsWith(SECRET_PREFIX)).toBe(true);
    expect(secret).not.toBe(first.secret);
    const [row] = await api.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, first.subscription.id));
    expect(api.secretBox.decrypt(row?.secretEncrypted ?? '', webhookSecretContext(row?.id ?? ''))).toBe(secret);
    expect(row?.previousSecretEncrypted).toBeNull();
    await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/webhooks/${first.subscription.id}` });
  });

  it('rotates the secret: new secret shown once, the previous one keeps signing for the window', async () => {
    const id = created.subscription.id;
    const before = Date.now();
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: `/v1/webhooks/${id}/rotate-secret`,
      payload: { previousSecretTtlSeconds: 3600 },
    });
    expect(res.statusCode).toBe(200);
    const rotated = json<Created>(res);
    expect(rotated.secret).not.toBe(created.secret);
    const expires = new Date(rotated.subscription.previousSecretExpiresAt ?? 0).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
    const [row] = await api.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(api.secretBox.decrypt(row?.secretEncrypted ?? '', webhookSecretContext(row?.id ?? ''))).toBe(rotated.secret);
    expect(api.secretBox.decrypt(row?.previousSecretEncrypted ?? '', webhookSecretContext(row?.id ?? ''))).toBe(
      created.secret,
    );
    // Without a body the default window applies.
    const again = json<Created>(
      await api.call(api.acme.admin, { method: 'POST', url: `/v1/webhooks/${id}/rotate-secret` }),
    );
    expect(new Date(again.subscription.previousSecretExpiresAt ?? 0).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3_600_000,
    );
  });

  it("hides one tenant's subscriptions from another", async () => {
    const id = created.subscription.id;
    expect((await api.call(api.globex.read, { method: 'GET', url: `/v1/webhooks/${id}` })).statusCode).toBe(404);
    expect(
      (await api.call(api.globex.admin, { method: 'POST', url: `/v1/webhooks/${id}/rotate-secret` })).statusCode,
    ).toBe(404);
    expect((await api.call(api.globex.admin, { method: 'DELETE', url: `/v1/webhooks/${id}` })).statusCode).toBe(404);
  });

  it('lists deliveries with their attempts and re-sends a failed one through the queue', async () => {
    const subscriptionId = created.subscription.id;
    await blockAddress(api.database.db, 'acme', 'hooked@example.com', { actor: 'test', reason: 'for a webhook' });
    const event = (await listEvents(api.database.db, 'acme', { address: 'hooked@example.com' })).items[0];
    if (!event) throw new Error('no event');
    const [delivery] = await createWebhookDeliveries(api.database.db, {
      tenantId: 'acme',
      eventId: event.eventId,
      subscriptionIds: [subscriptionId],
    });
    if (!delivery) throw new Error('no delivery');
    await recordWebhookAttempt(api.database.db, {
      deliveryId: delivery.id,
      statusCode: 500,
      error: 'HTTP 500',
      durationMs: 12,
      status: 'failed',
      nextAttemptAt: null,
    });

    const page = json<{ items: { id: string; status: string; eventType: string; address: string }[] }>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: '/v1/webhook-deliveries?status=failed&address=hooked@example.com',
      }),
    );
    expect(page.items).toEqual([
      expect.objectContaining({
        id: delivery.id,
        status: 'failed',
        eventType: 'address.blocked',
        address: 'hooked@example.com',
      }),
    ]);
    const detail = json<{ attempts: number; attemptLog: { attempt: number; statusCode: number; outcome: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: `/v1/webhook-deliveries/${delivery.id}` }),
    );
    expect(detail.attempts).toBe(1);
    expect(detail.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500, outcome: 'failed' })]);

    const resend = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery.id}/resend`,
    });
    expect(resend.statusCode).toBe(202);
    const body = json<{ deliveryId: string; status: string; jobId: string }>(resend);
    expect(body).toMatchObject({ deliveryId: delivery.id, status: 'pending' });
    const [row] = await api.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row?.status).toBe('pending');
    const queue = new Queue(QUEUES.webhookDeliveries.name, { connection: api.redis!, prefix: api.prefix });
    const job = await queue.getJob(body.jobId);
    expect(job?.data).toEqual({ deliveryId: delivery.id });
    await queue.close();

    // Still pending: a second re-send is refused (it is in flight).
    const twice = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery.id}/resend`,
    });
    expect(twice.statusCode).toBe(409);
    // Another tenant cannot see or re-send it.
    expect(
      (await api.call(api.globex.write, { method: 'POST', url: `/v1/webhook-deliveries/${delivery.id}/resend` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.call(api.globex.read, { method: 'GET', url: `/v1/webhook-deliveries/${delivery.id}` })).statusCode,
    ).toBe(404);
  });

  it('deletes a subscription (204), then it is gone', async () => {
    const id = created.subscription.id;
    expect((await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/webhooks/${id}` })).statusCode).toBe(204);
    expect((await api.call(api.acme.read, { method: 'GET', url: `/v1/webhooks/${id}` })).statusCode).toBe(404);
    expect(await api.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });
});
