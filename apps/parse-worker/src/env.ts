import { envDuration, envInt, loadEnvWith } from '@bounce/config';
import { z } from 'zod';

/** The parser's own default cap (2 MiB): a bounce carries its verdict near the top. */
const DEFAULT_PARSE_MAX_BYTES = 2 * 1024 * 1024;

export const parseWorkerEnvSchema = z.object({
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
  /** parse-messages jobs processed at once. Parsing is CPU-bound: about one per core. Default 2. */
  PARSE_CONCURRENCY: envInt(2, 1, 64),
  /** Bytes of each raw message read from the database and given to the parser. Default 2 MiB. */
  PARSE_MAX_BYTES: envInt(DEFAULT_PARSE_MAX_BYTES, 64 * 1024, 64 * 1024 * 1024),
  /**
   * Header names (comma-separated) whose values in the returned original message identify the send, e.g.
   * "X-Send-Id,X-Campaign-Id". Default: the parser's (X-Bounce-Correlation, X-Send-Id).
   */
  CORRELATION_HEADERS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  /** Port of /healthz, /readyz and /metrics. Default 9101. */
  HEALTH_PORT: envInt(9101, 0, 65535),
  HEALTH_HOST: z.string().default('0.0.0.0'),
  /** How long in-flight jobs may finish on SIGTERM before they are handed back to the queue. Default 20 s. */
  SHUTDOWN_DRAIN_TIMEOUT: envDuration(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ParseWorkerEnv = z.infer<typeof parseWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ParseWorkerEnv {
  return loadEnvWith(parseWorkerEnvSchema, ownVariables(source));
}

/**
 * Only this process's variables (and their `_FILE` forms): loadEnvWith resolves every `*_FILE` it is given, and an
 * unrelated one in the environment (e.g. TF_CLI_CONFIG_FILE pointing at a missing file) must not stop the worker.
 */
function ownVariables(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(parseWorkerEnvSchema.shape);
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => keys.includes(k) || keys.includes(k.replace(/_FILE$/, ''))),
  );
}
