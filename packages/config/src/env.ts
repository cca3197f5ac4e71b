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
  const shape = shapeOf(schema);
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

/**
 * Marks a configuration field as a secret, in the schema itself: `redactConfig` blanks every marked field whatever
 * its name or type, so a new secret cannot be logged by forgetting a name pattern. Mark the outermost schema of the
 * field (after `.optional()`, `.default()` or a preprocess), the one placed in the object's shape.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  SECRET_SCHEMAS.add(schema);
  return schema;
}

const SECRET_SCHEMAS = new WeakSet<z.ZodType>();

/** Names of the fields of an object schema marked with `secret()`. */
export function secretFieldsOf(schema: z.ZodType): string[] {
  const shape = shapeOf(schema);
  return shape ? Object.keys(shape).filter((key) => SECRET_SCHEMAS.has(shape[key] as z.ZodType)) : [];
}

/**
 * Copy of a validated configuration safe to log: fields marked secret in `schema` are replaced (a list by its
 * length), and every URL loses its password (postgres://user:pass@host → postgres://user:***@host).
 */
export function redactConfig(schema: z.ZodType, config: Record<string, unknown>): Record<string, unknown> {
  const secrets = new Set(secretFieldsOf(schema));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (secrets.has(key)) out[key] = redactedValue(value);
    else if (typeof value === 'string' && URL_PATTERN.test(value)) out[key] = redactUrl(value);
    else if (Array.isArray(value))
      out[key] = value.map((v) => (typeof v === 'string' && URL_PATTERN.test(v) ? redactUrl(v) : v));
    else out[key] = value;
  }
  return out;
}

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

function redactedValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (Array.isArray(value)) return `[${value.length} redacted]`;
  return '[redacted]';
}

/** The shape of an object schema (also behind refinements, which zod 4 keeps on the object itself). */
function shapeOf(schema: z.ZodType): Record<string, unknown> | undefined {
  return (schema as unknown as { shape?: Record<string, unknown> }).shape;
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
