import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { createRedis } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';
import { startNotifyWorker } from './notify-worker.js';
import { REDIS_URL } from './testing/harness.js';

let db: TestDatabase;
const prefix = `test-notify-main-${randomUUID()}`;

beforeAll(async () => {
  db = await createTestDatabase('notify_main');
});

afterAll(async () => {
  const redis = createRedis(REDIS_URL, 'worker');
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db?.drop();
});

describe('notify-worker process', () => {
  it('starts, answers health, readiness and metrics, and stops cleanly', async () => {
    const env = loadEnv({
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      SECRETS_KEY: randomBytes(32).toString('hex'),
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      SHUTDOWN_DRAIN_TIMEOUT: '2s',
    });
    const proc = await startNotifyWorker(env, {
      logger: createLogger({ name: 'test', level: 'silent' }),
      handleSignals: false,
    });
    try {
      const base = `http://127.0.0.1:${proc.healthPort()}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: { name: string }[] }).checks.map((c) => c.name)).toEqual([
        'postgres',
        'redis',
      ]);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      for (const name of [
        'bounce_webhook_attempts_total',
        'bounce_webhook_attempt_duration_seconds',
        'bounce_operator_digests_total',
        'bounce_jobs_total',
      ]) {
        expect(metrics).toContain(name);
      }
    } finally {
      await proc.stop();
    }
  });
});
