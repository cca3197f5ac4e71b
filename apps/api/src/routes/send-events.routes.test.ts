import { sends } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('send events', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  const sentAt = '2025-03-01T10:00:00Z';

  it('records one send (201), and the same externalId again is a replay (200, same id)', async () => {
    const payload = {
      externalId: 'order-1001',
      recipient: 'Alice@Example.com',
      category: 'invoice',
      messageId: '<m1@sender.example>',
      sentAt,
    };
    const first = await api.call(api.acme.write, { method: 'POST', url: '/v1/sends', payload });
    expect(first.statusCode).toBe(201);
    const body = json<{ id: string; created: boolean; externalId: string }>(first);
    expect(body).toMatchObject({ created: true, externalId: 'order-1001', index: 0 });
    const [row] = await api.database.db.select().from(sends).where(eq(sends.id, body.id));
    expect(row).toMatchObject({ tenantId: 'acme', recipient: 'alice@example.com', category: 'invoice' });
    expect(row?.sentAt.toISOString()).toBe('2025-03-01T10:00:00.000Z');

    const again = await api.call(api.acme.write, { method: 'POST', url: '/v1/sends', payload });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ id: body.id, created: false });
  });

  it('records a batch in input order', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({
      externalId: `b-${i}`,
      recipient: `b${i}@example.org`,
      sentAt,
    }));
    const res = await api.call(api.acme.write, { method: 'POST', url: '/v1/sends/batch', payload: { items } });
    expect(res.statusCode).toBe(200);
    const body = json<{ recorded: number; created: number; items: { index: number; externalId: string }[] }>(res);
    expect(body.recorded).toBe(25);
    expect(body.created).toBe(25);
    expect(body.items.map((i) => i.externalId)).toEqual(items.map((i) => i.externalId));
    const rows = await api.database.db.select().from(sends).where(eq(sends.tenantId, 'acme'));
    expect(rows.filter((r) => r.externalId?.startsWith('b-'))).toHaveLength(25);
  });

  it('refuses a batch with one bad item with a 400 listing it, and stores nothing', async () => {
    const before = (await api.database.db.select().from(sends)).length;
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/sends/batch',
      payload: {
        items: [
          { externalId: 'ok-1', recipient: 'ok@example.org', sentAt },
          { externalId: 'bad-1', recipient: 'ok2@example.org', sentAt: 'not a date' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    const problem = json<{ code: string; errors: { pointer: string; detail: string }[] }>(res);
    expect(problem.code).toBe('validation');
    expect(problem.errors.map((e) => e.pointer)).toContain('/body/items/1/sentAt');
    expect((await api.database.db.select().from(sends)).length).toBe(before);
  });

  it('refuses an unusable recipient (store validation) with a 400 and stores nothing', async () => {
    const before = (await api.database.db.select().from(sends)).length;
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/sends/batch',
      payload: {
        items: [
          { recipient: 'fine@example.org', sentAt },
          { recipient: 'not an address', sentAt },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'invalid-input' });
    expect(json<{ detail: string }>(res).detail).toContain('send 1');
    expect((await api.database.db.select().from(sends)).length).toBe(before);
  });

  it('confirms a delivery once; unknown sends are 404 (single) or listed (batch)', async () => {
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/sends',
      payload: { externalId: 'd-1', recipient: 'dora@example.net', sentAt },
    });
    const first = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/deliveries',
      payload: { externalId: 'd-1', deliveredAt: '2025-03-01T10:00:05Z' },
    });
    expect(first.statusCode).toBe(200);
    expect(json(first)).toEqual({ confirmed: 1, duplicates: 0 });
    const [row] = await api.database.db.select().from(sends).where(eq(sends.externalId, 'd-1'));
    expect(row?.status).toBe('delivered');
    expect(
      json(
        await api.call(api.acme.write, {
          method: 'POST',
          url: '/v1/deliveries',
          payload: { externalId: 'd-1', deliveredAt: '2025-03-01T10:00:05Z' },
        }),
      ),
    ).toEqual({ confirmed: 0, duplicates: 1 });

    const missing = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/deliveries',
      payload: { externalId: 'never-sent', deliveredAt: sentAt },
    });
    expect(missing.statusCode).toBe(404);

    const batch = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/deliveries/batch',
      payload: {
        items: [
          { externalId: 'b-1', deliveredAt: sentAt },
          { externalId: 'nope', deliveredAt: sentAt },
        ],
      },
    });
    expect(json(batch)).toEqual({
      confirmed: 1,
      duplicates: 0,
      unknown: [{ index: 1, sendId: null, externalId: 'nope' }],
    });
  });

  it('a delivery without a send reference is a 400 naming the rule', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/deliveries',
      payload: { deliveredAt: sentAt },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toContain('sendId or externalId is required');
  });

  it('applies a synchronous 5.1.1 rejection like a hard bounce: the address gets blocked', async () => {
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/sends',
      payload: { externalId: 'r-1', recipient: 'gone@example.com', sentAt },
    });
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/rejections',
      payload: {
        externalId: 'r-1',
        replyCode: 550,
        enhancedStatus: '5.1.1',
        text: '550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown',
        occurredAt: '2025-03-01T10:00:01Z',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = json<{
      applied: number;
      blocked: number;
      results: { index: number; outcome: string; address: string }[];
    }>(res);
    expect(body.applied).toBe(1);
    expect(body.blocked).toBe(1);
    expect(body.results[0]).toMatchObject({ index: 0, outcome: 'applied', address: 'gone@example.com' });
    const status = json<{ record: { state: string; suppressionReason: string } }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/gone@example.com' }),
    );
    expect(status.record).toMatchObject({ state: 'blocked', suppressionReason: 'hard-bounce' });
  });

  it('maps batch rejection results back to input positions around unknown sends', async () => {
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/sends',
      payload: { externalId: 'r-2', recipient: 'full@example.com', sentAt },
    });
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/rejections/batch',
      payload: {
        items: [
          { externalId: 'unknown-send', replyCode: 550, text: '550 no', occurredAt: sentAt },
          {
            externalId: 'r-2',
            replyCode: 452,
            enhancedStatus: '4.2.2',
            text: '452 4.2.2 Mailbox full',
            occurredAt: sentAt,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = json<{ results: { index: number; address: string }[]; unknown: { index: number }[] }>(res);
    expect(body.unknown).toEqual([{ index: 0, sendId: null, externalId: 'unknown-send' }]);
    expect(body.results).toEqual([expect.objectContaining({ index: 1, address: 'full@example.com' })]);
  });

  it('sends of one tenant are invisible to another', async () => {
    const res = await api.call(api.globex.write, {
      method: 'POST',
      url: '/v1/deliveries',
      payload: { externalId: 'order-1001', deliveredAt: sentAt },
    });
    expect(res.statusCode).toBe(404);
  });
});
