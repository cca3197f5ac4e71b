/**
 * The API process, on the shared bootstrap: migrations (the API runs them at start-up; concurrent starts wait on an
 * advisory lock), the database pool (PostgreSQL, or embedded PGlite without DATABASE_URL), Redis (optional, a
 * fail-fast producer connection), then its own parts: the bootstrap key, SMTP (optional) and HTTP. Stopped in
 * reverse order: the server stops accepting and drains before Redis and the pool close.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, SecretBox } from '@bounce/config';
import { mailboxNetworkPolicyFromEnv, oauthProvidersFromEnv } from '@bounce/mailbox-access';
import { createMailer, type Mailer, type SmtpSettings, smtpSettingsFromEnv } from '@bounce/mailer';
import { RulesError, verpSigningOf } from '@bounce/rules';
import {
  type RunningService,
  redisTopologyOf,
  type ServiceDefinition,
  type StartOptions,
  startService,
} from '@bounce/runtime';
import { senderHealthConfigFromEnv } from '@bounce/sender-health/env';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ensureBootstrapKey } from './bootstrap-key.js';
import { type ApiEnv, apiEnvSchema } from './env.js';

/** The console's build output in this repository (a file path at run time, not an import of another app). */
const DEFAULT_CONSOLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../console/dist');

type ApiExtra = { url: () => string; app: () => FastifyInstance | undefined };

export type ApiProcess = RunningService<ApiExtra>;

export const apiService: ServiceDefinition<typeof apiEnvSchema, never, ApiExtra> = {
  name: 'api',
  env: apiEnvSchema,
  validate: (env) => {
    smtpSettingsFromEnv(env);
    verpSigningFrom(env);
  },
  migrate: true,
  database: (env) => ({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR, maxConnections: env.DATABASE_POOL_SIZE }),
  redis: { roles: ['producer'], waitForReady: true },
  parts: (ctx) => {
    const { env, logger } = ctx;
    let mailer: Mailer | null = null;
    let smtpSettings: SmtpSettings | null = null;
    let app: FastifyInstance | undefined;
    let url = '';
    const subsystems = [
      {
        name: 'bootstrap key',
        start: async () => {
          if (!redisTopologyOf(env)) {
            logger.warn('no Redis configured: rate limits per process, fetch now / webhook re-send unavailable');
          }
          if (env.BOOTSTRAP_ADMIN_KEY) {
            await ensureBootstrapKey(
              ctx.database.db,
              { key: env.BOOTSTRAP_ADMIN_KEY, tenantId: env.BOOTSTRAP_TENANT },
              logger,
            );
          }
        },
        stop: () => {},
      },
      {
        name: 'smtp',
        start: () => {
          smtpSettings = smtpSettingsFromEnv(env);
          mailer = smtpSettings ? createMailer(smtpSettings) : null;
        },
        stop: () => mailer?.close(),
      },
      {
        name: 'http',
        start: async () => {
          app = await buildApp({
            db: ctx.database.db,
            redis: ctx.optionalRedis('producer'),
            logger,
            mailer,
            smtpSettings,
            config: {
              secretBox: new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS),
              queuePrefix: env.QUEUE_PREFIX,
              rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW },
              bodyLimitBytes: env.BODY_LIMIT_BYTES,
              webhookAllowLoopback: env.WEBHOOK_ALLOW_LOOPBACK,
              mailboxNetwork: mailboxNetworkPolicyFromEnv(env),
              oauthProviders: oauthProvidersFromEnv(env),
              dashboardUrl: env.DASHBOARD_URL ?? null,
              trustProxy: env.TRUST_PROXY,
              cacheTtlMs: env.CACHE_TTL,
              session: {
                idleMs: env.SESSION_IDLE_TIMEOUT,
                absoluteMs: env.SESSION_MAX_AGE,
                cookieSecure: env.SESSION_COOKIE_SECURE,
              },
              consoleDir: env.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR,
              correlationHeaders: env.CORRELATION_HEADERS,
              verp: verpSigningFrom(env),
              signInRateLimit: { max: env.SIGN_IN_RATE_LIMIT_MAX, windowMs: 60_000 },
              senderHealth: senderHealthConfigFromEnv(env),
            },
          });
          url = await app.listen({ port: env.PORT, host: env.HOST });
          logger.info({ url, docs: `${url}/docs` }, 'api listening');
        },
        stop: () => app?.close(),
      },
    ];
    return { subsystems, expose: { url: () => url, app: () => app } };
  },
};

/** The VERP signing settings, or a configuration error (exit 78) naming what cannot sign. */
function verpSigningFrom(env: ApiEnv) {
  try {
    return verpSigningOf({ secrets: env.VERP_SECRETS, domain: env.VERP_DOMAIN, localPart: env.VERP_LOCAL_PART });
  } catch (err) {
    if (err instanceof RulesError) throw new ConfigError([`VERP: ${err.message}`]);
    throw err;
  }
}

export function startApi(env: ApiEnv, options: StartOptions): Promise<ApiProcess> {
  return startService(apiService, env, options);
}
