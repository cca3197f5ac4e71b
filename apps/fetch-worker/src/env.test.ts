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

describe('OAuth sign-in configuration', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', SECRETS_KEY: 'k'.repeat(44) };
  const messageOf = (source: Record<string, string>) => {
    try {
      loadEnv({ ...base, ...source });
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('a Google client id without its secret and redirect URI is refused at start, naming both', () => {
    const message = messageOf({ OAUTH_GOOGLE_CLIENT_ID: 'web-client.apps.googleusercontent.com' });
    expect(message).toMatch(/OAUTH_GOOGLE_CLIENT_SECRET: required because OAUTH_GOOGLE_CLIENT_ID is set/);
    expect(message).toMatch(
      /OAUTH_GOOGLE_REDIRECT_URI: required because OAUTH_GOOGLE_CLIENT_ID is set.*\/v1\/oauth\/callback/,
    );
  });

  it('a Google secret without the client id is refused, and the secret is not echoed', () => {
    const message = messageOf({ OAUTH_GOOGLE_CLIENT_SECRET: 'GOCSPX-very-secret' });
    expect(message).toMatch(/OAUTH_GOOGLE_CLIENT_ID: required because OAUTH_GOOGLE_CLIENT_SECRET is set/);
    expect(message).not.toContain('GOCSPX-very-secret');
  });

  it('a Microsoft tenant or endpoint without the client id is refused', () => {
    expect(messageOf({ OAUTH_MICROSOFT_TENANT: 'contoso.onmicrosoft.com' })).toMatch(
      /OAUTH_MICROSOFT_CLIENT_ID: required because OAUTH_MICROSOFT_TENANT is set/,
    );
  });

  it('complete configurations, and none at all, are accepted', () => {
    expect(messageOf({})).toBeNull();
    expect(
      messageOf({ OAUTH_MICROSOFT_CLIENT_ID: 'app-id', OAUTH_MICROSOFT_TENANT: 'contoso.onmicrosoft.com' }),
    ).toBeNull();
    expect(
      messageOf({
        OAUTH_GOOGLE_CLIENT_ID: 'web-client',
        OAUTH_GOOGLE_CLIENT_SECRET: 'secret',
        OAUTH_GOOGLE_REDIRECT_URI: 'https://bounce.example.com/v1/oauth/callback',
      }),
    ).toBeNull();
  });
});
