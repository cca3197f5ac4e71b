/**
 * Notification worker: fans out committed outbox events to signed webhooks and operator e-mail digests.
 * Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and SECRETS_KEY; SMTP is optional.
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { smtpSettingsFromEnv } from '@bounce/mailer';
import { loadEnv } from './env.js';
import { startNotifyWorker } from './notify-worker.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
  smtpSettingsFromEnv(env); // SMTP_FROM missing with SMTP configured is a configuration error, reported here
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`notify-worker: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'notify-worker', level: env.LOG_LEVEL });
logger.info({ config: redactConfig(env) }, 'starting');
if (env.WEBHOOK_ALLOW_LOOPBACK)
  logger.warn('WEBHOOK_ALLOW_LOOPBACK is on: webhooks may call this host (development only)');
try {
  await startNotifyWorker(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
