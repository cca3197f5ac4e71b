import { domainBlocks } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('domain blocks', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('blocks a domain (201), again is unchanged (200), canSend refuses its addresses', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/domain-blocks',
      payload: { domain: '@Defunct.Example', reason: 'company closed' },
    });
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ domain: 'defunct.example', changed: true });
    const [row] = await api.database.db.select().from(domainBlocks).where(eq(domainBlocks.domain, 'defunct.example'));
    expect(row).toMatchObject({
      tenantId: 'acme',
      reason: 'company closed',
      createdBy: `operator:${api.acme.ids.write}`,
    });
    const again = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/domain-blocks',
      payload: { domain: 'defunct.example', reason: 'again' },
    });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ changed: false, auditId: null });
    const answer = json(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/can-send?address=anyone@defunct.example' }),
    );
    expect(answer).toMatchObject({ allowed: false, blockReason: 'domain' });
    const list = json<{ items: { domain: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/domain-blocks' }),
    );
    expect(list.items.map((d) => d.domain)).toEqual(['defunct.example']);
    expect(
      json<{ items: unknown[] }>(await api.call(api.globex.read, { method: 'GET', url: '/v1/domain-blocks' })).items,
    ).toEqual([]);
  });

  it('refuses a domain without a dot (400) and stores nothing', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/domain-blocks',
      payload: { domain: 'localhost', reason: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(await api.database.db.select().from(domainBlocks).where(eq(domainBlocks.domain, 'localhost'))).toEqual([]);
  });

  it('lifts a block with a reason; without a reason is a 400', async () => {
    const noReason = await api.call(api.acme.write, { method: 'DELETE', url: '/v1/domain-blocks/defunct.example' });
    expect(noReason.statusCode).toBe(400);
    const res = await api.call(api.acme.write, {
      method: 'DELETE',
      url: '/v1/domain-blocks/defunct.example?reason=reopened',
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ changed: true });
    expect(await api.database.db.select().from(domainBlocks)).toEqual([]);
    const answer = json(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/can-send?address=anyone@defunct.example' }),
    );
    expect(answer).toMatchObject({ allowed: true });
  });
});
