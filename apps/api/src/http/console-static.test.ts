import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../testing/test-api.js';

describe('the console under /console', () => {
  let dir: string;
  let api: TestApi;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    const script = 'console.log("the console");'.repeat(50);
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    api = await createTestApi({ consoleDir: dir });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app for every client-side route, with a strict CSP and no caching', async () => {
    for (const url of [
      '/console',
      '/console/',
      '/console/addresses/a%40example.com',
      '/console/sign-in?redirect=/console/',
    ]) {
      const res = await api.call(null, { method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>console</title>');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves built assets pre-compressed and cached for a year; never hidden files', async () => {
    const res = await api.call(null, {
      method: 'GET',
      url: '/console/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-type']).toContain('javascript');
    const hidden = await api.call(null, { method: 'GET', url: '/console/.env' });
    expect(hidden.body).not.toContain('SECRET');
    const up = await api.call(null, { method: 'GET', url: '/console/assets/../../package.json' });
    expect(up.body).not.toContain('"name"');
  });

  it('says how to build it when it is not built', async () => {
    const unbuilt = await createTestApi({ consoleDir: join(dir, 'missing') });
    try {
      const res = await unbuilt.call(null, { method: 'GET', url: '/console/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('pnpm --filter @bounce/console build');
    } finally {
      await unbuilt.close();
    }
  }, 60_000);
});
