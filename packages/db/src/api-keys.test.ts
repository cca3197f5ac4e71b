import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, generateApiKey, hashApiKey, hasScope, verifyApiKey } from './api-keys.js';
import { apiKeys, tenants } from './schema.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('api_keys_test');
  await t.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
});
afterAll(async () => {
  await t?.drop();
});

describe('API keys', () => {
  it('generates random keys whose hash is SHA-256 hex and whose prefix is shown in clear', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(a.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.keyHash).toBe(hashApiKey(a.key));
    expect(a.key.startsWith(a.prefix)).toBe(true);
  });

  it('stores only the hash and verifies the presented key', async () => {
    const created = await createApiKey(t.db, { tenantId: 'acme', name: 'ops', scopes: ['admin'] });
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row!.lastUsedAt).toBeNull();

    const verified = await verifyApiKey(t.db, created.key);
    expect(verified).toEqual({
      id: created.id,
      tenantId: 'acme',
      name: 'ops',
      prefix: created.prefix,
      scopes: ['admin'],
    });
    const [used] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);

    expect(await verifyApiKey(t.db, `${created.key}x`)).toBeNull();
    expect(await verifyApiKey(t.db, '')).toBeNull();
  });

  it('refuses a revoked key', async () => {
    const created = await createApiKey(t.db, { tenantId: 'acme', name: 'old', scopes: ['read'] });
    await t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.id));
    expect(await verifyApiKey(t.db, created.key)).toBeNull();
  });

  it('orders scopes: admin covers write and read, read covers only read', () => {
    expect(hasScope({ scopes: ['admin'] }, 'read')).toBe(true);
    expect(hasScope({ scopes: ['admin'] }, 'admin')).toBe(true);
    expect(hasScope({ scopes: ['write'] }, 'admin')).toBe(false);
    expect(hasScope({ scopes: ['read'] }, 'write')).toBe(false);
    expect(hasScope({ scopes: [] }, 'read')).toBe(false);
  });
});
