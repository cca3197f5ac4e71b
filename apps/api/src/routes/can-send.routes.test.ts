import { blockAddress, blockDomain } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Answer = {
  input: string;
  address: string | null;
  allowed: boolean;
  blocked: boolean;
  blockReason: string | null;
  exempt: boolean;
};

describe('canSend', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    await blockAddress(api.database.db, 'acme', 'blocked@example.com', { actor: 'test', reason: 'asked to stop' });
    await blockDomain(api.database.db, 'acme', 'dead.example', { actor: 'test', reason: 'domain gone' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('allows a clean address and refuses a blocked one, with the reason', async () => {
    const clean = json<Answer>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/can-send?address=new@example.com' }),
    );
    expect(clean).toMatchObject({ allowed: true, blocked: false, address: 'new@example.com' });
    const blocked = json<Answer & { blockDetail: string }>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: '/v1/can-send?address=BLOCKED@example.com&category=newsletter',
      }),
    );
    expect(blocked).toMatchObject({
      allowed: false,
      blocked: true,
      blockReason: 'manual',
      blockDetail: 'asked to stop',
    });
  });

  it('sends invoices to blocked addresses (exempt category)', async () => {
    const invoice = json<Answer>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: '/v1/can-send?address=blocked@example.com&category=invoice',
      }),
    );
    expect(invoice).toMatchObject({ allowed: true, blocked: true, exempt: true });
  });

  it('applies a rule-set change at once (the cached rule layers are invalidated)', async () => {
    const url = '/v1/can-send?address=blocked@example.com&category=receipt';
    expect(json<Answer>(await api.call(api.acme.read, { method: 'GET', url })).allowed).toBe(false);
    const put = await api.call(api.acme.admin, {
      method: 'PUT',
      url: '/v1/rule-sets/tenant',
      payload: { exemptCategories: ['invoice', 'receipt'] },
    });
    expect(put.statusCode).toBe(200);
    expect(json<Answer>(await api.call(api.acme.read, { method: 'GET', url }))).toMatchObject({
      allowed: true,
      exempt: true,
    });
    await api.call(api.acme.admin, { method: 'DELETE', url: '/v1/rule-sets/tenant' });
    expect(json<Answer>(await api.call(api.acme.read, { method: 'GET', url })).allowed).toBe(false);
  });

  it('is tenant-scoped: globex may send to an address acme blocked', async () => {
    const other = json<Answer>(
      await api.call(api.globex.read, { method: 'GET', url: '/v1/can-send?address=blocked@example.com' }),
    );
    expect(other).toMatchObject({ allowed: true, blocked: false });
  });

  it('answers a batch in input order, including domain blocks and unusable addresses', async () => {
    const res = await api.call(api.acme.read, {
      method: 'POST',
      url: '/v1/can-send',
      payload: {
        addresses: ['ok@example.com', 'blocked@example.com', 'someone@dead.example', 'not-an-address'],
        category: 'newsletter',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = json<{ allowed: number; refused: number; results: Answer[] }>(res);
    expect(body.results.map((r) => [r.input, r.allowed, r.blockReason])).toEqual([
      ['ok@example.com', true, null],
      ['blocked@example.com', false, 'manual'],
      ['someone@dead.example', false, 'domain'],
      ['not-an-address', false, null],
    ]);
    expect(body.results[3]?.address).toBeNull();
    expect(body).toMatchObject({ allowed: 1, refused: 3 });
  });

  it('refuses more than 1,000 addresses and a missing address with 400 problems', async () => {
    const tooMany = await api.call(api.acme.read, {
      method: 'POST',
      url: '/v1/can-send',
      payload: { addresses: Array.from({ length: 1001 }, (_, i) => `a${i}@example.com`) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(tooMany).errors[0]?.pointer).toBe('/body/addresses');
    const missing = await api.call(api.acme.read, { method: 'GET', url: '/v1/can-send' });
    expect(missing.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(missing).errors[0]?.pointer).toBe('/query/address');
  });
});
