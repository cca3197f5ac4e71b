/**
 * Security regression suite (issue 12): every route of the API's OpenAPI document, every parameter and body
 * property, with malformed values (NUL, lone surrogates, wrong types, huge/negative/fractional/infinite numbers,
 * dates PostgreSQL cannot store, forged cursors, strings past their maximum) sent with a valid admin key of a tenant
 * that has data. Every answer must be a 4xx problem document: never a 500, never a 2xx that stored the value.
 * The cases come from the document, so a new route is covered the day it is added.
 */
import { blockAddress, recordSends } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details.js';
import { type MalformedCase, malformedCases, type OpenApiDocument } from '../testing/malformed-cases.js';
import { createTestApi, type TestApi } from '../testing/test-api.js';

/** Whether the problem document points at the malformed part (a JSON pointer prefix, or the cursor's own code). */
function refusedAt(c: MalformedCase, body: string): boolean {
  try {
    const problem = JSON.parse(body) as { code?: string; errors?: { pointer: string }[] };
    if (c.kind.startsWith('cursor-')) return problem.code === 'invalid-cursor';
    if (c.where.startsWith('path.') && (problem.code === 'not-found' || problem.code === 'uri-too-long')) return true;
    const [part = '', ...rest] = c.where.split('.');
    const location = { path: 'params', header: 'headers' }[part] ?? part;
    const pointer = `/${[location, ...rest].join('/')}`;
    return (problem.errors ?? []).some(
      (e) => e.pointer.startsWith(pointer) || (part === 'body' && e.pointer === '/body'),
    );
  } catch {
    return false;
  }
}

describe('malformed input on every route of the OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    // Data to page through and to collide with, so the requests reach the queries.
    await blockAddress(api.database.db, 'acme', 'blocked@example.com', { actor: 'test', reason: 'test' });
    await recordSends(api.database.db, 'acme', [
      { recipient: 'someone@example.com', externalId: 'value-1', sentAt: new Date('2025-01-01T00:00:00Z') },
    ]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers every malformed case with a 4xx problem document', { timeout: 600_000 }, async () => {
    const doc = api.app.swagger() as unknown as OpenApiDocument;
    const cases = malformedCases(doc);
    const failures: { c: MalformedCase; status: number; type: string | undefined }[] = [];
    const byKind = new Map<string, number>();
    const byStatus = new Map<number, number>();
    // Refused because of the malformed value itself (its pointer, or the cursor), not some other part of the request.
    let pinpointed = 0;
    for (const c of cases) {
      const res = await api.call(api.acme.admin, {
        method: c.method as 'GET',
        url: c.url,
        headers: c.headers,
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      const type = res.headers['content-type'] as string | undefined;
      if (refusedAt(c, res.body)) pinpointed++;
      if (res.statusCode < 400 || res.statusCode >= 500 || !type?.startsWith(PROBLEM_CONTENT_TYPE)) {
        failures.push({ c, status: res.statusCode, type });
      }
    }
    const operations = new Set(cases.map((c) => c.operation)).size;
    const places = new Set(cases.map((c) => `${c.operation} ${c.where}`)).size;
    console.log(
      `malformed input: ${cases.length} cases over ${operations} operations, ${places} parameters/properties, ` +
        `${byKind.size} kinds; answers ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(', ')}; ` +
        `${failures.length} not a 4xx problem document; ${pinpointed} refused at the malformed value itself`,
    );
    for (const f of failures)
      console.log(`NOT 4xx problem: ${f.status} ${f.type} ${f.c.operation} ${f.c.where} ${f.c.kind}`);
    console.log(`kinds: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(
      failures
        .slice(0, 30)
        .map((f) => `${f.status} ${f.c.operation} ${f.c.where} ${f.c.kind} ${f.c.url.slice(0, 120)}`),
    ).toEqual([]);
    // At least the issue's 122 malformed inputs, on every route.
    expect(cases.length).toBeGreaterThanOrEqual(122);
    expect(operations).toBe(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0));
  });

  it('refuses NUL in a CSV import body', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import?reason=csv',
      headers: { 'content-type': 'text/csv' },
      payload: 'address\nbad\u0000@example.com\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  });
});
