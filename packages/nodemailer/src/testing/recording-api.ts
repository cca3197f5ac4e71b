/**
 * Test helper: a small HTTP server answering the send-recording endpoints the way the API does (POST
 * /v1/sends/batch, /v1/rejections, /v1/can-send), recording each request. For the plugin's and the relay's own tests;
 * the real API, workers and a VERP-matched bounce are packages/e2e's senders test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = { path: string; authorization: string | undefined; body: Record<string, unknown> };

export type RecordingApi = {
  url: string;
  requests: RecordedRequest[];
  /** The id the n-th recorded send got (1-based). */
  sendId: (n: number) => string;
  /** Sends recorded so far. */
  sendCount: () => number;
  /** Addresses the can-send check refuses, unless the category is in `exemptCategories`. */
  blocked: Set<string>;
  exemptCategories: Set<string>;
  /** Delay before answering can-send (to hold a message in flight). */
  canSendDelayMs: number;
  close: () => Promise<void>;
};

export async function startRecordingApi(options: { returnPathDomain: string }): Promise<RecordingApi> {
  let counter = 0;
  const sendId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const api: Omit<RecordingApi, 'url' | 'close'> = {
    requests: [],
    sendId,
    sendCount: () => counter,
    blocked: new Set(),
    exemptCategories: new Set(['invoice']),
    canSendDelayMs: 0,
  };

  function answer(path: string, body: Record<string, unknown>): { status: number; json: unknown } {
    if (path === '/v1/sends/batch') {
      const items = (body.items as { externalId?: string }[]).map((item, index) => {
        const id = sendId(++counter);
        return {
          index,
          id,
          externalId: item.externalId ?? null,
          created: true,
          returnPath: `bounces+t${counter}@${options.returnPathDomain}`,
          headers: { 'X-Send-Id': id },
        };
      });
      return { status: 200, json: { recorded: items.length, created: items.length, items } };
    }
    if (path === '/v1/rejections') return { status: 200, json: { applied: 1, duplicates: 0, blocked: 1, results: [] } };
    if (path === '/v1/can-send') {
      const category = String(body.category ?? 'transactional');
      const results = (body.addresses as string[]).map((input) => {
        const blocked = api.blocked.has(input);
        const allowed = !blocked || api.exemptCategories.has(category);
        return { input, address: input, allowed, blocked, reason: allowed ? 'ok' : 'blocked (hard-bounce)' };
      });
      const allowed = results.filter((r) => r.allowed).length;
      return { status: 200, json: { allowed, refused: results.length - allowed, results } };
    }
    return { status: 404, json: { status: 404, code: 'not-found', title: 'Not found', type: 'about:blank' } };
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const path = req.url ?? '';
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      api.requests.push({ path, authorization: req.headers.authorization, body });
      const { status, json } = answer(path, body);
      setTimeout(
        () => {
          res.statusCode = status;
          res.setHeader('content-type', status < 400 ? 'application/json' : 'application/problem+json');
          res.end(JSON.stringify(json));
        },
        path === '/v1/can-send' ? api.canSendDelayMs : 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(api, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
