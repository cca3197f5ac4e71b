import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { createApiKey, createTestDatabase, type TestDatabase, tenants } from '@bounce/db';
import { ALL_QUEUE_KEYS, ALL_QUEUE_NAMES, closeQueues, createRedis, enqueue, openQueues } from '@bounce/queue';
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
});

afterAll(async () => {
  await app?.close();
  await closeQueues(queues);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
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

  it('refuses wrong secrets and keys without the admin scope', async () => {
    expect((await app.inject({ url: '/api/queues', headers: { authorization: 'Bearer bk_wrong' } })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ url: '/api/queues', headers: { authorization: basic('nope') } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/queues', headers: { authorization: 'Digest abc' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/queues', headers: { authorization: `Bearer ${readKey}` } })).statusCode).toBe(
      403,
    );
  });

  it('lists every queue of the catalog for an admin key (bearer or basic password) and the bootstrap token', async () => {
    for (const authorization of [`Bearer ${adminKey}`, basic(adminKey), `Bearer ${ADMIN_TOKEN}`, basic(ADMIN_TOKEN)]) {
      const res = await app.inject({ url: '/api/queues', headers: { authorization } });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { queues: { name: string; counts: Record<string, number> }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual([...ALL_QUEUE_NAMES].sort());
      expect(body.queues.find((q) => q.name === 'parse-messages')!.counts.waiting).toBe(1);
    }
    const page = await app.inject({ url: '/', headers: { authorization: basic(adminKey) } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers the health check without credentials', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });
});
