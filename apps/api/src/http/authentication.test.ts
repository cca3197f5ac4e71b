import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { bearerToken } from './authentication.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

describe('bearerToken', () => {
  it('reads the key of a Bearer header, case-insensitively, and nothing else', () => {
    expect(bearerToken('Bearer bk_abc')).toBe('bk_abc');
    expect(bearerToken('bearer   bk_abc  ')).toBe('bk_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('authentication and scopes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('401 without a key, as a problem document with a Bearer challenge', async () => {
    const res = await api.call(null, { method: 'GET', url: '/v1/suppressions' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="bounce-api"');
    const body = json(res);
    expect(body).toMatchObject({
      type: 'urn:bounce:problem:unauthorized',
      title: 'Authentication required',
      status: 401,
      instance: '/v1/suppressions',
      code: 'unauthorized',
    });
    expect(body.detail).toContain('Bearer');
  });

  it('401 for an unknown key, and for a key of another scheme', async () => {
    const unknown = await api.call('bk_not-a-real-key', { method: 'GET', url: '/v1/suppressions' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['www-authenticate']).toContain('error="invalid_token"');
    const basic = await api.app.inject({
      method: 'GET',
      url: '/v1/suppressions',
      headers: { authorization: `Basic ${Buffer.from(`x:${api.acme.admin}`).toString('base64')}` },
    });
    expect(basic.statusCode).toBe(401);
  });

  it('401 for a revoked key from its next request on', async () => {
    const created = json<{ id: string; key: string }>(
      await api.call(api.acme.admin, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'short-lived', scopes: ['read'] },
      }),
    );
    expect((await api.call(created.key, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    const revoke = await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/api-keys/${created.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await api.call(created.key, { method: 'GET', url: '/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(json(after).code).toBe('unauthorized');
  });

  it('403 when the key lacks the scope; admin implies write implies read', async () => {
    const readOnWrite = await api.call(api.acme.read, {
      method: 'POST',
      url: '/v1/addresses/x@example.com/block',
      payload: { reason: 'test' },
    });
    expect(readOnWrite.statusCode).toBe(403);
    expect(json(readOnWrite)).toMatchObject({ code: 'forbidden', requiredScope: 'write', status: 403 });
    const writeOnAdmin = await api.call(api.acme.write, { method: 'GET', url: '/v1/api-keys' });
    expect(writeOnAdmin.statusCode).toBe(403);
    // Nothing was blocked by the refused request.
    const address = json(await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/x@example.com' }));
    expect(address.known).toBe(false);
    for (const key of [api.acme.read, api.acme.write, api.acme.admin]) {
      expect((await api.call(key, { method: 'GET', url: '/v1/suppressions' })).statusCode).toBe(200);
    }
    expect((await api.call(api.acme.admin, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
  });

  it('/v1/me names the key and its tenant', async () => {
    const me = json(await api.call(api.globex.write, { method: 'GET', url: '/v1/me' }));
    expect(me).toMatchObject({ tenantId: 'globex', keyId: api.globex.ids.write, scopes: ['write'] });
  });

  it('every /v1 route declares a scope: registering one without fails', async () => {
    const { buildApp } = await import('../app.js');
    const { createLogger, SecretBox } = await import('@bounce/config');
    const app = await buildApp({
      db: api.database.db,
      logger: createLogger({ name: 't', level: 'silent' }),
      config: {
        secretBox: new SecretBox('0'.repeat(64)),
        queuePrefix: 'unused',
        rateLimit: { max: 10, windowMs: 1000 },
      },
    });
    expect(() => app.get('/v1/unprotected', async () => 'x')).toThrow(/declares no scope/);
    await app.close();
  });

  it('unknown routes answer a 404 problem', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(json(res)).toMatchObject({ code: 'not-found', status: 404, instance: '/v1/nothing-here' });
  });
});
