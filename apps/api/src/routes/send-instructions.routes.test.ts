import { verifyReturnPath } from '@bounce/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

const SECRET = 'api-verp-secret-0123456789abcdef';
const sentAt = '2025-04-01T08:00:00Z';

type Recorded = { id: string; created: boolean; returnPath: string | null; headers: Record<string, string> };

describe('sends hand out what to put on the message', () => {
  let api: TestApi;
  let plain: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ verp: { localPart: 'bounces', domain: 'bounce.example.net', secret: SECRET } });
    plain = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
    await plain?.close();
  });

  it('one send: a signed VERP return path naming the send, and the send id header; a replay hands out the same', async () => {
    const payload = { externalId: 'inv-7', recipient: 'carol@example.org', category: 'invoice', sentAt };
    const res = await api.call(api.acme.write, { method: 'POST', url: '/v1/sends', payload });
    expect(res.statusCode).toBe(201);
    const body = json<Recorded>(res);
    expect(body.returnPath).toMatch(/^bounces\+u[a-z2-7]+-[a-z2-7]{16}@bounce\.example\.net$/);
    expect(verifyReturnPath(body.returnPath ?? '', [SECRET])?.sendId).toBe(body.id);
    expect(body.headers).toEqual({ 'X-Send-Id': body.id });

    const again = json<Recorded>(await api.call(api.acme.write, { method: 'POST', url: '/v1/sends', payload }));
    expect(again).toMatchObject({ id: body.id, created: false, returnPath: body.returnPath });
  });

  it('a batch: each item its own return path, in input order', async () => {
    const items = [0, 1, 2].map((i) => ({ externalId: `nl-${i}`, recipient: `nl${i}@example.org`, sentAt }));
    const res = await api.call(api.acme.write, { method: 'POST', url: '/v1/sends/batch', payload: { items } });
    expect(res.statusCode).toBe(200);
    const body = json<{ items: Recorded[] }>(res);
    expect(body.items).toHaveLength(3);
    for (const item of body.items) {
      expect(verifyReturnPath(item.returnPath ?? '', [SECRET])?.sendId).toBe(item.id);
      expect(item.headers['X-Send-Id']).toBe(item.id);
    }
    expect(new Set(body.items.map((i) => i.returnPath)).size).toBe(3);
  });

  it('GET /v1/sends/{id} gives it again for an existing send, by id or externalId; other tenants get 404', async () => {
    const created = json<Recorded>(
      await api.call(api.acme.write, {
        method: 'POST',
        url: '/v1/sends',
        payload: { externalId: 'get-me', recipient: 'dave@example.org', messageId: '<x1@sender.example>', sentAt },
      }),
    );
    const byId = await api.call(api.acme.read, { method: 'GET', url: `/v1/sends/${created.id}` });
    expect(byId.statusCode).toBe(200);
    expect(json(byId)).toMatchObject({
      id: created.id,
      externalId: 'get-me',
      recipient: 'dave@example.org',
      messageId: '<x1@sender.example>',
      category: 'transactional',
      status: 'sent',
      sentAt: '2025-04-01T08:00:00.000Z',
      returnPath: created.returnPath,
      headers: { 'X-Send-Id': created.id },
    });
    const byExternal = await api.call(api.acme.read, { method: 'GET', url: '/v1/sends/get-me' });
    expect(json(byExternal)).toMatchObject({ id: created.id });
    const other = await api.call(api.globex.read, { method: 'GET', url: `/v1/sends/${created.id}` });
    expect(other.statusCode).toBe(404);
    const missing = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/sends/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('without VERP signing: returnPath null, the header still given', async () => {
    const res = await plain.call(plain.acme.write, {
      method: 'POST',
      url: '/v1/sends',
      payload: { recipient: 'erin@example.org', sentAt },
    });
    const body = json<Recorded>(res);
    expect(body.returnPath).toBeNull();
    expect(body.headers).toEqual({ 'X-Send-Id': body.id });
  });
});
