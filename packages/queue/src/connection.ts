import { once } from 'node:events';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis by role (BullMQ's guidance): workers block on Redis and must retry forever (`maxRetriesPerRequest: null`);
 * producers (API, CLI) fail fast when Redis is down instead of queueing commands in memory (`enableOfflineQueue:
 * false`), so a caller gets an error it can report.
 */
export type RedisRole = 'worker' | 'producer';

/**
 * The one place Redis connections are built (every process, every role): Sentinel or Cluster support goes here.
 */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: reconnectDelayMs }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, retryStrategy: reconnectDelayMs };
  return new Redis(url, { ...base, ...extra, lazyConnect: false });
}

/**
 * Reconnect delay after the n-th failed attempt: 50 ms doubling, at most 1 s, so a process is back within about a
 * second of Redis (ioredis's default grows to 2 s). Never gives up: a worker waits out any outage.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(50 * 2 ** Math.max(attempt - 1, 0), 1_000);
}

/** How long start-up waits for Redis before giving up (a producer connection does not queue commands). */
const REDIS_READY_TIMEOUT_MS = 10_000;

/** Resolves once the connection is ready; rejects when it ends first or after 10 s. */
export async function waitForRedis(redis: Redis, timeoutMs = REDIS_READY_TIMEOUT_MS): Promise<void> {
  if (redis.status === 'ready') return;
  const timeout = AbortSignal.timeout(timeoutMs);
  await Promise.race([
    once(redis, 'ready', { signal: timeout }),
    once(redis, 'end', { signal: timeout }).then(() => {
      throw new Error('Redis connection ended before it was ready');
    }),
  ]);
}
