import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('system routes and operations without Redis', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ dashboardUrl: 'https://queues.internal.example/', testMailboxConnection: null });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers health and readiness without a key', async () => {
    expect(json(await api.call(null, { method: 'GET', url: '/healthz' }))).toEqual({ status: 'ok' });
    expect(json(await api.call(null, { method: 'GET', url: '/readyz' }))).toEqual({ status: 'ready' });
  });

  it('redirects /dashboard to the queue dashboard', async () => {
    const res = await api.call(null, { method: 'GET', url: '/dashboard' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://queues.internal.example/');
  });

  it('answers 503 problems for operations that need Redis or the connection test', async () => {
    const mailbox = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: { name: 'm', host: '127.0.0.1', port: 993, tlsMode: 'implicit', username: 'u', secret: 'p' },
    });
    const id = json<{ id: string }>(mailbox).id;
    const fetch = await api.call(api.acme.write, { method: 'POST', url: `/v1/mailboxes/${id}/fetch` });
    expect(fetch.statusCode).toBe(503);
    expect(json(fetch)).toMatchObject({ code: 'unavailable', type: 'urn:bounce:problem:unavailable' });
    expect(json<{ detail: string }>(fetch).detail).toContain('REDIS_URL');
    const test = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${id}/test` });
    expect(test.statusCode).toBe(503);
    const resend = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/webhook-deliveries/00000000-0000-4000-8000-000000000000/resend',
    });
    expect(resend.statusCode).toBe(503);
    const mail = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operator-subscriptions/test-mail',
      payload: { to: 'ops@example.com' },
    });
    expect(mail.statusCode).toBe(503);
    expect(json<{ detail: string }>(mail).detail).toContain('SMTP');
  });
});

describe('without a dashboard', () => {
  it('GET /dashboard is a 404 problem', async () => {
    const api = await createTestApi();
    try {
      const res = await api.call(null, { method: 'GET', url: '/dashboard' });
      expect(res.statusCode).toBe(404);
      expect(json<{ detail: string }>(res).detail).toContain('DASHBOARD_URL');
    } finally {
      await api.close();
    }
  });
});
