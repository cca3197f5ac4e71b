import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { createApiKey, tenants } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { ALL_QUEUE_KEYS, ALL_QUEUE_NAMES, closeQueues, createRedis, enqueue, openQueues } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from './dashboard-auth.js';
import { buildDashboard } from './dashboard-server.js';

const prefix = `test-dashboard-${randomUUID()}`;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const queues = openQueues(ALL_QUEUE_KEYS, redis, prefix);
const ADMIN_TOKEN = 'bootstrap-token-for-tests-0123456789';
let t: TestDatabase;
let app: FastifyInstance;
let adminKey: string;
let readKey: string;
let writableApp: FastifyInstance;

const basic = (password: string) => `Basic ${Buffer.from(`anyone:${password}`).toString('base64')}`;

beforeAll(async () => {
  t = await createTestDatabase('dashboard_test');
  await t.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
  adminKey = (await createApiKey(t.db, { tenantId: 'acme', name: 'ops', scopes: ['admin'] })).key;
  readKey = (await createApiKey(t.db, { tenantId: 'acme', name: 'reader', scopes: ['read'] })).key;
  await enqueue(queues.parseMessages, 'parseMessages', { tenantId: 'acme', rawMessageIds: [randomUUID()] });
  app = await buildDashboard({
    queues: Object.values(queues) as Queue[],
    authenticate: createAuthenticator({ db: t.db, adminToken: ADMIN_TOKEN }),
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  writableApp = await buildDashboard({
    queues: Object.values(queues) as Queue[],
    authenticate: createAuthenticator({ db: t.db, adminToken: ADMIN_TOKEN }),
    logger: createLogger({ name: 'test', level: 'silent' }),
    readOnly: false,
  });
});

afterAll(async () => {
  await app?.close();
  await writableApp?.close();
  await closeQueues(queues);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await t?.drop();
});

describe('queue dashboard', () => {
  it('refuses requests without credentials with a Basic challenge, for the UI and the API', async () => {
    for (const url of ['/', '/api/queues']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(res.body).not.toContain('parse-messages');
    }
  });

  it('refuses wrong secrets with 401', async () => {
    expect((await app.inject({ url: '/api/queues', headers: { authorization: 'Bearer bk_wrong' } })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ url: '/api/queues', headers: { authorization: basic('nope') } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/queues', headers: { authorization: 'Digest abc' } })).statusCode).toBe(401);
  });

  it("refuses every tenant key, admin scope included: the queues hold all tenants' jobs (issue 12, finding 1)", async () => {
    for (const key of [adminKey, readKey]) {
      for (const authorization of [`Bearer ${key}`, basic(key)]) {
        for (const url of ['/', '/api/queues', '/api/queues/parse-messages/logs']) {
          const res = await app.inject({ url, headers: { authorization } });
          expect(res.statusCode).toBe(403);
          expect(res.body).not.toContain('rawMessageIds');
          expect(res.body).not.toContain('acme');
        }
      }
    }
    // The reported attack: a job added as another tenant through bull-board's API.
    const add = await app.inject({
      method: 'POST',
      url: '/api/queues/send-events/add',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { name: 'sendEvents', data: { tenantId: 'globex', events: [] } },
    });
    expect(add.statusCode).toBe(403);
    expect(await queues.sendEvents.count()).toBe(0);
  });

  it('lists every queue of the catalog for the installation administrator (bearer or basic password)', async () => {
    for (const authorization of [`Bearer ${ADMIN_TOKEN}`, basic(ADMIN_TOKEN)]) {
      const res = await app.inject({ url: '/api/queues', headers: { authorization } });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[];
      };
      expect(body.queues.map((q) => q.name).sort()).toEqual([...ALL_QUEUE_NAMES].sort());
      expect(body.queues.find((q) => q.name === 'parse-messages')!.counts.waiting).toBe(1);
      expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    }
    const page = await app.inject({ url: '/', headers: { authorization: basic(ADMIN_TOKEN) } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('is read-only by default: every mutating route is refused, even for the installation administrator', async () => {
    const authorization = `Bearer ${ADMIN_TOKEN}`;
    const mutations: { method: 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: object }[] = [
      { method: 'POST', url: '/api/queues/send-events/add', payload: { name: 'x', data: { tenantId: 'acme' } } },
      { method: 'PUT', url: '/api/queues/parse-messages/retry/failed' },
      { method: 'PUT', url: '/api/queues/parse-messages/clean/completed' },
      { method: 'PUT', url: '/api/queues/parse-messages/empty' },
      { method: 'PUT', url: '/api/queues/parse-messages/pause' },
      { method: 'PUT', url: '/api/queues/pause' },
      { method: 'PUT', url: '/api/queues/parse-messages/obliterate' },
      { method: 'POST', url: '/api/metrics/history/purge' },
      { method: 'DELETE', url: '/api/queues/parse-messages/some-job' },
    ];
    for (const m of mutations) {
      const res = await app.inject({ ...m, headers: { authorization } });
      expect(res.statusCode, `${m.method} ${m.url}`).toBe(405);
    }
    expect(await queues.sendEvents.count()).toBe(0);
    expect(await queues.parseMessages.isPaused()).toBe(false);
    expect((await queues.parseMessages.getJobCounts('waiting')).waiting).toBe(1);
  });

  it('lets the installation administrator change queues only when read-only is switched off', async () => {
    const pause = await writableApp.inject({
      method: 'PUT',
      url: '/api/queues/fetch-mailbox/pause',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(pause.statusCode).toBe(200);
    expect(await queues.fetchMailbox.isPaused()).toBe(true);
    await queues.fetchMailbox.resume();
    const tenant = await writableApp.inject({
      method: 'PUT',
      url: '/api/queues/fetch-mailbox/pause',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(tenant.statusCode).toBe(403);
    expect(await queues.fetchMailbox.isPaused()).toBe(false);
  });

  it('answers the health check without credentials', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });
});
