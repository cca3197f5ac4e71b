import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('rules worker configuration', () => {
  it('applies defaults and parses lists and durations', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bounce',
      VERP_SECRETS: ' current-secret , previous-secret ',
      RECONCILE_AFTER: '15m',
      OUTBOX_RELAY_INTERVAL: '0',
      // Unrelated *_FILE variables of the environment are ignored, not resolved.
      TF_CLI_CONFIG_FILE: '/nonexistent/.terraformrc',
    });
    expect(env.VERP_SECRETS).toEqual(['current-secret', 'previous-secret']);
    expect(env.RECONCILE_AFTER).toBe(900_000);
    expect(env.OUTBOX_RELAY_INTERVAL).toBe(0);
    expect(env.RULES_CONCURRENCY).toBe(2);
    expect(env.NOTIFY_EVENTS_RECORDER).toBe(false);
    expect(env.QUEUE_PREFIX).toBe('bounce');
  });

  it('requires DATABASE_URL and explains that the embedded database cannot be shared', () => {
    expect(() => loadEnv({})).toThrow(/DATABASE_URL: required: the workers need PostgreSQL \(embedded PGlite/);
  });
});
