import { envBoolean, envInt, loadEnvWith, secret } from '@bounce/config';
import { logEnv, queueEnv } from '@bounce/runtime';
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
  DASHBOARD_ADMIN_TOKEN: secret(
    emptyAsUnset(
      z
        .string({ error: "required: the installation administrator's secret (openssl rand -base64 32)" })
        .min(24, 'at least 24 characters (openssl rand -base64 32)'),
    ),
  ),
  /** Default true (read-only). "false" lets the installation administrator add, retry, clean and remove jobs. */
  DASHBOARD_READ_ONLY: envBoolean(true),
  /** Redis and the queue prefix of the installation whose queues are shown. */
  ...queueEnv,
  /** Default 3100. */
  PORT: envInt(3100, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  /** Path the board is served under. Default "/". */
  BASE_PATH: z
    .string()
    .regex(/^\/[\w/-]*$/, 'an absolute path such as / or /queues')
    .default('/'),
  ...logEnv,
});

export type DashboardEnv = z.infer<typeof dashboardEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): DashboardEnv {
  return loadEnvWith(dashboardEnvSchema, source);
}
