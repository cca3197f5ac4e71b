import { randomUUID } from 'node:crypto';
import { ConfigError, createLogger, secret } from '@bounce/config';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workerEnv } from './env-fields.js';
import { loadServiceEnv, type ServiceDefinition, startService } from './service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('bounce_runtime');
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

const schema = z.object({ ...workerEnv(0), WIDGET_TOKEN: secret(z.string().optional()) });
const logger = createLogger({ name: 'test', level: 'silent' });

function definition(events: string[]): ServiceDefinition<typeof schema, 'parseMessages', { probe: () => string }> {
  return {
    name: 'test-service',
    env: schema,
    validate: (env) => {
      if (env.WIDGET_TOKEN === 'bad') throw new ConfigError(['WIDGET_TOKEN: bad']);
    },
    redis: { roles: ['worker', 'producer'] },
    queues: { keys: ['parseMessages'], role: 'producer' },
    parts: (ctx) => ({
      subsystems: [
        {
          name: 'first part',
          start: async () => {
            // The shared resources are open before any part starts.
            await ctx.database.db.execute('select 1');
            await ctx.redis('worker').ping();
            events.push(`start first (queue ${ctx.queues.parseMessages.name}, prefix ${ctx.queuePrefix})`);
          },
          stop: () => void events.push('stop first'),
        },
        {
          name: 'second part',
          start: () => void events.push('start second'),
          stop: () => void events.push('stop second'),
        },
      ],
      expose: { probe: () => 'exposed' },
    }),
  };
}

describe('service bootstrap', () => {
  it('opens the shared resources, starts the parts in order, serves health, stops in reverse', async () => {
    const events: string[] = [];
    const prefix = `test-runtime-${randomUUID()}`;
    const env = loadServiceEnv(definition(events), {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      HEALTH_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    const service = await startService(definition(events), env, { logger, handleSignals: false });
    try {
      expect(events).toEqual([`start first (queue parse-messages, prefix ${prefix})`, 'start second']);
      expect(service.probe()).toBe('exposed');
      const ready = await fetch(`http://127.0.0.1:${service.healthPort()}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: [
          { name: 'postgres', ok: true },
          { name: 'redis', ok: true },
        ],
      });
      const metrics = await (await fetch(`http://127.0.0.1:${service.healthPort()}/metrics`)).text();
      expect(metrics).toContain('app="test-service"');
    } finally {
      await service.stop();
    }
    expect(events.slice(2)).toEqual(['stop second', 'stop first']);
  }, 30_000);

  it('validates the configuration with the schema and the cross-field checks', () => {
    expect(() => loadServiceEnv(definition([]), {})).toThrow(/DATABASE_URL: required/);
    expect(() => loadServiceEnv(definition([]), { DATABASE_URL: database.url, WIDGET_TOKEN: 'bad' })).toThrow(
      /WIDGET_TOKEN: bad/,
    );
  });
});
