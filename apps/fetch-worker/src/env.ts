import { envBoolean, envDuration, envInt, loadEnvWith } from '@bounce/config';
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

export const fetchWorkerEnvSchema = z.object({
  /** PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/bounce. Required: several processes share it. */
  DATABASE_URL: z
    .string({ message: 'required: the workers need PostgreSQL (embedded PGlite serves a single process)' })
    .url(),
  /** Connections in this process's pool. Default 10. */
  DATABASE_POOL_SIZE: envInt(10, 1, 200),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; every process of one installation must use the same. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default('bounce'),
  /** Decrypts mailbox passwords/tokens: 32 bytes as 64 hex characters or base64. Required (same key as the API). */
  SECRETS_KEY: z.string({ message: 'required: 32 bytes as hex or base64 (openssl rand -base64 32)' }).min(32),
  /** Older keys still accepted for decryption after a rotation, comma-separated. Default none. */
  SECRETS_KEY_PREVIOUS: commaList,
  /** Mailboxes fetched at once by this process (I/O bound). Default 4. */
  FETCH_CONCURRENCY: envInt(4, 1, 100),
  /**
   * Messages per batch, one parse job (and one apply transaction) each. Default 500 (DEFAULT_BATCH_SIZE of
   * fetch-mailbox.ts, where the measurement is); at most 1,000 (the parse job's limit).
   */
  FETCH_BATCH_SIZE: envInt(500, 1, 1000),
  /** Bytes of message content per batch (bounds memory whatever the message sizes). Default 32 MiB. */
  FETCH_BATCH_MAX_BYTES: envInt(32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
  /** Lease of the per-mailbox fetch lock, renewed every third of it while a fetch runs. Default 60 s. */
  FETCH_LOCK_TTL: envDuration(60_000),
  /** DNS + TCP + TLS budget per connection. Default 30 s. */
  IMAP_CONNECT_TIMEOUT: envDuration(30_000),
  /** Socket inactivity after which a connection is dropped. Default 5 min. */
  IMAP_SOCKET_TIMEOUT: envDuration(300_000),
  /** Allow tls mode "none" to hosts that are not loopback (credentials in clear). Default false. */
  IMAP_ALLOW_INSECURE_REMOTE: envBoolean(false),
  /** Keep IMAP IDLE connections for mailboxes with use_idle. Default true. */
  IDLE_ENABLED: envBoolean(true),
  /** How often IDLE watchers are reconciled with the mailboxes (new, disabled, lost connections). Default 30 s. */
  IDLE_RESCAN_INTERVAL: envDuration(30_000),
  /** Lease of an IDLE connection (one process per mailbox). Default 30 s. */
  IDLE_LOCK_TTL: envDuration(30_000),
  /** How often the job schedulers are reconciled with the mailboxes table; 0 = only at start. Default 60 s. */
  MAILBOX_SYNC_INTERVAL: envDuration(60_000),
  /** Port of /healthz, /readyz and /metrics. Default 9103. */
  HEALTH_PORT: envInt(9103, 0, 65535),
  HEALTH_HOST: z.string().default('0.0.0.0'),
  /** How long a running fetch may finish on SIGTERM before it is handed back to the queue. Default 20 s. */
  SHUTDOWN_DRAIN_TIMEOUT: envDuration(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type FetchWorkerEnv = z.infer<typeof fetchWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): FetchWorkerEnv {
  return loadEnvWith(fetchWorkerEnvSchema, source);
}
