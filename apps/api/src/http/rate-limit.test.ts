import { createLogger } from '@bounce/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

const WINDOW_MS = 60_000;

describe('rate limiting per API key, in memory', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ rateLimit: { max: 3, windowMs: WINDOW_MS } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 problems with Retry-After once a key used its budget; other keys are unaffected', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await api.call(api.acme.read, { method: 'GET', url: '/v1/me' });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await api.call(api.acme.read, { method: 'GET', url: '/v1/me' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(limited)).toMatchObject({ type: 'urn:bounce:problem:rate-limited', status: 429, code: 'rate-limited' });
    expect(json<{ retryAfterSeconds: number }>(limited).retryAfterSeconds).toBeGreaterThan(0);
    // Another key of the same tenant has its own budget.
    expect((await api.call(api.acme.write, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
  });

  it('a refused write stores nothing', async () => {
    for (let i = 0; i < 3; i++) await api.call(api.globex.write, { method: 'GET', url: '/v1/me' });
    const res = await api.call(api.globex.write, {
      method: 'POST',
      url: '/v1/addresses/limited@example.com/block',
      payload: { reason: 'x' },
    });
    expect(res.statusCode).toBe(429);
    const status = json<{ known: boolean }>(
      await api.call(api.globex.read, { method: 'GET', url: '/v1/addresses/limited@example.com' }),
    );
    expect(status.known).toBe(false);
  });

  it('requests with a refused key count per client IP, so guessing keys is limited too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await api.call(`bk_guess-${i}`, { method: 'GET', url: '/v1/me', remoteAddress: '198.51.100.7' })).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client IP, and valid keys, are not affected.
    expect(
      (await api.call('bk_guess-x', { method: 'GET', url: '/v1/me', remoteAddress: '198.51.100.8' })).statusCode,
    ).toBe(401);
  });

  it('health checks are not limited', async () => {
    for (let i = 0; i < 5; i++) expect((await api.call(null, { method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('rate limiting shared through Redis', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ redis: true, rateLimit: { max: 4, windowMs: WINDOW_MS } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('two API processes count one budget per key', async () => {
    // A second API instance on the same database and Redis (as a second process behind a load balancer).
    const second = await buildApp({
      db: api.database.db,
      redis: api.redis,
      logger: createLogger({ name: 'second', level: 'silent' }),
      config: { secretBox: api.secretBox, queuePrefix: api.prefix, rateLimit: { max: 4, windowMs: WINDOW_MS } },
    });
    try {
      const headers = { authorization: `Bearer ${api.acme.read}` };
      const statuses: number[] = [];
      for (const app of [api.app, second, api.app, second, api.app]) {
        statuses.push((await app.inject({ method: 'GET', url: '/v1/me', headers })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      const keys = await api.redis!.keys(`${api.prefix}:api-rate-limit:*`);
      expect(keys).toEqual([`${api.prefix}:api-rate-limit:key:${api.acme.ids.read}`]);
    } finally {
      await second.close();
    }
  });
});
