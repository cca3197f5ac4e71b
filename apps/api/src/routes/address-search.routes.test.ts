import { addresses, listSuppressions, recordSends } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Page = { items: { address: string; state: string }[]; nextCursor: string | null };

describe('address search and suppression paging', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    const db = api.database.db;
    // 25 blocked addresses sharing one block time (a bulk import): paging must not lose or repeat any of them.
    const at = new Date('2025-03-01T10:00:00Z');
    await db.insert(addresses).values(
      Array.from({ length: 25 }, (_, i) => ({
        tenantId: 'acme',
        address: `user${String(i).padStart(2, '0')}@example.com`,
        domain: 'example.com',
        state: 'blocked' as const,
        suppressionReason: i % 2 ? 'import' : 'hard-bounce',
        suppressedAt: at,
      })),
    );
    await db.insert(addresses).values([
      {
        tenantId: 'acme',
        address: 'soft@other.example',
        domain: 'other.example',
        consecutiveSoftFailures: 3,
        lastSoftFailureAt: new Date(),
        firstSoftFailureAt: new Date(),
      },
      { tenantId: 'globex', address: 'user00@example.com', domain: 'example.com', state: 'blocked', suppressedAt: at },
    ]);
    await db
      .insert(listSuppressions)
      .values({ tenantId: 'acme', address: 'soft@other.example', listId: 'weekly', reason: 'x' });
    await recordSends(db, 'acme', [
      {
        externalId: 'a',
        recipient: 'soft@other.example',
        category: 'newsletter',
        listId: 'weekly',
        sentAt: new Date(),
      },
    ]);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function all(url: string): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = json<Page>(
        await api.call(api.acme.read, { method: 'GET', url: `${url}${cursor ? `&cursor=${cursor}` : ''}` }),
      );
      seen.push(...page.items.map((i) => i.address));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages the suppression list by time through ties, and by address both ways, without loss or repeats', async () => {
    const byTime = await all('/v1/suppressions?limit=7');
    expect(byTime).toHaveLength(25);
    expect(new Set(byTime).size).toBe(25);
    const byAddress = await all('/v1/suppressions?sort=address&limit=10');
    expect(byAddress).toEqual([...byAddress].sort());
    const last = json<Page>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions?sort=address&order=desc&limit=3' }),
    );
    expect(last.items.map((i) => i.address)).toEqual([
      'user24@example.com',
      'user23@example.com',
      'user22@example.com',
    ]);
  });

  it('searches by prefix, filters by reason, and refuses a forged cursor', async () => {
    const found = await all('/v1/suppressions?q=USER1&limit=50');
    expect(found.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `user1${i}@example.com`));
    const imports = await all('/v1/suppressions?reason=import&limit=50');
    expect(imports).toHaveLength(12);
    const forged = Buffer.from(JSON.stringify({ at: 'yesterday', id: '1' })).toString('base64url');
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/suppressions?cursor=${forged}` });
    expect(res.statusCode).toBe(400);
  });

  it('searches all known addresses by prefix or @domain, any state', async () => {
    expect(await all('/v1/addresses?q=soft')).toEqual(['soft@other.example']);
    expect(await all('/v1/addresses?q=@other.example')).toEqual(['soft@other.example']);
    expect(await all('/v1/addresses?minSoftFailures=2')).toEqual(['soft@other.example']);
    const blocked = await all('/v1/addresses?state=blocked&limit=100');
    expect(blocked).toHaveLength(25);
  });

  it('gives the verdict per category and list, with the soft-failure window', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/soft@other.example/verdicts' });
    const body = json<{
      verdicts: { category: string; listId: string | null; allowed: boolean }[];
      softFailures: { count: number; threshold: number; windowEndsAt: string | null };
    }>(res);
    expect(body.verdicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'newsletter', listId: null, allowed: true }),
        expect.objectContaining({ category: 'newsletter', listId: 'weekly', allowed: false }),
        expect.objectContaining({ category: 'invoice', listId: null, allowed: true }),
      ]),
    );
    expect(body.softFailures).toMatchObject({ count: 3, threshold: 5 });
    expect(body.softFailures.windowEndsAt).not.toBeNull();
  });
});
