import { apiKeys, hashApiKey, verifyApiKey } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Key = { id: string; name: string; prefix: string; scopes: string[]; revokedAt: string | null };

describe('API keys', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('creates a key (admin): shown once, stored as a hash only, usable at once', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'sending system', scopes: ['write', 'write'] },
    });
    expect(res.statusCode).toBe(201);
    const created = json<Key & { key: string }>(res);
    expect(created.key).toMatch(/^bk_/);
    expect(created.scopes).toEqual(['write']);
    const [row] = await api.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row).toMatchObject({ tenantId: 'acme', keyHash: hashApiKey(created.key), prefix: created.prefix });
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(await verifyApiKey(api.database.db, created.key)).toMatchObject({ tenantId: 'acme', scopes: ['write'] });

    const list = await api.call(api.acme.admin, { method: 'GET', url: '/v1/api-keys' });
    const items = json<{ items: Key[] }>(list).items;
    expect(items.map((k) => k.name)).toContain('sending system');
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toContain(hashApiKey(created.key));
  });

  it('lists only the own tenant and cannot revoke another tenant’s key', async () => {
    const globexKeys = json<{ items: Key[] }>(
      await api.call(api.globex.admin, { method: 'GET', url: '/v1/api-keys' }),
    ).items;
    expect(globexKeys.map((k) => k.id).sort()).toEqual(Object.values(api.globex.ids).sort());
    const cross = await api.call(api.globex.admin, { method: 'DELETE', url: `/v1/api-keys/${api.acme.ids.read}` });
    expect(cross.statusCode).toBe(404);
    expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
  });

  it('refuses unknown scopes and empty names (400), storing nothing', async () => {
    const before = (await api.database.db.select().from(apiKeys)).length;
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'x', scopes: ['root'] },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(res).errors[0]?.pointer).toBe('/body/scopes/0');
    const noName = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: '', scopes: ['read'] },
    });
    expect(noName.statusCode).toBe(400);
    expect((await api.database.db.select().from(apiKeys)).length).toBe(before);
  });

  it('revokes a key (204); revoking again is a 404; the listing shows when', async () => {
    const res = await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/api-keys/${api.acme.ids.read}` });
    expect(res.statusCode).toBe(204);
    expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
    expect(
      (await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/api-keys/${api.acme.ids.read}` })).statusCode,
    ).toBe(404);
    const items = json<{ items: Key[] }>(await api.call(api.acme.admin, { method: 'GET', url: '/v1/api-keys' })).items;
    expect(items.find((k) => k.id === api.acme.ids.read)?.revokedAt).not.toBeNull();
  });
});
