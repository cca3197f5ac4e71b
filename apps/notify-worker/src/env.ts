import { envBoolean, envDuration, envInt, loadEnvWith } from '@bounce/config';
import { smtpEnvShape } from '@bounce/mailer';
import { QUEUES } from '@bounce/queue';
import { z } from 'zod';

const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const notifyWorkerEnvSchema = z.object({
  /** PostgreSQL. Required: the workers share the database (embedded PGlite serves a single process). */
  DATABASE_URL: z
    .string({ message: 'required: the workers need PostgreSQL (embedded PGlite serves a single process)' })
    .url(),
  /** Connections in this process's pool. Default 10. */
  DATABASE_POOL_SIZE: envInt(10, 1, 200),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; every process of one installation must use the same. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default('bounce'),
  /** Key that decrypts webhook signing secrets (same as the API's): 32 bytes as hex or base64. Required. */
  SECRETS_KEY: z.string({ message: 'required: 32 bytes as hex or base64 (openssl rand -base64 32)' }).min(32),
  /** Older keys still accepted for decryption after a rotation, comma-separated. Default none. */
  SECRETS_KEY_PREVIOUS: commaList,

  /** notify-events jobs (fan-out) processed at once. Default 5. */
  NOTIFY_CONCURRENCY: envInt(5, 1, 100),
  /** Webhook attempts in flight at once: mostly waiting on receivers, so many. Default 20. */
  WEBHOOK_CONCURRENCY: envInt(20, 1, 500),
  /** Operator digest mails sent at once. Default 2. */
  EMAIL_CONCURRENCY: envInt(2, 1, 50),

  /** Allow webhook URLs on loopback (127.0.0.0/8, ::1): local development and tests only. Default false. */
  WEBHOOK_ALLOW_LOOPBACK: envBoolean(false),
  /** TCP connect timeout per attempt. Default 5 s. */
  WEBHOOK_CONNECT_TIMEOUT: envDuration(5_000),
  /** Total time per attempt (DNS, connect, TLS, request, response). Default 10 s. */
  WEBHOOK_TIMEOUT: envDuration(10_000),
  /** Response bytes read before the connection is dropped. Default 64 KiB. */
  WEBHOOK_MAX_RESPONSE_BYTES: envInt(64 * 1024, 1024, 16 * 1024 * 1024),
  /** Attempts per delivery series before it is kept as failed. Default 12 (the catalog's). */
  WEBHOOK_MAX_ATTEMPTS: envInt(QUEUES.webhookDeliveries.attempts, 1, 50),
  /** First retry delay, doubling each time. Default 30 s (12 attempts ≈ 17 h). */
  WEBHOOK_RETRY_BASE_DELAY: envDuration(QUEUES.webhookDeliveries.backoff.delay),
  /** Random fraction of each retry delay. Default 0.3. */
  WEBHOOK_RETRY_JITTER: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(QUEUES.webhookDeliveries.backoff.jitter ?? 0),

  /** How long normal-priority events are collected into one operator mail. Default 60 s. */
  OPERATOR_DIGEST_WINDOW: envDuration(60_000),
  /** Most events per operator mail; a full batch is sent at once. Default 100. */
  OPERATOR_DIGEST_MAX_EVENTS: envInt(100, 1, 1_000),
  ...smtpEnvShape,

  /** Port of /healthz, /readyz and /metrics. Default 9104. */
  HEALTH_PORT: envInt(9104, 0, 65535),
  HEALTH_HOST: z.string().default('0.0.0.0'),
  /** How long in-flight jobs may finish on SIGTERM before they are handed back. Default 20 s. */
  SHUTDOWN_DRAIN_TIMEOUT: envDuration(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type NotifyWorkerEnv = z.infer<typeof notifyWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): NotifyWorkerEnv {
  return loadEnvWith(notifyWorkerEnvSchema, ownVariables(source));
}

/**
 * Only this process's variables (and their `_FILE` forms): loadEnvWith resolves every `*_FILE` it is given, and an
 * unrelated one in the environment (e.g. TF_CLI_CONFIG_FILE pointing at a missing file) must not stop the worker.
 */
function ownVariables(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(notifyWorkerEnvSchema.shape);
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => keys.includes(k) || keys.includes(k.replace(/_FILE$/, ''))),
  );
}
