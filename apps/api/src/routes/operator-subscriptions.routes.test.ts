import { createMailer, type Mailer } from '@bounce/mailer';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Subscription = { id: string; email: string; eventTypes: string[]; minPriority: string; enabled: boolean };

describe('operator e-mail subscriptions and test mail', () => {
  let servers: MailServers;
  let mailer: Mailer;
  let api: TestApi;
  let created: Subscription;

  beforeAll(async () => {
    servers = await startMailServers();
    mailer = createMailer({
      host: servers.host,
      port: servers.smtpPort,
      secure: false,
      from: 'Bounce <noreply@sender.example>',
      requireTls: false,
      allowInvalidTls: true,
      timeoutMs: 10_000,
    });
    api = await createTestApi({ mailer });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    mailer?.close();
    await servers?.stop();
  });

  it('creates (admin), lists, reads and updates a subscription', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operator-subscriptions',
      payload: { email: 'ops@sender.example', eventTypes: ['invoice.undeliverable', 'sender.*'], minPriority: 'high' },
    });
    expect(res.statusCode).toBe(201);
    created = json<Subscription>(res);
    expect(created).toMatchObject({ email: 'ops@sender.example', minPriority: 'high', enabled: true });
    expect(
      json<{ items: Subscription[] }>(
        await api.call(api.acme.read, { method: 'GET', url: '/v1/operator-subscriptions' }),
      ).items,
    ).toHaveLength(1);
    const patched = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/operator-subscriptions/${created.id}`,
      payload: { enabled: false, eventTypes: [] },
    });
    expect(json(patched)).toMatchObject({ enabled: false, eventTypes: [], minPriority: 'high' });
    expect(
      json(await api.call(api.acme.read, { method: 'GET', url: `/v1/operator-subscriptions/${created.id}` })),
    ).toMatchObject({
      enabled: false,
    });
  });

  it('refuses a bad address or priority (400) and another tenant (404)', async () => {
    const bad = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operator-subscriptions',
      payload: { email: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    const prio = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operator-subscriptions',
      payload: { email: 'a@b.example', minPriority: 'urgent' },
    });
    expect(json<{ errors: { pointer: string }[] }>(prio).errors[0]?.pointer).toBe('/body/minPriority');
    expect(
      json<{ items: unknown[] }>(await api.call(api.acme.read, { method: 'GET', url: '/v1/operator-subscriptions' }))
        .items,
    ).toHaveLength(1);
    expect(
      (await api.call(api.globex.read, { method: 'GET', url: `/v1/operator-subscriptions/${created.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(api.globex.admin, { method: 'DELETE', url: `/v1/operator-subscriptions/${created.id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('sends a test mail through a real SMTP server and reports its answer', async () => {
    const to = `${servers.bounceUser}@${servers.domain}`;
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operator-subscriptions/test-mail',
      payload: { to },
    });
    expect(res.statusCode).toBe(200);
    const result = json<{ ok: boolean; accepted: string[]; response: string }>(res);
    expect(result.ok).toBe(true);
    expect(result.accepted).toEqual([to]);
    expect(result.response).toMatch(/^250/);
    expect(await servers.waitForMessages(1, { timeoutMs: 15_000 })).toBeGreaterThanOrEqual(1);
  });

  it('needs admin for the test mail', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/operator-subscriptions/test-mail',
      payload: { to: 'x@example.com' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('deletes a subscription (204)', async () => {
    expect(
      (await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/operator-subscriptions/${created.id}` }))
        .statusCode,
    ).toBe(204);
    expect(
      json<{ items: unknown[] }>(await api.call(api.acme.read, { method: 'GET', url: '/v1/operator-subscriptions' }))
        .items,
    ).toEqual([]);
  });
});
