export { ConfigError, loadEnvWith, redactConfig, redactUrl, resolveFileSecrets, type EnvSource } from './env.js';
export { createLogger, REDACT_PATHS, type Logger } from './logger.js';
export { envBoolean, envDuration, envInt } from './zod-helpers.js';
