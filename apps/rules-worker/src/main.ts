/**
 * Rules worker: applies parsed bounces and send events through the rules, relays outbox events to notify-events,
 * and runs the maintenance tasks (reconciler, grace confirmation). Configuration: see env.ts. Needs PostgreSQL
 * (DATABASE_URL) and Redis (REDIS_URL).
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { loadEnv } from './env.js';
import { startRulesWorker } from './rules-worker.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`rules-worker: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'rules-worker', level: env.LOG_LEVEL });
// VERP_SECRETS is a list (redactConfig only recognises string secrets by key name): count, never show.
logger.info({ config: redactConfig({ ...env, VERP_SECRETS: `[${env.VERP_SECRETS.length} redacted]` }) }, 'starting');
try {
  await startRulesWorker(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
