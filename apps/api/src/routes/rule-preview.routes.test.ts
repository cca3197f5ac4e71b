import { addresses } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Preview = {
  changes: { setting: string }[];
  nextSoftFailureBlocks: { before: number; after: number };
  exemptions: { category: string; addresses: number }[];
  wouldBlock: number;
  wouldRelease: number;
  futureOnly: string[];
};

describe('rule change preview', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    const recent = new Date(Date.now() - 86_400_000);
    await api.database.db.insert(addresses).values([
      ...[1, 2, 3, 4].map((n) => ({
        tenantId: 'acme',
        address: `soft${n}@example.com`,
        domain: 'example.com',
        consecutiveSoftFailures: n,
        firstSoftFailureAt: recent,
        lastSoftFailureAt: recent,
      })),
      { tenantId: 'acme', address: 'b1@example.com', domain: 'example.com', state: 'blocked' as const },
      { tenantId: 'acme', address: 'b2@example.com', domain: 'example.com', state: 'blocked' as const },
    ]);
  });
  afterAll(async () => {
    await api?.close();
  });

  const preview = async (body: object, key = api.acme.read) => {
    const res = await api.call(key, { method: 'POST', url: '/v1/rule-sets/preview', payload: body });
    return { status: res.statusCode, body: json<Preview>(res) };
  };

  it('counts who the next soft failure blocks when the threshold drops (read scope suffices)', async () => {
    const { status, body } = await preview({ target: { scope: 'tenant' }, config: { softBounceThreshold: 3 } });
    expect(status).toBe(200);
    // Default threshold 5: soft4 (4 failures) blocks at the next one; with 3: soft2, soft3 and soft4.
    expect(body.nextSoftFailureBlocks).toEqual({ before: 1, after: 3 });
    expect(body.wouldBlock).toBe(2);
    expect(body.changes.map((c) => c.setting)).toEqual(['softBounceThreshold']);
  });

  it('counts blocked addresses released or blocked for a category by an exemption change', async () => {
    const released = await preview({
      target: { scope: 'category', category: 'Reminder' },
      config: { exemptCategories: ['reminder'] },
    });
    expect(released.body.exemptions).toEqual([
      { category: 'reminder', exemptBefore: false, exemptAfter: true, addresses: 2 },
    ]);
    expect(released.body.wouldRelease).toBe(2);
    const blocked = await preview({ target: { scope: 'tenant' }, config: { exemptCategories: [] } });
    expect(blocked.body.wouldBlock).toBe(2);
    const future = await preview({ target: { scope: 'tenant' }, config: { hardBounceAction: 'notify-only' } });
    expect(future.body).toMatchObject({ wouldBlock: 0, wouldRelease: 0, futureOnly: ['hardBounceAction'] });
  });

  it('reports invalid settings next to the field', async () => {
    const res = await api.call(api.acme.read, {
      method: 'POST',
      url: '/v1/rule-sets/preview',
      payload: { target: { scope: 'tenant' }, config: { softBounceThreshold: 0 } },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(res).errors[0]?.pointer).toBe('/body/config/softBounceThreshold');
  });
});
