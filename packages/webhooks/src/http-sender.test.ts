import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from './http-sender.js';
import type { HostResolver } from './url-guard.js';

type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

let server: Server;
let port: number;
let received: Received[] = [];
let respond: (req: IncomingMessage, res: ServerResponse) => void;
/** TCP connections the server accepted. */
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      respond(req, res);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  // Each test starts without pooled connections (the client's are closed with the server's end).
  server.closeAllConnections();
  connections = 0;
  respond = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});

const resolver: HostResolver = async (hostname) => {
  if (hostname === 'hooks.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'internal.test') return [{ address: '10.1.2.3', family: 4 }];
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

const post = (url: string, extra: Partial<Parameters<typeof postWebhook>[0]> = {}) =>
  postWebhook({
    url,
    body: '{"id":"x"}',
    headers: { 'x-bounce-event-id': 'x' },
    allowLoopback: true,
    resolve: resolver,
    ...extra,
  });

describe('postWebhook', () => {
  it('POSTs the JSON body with our headers and reports the status', async () => {
    const r = await post(`http://127.0.0.1:${port}/hook?a=1`);
    expect(r).toMatchObject({ statusCode: 200, errorCode: null, responseExcerpt: 'ok', responseTruncated: false });
    expect(r.remoteAddress).toBe('127.0.0.1');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hook?a=1', body: '{"id":"x"}' });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-bounce-event-id': 'x',
      'user-agent': 'Bounce-Webhooks/1',
    });
  });

  it('connects to the address the guard checked, keeping the host name in the request', async () => {
    const r = await post(`http://hooks.test:${port}/via-name`);
    expect(r.statusCode).toBe(200);
    expect(r.remoteAddress).toBe('127.0.0.1');
    expect(received[0]!.headers.host).toBe(`hooks.test:${port}`);
  });

  it('refuses loopback unless allowed, and private addresses always, without sending anything', async () => {
    const literal = await post(`http://127.0.0.1:${port}/`, { allowLoopback: false });
    expect(literal).toMatchObject({ statusCode: null, errorCode: 'forbidden-address' });
    const named = await post(`http://hooks.test:${port}/`, { allowLoopback: false });
    expect(named).toMatchObject({ statusCode: null, errorCode: 'forbidden-address' });
    const internal = await post(`http://internal.test:${port}/`);
    expect(internal).toMatchObject({ statusCode: null, errorCode: 'forbidden-address' });
    // The attempt's error (shown to the tenant) names the kind of address, not the internal address itself.
    expect(internal.error).not.toContain('10.1.2.3');
    expect(internal.error).toContain('private');
    const mapped = await post(`http://[::ffff:7f00:1]:${port}/`, { allowLoopback: false });
    expect(mapped.errorCode).toBe('forbidden-address');
    expect(received).toHaveLength(0);
  });

  it('does not follow redirects', async () => {
    respond = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    const r = await post(`http://127.0.0.1:${port}/`);
    expect(r.statusCode).toBe(302);
    expect(received).toHaveLength(1);
  });

  it('times out a slow endpoint', async () => {
    respond = () => {}; // never answers
    const r = await post(`http://127.0.0.1:${port}/slow`, { timeoutMs: 300 });
    expect(r).toMatchObject({ statusCode: null, errorCode: 'timeout' });
    expect(r.durationMs).toBeGreaterThanOrEqual(290);
    expect(r.durationMs).toBeLessThan(3_000);
  });

  it('times out an endpoint that sends headers and then trickles the body', async () => {
    respond = (_req, res) => {
      res.writeHead(200);
      res.write('a');
    };
    const r = await post(`http://127.0.0.1:${port}/trickle`, { timeoutMs: 300 });
    expect(r.errorCode).toBe('timeout');
  });

  it('stops reading a response over the cap but keeps its status', async () => {
    let bytesWritten = 0;
    let closedEarly = false;
    respond = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const write = () => {
        while (bytesWritten < 16 * 1024 * 1024) {
          bytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('close', () => {
        closedEarly = bytesWritten < 16 * 1024 * 1024;
      });
      write();
    };
    const r = await post(`http://127.0.0.1:${port}/big`, { maxResponseBytes: 64 * 1024 });
    expect(r).toMatchObject({ statusCode: 200, errorCode: null, responseTruncated: true });
    expect(r.responseExcerpt).toHaveLength(1024);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
  });

  it('reports Retry-After, refused connections, unknown names and aborts', async () => {
    respond = (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down');
    expect(await post(`http://127.0.0.1:${port}/`)).toMatchObject({ statusCode: 429, retryAfterMs: 120_000 });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await post(`http://127.0.0.1:${closedPort}/`)).toMatchObject({
      statusCode: null,
      errorCode: 'connection-error',
    });

    expect(await post(`http://unknown.test:${port}/`)).toMatchObject({ errorCode: 'dns-failure' });

    respond = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await post(`http://127.0.0.1:${port}/`, { signal: controller.signal })).toMatchObject({
      errorCode: 'aborted',
    });
  });

  it('reuses a connection for the next delivery to the same receiver, still reporting the address', async () => {
    const first = await post(`http://hooks.test:${port}/one`);
    const second = await post(`http://hooks.test:${port}/two`);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.remoteAddress).toBe('127.0.0.1');
    expect(received.map((r) => r.url)).toEqual(['/one', '/two']);
    expect(connections).toBe(1);
  });

  it('never lends a connection opened under a looser policy to a stricter one', async () => {
    expect((await post(`http://hooks.test:${port}/`)).statusCode).toBe(200);
    // The same receiver, now without loopback allowed: refused, although a connection to it is open and idle.
    const strict = await post(`http://hooks.test:${port}/`, { allowLoopback: false });
    expect(strict.errorCode).toBe('forbidden-address');
    expect(received).toHaveLength(1);
  });

  it('delivers on a new connection when the receiver had closed the pooled one', async () => {
    expect((await post(`http://127.0.0.1:${port}/first`)).statusCode).toBe(200);
    // The receiver drops the kept-alive connection as the next request arrives on it (its idle timeout raced ours).
    respond = (req, res) => {
      if (connections === 1) req.socket.destroy();
      else res.writeHead(200).end('ok');
    };
    const r = await post(`http://127.0.0.1:${port}/second`);
    expect(r).toMatchObject({ statusCode: 200, errorCode: null });
    expect(connections).toBe(2);
  });
});
