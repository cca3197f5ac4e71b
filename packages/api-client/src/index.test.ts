import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSchemaSource, SCHEMA_FILE } from '../scripts/schema-source.js';
import { ApiProblemError, createApiClient, fieldOfPointer, unwrap } from './index.js';

describe('generated types', () => {
  it('src/schema.ts is what openapi-typescript makes of openapi.json (run pnpm generate:api-client)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8') === (await generateSchemaSource())).toBe(true);
  }, 60_000);
});

describe('client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: IncomingMessage[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      if (req.url?.startsWith('/v1/can-send')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ allowed: true }));
        return;
      }
      res.statusCode = 400;
      res.setHeader('content-type', 'application/problem+json');
      res.end(
        JSON.stringify({
          type: 'urn:bounce:problem:validation',
          title: 'The request is not valid',
          status: 400,
          detail: '/body/reason: required',
          instance: req.url,
          code: 'validation',
          errors: [{ pointer: '/body/reason', detail: 'required' }],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the API key, and the CSRF token only on state-changing requests', async () => {
    const api = createApiClient({ baseUrl, apiKey: 'bk_test', csrfToken: () => 'csrf-1' });
    const ok = await api.GET('/v1/can-send', { params: { query: { address: 'a@example.com', category: 'invoice' } } });
    expect(ok.response.status).toBe(200);
    await api.POST('/v1/addresses/{address}/unblock', {
      params: { path: { address: 'a@example.com' } },
      body: { reason: 'x' },
    });
    const [get, post] = seen.slice(-2);
    expect(get?.headers.authorization).toBe('Bearer bk_test');
    expect(get?.headers['x-csrf-token']).toBeUndefined();
    expect(post?.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('turns a problem document into an ApiProblemError with errors by field', async () => {
    const problems: string[] = [];
    const api = createApiClient({ baseUrl, onProblem: (p) => problems.push(p.code) });
    const result = await api.POST('/v1/addresses/{address}/block', {
      params: { path: { address: 'a@example.com' } },
      body: { reason: '' },
    });
    expect(problems).toEqual(['validation']);
    try {
      unwrap(result);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiProblemError);
      expect((err as ApiProblemError).fieldErrors).toEqual({ reason: 'required' });
    }
    expect(fieldOfPointer('/body/config/softBounceThreshold')).toBe('config.softBounceThreshold');
    expect(fieldOfPointer('/body/items/0/address')).toBe('items.0.address');
  });
});
