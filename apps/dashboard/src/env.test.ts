import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('dashboard configuration', () => {
  it('never runs open: a key database or a bootstrap token is required', () => {
    expect(() => loadEnv({})).toThrow(/set DATABASE_URL \(admin API keys\) or DASHBOARD_ADMIN_TOKEN/);
    expect(() => loadEnv({ DATABASE_URL: '', DASHBOARD_ADMIN_TOKEN: '' })).toThrow(/never runs open/);
  });

  it('accepts either, treats an empty value as unset, and refuses a short token', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://127.0.0.1/bounce', DASHBOARD_ADMIN_TOKEN: '' })).toMatchObject({
      DATABASE_URL: 'postgres://127.0.0.1/bounce',
      DASHBOARD_ADMIN_TOKEN: undefined,
      PORT: 3100,
      BASE_PATH: '/',
    });
    expect(loadEnv({ DASHBOARD_ADMIN_TOKEN: 'x'.repeat(32) }).DATABASE_URL).toBeUndefined();
    expect(() => loadEnv({ DASHBOARD_ADMIN_TOKEN: 'short' })).toThrow(/at least 24 characters/);
  });
});
