/**
 * Issue 12 item 5: values PostgreSQL cannot store (NUL, lone surrogates, dates outside its range, cursors whose
 * parts have the wrong type) are refused as problem details 400 by the validation layer, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const UUID = '0b8f4b8e-4d2a-4c4e-9d6e-3f1f1d1c2b3a';

describe('the validation layer', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  async function expect400(options: Parameters<TestApi['call']>[1], key = api.acme.admin) {
    const res = await api.call(key, options);
    expect({ url: options.url, status: res.statusCode }).toEqual({ url: options.url, status: 400 });
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    return json<{ code: string; errors?: { pointer: string }[] }>(res);
  }

  const send = (extra: Record<string, unknown>) => ({
    method: 'POST' as const,
    url: '/v1/sends',
    payload: { recipient: 'someone@example.com', externalId: 'x-1', sentAt: '2025-01-01T00:00:00Z', ...extra },
  });

  it('refuses NUL in a body string, a query value, a path parameter and a header', async () => {
    const body = await expect400(send({ category: 'news\u0000letter' }));
    expect(body.errors?.[0]?.pointer).toBe('/body/category');
    await expect400({ method: 'GET', url: '/v1/can-send?address=a%00b@example.com' });
    await expect400({ method: 'GET', url: '/v1/suppressions?q=abc%00' });
    await expect400({ method: 'GET', url: '/v1/addresses/a%00b@example.com' });
    await expect400({ method: 'GET', url: '/v1/lists/news%00/suppressions' });
    await expect400({ method: 'GET', url: '/v1/bounces', headers: { 'x-request-id': 'a\u0000b' } });
  });

  it('refuses a lone surrogate in JSON (escaped in the text, as a client library writes it)', async () => {
    const payload =
      '{"recipient":"a@example.com","externalId":"x-2","sentAt":"2025-01-01T00:00:00Z","listId":"l\\ud800"}';
    const body = await expect400({
      method: 'POST',
      url: '/v1/sends',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(body.errors?.[0]?.pointer).toBe('/body/listId');
    // A lone low surrogate, and one in an object key.
    await expect400({
      method: 'POST',
      url: '/v1/sends',
      payload: '{"recipient":"a@example.com","externalId":"x\\udc00","sentAt":"2025-01-01T00:00:00Z"}',
      headers: { 'content-type': 'application/json' },
    });
    await expect400({
      method: 'POST',
      url: '/v1/domain-blocks',
      payload: '{"domain":"example.org","reason":"r","\\ud83d":1}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('refuses URLs that are not valid percent-encoded UTF-8, and over-long path parameters, as problems', async () => {
    await expect400({ method: 'GET', url: '/v1/can-send?address=a%ED%A0%80@example.com' });
    await expect400({ method: 'GET', url: '/v1/suppressions?q=100%' });
    await expect400({ method: 'GET', url: '/v1/bounces/%ED%A0%80' });
    const long = await api.call(api.acme.read, { method: 'GET', url: `/v1/addresses/${'a'.repeat(400)}@example.com` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  });

  it('accepts a proper surrogate pair (an emoji in a reason)', async () => {
    const res = await api.call(api.acme.admin, send({ externalId: 'x-emoji', category: 'news 😀' }));
    expect(res.statusCode).toBe(201);
  });

  it('bounds dates to what PostgreSQL stores and refuses non-dates', async () => {
    for (const sentAt of [8.64e15, -8.64e15, 0, true, false, null, '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']) {
      await expect400(send({ externalId: `d-${String(sentAt)}`, sentAt }));
    }
    await expect400({
      method: 'POST',
      url: '/v1/deliveries',
      payload: { externalId: 'x-1', deliveredAt: true },
    });
    await expect400({ method: 'GET', url: '/v1/bounces?from=0000-01-01' });
    await expect400({ method: 'GET', url: '/v1/stats/bounces?from=0000-01-01' });
    await expect400({ method: 'GET', url: '/v1/suppressions?to=0001-01-01T00:00:00%2B01:00' });
    // The edges themselves are fine.
    const ok = await api.call(api.acme.admin, send({ externalId: 'edge', sentAt: '0001-01-01T00:00:00Z' }));
    expect(ok.statusCode).toBe(201);
    const late = await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?to=9999-12-31' });
    expect(late.statusCode).toBe(200);
  });

  it('types cursors fully: ids, times and numbers of the right kind', async () => {
    const forged = [
      ['/v1/bounces', { at: '2025-01-01T00:00:00Z', id: 'not-a-uuid' }],
      ['/v1/bounces', { at: 'not a date', id: UUID }],
      ['/v1/bounces', { at: '0000-01-01T00:00:00Z', id: UUID }],
      ['/v1/bounces', { at: '2025-01-01T00:00:00Z', id: `${UUID}\u0000` }],
      ['/v1/manual-messages', { at: '2025-01-01T00:00:00Z', id: 'x' }],
      ['/v1/audit', { id: 1.5 }],
      ['/v1/audit', { id: 1e300 }],
      ['/v1/audit', { id: -1 }],
      ['/v1/suppressions', { at: '2025-01-01T00:00:00Z', id: '99999999999999999999' }],
      ['/v1/suppressions', { at: '275760-01-01T00:00:00Z', id: '1' }],
      ['/v1/suppressions?sort=address', { a: 'x\u0000' }],
      ['/v1/addresses', { a: 'x\ud800' }],
      ['/v1/webhook-deliveries', { t: '0000-13-45T00:00:00.000000Z', id: UUID }],
    ] as const;
    for (const [url, value] of forged) {
      const sep = url.includes('?') ? '&' : '?';
      const body = await expect400({ method: 'GET', url: `${url}${sep}cursor=${cursorOf(value)}` });
      expect(body.code).toBe('invalid-cursor');
    }
  });
});

describe('database errors caused by a value', () => {
  it('become problem details 4xx with the SQLSTATE only, never a 500', () => {
    const cases: [string, number][] = [
      ['22P02', 400], // invalid text representation
      ['22008', 400], // datetime field overflow
      ['22P05', 400], // untranslatable character
      ['22021', 400], // character not in repertoire
      ['22003', 400], // numeric value out of range
      ['23505', 409], // unique violation
      ['54000', 400], // index row too large
    ];
    for (const [code, status] of cases) {
      // drizzle wraps the driver's error; the SQLSTATE is on the cause.
      const driver = Object.assign(new Error('invalid input syntax for type uuid: "secret@example.com"'), { code });
      const wrapped = Object.assign(new Error('Failed query: select ...'), { cause: driver });
      const problem = toProblem(wrapped, '/v1/x');
      expect({ code, status: problem.status }).toEqual({ code, status });
      expect(problem.detail).not.toContain('secret@example.com');
    }
    expect(toProblem(Object.assign(new Error('connection lost'), { code: '08006' }), '/v1/x').status).toBe(500);
  });
});
