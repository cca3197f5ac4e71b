/**
 * Environment fields every process shares, declared once: each app builds its schema from these and adds its own.
 * Secrets are marked with `secret()` here, so every process redacts them the same way. Connection URLs are not
 * secrets as a whole (their host helps an operator), but any password in them is: `redactConfig` strips it.
 */
import { envDuration, envInt, envList, secret } from '@bounce/config';
import { DEFAULT_PREFIX } from '@bounce/queue';
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

export const queueEnv = {
  /** Redis holding the queues, e.g. redis://127.0.0.1:6379. Default redis://127.0.0.1:6379. */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; every process of one installation must use the same. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default(DEFAULT_PREFIX),
};

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
