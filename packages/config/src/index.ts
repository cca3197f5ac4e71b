export {
  ConfigError,
  type EnvSource,
  loadEnvWith,
  redactConfig,
  redactUrl,
  resolveFileSecrets,
  secret,
  secretFieldsOf,
} from './env.js';
export { createLogger, type Logger, REDACT_PATHS } from './logger.js';
export { chooseOAuthMechanism, noOAuthMechanismMessage, type OAuthSaslMechanism } from './oauth-sasl.js';
export { parseKey, SecretBox, SecretBoxError, secretContext } from './secret-box.js';
export { clientTlsOptions, describeCertificateFailure, envCaBundleFile, parseCaBundle } from './tls-trust.js';
export { envBoolean, envDuration, envHostPortList, envInt, envList } from './zod-helpers.js';
