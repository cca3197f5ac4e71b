import { purgeExpiredRawContent, rawMessages } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('raw-message retention per tenant', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = (key: string) => api.call(key, { method: 'GET', url: '/v1/raw-messages/retention' });
  const put = (key: string, days: unknown) =>
    api.call(key, { method: 'PUT', url: '/v1/raw-messages/retention', payload: { days } });

  it('is read by any key, set by an admin key only, per tenant, and applied by the purge', async () => {
    expect(json(await get(api.acme.read))).toEqual({ days: null });
    expect((await put(api.acme.write, 30)).statusCode).toBe(403);
    for (const bad of [-1, 1.5, 36_501, '30']) expect((await put(api.acme.admin, bad)).statusCode, `${bad}`).toBe(400);
    expect(json(await put(api.acme.admin, 30))).toEqual({ days: 30 });
    expect(json(await get(api.acme.read))).toEqual({ days: 30 });
    expect(json(await get(api.globex.read))).toEqual({ days: null }); // another tenant's setting is its own

    // A settled message of each tenant, 60 days old: only acme's (30 days) loses its content; globex follows the
    // installation default (0: kept for ever).
    const old = new Date(Date.now() - 60 * 86_400_000);
    const rows = await api.database.db
      .insert(rawMessages)
      .values(
        ['acme', 'globex'].map((tenantId) => ({
          tenantId,
          sha256: `retention-route-${tenantId}`,
          size: 5,
          content: Buffer.from('hello'),
          status: 'applied' as const,
          receivedAt: old,
        })),
      )
      .returning({ id: rawMessages.id, tenantId: rawMessages.tenantId });
    await purgeExpiredRawContent(api.database.db, { defaultDays: 0 });
    for (const row of rows) {
      const [after] = await api.database.db.select().from(rawMessages).where(eq(rawMessages.id, row.id));
      expect(after?.contentPurgedAt === null, row.tenantId).toBe(row.tenantId === 'globex');
    }

    expect(json(await put(api.acme.admin, 0))).toEqual({ days: 0 }); // for ever
    expect(json(await put(api.acme.admin, null))).toEqual({ days: null }); // back to the default
    expect(json(await get(api.acme.read))).toEqual({ days: null });
  });
});
