import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, REDACT_PATHS } from '@bounce/config';
import { loadServiceEnv } from '@bounce/runtime';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { apiService, startApi } from './api-process.js';
import { buildApp } from './app.js';
import { loadEnv } from './env.js';
import { createTestApi } from './testing/test-api.js';

const BOOTSTRAP_KEY = `bk_bootstrap_${'x'.repeat(40)}`;

describe('the API process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates the embedded database at start, creates the bootstrap key, serves and stops', async () => {
    const env = loadEnv({
      PGLITE_DIR: dir,
      SECRETS_KEY: 'a'.repeat(64),
      PORT: '0',
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
      BOOTSTRAP_TENANT: 'first',
      LOG_LEVEL: 'silent',
    });
    const api = await startApi(env, { logger: createLogger({ name: 'api', level: 'silent' }), handleSignals: false });
    try {
      const url = api.url();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ tenantId: 'first', scopes: ['admin'] });
      // The migrated schema works end to end on PGlite: a send and a canSend.
      const send = await fetch(`${url}/v1/sends`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'a@example.com', sentAt: '2025-01-01T00:00:00Z' }),
      });
      expect(send.status).toBe(201);
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('keeps a revoked bootstrap key revoked across restarts', async () => {
    const env = loadEnv({
      PGLITE_DIR: dir,
      SECRETS_KEY: 'a'.repeat(64),
      PORT: '0',
      HOST: '127.0.0.1',
      BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
      BOOTSTRAP_TENANT: 'first',
    });
    const logger = createLogger({ name: 'api', level: 'silent' });
    let api = await startApi(env, { logger, handleSignals: false });
    const auth = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
    const me = (await (await fetch(`${api.url()}/v1/me`, { headers: auth })).json()) as { keyId: string };
    // A second admin key revokes the bootstrap key.
    const created = (await (
      await fetch(`${api.url()}/v1/api-keys`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'real admin', scopes: ['admin'] }),
      })
    ).json()) as { key: string };
    const revoke = await fetch(`${api.url()}/v1/api-keys/${me.keyId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(revoke.status).toBe(204);
    await api.stop();
    api = await startApi(env, { logger, handleSignals: false });
    try {
      expect((await fetch(`${api.url()}/v1/me`, { headers: auth })).status).toBe(401);
      expect((await fetch(`${api.url()}/v1/me`, { headers: { authorization: `Bearer ${created.key}` } })).status).toBe(
        200,
      );
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('refuses to start without SECRETS_KEY (configuration error naming it)', () => {
    expect(() => loadEnv({})).toThrow(/SECRETS_KEY/);
  });

  it('refuses a half-configured Google sign-in at start, naming what to set', () => {
    expect(() =>
      loadEnv({
        SECRETS_KEY: 'k'.repeat(44),
        OAUTH_GOOGLE_CLIENT_ID: 'web-client',
        OAUTH_GOOGLE_REDIRECT_URI: 'https://bounce.example.com/v1/oauth/callback',
      }),
    ).toThrow(/OAUTH_GOOGLE_CLIENT_SECRET: required because OAUTH_GOOGLE_CLIENT_ID is set/);
  });

  it('refuses VERP settings that cannot sign, and accepts complete ones', () => {
    const base = { SECRETS_KEY: 'k'.repeat(44) };
    expect(() => loadServiceEnv(apiService, { ...base, VERP_SECRETS: 'v'.repeat(24) })).toThrow(
      /VERP_DOMAIN is required/,
    );
    expect(() => loadServiceEnv(apiService, { ...base, VERP_SECRETS: 'short', VERP_DOMAIN: 'b.example' })).toThrow(
      /at least 16 characters/,
    );
    const env = loadServiceEnv(apiService, {
      ...base,
      VERP_SECRETS: `${'v'.repeat(24)},old`,
      VERP_DOMAIN: 'b.example',
    });
    expect(env.VERP_SECRETS).toHaveLength(2);
    expect(env.VERP_LOCAL_PART).toBe('bounces');
  });
});

describe('request logging', () => {
  it('never writes the API key to the log', async () => {
    const api = await createTestApi();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The same redaction as createLogger, at the level that logs every request.
    const logger = pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const app = await buildApp({
      db: api.database.db,
      logger,
      config: { secretBox: api.secretBox, queuePrefix: api.prefix, rateLimit: { max: 100, windowMs: 60_000 } },
    });
    try {
      await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${api.acme.read}` } });
      await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer bk_wrong-key-value' } });
      expect(lines.length).toBeGreaterThan(0);
      const log = lines.join('');
      expect(log).toContain('"url":"/v1/me"');
      expect(log).not.toContain(api.acme.read);
      expect(log).not.toContain('bk_wrong-key-value');
    } finally {
      await app.close();
      await api.close();
    }
    // A fresh test database and app: seconds on a loaded shared machine.
  }, 60_000);
});
