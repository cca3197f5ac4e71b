import { envBoolean, envDuration, envInt, loadEnvWith, secret } from '@bounce/config';
import { checkOAuthProvidersEnv, mailboxNetworkEnv, oauthProvidersEnv } from '@bounce/mailbox-access';
import { smtpEnvShape } from '@bounce/mailer';
import { databaseEnv, logEnv, queueEnv, redisEnv, secretsKeyEnv, verpEnv } from '@bounce/runtime';
import { senderHealthEnvShape } from '@bounce/sender-health/env';
import { z } from 'zod';

/** A comma-separated list ("a, b" → ["a", "b"]); empty or absent → []. */
const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const apiEnvSchema = z
  .object({
    /**
     * PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/bounce. Default: none, and then the embedded PGlite database
     * under PGLITE_DIR is used, so a first start needs no server (single process only: the workers need PostgreSQL).
     */
    DATABASE_URL: z.string().url().optional(),
    /** Embedded database directory when DATABASE_URL is unset. Default ./data/pglite. */
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    DATABASE_POOL_SIZE: databaseEnv.DATABASE_POOL_SIZE,
    /**
     * Redis. Default: none. Without it, rate limits are counted per process (in memory) and the operations that
     * enqueue jobs (mailbox "fetch now", webhook re-send, operator test mail) answer 503.
     */
    REDIS_URL: z.string().url().optional(),
    REDIS_SENTINELS: redisEnv.REDIS_SENTINELS,
    REDIS_SENTINEL_NAME: redisEnv.REDIS_SENTINEL_NAME,
    REDIS_SENTINEL_PASSWORD: redisEnv.REDIS_SENTINEL_PASSWORD,
    REDIS_CLUSTER_NODES: redisEnv.REDIS_CLUSTER_NODES,
    QUEUE_PREFIX: queueEnv.QUEUE_PREFIX,
    ...secretsKeyEnv,
    /** Default 3000. */
    PORT: envInt(3000, 0, 65535),
    /** Default 0.0.0.0. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Trust X-Forwarded-* from a reverse proxy (client IP for unauthenticated rate limits). Default false. */
    TRUST_PROXY: envBoolean(false),
    /** Requests per API key per RATE_LIMIT_WINDOW (unauthenticated requests count per client IP). Default 600. */
    RATE_LIMIT_MAX: envInt(600, 1, 10_000_000),
    /** Rate-limit window. Default 1 minute. */
    RATE_LIMIT_WINDOW: envDuration(60_000),
    /**
     * How long verified API keys and each tenant's rule layers are cached in the process (canSend then costs one
     * query). A key revoked or a rule set changed through another API process takes effect within this time; through
     * this process, at once. 0 disables. Default 5 s.
     */
    CACHE_TTL: envDuration(5_000),
    /** Largest request body (a suppression import, a batch of sends). Default 20 MiB. */
    BODY_LIMIT_BYTES: envInt(20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    /**
     * Creates this API key (admin scope, tenant BOOTSTRAP_TENANT, created when missing) at start if it does not exist
     * yet: a first key without a shell on the server. At least 32 characters; rotate it out by creating a real key
     * and revoking this one. Default none.
     */
    BOOTSTRAP_ADMIN_KEY: secret(z.string().min(32, 'at least 32 characters (openssl rand -base64 32)').optional()),
    /** Tenant of BOOTSTRAP_ADMIN_KEY. Default "default". */
    BOOTSTRAP_TENANT: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
      .default('default'),
    /** Allow webhook URLs on loopback addresses (local development and tests only). Default false. */
    WEBHOOK_ALLOW_LOOPBACK: envBoolean(false),
    /** Where the mailbox connection test may connect: MAILBOX_ALLOWED_PORTS, MAILBOX_ALLOWED_NETWORKS, ... */
    ...mailboxNetworkEnv,
    /** Microsoft 365 and Google sign-in for mailboxes (OAUTH_MICROSOFT_*, OAUTH_GOOGLE_*; docs/oauth-mailboxes.md). */
    ...oauthProvidersEnv,
    /** Where the queue dashboard (apps/dashboard) runs; GET /dashboard redirects there. Default none. */
    DASHBOARD_URL: z.string().url().optional(),
    /**
     * Header names (comma-separated) identifying the send in returned messages, used when an operator re-parses a
     * message; set it like the parse worker's CORRELATION_HEADERS. Default: the parser's.
     */
    CORRELATION_HEADERS: commaList,
    /**
     * VERP signing: with VERP_SECRETS and VERP_DOMAIN set, recording a send answers the signed return path to send it
     * with (the rules worker must have the same VERP_SECRETS to verify it). The send id header handed out with it is
     * the first CORRELATION_HEADERS name, default X-Send-Id.
     */
    ...verpEnv,
    /** Console sign-in attempts per client IP per minute (shared through Redis by all API processes). Default 10. */
    SIGN_IN_RATE_LIMIT_MAX: envInt(10, 1, 100_000),
    /** A console session ends after this long without a request. Default 12 hours. */
    SESSION_IDLE_TIMEOUT: envDuration(12 * 3600_000),
    /** A console session ends this long after sign-in, used or not. Default 7 days. */
    SESSION_MAX_AGE: envDuration(7 * 24 * 3600_000),
    /**
     * Secure attribute of the session cookie: auto (when the request came over HTTPS; behind a TLS-terminating proxy
     * set TRUST_PROXY=true), always, or never. Default auto.
     */
    SESSION_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
    /** The built operator console, served under /console. Default: apps/console/dist of this repository. */
    CONSOLE_DIR: z.string().min(1).optional(),
    /** SMTP for "send test mail" (same variables as the notify worker: SMTP_URL or SMTP_HOST, SMTP_FROM, ...). */
    ...smtpEnvShape,
    /** Resolver and blocklists of POST /v1/sender-checks (same variables as the notify worker's sender health). */
    ...senderHealthEnvShape,
    ...logEnv,
  })
  // A half-configured Microsoft or Google sign-in is refused here, naming the variable to set.
  .superRefine(checkOAuthProvidersEnv);

export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return loadEnvWith(apiEnvSchema, source);
}
