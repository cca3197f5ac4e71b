/**
 * The OpenAPI document as a value: it comes from the route schemas alone, so the app is built without a database
 * (a handle that throws if anything tried to query it) and without Redis. Keys are sorted, so the committed copy in
 * packages/api-client only changes when the API does.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, SecretBox } from '@bounce/config';
import type { Database } from '@bounce/db';
import { buildApp } from '../app.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export async function openApiDocument(): Promise<unknown> {
  const noDatabase = new Proxy({} as Database, {
    get: () => {
      throw new Error('building the OpenAPI document must not touch the database');
    },
  });
  const app = await buildApp({
    db: noDatabase,
    redis: null,
    logger: createLogger({ name: 'openapi', level: 'silent' }),
    testMailboxConnection: null,
    config: {
      secretBox: new SecretBox(randomBytes(32).toString('hex')),
      queuePrefix: 'openapi',
      rateLimit: { max: 1, windowMs: 1000 },
    },
  });
  try {
    await app.ready();
    return sortKeys(app.swagger());
  } finally {
    await app.close();
  }
}
