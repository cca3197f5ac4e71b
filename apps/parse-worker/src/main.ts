/**
 * Parse worker: turns stored raw bounce messages into verdicts (parse-messages → apply-bounces).
 * Configuration: see env.ts. Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { loadEnv } from './env.js';
import { startParseWorker } from './parse-worker.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`parse-worker: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'parse-worker', level: env.LOG_LEVEL });
logger.info({ config: redactConfig(env) }, 'starting');
try {
  await startParseWorker(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
