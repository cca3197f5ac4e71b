import { once } from 'node:events';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * Redis by role (BullMQ's guidance): workers block on Redis and must retry forever (`maxRetriesPerRequest: null`);
 * producers (API, CLI) fail fast when Redis is down instead of queueing commands in memory (`enableOfflineQueue:
 * false`), so a caller gets an error it can report.
 */
export type RedisRole = 'worker' | 'producer';

/** A connection of any topology: a single server or a Sentinel-managed master (`Redis`), or a Redis Cluster. */
export type RedisConnection = Redis | Cluster;

export type RedisNode = { host: string; port: number };

/**
 * Where the queues live. In every mode `url` carries the credentials, the database number and TLS (`rediss:`) of
 * the data nodes; its host and port are the server only in `single` mode.
 * - single: one server (or a managed endpoint that fails over behind one address).
 * - sentinel: the master Sentinel names `name`; after a failover ioredis asks the Sentinels again and reconnects.
 * - cluster: the seed nodes of a Redis Cluster; each queue's keys sit in one hash slot (see `queueKeyPrefix`).
 */
export type RedisTopology =
  | { mode: 'single'; url: string }
  | { mode: 'sentinel'; url: string; sentinels: RedisNode[]; name: string; sentinelPassword?: string }
  | { mode: 'cluster'; url: string; nodes: RedisNode[] };

/**
 * The one place Redis connections are built (every process, every role, every topology). A plain URL stands for a
 * single server.
 */
export function createRedis(
  target: string | RedisTopology,
  role: RedisRole,
  extra: RedisOptions = {},
): RedisConnection {
  const topology: RedisTopology = typeof target === 'string' ? { mode: 'single', url: target } : target;
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  switch (topology.mode) {
    case 'single':
      return new Redis(topology.url, { ...base, retryStrategy: reconnectDelayMs, ...extra, lazyConnect: false });
    case 'sentinel':
      return new Redis({
        ...credentialsOf(topology.url),
        ...base,
        retryStrategy: reconnectDelayMs,
        ...extra,
        sentinels: topology.sentinels,
        name: topology.name,
        ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
        sentinelRetryStrategy: reconnectDelayMs,
        // A master demoted while still reachable answers writes with READONLY: reconnect (asking the Sentinels for
        // the new master) and resend the command. ioredis's failoverDetector is left off on purpose: a +switch-master
        // arriving while the connection is being re-established ends it for good (status "end", no more retries),
        // which the failover test met as a worker that silently stopped consuming.
        reconnectOnError: reconnectOnReadonly,
        lazyConnect: false,
      });
    case 'cluster': {
      const { enableOfflineQueue, ...nodeOptions } = { ...base, ...extra };
      const options: ClusterOptions = {
        clusterRetryStrategy: reconnectDelayMs,
        ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
        redisOptions: { ...credentialsOf(topology.url), ...nodeOptions },
        lazyConnect: false,
      };
      return new Cluster(topology.nodes, options);
    }
    default:
      return assertNever(topology);
  }
}

/** 2: reconnect and resend the command that met a read-only replica (a demoted master). */
function reconnectOnReadonly(err: Error): boolean | 2 {
  return /READONLY/.test(err.message) ? 2 : false;
}

/** The data nodes' user, password, database and TLS, from a redis:// or rediss:// URL. */
function credentialsOf(url: string): RedisOptions {
  const u = new URL(url);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db > 0 ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function assertNever(value: never): never {
  throw new Error(`unknown Redis topology ${JSON.stringify(value)}`);
}

/** Longest pause between reconnection attempts (see reconnectDelayMs). */
const REDIS_RECONNECT_MAX_DELAY_MS = 250;

/**
 * Reconnect delay after the n-th failed attempt: 50 ms doubling, at most 250 ms (ioredis's default grows to 2 s).
 * The cap is what a process waits, on average half of it, between Redis coming back and its next attempt: at 1 s the
 * faults test (pnpm --filter @bounce/e2e test faults) saw workers ready 0.8-1.6 s after a Redis restart. A refused
 * connection every 250 ms per connection costs nothing on either side, as OUTAGE_RETRY_DELAY_MS does for jobs.
 * Never gives up: a worker waits out any outage.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(50 * 2 ** Math.max(attempt - 1, 0), REDIS_RECONNECT_MAX_DELAY_MS);
}

/** How long start-up waits for Redis before giving up (a producer connection does not queue commands). */
const REDIS_READY_TIMEOUT_MS = 10_000;

/** Resolves once the connection is ready; rejects when it ends first or after 10 s. */
export async function waitForRedis(redis: RedisConnection, timeoutMs = REDIS_READY_TIMEOUT_MS): Promise<void> {
  if (redis.status === 'ready') return;
  const timeout = AbortSignal.timeout(timeoutMs);
  await Promise.race([
    once(redis, 'ready', { signal: timeout }),
    once(redis, 'end', { signal: timeout }).then(() => {
      throw new Error('Redis connection ended before it was ready');
    }),
  ]);
}

/**
 * The BullMQ prefix of one queue. BullMQ names a queue's keys `<prefix>:<queue>:<suffix>` and its scripts touch
 * several of them at once, which a Redis Cluster only allows within one hash slot. On a cluster connection the
 * queue's name becomes a hash tag (`bounce:{parse-messages}`), so each queue's keys share a slot and the queues
 * spread over the masters (BullMQ's `{prefix}` convention, one tag per queue). A prefix that already holds a tag
 * wins (all queues in its slot). On a single server or Sentinel the keys stay `<prefix>:<queue>:...` as before.
 */
export function queueKeyPrefix(connection: unknown, prefix: string, queueName: string): string {
  if (!isClusterConnection(connection) || hasHashTag(prefix)) return prefix;
  return `${prefix}:{${queueName}}`;
}

/** Redis's own rule: the first '{' and the next '}' after it, with something between (found by position, linear). */
function hasHashTag(key: string): boolean {
  const open = key.indexOf('{');
  return open >= 0 && key.indexOf('}', open + 1) > open + 1;
}

export function isClusterConnection(connection: unknown): connection is Cluster {
  return (connection as { isCluster?: unknown } | null)?.isCluster === true;
}
