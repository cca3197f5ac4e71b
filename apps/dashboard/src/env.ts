import { envBoolean, envInt, loadEnvWith } from '@bounce/config';
import { z } from 'zod';

/** `VAR=` (e.g. docker compose's `${VAR:-}`) means unset, not an empty secret. */
const emptyAsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const dashboardEnvSchema = z.object({
  /**
   * Optional PostgreSQL holding tenants' API keys, only so that a tenant key is answered 403 ("not for tenants")
   * instead of 401. Tenant keys never open the board: the queues hold every tenant's jobs.
   */
  DATABASE_URL: emptyAsUnset(z.string().url().optional()),
  /**
   * Required: the installation administrator's secret, the only credential the board accepts. At least 24
   * characters, e.g. `openssl rand -base64 32`.
   */
  DASHBOARD_ADMIN_TOKEN: emptyAsUnset(
    z
      .string({ error: "required: the installation administrator's secret (openssl rand -base64 32)" })
      .min(24, 'at least 24 characters (openssl rand -base64 32)'),
  ),
  /** Default true (read-only). "false" lets the installation administrator add, retry, clean and remove jobs. */
  DASHBOARD_READ_ONLY: envBoolean(true),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix of the installation whose queues are shown. Default "bounce". */
  QUEUE_PREFIX: z.string().min(1).default('bounce'),
  /** Default 3100. */
  PORT: envInt(3100, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  /** Path the board is served under. Default "/". */
  BASE_PATH: z
    .string()
    .regex(/^\/[\w/-]*$/, 'an absolute path such as / or /queues')
    .default('/'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DashboardEnv = z.infer<typeof dashboardEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): DashboardEnv {
  return loadEnvWith(dashboardEnvSchema, ownVariables(source));
}

/**
 * Only this process's variables (and their `_FILE` forms): loadEnvWith resolves every `*_FILE` it is given, and an
 * unrelated one in the environment (e.g. TF_CLI_CONFIG_FILE pointing at a missing file) must not stop the worker.
 */
function ownVariables(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(dashboardEnvSchema.shape);
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => keys.includes(k) || keys.includes(k.replace(/_FILE$/, ''))),
  );
}
