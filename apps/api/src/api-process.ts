/**
 * The API process: migrations (the API runs them at start-up; concurrent starts wait on an advisory lock), the
 * database pool, the optional bootstrap key, Redis (optional), SMTP (optional), then HTTP. Stopped in reverse
 * order by the shared lifecycle: the server stops accepting and drains before Redis and the pool close.
 */
import { once } from 'node:events';
import { type Logger, SecretBox } from '@bounce/config';
import { type DatabaseHandle, openDatabase, runMigrations } from '@bounce/db';
import { createMailer, type Mailer, smtpSettingsFromEnv } from '@bounce/mailer';
import { createRedis } from '@bounce/queue';
import { type RunningProcess, runProcess } from '@bounce/runtime';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp } from './app.js';
import { ensureBootstrapKey } from './bootstrap-key.js';
import type { ApiEnv } from './env.js';

export type ApiProcess = RunningProcess & { url: () => string; app: () => FastifyInstance | undefined };

/** How long start-up waits for Redis before giving up (the producer connection does not queue commands). */
const REDIS_READY_TIMEOUT_MS = 10_000;

async function waitForRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  const timeout = AbortSignal.timeout(REDIS_READY_TIMEOUT_MS);
  await Promise.race([
    once(redis, 'ready', { signal: timeout }),
    once(redis, 'end', { signal: timeout }).then(() => {
      throw new Error('Redis connection ended before it was ready');
    }),
  ]);
}

export async function startApi(env: ApiEnv, options: { logger: Logger; handleSignals?: boolean }): Promise<ApiProcess> {
  const { logger } = options;
  const dbOptions = { url: env.DATABASE_URL, dataDir: env.PGLITE_DIR };
  let database: DatabaseHandle | undefined;
  let redis: Redis | null = null;
  let mailer: Mailer | null = null;
  let app: FastifyInstance | undefined;
  let url = '';

  const running = await runProcess({
    name: 'api',
    logger,
    handleSignals: options.handleSignals,
    subsystems: [
      {
        name: 'migrations',
        start: () => runMigrations(dbOptions),
        stop: () => {},
      },
      {
        name: 'database',
        start: async () => {
          database = openDatabase({ ...dbOptions, maxConnections: env.DATABASE_POOL_SIZE });
          if (env.BOOTSTRAP_ADMIN_KEY) {
            await ensureBootstrapKey(
              database.db,
              { key: env.BOOTSTRAP_ADMIN_KEY, tenantId: env.BOOTSTRAP_TENANT },
              logger,
            );
          }
        },
        stop: () => database?.close(),
      },
      {
        name: 'redis',
        start: async () => {
          if (!env.REDIS_URL) {
            logger.warn('REDIS_URL not set: rate limits per process, fetch now / webhook re-send unavailable');
            return;
          }
          redis = createRedis(env.REDIS_URL, 'producer');
          // A producer fails fast instead of queueing; log connection errors rather than crash on 'error'.
          redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
          await waitForRedis(redis);
        },
        stop: async () => {
          await redis?.quit();
        },
      },
      {
        name: 'smtp',
        start: () => {
          const settings = smtpSettingsFromEnv(env);
          mailer = settings ? createMailer(settings) : null;
        },
        stop: () => mailer?.close(),
      },
      {
        name: 'http',
        start: async () => {
          if (!database) throw new Error('database not open');
          app = await buildApp({
            db: database.db,
            redis,
            logger,
            mailer,
            config: {
              secretBox: new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS),
              queuePrefix: env.QUEUE_PREFIX,
              rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW },
              bodyLimitBytes: env.BODY_LIMIT_BYTES,
              webhookAllowLoopback: env.WEBHOOK_ALLOW_LOOPBACK,
              dashboardUrl: env.DASHBOARD_URL ?? null,
              trustProxy: env.TRUST_PROXY,
              cacheTtlMs: env.CACHE_TTL,
            },
          });
          url = await app.listen({ port: env.PORT, host: env.HOST });
          logger.info({ url, docs: `${url}/docs` }, 'api listening');
        },
        stop: () => app?.close(),
      },
    ],
  });
  return { ...running, url: () => url, app: () => app };
}
