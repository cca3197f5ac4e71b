/**
 * Operator HTTP API: API keys with scopes, canSend, send events, suppressions, bounces, mailboxes, rule sets,
 * webhooks, event log. Configuration: see env.ts. OpenAPI document at /docs (UI) and /docs/json.
 */
import { ConfigError, createLogger, redactConfig } from '@bounce/config';
import { startApi } from './api-process.js';
import { loadEnv } from './env.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`api: ${err.message}`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ name: 'api', level: env.LOG_LEVEL });
// SECRETS_KEY_PREVIOUS is a list (redactConfig only recognises string secrets by key name): count, never show.
logger.info(
  { config: redactConfig({ ...env, SECRETS_KEY_PREVIOUS: `[${env.SECRETS_KEY_PREVIOUS.length} redacted]` }) },
  'starting',
);
try {
  await startApi(env, { logger });
} catch (err) {
  logger.fatal({ err }, 'start failed');
  process.exit(1);
}
