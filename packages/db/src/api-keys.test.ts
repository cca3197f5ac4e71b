import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKey,
  ensureApiKey,
  generateApiKey,
  hashApiKey,
  hasScope,
  listApiKeys,
  revokeApiKey,
  verifyApiKey,
} from './api-keys.js';
import { apiKeys, tenants } from './schema.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('api_keys_test');
  await t.db.insert(tenants).values([
    { id: 'acme', name: 'Acme' },
    { id: 'other', name: 'Other' },
  ]);
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

  it("lists a tenant's keys oldest first without hash or key, and revokes within the tenant only", async () => {
    const first = await createApiKey(t.db, { tenantId: 'other', name: 'first', scopes: ['read'] });
    const second = await createApiKey(t.db, { tenantId: 'other', name: 'second', scopes: ['write'] });
    const listed = await listApiKeys(t.db, 'other');
    expect(listed.map((k) => [k.id, k.name, k.prefix, k.scopes, k.revokedAt])).toEqual([
      [first.id, 'first', first.prefix, ['read'], null],
      [second.id, 'second', second.prefix, ['write'], null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(hashApiKey(first.key));
    expect(listed.every((k) => k.createdAt instanceof Date)).toBe(true);

    expect(await revokeApiKey(t.db, 'acme', first.id)).toBe(false); // another tenant's key
    expect(await verifyApiKey(t.db, first.key)).not.toBeNull();
    expect(await revokeApiKey(t.db, 'other', first.id)).toBe(true);
    expect(await revokeApiKey(t.db, 'other', first.id)).toBe(false); // already revoked
    expect(await verifyApiKey(t.db, first.key)).toBeNull();
    expect((await listApiKeys(t.db, 'other'))[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it('ensureApiKey stores an operator-chosen key once, and a revoked one stays revoked', async () => {
    const key = 'operator-chosen-bootstrap-key-0123456789';
    const input = { tenantId: 'acme', name: 'bootstrap', key, scopes: ['admin'] as const };
    const concurrent = await Promise.all([ensureApiKey(t.db, input), ensureApiKey(t.db, input)]);
    expect(concurrent.filter(Boolean)).toHaveLength(1);
    const verified = await verifyApiKey(t.db, key);
    expect(verified).toMatchObject({
      tenantId: 'acme',
      name: 'bootstrap',
      prefix: key.slice(0, 11),
      scopes: ['admin'],
    });

    expect(await revokeApiKey(t.db, 'acme', verified!.id)).toBe(true);
    expect(await ensureApiKey(t.db, input)).toBe(false); // a restart does not bring it back
    expect(await verifyApiKey(t.db, key)).toBeNull();
  });
});
