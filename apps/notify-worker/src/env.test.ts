import { ConfigError } from '@bounce/config';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

const KEY = 'a'.repeat(64);
const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bounce', SECRETS_KEY: KEY };

describe('notify-worker env', () => {
  it('applies documented defaults', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'bounce',
      WEBHOOK_ALLOW_LOOPBACK: false,
      WEBHOOK_CONNECT_TIMEOUT: 5_000,
      WEBHOOK_TIMEOUT: 10_000,
      WEBHOOK_MAX_RESPONSE_BYTES: 65_536,
      WEBHOOK_MAX_ATTEMPTS: 12,
      WEBHOOK_RETRY_BASE_DELAY: 30_000,
      WEBHOOK_RETRY_JITTER: 0.3,
      OPERATOR_DIGEST_WINDOW: 60_000,
      OPERATOR_DIGEST_MAX_EVENTS: 100,
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      HEALTH_PORT: 9104,
      SECRETS_KEY_PREVIOUS: [],
    });
  });

  it('parses durations, booleans and lists', () => {
    const env = loadEnv({
      ...base,
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_TIMEOUT: '3s',
      OPERATOR_DIGEST_WINDOW: '2m',
      SECRETS_KEY_PREVIOUS: 'x, y',
    });
    expect(env).toMatchObject({
      WEBHOOK_ALLOW_LOOPBACK: true,
      WEBHOOK_TIMEOUT: 3_000,
      OPERATOR_DIGEST_WINDOW: 120_000,
    });
    expect(env.SECRETS_KEY_PREVIOUS).toEqual(['x', 'y']);
  });

  it('names every invalid variable', () => {
    try {
      loadEnv({ SECRETS_KEY: 'short', WEBHOOK_ALLOW_LOOPBACK: 'maybe', SMTP_URL: 'http://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      for (const name of ['DATABASE_URL', 'SECRETS_KEY', 'WEBHOOK_ALLOW_LOOPBACK', 'SMTP_URL'])
        expect(message).toContain(name);
    }
  });

  it('ignores unrelated *_FILE variables', () => {
    expect(() => loadEnv({ ...base, TF_CLI_CONFIG_FILE: '/nonexistent' })).not.toThrow();
  });
});
