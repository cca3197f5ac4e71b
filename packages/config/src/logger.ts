import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks in every log line. Secrets must never reach logs, whatever a caller passes in a field.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'pass',
  '*.pass',
  'secret',
  '*.secret',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'config.*Key',
  'auth.pass',
  'auth.accessToken',
];

/** One root logger per process; modules take `logger.child({ component })`. */
export function createLogger(options: { name: string; level?: string } & LoggerOptions): Logger {
  return pino({
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...options,
  });
}
