import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('fetch worker configuration', () => {
  it('serves health and metrics on the port the README gives for it by default', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const row = readme.split('\n').find((line) => line.includes('`apps/fetch-worker`'));
    const documented = Number(/health\/metrics (\d+)/.exec(row ?? '')?.[1]);
    const env = loadEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', SECRETS_KEY: 'k'.repeat(44) });
    expect(env.HEALTH_PORT).toBe(documented);
  });
});
