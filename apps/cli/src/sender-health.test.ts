/**
 * `bounce sender-health` as users run it (the compiled command) against an HTTP server on loopback that answers as
 * the API's /v1/sender-health/setups does (the API is an app, which the CLI's tests cannot start): the requests the
 * command sends (method, path, key, body) and how it prints answers and problems. The API's own behaviour is tested
 * in apps/api and packages/e2e.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from './cli-args.js';
import { parseSenderHealthArgs } from './sender-health-args.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');
const KEY = 'bk_test_secret_key_123';
const SETUP = {
  id: '7f1c7c39-2b52-4a53-9a8e-0c4f7e1c2d10',
  domain: 'example.com',
  status: 'pass',
  lastCheckedAt: '2026-12-06T23:00:00.000Z',
  nextCheckAt: '2026-12-07T00:00:00.000Z',
};

const seen: { method: string; url: string; authorization?: string; body: string }[] = [];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    const send = (status: number, json: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(status === 204 ? undefined : JSON.stringify(json));
    };
    if (req.method === 'POST' && JSON.parse(body).domain === 'full.example')
      return send(
        409,
        {
          title: 'Conflict',
          status: 409,
          code: 'conflict',
          detail: 'at most 100 sending setups are watched per tenant',
        },
        'application/problem+json',
      );
    if (req.method === 'POST') return send(200, SETUP);
    if (req.method === 'GET') return send(200, { items: [SETUP] });
    if (req.method === 'DELETE') return send(204, null);
    send(405, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

function bounce(args: string[], env: Record<string, string> = { BOUNCE_API_URL: apiUrl, BOUNCE_API_KEY: KEY }) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(BIN, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('bounce sender-health', () => {
  it('watches, lists and unwatches through the API with the key from the environment', async () => {
    const watched = await bounce([
      'sender-health',
      'watch',
      'example.com',
      '--ip',
      '203.0.113.5,203.0.113.6',
      '--selector',
      's1',
    ]);
    expect(watched.status).toBe(0);
    expect(watched.stdout).toContain(`${SETUP.id}  example.com  PASS`);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1/sender-health/setups',
      authorization: `Bearer ${KEY}`,
    });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({
      domain: 'example.com',
      ips: ['203.0.113.5', '203.0.113.6'],
      selectors: ['s1'],
    });

    const listed = await bounce(['sender-health', 'list', '--json']);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ items: [SETUP] });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/v1/sender-health/setups' });

    const removed = await bounce(['sender-health', 'unwatch', SETUP.id]);
    expect(removed.status).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: `/v1/sender-health/setups/${SETUP.id}` });
  }, 120_000);

  it("prints the API's problem (exit 1) and never the key; without a key it is a usage error", async () => {
    const refused = await bounce(['sender-health', 'watch', 'full.example', '--ip', '203.0.113.5']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('409 at most 100 sending setups are watched per tenant');
    expect(refused.stderr + refused.stdout).not.toContain(KEY);
    const before = seen.length;
    const keyless = await bounce(['sender-health', 'list'], { BOUNCE_API_URL: apiUrl });
    expect(keyless.status).toBe(2);
    expect(keyless.stderr).toContain('BOUNCE_API_KEY');
    expect(seen).toHaveLength(before);
  }, 120_000);

  it('reads its command line', () => {
    expect(parseSenderHealthArgs(['list', '--api-url', 'http://x:3000'])).toMatchObject({
      action: 'list',
      apiUrl: 'http://x:3000',
    });
    expect(() => parseSenderHealthArgs(['watch', 'example.com'])).toThrow(UsageError);
    expect(() => parseSenderHealthArgs(['unwatch'])).toThrow(UsageError);
    expect(() => parseSenderHealthArgs(['remove', 'x'])).toThrow(UsageError);
  });
});
