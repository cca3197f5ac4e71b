import { blockAddress, recordSends, recordSyncRejections, senderAlerts } from '@bounce/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type Event = {
  eventId: string;
  type: string;
  address: string | null;
  priority: string;
  payload: Record<string, unknown>;
};

describe('event log and sender alerts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    for (const name of ['ann', 'bob', 'cat']) {
      await blockAddress(api.database.db, 'acme', `${name}@example.com`, { actor: 'test', reason: `block ${name}` });
    }
    await blockAddress(api.database.db, 'globex', 'ann@example.com', { actor: 'test', reason: 'other tenant' });
    const [send] = await recordSends(api.database.db, 'acme', [
      { externalId: 's-1', recipient: 'dan@bigmail.example', sentAt: new Date('2025-03-01T10:00:00Z') },
    ]);
    await recordSyncRejections(api.database.db, 'acme', [
      {
        sendId: send?.id,
        replyCode: 550,
        enhancedStatus: '5.7.1',
        text: '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus',
        occurredAt: new Date('2025-03-01T10:00:01Z'),
      },
    ]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists events newest first, filtered by address and type prefix, paged by cursor', async () => {
    const ann = json<Page<Event>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/events?address=ANN@example.com' }),
    );
    expect(ann.items.map((e) => e.type)).toEqual(['address.blocked']);
    expect(ann.items[0]?.payload).toMatchObject({ address: 'ann@example.com', reason: 'block ann' });
    const blocked = json<Page<Event>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/events?type=address.*&limit=2' }),
    );
    expect(blocked.items.map((e) => e.address)).toEqual(['cat@example.com', 'bob@example.com']);
    const rest = json<Page<Event>>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: `/v1/events?type=address.*&limit=2&cursor=${blocked.nextCursor}`,
      }),
    );
    expect(rest.items.map((e) => e.address)).toContain('ann@example.com');
    const one = await api.call(api.acme.read, { method: 'GET', url: `/v1/events/${ann.items[0]?.eventId}` });
    expect(json(one)).toMatchObject({ eventId: ann.items[0]?.eventId, type: 'address.blocked' });
    expect(
      (await api.call(api.globex.read, { method: 'GET', url: `/v1/events/${ann.items[0]?.eventId}` })).statusCode,
    ).toBe(404);
    const globex = json<Page<Event>>(await api.call(api.globex.read, { method: 'GET', url: '/v1/events' }));
    expect(globex.items.map((e) => e.payload.reason)).toEqual(['other tenant']);
  });

  it('lists the sender-side incident and resolves it once', async () => {
    const open = json<{ items: { id: string; receivingDomain: string; reason: string; count: number }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-alerts?open=true' }),
    );
    expect(open.items).toEqual([
      expect.objectContaining({ receivingDomain: 'bigmail.example', reason: 'blocked', count: 1 }),
    ]);
    const id = open.items[0]?.id as string;
    expect(
      (await api.call(api.globex.write, { method: 'POST', url: `/v1/sender-alerts/${id}/resolve` })).statusCode,
    ).toBe(404);
    const res = await api.call(api.acme.write, { method: 'POST', url: `/v1/sender-alerts/${id}/resolve` });
    expect(json(res)).toEqual({ id, resolved: true });
    const [row] = await api.database.db.select().from(senderAlerts).where(eq(senderAlerts.id, id));
    expect(row?.resolvedAt).toBeInstanceOf(Date);
    expect(
      (await api.call(api.acme.write, { method: 'POST', url: `/v1/sender-alerts/${id}/resolve` })).statusCode,
    ).toBe(404);
    const stillOpen = json<{ items: unknown[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-alerts?open=true' }),
    );
    expect(stillOpen.items).toEqual([]);
    const all = json<{ items: unknown[] }>(await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-alerts' }));
    expect(all.items).toHaveLength(1);
    // The recipient was not blocked: the provider rejected us, not the address.
    const answer = json(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/can-send?address=dan@bigmail.example' }),
    );
    expect(answer).toMatchObject({ allowed: true, blocked: false });
  });
});
