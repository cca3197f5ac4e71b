import { auditLog, outbox } from '@bounce/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type OpResult = { address: string; changed: boolean; auditId: number | null; after: { state: string } };
type Page<T> = { items: T[]; nextCursor: string | null };
type Audit = { id: number; action: string; actor: string; reason: string | null; revertsId: number | null };

describe('addresses and the audit trail', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('blocks with a reason: state, audit row (actor = key) and event are stored', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/Carol@Example.com/block',
      payload: { reason: 'customer asked by phone' },
    });
    expect(res.statusCode).toBe(200);
    const r = json<OpResult>(res);
    expect(r).toMatchObject({ address: 'carol@example.com', changed: true, after: { state: 'blocked' } });
    expect(r.auditId).toBeGreaterThan(0);
    const [audit] = await api.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.id, r.auditId as number));
    expect(audit).toMatchObject({ tenantId: 'acme', action: 'block', actor: `operator:${api.acme.ids.write}` });
    const events = await api.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.address, 'carol@example.com')));
    expect(events.map((e) => e.type)).toContain('address.blocked');

    const status = json<{
      known: boolean;
      record: { state: string; suppressionReason: string; suppressionDetail: string };
    }>(await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/carol@example.com' }));
    expect(status.known).toBe(true);
    expect(status.record).toMatchObject({
      state: 'blocked',
      suppressionReason: 'manual',
      suppressionDetail: 'customer asked by phone',
    });
  });

  it('requires a reason: 400 and nothing changes', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/dan@example.com/block',
      payload: { reason: '  ' },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(res).errors[0]?.pointer).toBe('/body/reason');
    const status = json<{ known: boolean }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/dan@example.com' }),
    );
    expect(status.known).toBe(false);
  });

  it('an invalid address is a 400 problem', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/no-at-sign' });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('invalid-input');
  });

  it('unblocks (the address starts clean), resets, and lists its history newest first with paging', async () => {
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/erin@example.com/block',
      payload: { reason: 'r1' },
    });
    const unblocked = json<OpResult>(
      await api.call(api.acme.write, {
        method: 'POST',
        url: '/v1/addresses/erin@example.com/unblock',
        payload: { reason: 'r2' },
      }),
    );
    expect(unblocked).toMatchObject({ changed: true, after: { state: 'active' } });
    const reset = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/erin@example.com/reset',
      payload: { reason: 'r3' },
    });
    expect(reset.statusCode).toBe(200);

    // Walk the history one entry per page: the cursor carries on where the previous page ended.
    const actions: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=1&cursor=${cursor}` : 'limit=1';
      const page = json<Page<Audit>>(
        await api.call(api.acme.read, { method: 'GET', url: `/v1/addresses/erin@example.com/history?${query}` }),
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      actions.push(...page.items.map((a) => a.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(actions.slice(-2)).toEqual(['unblock', 'block']);
    const all = json<Page<Audit>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/erin@example.com/history' }),
    );
    expect(all.items.map((a) => a.action)).toEqual(actions);
    expect(all.nextCursor).toBeNull();
  });

  it('unblocking an address never seen is a 404', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/never@example.com/unblock',
      payload: { reason: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('undoes an audit entry once; the second undo is a 409', async () => {
    const block = json<OpResult>(
      await api.call(api.acme.write, {
        method: 'POST',
        url: '/v1/addresses/frank@example.com/block',
        payload: { reason: 'oops' },
      }),
    );
    const undo = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/audit/${block.auditId}/undo`,
      payload: { reason: 'blocked the wrong address' },
    });
    expect(undo.statusCode).toBe(200);
    expect(json(undo)).toMatchObject({ revertedId: block.auditId, changed: true });
    const status = json<{ record: { state: string } }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/frank@example.com' }),
    );
    expect(status.record.state).toBe('active');
    const again = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/audit/${block.auditId}/undo`,
      payload: { reason: 'again' },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('already-undone');
  });

  it('filters the tenant audit trail by action and actor, and hides other tenants', async () => {
    const page = json<Page<Audit>>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: `/v1/audit?action=block&actor=operator:${api.acme.ids.write}`,
      }),
    );
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    expect(page.items.every((a) => a.action === 'block')).toBe(true);
    const other = json<Page<Audit>>(await api.call(api.globex.read, { method: 'GET', url: '/v1/audit' }));
    expect(other.items).toEqual([]);
    // An entry of acme cannot be undone with a globex key.
    const acmeEntry = page.items[0]?.id;
    const cross = await api.call(api.globex.write, {
      method: 'POST',
      url: `/v1/audit/${acmeEntry}/undo`,
      payload: { reason: 'x' },
    });
    expect(cross.statusCode).toBe(404);
  });

  it('rejects a forged cursor with a 400 problem', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/audit?cursor=not-a-cursor' });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('invalid-cursor');
  });

  it('filters the audit trail by time', async () => {
    const future = json<Page<Audit>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/audit?from=2999-01-01' }),
    );
    expect(future.items).toEqual([]);
    const bad = await api.call(api.acme.read, { method: 'GET', url: '/v1/audit?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(bad).errors[0]?.pointer).toBe('/query/from');
  });
});
