import { auditLog, ruleSets } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('rule sets', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sets the tenant layer (admin), stores it with an audit row, and resolves it', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/rule-sets/tenant',
      payload: { softBounceThreshold: 3, deliveryGraceHours: 48 },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ scope: { scope: 'tenant' }, config: { softBounceThreshold: 3 }, version: 1 });
    const [row] = await api.database.db.select().from(ruleSets).where(eq(ruleSets.tenantId, 'acme'));
    expect(row?.config).toEqual({ softBounceThreshold: 3, deliveryGraceHours: 48 });
    const audit = await api.database.db.select().from(auditLog).where(eq(auditLog.action, 'rule-set.update'));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(`operator:${api.acme.ids.admin}`);
    const effective = json(await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets/effective' }));
    expect(effective).toMatchObject({ softBounceThreshold: 3, deliveryGraceHours: 48, hardBounceAction: 'block' });
  });

  it('a category layer wins over the tenant layer for that category', async () => {
    const put = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/rule-sets/categories/Newsletter',
      payload: { softBounceThreshold: 2 },
    });
    expect(json(put)).toMatchObject({ scope: { scope: 'category', category: 'newsletter' } });
    const effective = json(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets/effective?category=newsletter' }),
    );
    expect(effective).toMatchObject({ softBounceThreshold: 2, deliveryGraceHours: 48 });
    const list = json<{ items: { scope: { scope: string } }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets' }),
    );
    expect(list.items.map((i) => i.scope.scope).sort()).toEqual(['category', 'tenant']);
    const one = await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets/categories/newsletter' });
    expect(json(one)).toMatchObject({ config: { softBounceThreshold: 2 } });
  });

  it('an unknown setting is a clear 400 naming the known ones, and nothing is stored', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/rule-sets/lists/weekly',
      payload: { softBounceTreshold: 4 },
    });
    expect(res.statusCode).toBe(400);
    const problem = json<{ code: string; detail: string; errors: { pointer: string; detail: string }[] }>(res);
    expect(problem.code).toBe('validation');
    expect(problem.detail).toContain('unknown rule setting "softBounceTreshold"');
    expect(problem.detail).toContain('softBounceThreshold');
    const bad = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/rule-sets/lists/weekly',
      payload: { softBounceThreshold: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(bad).errors[0]?.pointer).toBe('/body/softBounceThreshold');
    const missing = await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets/lists/weekly' });
    expect(missing.statusCode).toBe(404);
  });

  it('needs the admin scope to change, read to look', async () => {
    const res = await api.call(api.acme.write, { method: 'PUT', url: '/v1/rule-sets/tenant', payload: {} });
    expect(res.statusCode).toBe(403);
    expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets' })).statusCode).toBe(200);
  });

  it('is per tenant', async () => {
    const list = json<{ items: unknown[] }>(await api.call(api.globex.read, { method: 'GET', url: '/v1/rule-sets' }));
    expect(list.items).toEqual([]);
    const effective = json(await api.call(api.globex.read, { method: 'GET', url: '/v1/rule-sets/effective' }));
    expect(effective).toMatchObject({ softBounceThreshold: 5 });
  });

  it('deletes a layer (204), then 404', async () => {
    const del = await api.call(api.acme.admin, { method: 'DELETE', url: '/v1/rule-sets/categories/newsletter' });
    expect(del.statusCode).toBe(204);
    expect(
      (await api.call(api.acme.admin, { method: 'DELETE', url: '/v1/rule-sets/categories/newsletter' })).statusCode,
    ).toBe(404);
    const effective = json(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/rule-sets/effective?category=newsletter' }),
    );
    expect(effective).toMatchObject({ softBounceThreshold: 3 });
  });
});
