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

export const rulesWorkerEnvSchema = z.object({
  /**
   * Required: several processes share the database, and the embedded PGlite database (used by the API and CLI when
   * DATABASE_URL is unset) can only be opened by one process. Run PostgreSQL and set e.g.
   * postgres://postgres@127.0.0.1:5432/bounce.
   */
  DATABASE_URL: z
    .string({ message: 'required: the workers need PostgreSQL (embedded PGlite serves a single process)' })
    .url(),
  /** Connections in this process's pool. Default 10. */
  DATABASE_POOL_SIZE: envInt(10, 1, 200),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; every process of one installation must use the same. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default('bounce'),
  /** apply-bounces jobs processed at once (each is one transaction over its batch). Default 2. */
  RULES_CONCURRENCY: envInt(2, 1, 64),
  /** send-events jobs processed at once. Default 2. */
  SEND_EVENTS_CONCURRENCY: envInt(2, 1, 64),
  /** Secrets verifying VERP return paths, comma-separated, current first (rotation). Default none. */
  VERP_SECRETS: commaList,
  /** Returned-message headers that identify the send, comma-separated. Default: all the parser extracted. */
  CORRELATION_HEADERS: commaList,
  /** Outbox rows published per relay transaction. Default 500. */
  OUTBOX_RELAY_BATCH: envInt(500, 1, 10_000),
  /** Fallback relay tick (the relay also runs after every applied batch); 0 disables. Default 1 s. */
  OUTBOX_RELAY_INTERVAL: envDuration(1_000),
  /** How often raw messages stuck before a final status are looked for; 0 disables. Default 1 min. */
  RECONCILE_INTERVAL: envDuration(60_000),
  /**
   * A raw message still received/parsed this long after arrival is re-enqueued (and at most once per this period
   * after that). Longer than a normal backlog takes to drain. Default 10 min.
   */
  RECONCILE_AFTER: envDuration(600_000),
  /** Raw messages re-enqueued per reconcile tick. Default 5000. */
  RECONCILE_LIMIT: envInt(5_000, 1, 100_000),
  /** How often sends past the delivery grace period are confirmed; 0 disables. Default 10 min. */
  GRACE_INTERVAL: envDuration(600_000),
  /** Upsert the maintenance job schedulers at start (one process of the cluster is enough). Default true. */
  SCHEDULE_MAINTENANCE: envBoolean(true),
  /**
   * Consume notify-events with a minimal recorder (logs and counts each event) until the notification worker
   * (apps/notify-worker) runs. Leave off when the notify worker runs: two consumers would split the queue.
   * Default false.
   */
  NOTIFY_EVENTS_RECORDER: envBoolean(false),
  /** Port of /healthz, /readyz and /metrics. Default 9102. */
  HEALTH_PORT: envInt(9102, 0, 65535),
  HEALTH_HOST: z.string().default('0.0.0.0'),
  /** How long in-flight jobs may finish on SIGTERM before they are handed back to the queue. Default 20 s. */
  SHUTDOWN_DRAIN_TIMEOUT: envDuration(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RulesWorkerEnv = z.infer<typeof rulesWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): RulesWorkerEnv {
  return loadEnvWith(rulesWorkerEnvSchema, ownVariables(source));
}

/**
 * Only this process's variables (and their `_FILE` forms): loadEnvWith resolves every `*_FILE` it is given, and an
 * unrelated one in the environment (e.g. TF_CLI_CONFIG_FILE pointing at a missing file) must not stop the worker.
 */
function ownVariables(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(rulesWorkerEnvSchema.shape);
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => keys.includes(k) || keys.includes(k.replace(/_FILE$/, ''))),
  );
}
