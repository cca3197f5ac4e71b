/**
 * Environment fields every process shares, declared once: each app builds its schema from these and adds its own.
 * Secrets are marked with `secret()` here, so every process redacts them the same way. Connection URLs are not
 * secrets as a whole (their host helps an operator), but any password in them is: `redactConfig` strips it.
 */
import { ConfigError, envDuration, envHostPortList, envInt, envList, secret } from '@bounce/config';
import { DEFAULT_PREFIX, type RedisTopology } from '@bounce/queue';
import { z } from 'zod';

export const logEnv = {
  /** fatal, error, warn, info, debug, trace or silent. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** PostgreSQL for the workers: required, since several processes share it. */
export const databaseEnv = {
  /**
   * PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/bounce. Required: several processes share the database, and
   * the embedded PGlite database (used by the API and CLI when DATABASE_URL is unset) serves a single process.
   */
  DATABASE_URL: z
    .string({ message: 'required: the workers need PostgreSQL (embedded PGlite serves a single process)' })
    .url(),
  /** Connections in this process's pool. Default 10. */
  DATABASE_POOL_SIZE: envInt(10, 1, 200),
};

/**
 * Where Redis is: one server (REDIS_URL), a master behind Sentinels (REDIS_SENTINELS + REDIS_SENTINEL_NAME) or a Redis
 * Cluster (REDIS_CLUSTER_NODES). `redisTopologyOf` turns them into one `RedisTopology` and refuses mixtures.
 */
export const redisEnv = {
  /**
   * Redis holding the queues, e.g. redis://127.0.0.1:6379 (rediss:// for TLS). With Sentinels or a cluster its
   * user, password, database number and scheme still apply to the data nodes; its host is then unused. Default
   * redis://127.0.0.1:6379.
   */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Sentinels as host:port, comma-separated (at least two in production). Default none (no Sentinel). */
  REDIS_SENTINELS: envHostPortList(),
  /** The master name the Sentinels monitor (`sentinel monitor <name> ...`). Required with REDIS_SENTINELS. */
  REDIS_SENTINEL_NAME: z.string().trim().min(1).optional(),
  /** Password of the Sentinels themselves, when they require one. Default none. */
  REDIS_SENTINEL_PASSWORD: secret(z.string().min(1).optional()),
  /**
   * Seed nodes of a Redis Cluster as host:port, comma-separated (any masters; the rest is discovered). Each queue's
   * keys share one hash slot. Default none (no cluster).
   */
  REDIS_CLUSTER_NODES: envHostPortList(),
};

export const queueEnv = {
  ...redisEnv,
  /** BullMQ key prefix; every process of one installation must use the same. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default(DEFAULT_PREFIX),
};

type RedisEnv = {
  REDIS_URL?: string;
  REDIS_SENTINELS?: { host: string; port: number }[];
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_CLUSTER_NODES?: { host: string; port: number }[];
};

/**
 * The Redis topology a validated environment names, or null when it names none (the API without Redis). Throws a
 * ConfigError for a mixture (Sentinels and a cluster) or Sentinels without a master name.
 */
export function redisTopologyOf(env: RedisEnv): RedisTopology | null {
  const sentinels = env.REDIS_SENTINELS ?? [];
  const clusterNodes = env.REDIS_CLUSTER_NODES ?? [];
  const issues: string[] = [];
  if (sentinels.length > 0 && clusterNodes.length > 0) {
    issues.push('REDIS_SENTINELS and REDIS_CLUSTER_NODES: set one of them (Sentinel or Cluster), not both');
  }
  if (sentinels.length > 0 && !env.REDIS_SENTINEL_NAME) {
    issues.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name in "sentinel monitor <name> ...")');
  }
  if (sentinels.length === 0 && env.REDIS_SENTINEL_NAME) {
    issues.push('REDIS_SENTINELS: required with REDIS_SENTINEL_NAME (host:port of each Sentinel)');
  }
  if (issues.length > 0) throw new ConfigError(issues);
  // Credentials only: with Sentinels or a cluster the URL's host is not a server.
  const url = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (sentinels.length > 0) {
    return {
      mode: 'sentinel',
      url,
      sentinels,
      name: env.REDIS_SENTINEL_NAME as string,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    };
  }
  if (clusterNodes.length > 0) return { mode: 'cluster', url, nodes: clusterNodes };
  return env.REDIS_URL ? { mode: 'single', url: env.REDIS_URL } : null;
}

export const secretsKeyEnv = {
  /**
   * Key encrypting secrets at rest (mailbox passwords and tokens, webhook signing secrets): 32 bytes as 64 hex
   * characters or base64 (`openssl rand -base64 32`). Required; the same in every process of an installation.
   */
  SECRETS_KEY: secret(z.string({ message: 'required: 32 bytes as hex or base64 (openssl rand -base64 32)' }).min(32)),
  /** Older keys still accepted for decryption after a rotation, comma-separated. Default none. */
  SECRETS_KEY_PREVIOUS: secret(envList()),
};

/**
 * VERP return paths (`<VERP_LOCAL_PART>+<token>@<VERP_DOMAIN>`): the processes that hand them out sign with the first
 * secret; the rules worker verifies with all of them (current first, then previous ones during a rotation).
 */
export const verpEnv = {
  /** Secrets signing and verifying VERP return paths, comma-separated, current first. Default none (VERP off). */
  VERP_SECRETS: secret(envList()),
  /** Domain of the return paths, whose MX reaches the bounce mailbox. Required to sign. Default none. */
  VERP_DOMAIN: z.string().trim().min(1).optional(),
  /** Local part before the "+token". Default "bounces". */
  VERP_LOCAL_PART: z.string().trim().min(1).default('bounces'),
};

/** The health/metrics server of a worker, on its own default port. */
export const healthEnv = (defaultPort: number) => ({
  /** Port of /healthz, /readyz and /metrics. */
  HEALTH_PORT: envInt(defaultPort, 0, 65535),
  /** Default 0.0.0.0. */
  HEALTH_HOST: z.string().default('0.0.0.0'),
});

export const shutdownEnv = {
  /** How long in-flight jobs may finish on SIGTERM before they are handed back to the queue. Default 20 s. */
  SHUTDOWN_DRAIN_TIMEOUT: envDuration(20_000),
};

/** Everything a queue worker needs besides its own settings. */
export const workerEnv = (healthPort: number) => ({
  ...databaseEnv,
  ...queueEnv,
  ...healthEnv(healthPort),
  ...shutdownEnv,
  ...logEnv,
});
