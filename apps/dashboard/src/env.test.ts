import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('dashboard configuration', () => {
  it('never runs open: the installation administrator token is required, a key database is not enough', () => {
    expect(() => loadEnv({})).toThrow(/DASHBOARD_ADMIN_TOKEN: required/);
    expect(() => loadEnv({ DATABASE_URL: 'postgres://127.0.0.1/bounce', DASHBOARD_ADMIN_TOKEN: '' })).toThrow(
      /DASHBOARD_ADMIN_TOKEN: required/,
    );
    expect(() => loadEnv({ DASHBOARD_ADMIN_TOKEN: 'short' })).toThrow(/at least 24 characters/);
  });

  it('is read-only unless told otherwise', () => {
    expect(loadEnv({ DASHBOARD_ADMIN_TOKEN: 'x'.repeat(32) })).toMatchObject({
      DASHBOARD_READ_ONLY: true,
      PORT: 3100,
      BASE_PATH: '/',
    });
    expect(loadEnv({ DASHBOARD_ADMIN_TOKEN: 'x'.repeat(32), DASHBOARD_READ_ONLY: 'false' }).DASHBOARD_READ_ONLY).toBe(
      false,
    );
  });
});
