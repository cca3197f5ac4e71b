export { ConfigError, type EnvSource, loadEnvWith, redactConfig, redactUrl, resolveFileSecrets } from './env.js';
export { createLogger, type Logger, REDACT_PATHS } from './logger.js';
export { parseKey, SecretBox, SecretBoxError } from './secret-box.js';
export { envBoolean, envDuration, envInt } from './zod-helpers.js';
