/**
 * Fetch worker: reads bounce mailboxes over IMAP (schedules, IDLE, "fetch now") into raw_messages and enqueues
 * parse jobs. Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and SECRETS_KEY.
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { loadEnv } from './env.js';
import { startFetchWorker } from './fetch-worker.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`fetch-worker: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'fetch-worker', level: env.LOG_LEVEL });
// SECRETS_KEY_PREVIOUS is a list (redactConfig only recognises string secrets by key name): count, never show.
logger.info(
  { config: redactConfig({ ...env, SECRETS_KEY_PREVIOUS: `[${env.SECRETS_KEY_PREVIOUS.length} redacted]` }) },
  'starting',
);
try {
  await startFetchWorker(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
