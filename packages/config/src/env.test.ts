import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadEnvWith, redactConfig, redactUrl, secret, secretFieldsOf } from './env.js';
import { envBoolean, envDuration, envInt, envList } from './zod-helpers.js';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  WORKERS: envInt(2, 1, 64),
  DEBUG: envBoolean(false),
  POLL: envDuration(60_000),
});

describe('loadEnvWith', () => {
  it('applies defaults and coercions', () => {
    const env = loadEnvWith(schema, { DATABASE_URL: 'postgres://localhost/x', POLL: '20m', DEBUG: 'yes' });
    expect(env).toEqual({ DATABASE_URL: 'postgres://localhost/x', WORKERS: 2, DEBUG: true, POLL: 1_200_000 });
  });

  it('lists every problem with the variable name', () => {
    try {
      loadEnvWith(schema, { WORKERS: '0', POLL: 'soon' });
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('WORKERS');
      expect(message).toContain('POLL: expected a duration');
    }
  });

  it('reads secrets from <KEY>_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, 'db');
    writeFileSync(file, 'postgres://u:p@h/db\n');
    expect(loadEnvWith(schema, { DATABASE_URL_FILE: file }).DATABASE_URL).toBe('postgres://u:p@h/db');
    expect(() => loadEnvWith(schema, { DATABASE_URL_FILE: join(dir, 'missing') })).toThrow(
      /DATABASE_URL_FILE: cannot read/,
    );
  });
});

describe('redaction', () => {
  const configSchema = z.object({
    WEBHOOK_SIGNING: secret(z.string().optional()),
    KEYS_BEFORE_ROTATION: secret(envList()),
    PORT: z.coerce.number(),
    REDIS_URL: z.string(),
    TOKEN_TTL: z.string(),
  });

  it('follows the schema: marked fields are hidden whatever their name or type, URLs lose their passwords', () => {
    expect(redactUrl('postgres://me:hunter2@db:5432/x')).toBe('postgres://me:***@db:5432/x');
    const config = configSchema.parse({
      WEBHOOK_SIGNING: 's3cret',
      KEYS_BEFORE_ROTATION: 'old1,old2',
      PORT: '3000',
      REDIS_URL: 'redis://:pw@h:6379',
      TOKEN_TTL: '5m',
    });
    expect(secretFieldsOf(configSchema)).toEqual(['WEBHOOK_SIGNING', 'KEYS_BEFORE_ROTATION']);
    expect(redactConfig(configSchema, config)).toEqual({
      WEBHOOK_SIGNING: '[redacted]',
      KEYS_BEFORE_ROTATION: '[2 redacted]',
      PORT: 3000,
      REDIS_URL: 'redis://:***@h:6379',
      // A name that looks secret is not what decides: the schema does.
      TOKEN_TTL: '5m',
    });
  });

  it('keeps the marks through extend and spread shapes (how apps build their schemas)', () => {
    const extended = z.object({ ...configSchema.shape, OTHER: z.string() }).refine(() => true);
    expect(secretFieldsOf(extended)).toEqual(['WEBHOOK_SIGNING', 'KEYS_BEFORE_ROTATION']);
    expect(secretFieldsOf(configSchema.extend({ MORE: secret(z.string()) }))).toContain('MORE');
  });
});

describe('file secrets', () => {
  it('ignores *_FILE variables of other tools', () => {
    const env = loadEnvWith(schema, {
      DATABASE_URL: 'postgres://localhost/x',
      TF_CLI_CONFIG_FILE: '/nonexistent/terraform.rc',
    });
    expect(env.DATABASE_URL).toBe('postgres://localhost/x');
  });
});
