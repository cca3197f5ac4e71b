/**
 * Queue dashboard: bull-board for every queue of the catalog, behind an admin API key or DASHBOARD_ADMIN_TOKEN.
 * Configuration: see env.ts.
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { startDashboard } from './dashboard-process.js';
import { loadEnv } from './env.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`dashboard: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'dashboard', level: env.LOG_LEVEL });
logger.info({ config: redactConfig(env) }, 'starting');
try {
  await startDashboard(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
