import { readFileSync } from 'node:fs';
import type { z } from 'zod';

export type EnvSource = Record<string, string | undefined>;

/** Raised when the configuration is invalid; the message lists every variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/**
 * Resolves `<KEY>_FILE` indirections (Docker/Kubernetes secrets) into `<KEY>`, so secrets need not sit in the
 * environment. A `_FILE` that cannot be read is a configuration error, not a silent fallback.
 */
export function resolveFileSecrets(
  source: EnvSource,
  knownKeys?: ReadonlySet<string>,
): { env: EnvSource; issues: string[] } {
  const env: EnvSource = { ...source };
  const issues: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (!key.endsWith('_FILE') || !value) continue;
    const target = key.slice(0, -'_FILE'.length);
    // Only our own variables: other tools' *_FILE variables in the environment are none of our business.
    if (knownKeys && !knownKeys.has(target)) continue;
    if (source[target] !== undefined) continue; // an explicit value wins over the file
    try {
      env[target] = readFileSync(value, 'utf8').trim();
    } catch (err) {
      issues.push(`${key}: cannot read ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { env, issues };
}

/**
 * Validates an environment against a zod schema once, at start-up. Nothing parses `process.env` at import time:
 * tests pass a plain object.
 */
export function loadEnvWith<S extends z.ZodType>(schema: S, source: EnvSource = process.env): z.output<S> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const { env, issues } = resolveFileSecrets(source, shape ? new Set(Object.keys(shape)) : undefined);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues);
  return parsed.data;
}

const SECRET_KEY = /(pass(word)?|secret|token|key|credential|authorization|cookie|dsn|url)s?$/i;

/** Copy of a config object safe to log: secret-looking keys are replaced, URLs lose their passwords. */
export function redactConfig<T extends Record<string, unknown>>(config: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) out[key] = redactUrl(value);
    else if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') out[key] = '[redacted]';
    else out[key] = value;
  }
  return out;
}

/** Removes the password from a connection URL (postgres://user:pass@host → postgres://user:***@host). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}
