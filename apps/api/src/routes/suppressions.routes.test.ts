import { addresses, auditLog, listListSuppressions } from '@bounce/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/csv.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { EXPORT_COLUMNS } from './suppressions.routes.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type Suppression = { address: string; suppressionReason: string; suppressionDetail: string | null };

describe('suppressions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('imports JSON: blocks new addresses, reports invalid ones, writes an audit row each', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      payload: {
        reason: 'export of the previous provider',
        items: [
          { address: 'one@example.com', detail: 'hard bounce 2023' },
          { address: 'two@example.com' },
          { address: 'garbage' },
          { address: 'ONE@example.com' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({
      dryRun: false,
      suppressed: 2,
      unchanged: 0,
      invalid: [{ index: 2, value: 'garbage' }],
    });
    const rows = await api.database.db
      .select()
      .from(addresses)
      .where(and(eq(addresses.tenantId, 'acme'), eq(addresses.state, 'blocked')));
    expect(rows.map((r) => [r.address, r.suppressionReason, r.suppressionDetail]).sort()).toEqual([
      ['one@example.com', 'import', 'hard bounce 2023'],
      ['two@example.com', 'import', 'export of the previous provider'],
    ]);
    const audit = await api.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actor, `operator:${api.acme.ids.write}`));
    expect(audit.filter((a) => a.rule === 'import')).toHaveLength(2);
  });

  it('imports CSV with a header (idempotent: known addresses unchanged), with line numbers for invalid rows', async () => {
    const csv = 'Email,Reason\r\none@example.com,again\r\nthree@example.com,550 5.1.1\r\nnot-an-address,x\r\n';
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import?reason=csv%20upload',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({
      dryRun: false,
      suppressed: 1,
      unchanged: 1,
      invalid: [{ index: 2, line: 4, value: 'not-an-address' }],
    });
    const [three] = await api.database.db.select().from(addresses).where(eq(addresses.address, 'three@example.com'));
    expect(three).toMatchObject({ state: 'blocked', suppressionDetail: '550 5.1.1' });
  });

  it('a CSV import without a reason is a 400 and stores nothing', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'four@example.com\n',
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(res).errors[0]?.pointer).toBe('/query/reason');
    const rows = await api.database.db.select().from(addresses).where(eq(addresses.address, 'four@example.com'));
    expect(rows).toEqual([]);
  });

  it('an unsupported content type is a 415 problem', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('imports to one list only: list suppressions, not blocks', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      payload: { reason: 'unsubscribed', list: 'weekly', items: [{ address: 'reader@example.com' }] },
    });
    expect(json(res)).toMatchObject({ suppressed: 1 });
    const stored = await listListSuppressions(api.database.db, 'acme', 'weekly');
    expect(stored.items.map((r) => r.address)).toEqual(['reader@example.com']);
    const [reader] = await api.database.db.select().from(addresses).where(eq(addresses.address, 'reader@example.com'));
    expect(reader?.state ?? 'active').toBe('active');
    const page = json<Page<{ address: string; listId: string }>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/lists/weekly/suppressions' }),
    );
    expect(page.items).toEqual([expect.objectContaining({ address: 'reader@example.com', listId: 'weekly' })]);
    const status = json<{ record: { state: string }; listSuppressions: { listId: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/reader@example.com' }),
    );
    expect(status.listSuppressions.map((l) => l.listId)).toEqual(['weekly']);
  });

  it('lists with filters and cursor paging, without duplicates or gaps', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ address: `page${i}@paging.example` }));
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      payload: { reason: 'paging', items },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `domain=paging.example&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json<Page<Suppression>>(
        await api.call(api.acme.read, { method: 'GET', url: `/v1/suppressions?${q}` }),
      );
      seen.push(...page.items.map((s) => s.address));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(items.map((i) => i.address).sort());
    const manual = json<Page<Suppression>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions?reason=manual' }),
    );
    expect(manual.items).toEqual([]);
    const badReason = await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions?reason=whatever' });
    expect(badReason.statusCode).toBe(400);
  });

  it('exports the whole filtered list as streamed CSV', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions/export?reason=import' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="suppressions-acme-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const exported = rows.slice(1).map((r) => r[0]);
    expect(exported.sort()).toEqual(
      [
        'one@example.com',
        'two@example.com',
        'three@example.com',
        ...Array.from({ length: 7 }, (_, i) => `page${i}@paging.example`),
      ].sort(),
    );
    expect(rows.find((r) => r[0] === 'three@example.com')?.[3]).toBe('550 5.1.1');
  });

  it('exports more than one store page (500 rows) completely', async () => {
    const items = Array.from({ length: 1203 }, (_, i) => ({ address: `bulk${i}@bulk.example` }));
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import',
      payload: { reason: 'bulk', items },
    });
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions/export?domain=bulk.example' });
    const rows = parseCsv(res.body).slice(1);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1203);
  });

  it('another tenant sees none of it', async () => {
    const page = json<Page<Suppression>>(await api.call(api.globex.read, { method: 'GET', url: '/v1/suppressions' }));
    expect(page.items).toEqual([]);
    const res = await api.call(api.globex.read, { method: 'GET', url: '/v1/suppressions/export' });
    expect(parseCsv(res.body)).toHaveLength(1);
  });
});

describe('suppression import dry run', () => {
  it('previews the counts and the invalid lines without changing anything', async () => {
    const api = await createTestApi();
    try {
      const csv = 'email,reason\ndead@example.com,550 user unknown\nnot-an-address,x\nother@example.com,\n';
      const preview = await api.call(api.acme.write, {
        method: 'POST',
        url: '/v1/suppressions/import?reason=old%20provider&dryRun=true',
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(preview.statusCode).toBe(200);
      expect(json(preview)).toMatchObject({ dryRun: true, suppressed: 2, unchanged: 0, invalid: [{ line: 3 }] });
      const list = await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions' });
      expect(json<{ items: unknown[] }>(list).items).toEqual([]);
      const real = await api.call(api.acme.write, {
        method: 'POST',
        url: '/v1/suppressions/import?reason=old%20provider',
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(json(real)).toMatchObject({ dryRun: false, suppressed: 2 });
    } finally {
      await api.close();
    }
  }, 60_000);
});
