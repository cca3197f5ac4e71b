import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis by role (BullMQ's guidance): workers block on Redis and must retry forever (`maxRetriesPerRequest: null`);
 * producers (API, CLI) fail fast when Redis is down instead of queueing commands in memory (`enableOfflineQueue:
 * false`), so a caller gets an error it can report.
 */
export type RedisRole = 'worker' | 'producer';

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  return new Redis(url, { ...base, ...extra, lazyConnect: false });
}
