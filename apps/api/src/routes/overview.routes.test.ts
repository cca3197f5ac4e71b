import { addresses, bounces, recordSends, senderAlerts } from '@bounce/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Series = { bucket: string; buckets: string[]; series: { key: string; counts: number[]; total: number }[] };

describe('overview', () => {
  let api: TestApi;
  let alertId: string;
  beforeAll(async () => {
    api = await createTestApi({ redis: true });
    const db = api.database.db;
    const day = (d: number, h = 12) => new Date(Date.UTC(2025, 2, d, h));
    await recordSends(
      db,
      'acme',
      Array.from({ length: 40 }, (_, i) => ({
        externalId: `s${i}`,
        recipient: i < 30 ? `u${i}@gmail.com` : `u${i}@small.example`,
        category: 'newsletter',
        sentAt: day(1),
      })),
    );
    const bounce = (recipient: string, klass: string, reason: string, at: Date, k: string) => ({
      tenantId: 'acme',
      idempotencyKey: k,
      kind: 'bounce',
      recipient,
      reason,
      class: klass,
      occurredAt: at,
      state: 'applied',
      diagnosticCode: reason === 'blocked' ? '550 5.7.1 Service unavailable; client host blocked using Spamhaus' : null,
      remoteMta: 'mx.small.example',
    });
    await db.insert(bounces).values([
      bounce('u1@gmail.com', 'hard', 'userunknown', day(2, 9), 'k1'),
      bounce('u2@gmail.com', 'soft', 'mailboxfull', day(2, 23), 'k2'),
      bounce('u31@small.example', 'hard', 'userunknown', day(4), 'k3'),
      bounce('u32@small.example', 'soft', 'blocked', day(4), 'k4'),
      // Another tenant's bounce never counts.
      { ...bounce('x@gmail.com', 'hard', 'userunknown', day(2), 'k5'), tenantId: 'globex' },
    ]);
    const [alert] = await db
      .insert(senderAlerts)
      .values({
        tenantId: 'acme',
        receivingDomain: 'small.example',
        reason: 'blocked',
        firstSeenAt: day(4),
        lastSeenAt: day(4),
        count: 1,
        sampleDiagnostic: '550 5.7.1 client host blocked using Spamhaus',
      })
      .returning();
    alertId = alert?.id as string;
    // recordSends created the address rows; one of them is blocked.
    await db
      .update(addresses)
      .set({ state: 'blocked', suppressionReason: 'hard-bounce', suppressedAt: day(2) })
      .where(and(eq(addresses.tenantId, 'acme'), eq(addresses.address, 'u1@gmail.com')));
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts bounces per day and class, zero-filled, in the caller time zone', async () => {
    const res = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/stats/bounces?from=2025-03-01T00:00:00Z&to=2025-03-06T00:00:00Z&bucket=day&by=class&tz=UTC',
    });
    expect(res.statusCode).toBe(200);
    const body = json<Series>(res);
    expect(body.buckets).toHaveLength(5);
    expect(body.series.find((s) => s.key === 'hard')?.counts).toEqual([0, 1, 0, 1, 0]);
    expect(body.series.find((s) => s.key === 'soft')?.counts).toEqual([0, 1, 0, 1, 0]);
    // 23:00 UTC on March 2 is March 3 in Berlin: the soft bounce moves a day.
    const berlin = json<Series>(
      await api.call(api.acme.read, {
        method: 'GET',
        url: '/v1/stats/bounces?from=2025-03-01T00:00:00Z&to=2025-03-06T00:00:00Z&bucket=day&tz=Europe/Berlin',
      }),
    );
    expect(berlin.buckets[0]).toBe('2025-02-28T23:00:00.000Z');
    expect(berlin.series.find((s) => s.key === 'soft')?.counts.slice(0, 4)).toEqual([0, 0, 1, 1]);
  });

  it('refuses an unknown time zone and a reversed range as problems with pointers', async () => {
    const tz = await api.call(api.acme.read, { method: 'GET', url: '/v1/stats/bounces?tz=Mars/Olympus' });
    expect(tz.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(tz).errors[0]?.pointer).toBe('/query/tz');
    const reversed = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/stats/bounces?from=2025-03-05&to=2025-03-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(reversed).errors[0]?.pointer).toBe('/query/to');
  });

  it('ranks domains and providers by failure rate', async () => {
    const res = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/stats/failure-rates?from=2025-03-01&to=2025-03-06&minSends=5',
    });
    const body = json<{
      domains: { name: string; failureRate: number; sends: number }[];
      providers: { name: string }[];
    }>(res);
    expect(body.domains.map((d) => d.name)).toEqual(['small.example', 'gmail.com']);
    expect(body.domains[0]).toMatchObject({ sends: 10, failureRate: 0.2 });
    expect(body.providers.map((p) => p.name)).toEqual(['other', 'Google']);
  });

  it('counts what waits for a person, and shows an alert with the rejections behind it', async () => {
    const counts = json(await api.call(api.acme.read, { method: 'GET', url: '/v1/stats/attention' }));
    expect(counts).toMatchObject({ blockedAddresses: 1, openSenderAlerts: 1, manualMessages: 0 });
    const evidence = await api.call(api.acme.read, { method: 'GET', url: `/v1/sender-alerts/${alertId}/evidence` });
    expect(json(evidence)).toMatchObject({
      alert: { receivingDomain: 'small.example', reason: 'blocked' },
      evidence: [
        { type: 'bounce', recipient: 'u32@small.example', diagnosticCode: expect.stringContaining('Spamhaus') },
      ],
    });
    const other = await api.call(api.globex.read, { method: 'GET', url: `/v1/sender-alerts/${alertId}/evidence` });
    expect(other.statusCode).toBe(404);
  });

  it('shows queue health (counts) to admins only', async () => {
    expect((await api.call(api.acme.write, { method: 'GET', url: '/v1/queues' })).statusCode).toBe(403);
    const res = await api.call(api.acme.admin, { method: 'GET', url: '/v1/queues' });
    expect(res.statusCode).toBe(200);
    const queues = json<{ queues: { name: string; waiting: number; failed: number }[] }>(res).queues;
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['fetch-mailbox', 'parse-messages', 'apply-bounces']),
    );
    expect(queues.every((q) => q.waiting === 0 && q.failed === 0)).toBe(true);
  });

  it('answers the whole overview in one request: the same figures as the single endpoints, queues for admins only', async () => {
    const range = 'from=2025-03-01T00:00:00Z&to=2025-03-06T00:00:00Z&bucket=day&tz=Europe/Berlin&minSends=5';
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/overview?${range}` });
    expect(res.statusCode).toBe(200);
    const body = json<Record<string, unknown> & { queues: unknown; mailboxes: unknown[] }>(res);
    const single = async (url: string) => json(await api.call(api.acme.read, { method: 'GET', url }));
    expect(body.attention).toEqual(await single('/v1/stats/attention'));
    expect(body.bouncesByClass).toEqual(await single(`/v1/stats/bounces?${range}&by=class`));
    expect(body.bouncesByReason).toEqual(await single(`/v1/stats/bounces?${range}&by=reason`));
    expect(body.failureRates).toEqual(await single(`/v1/stats/failure-rates?${range}`));
    expect(body.openSenderAlerts).toEqual(
      ((await single('/v1/sender-alerts?open=true')) as { items: unknown[] }).items,
    );
    expect(body.queues).toBeNull();
    expect(body.mailboxes).toEqual([]);
    const admin = json<{ queues: { queues: { name: string }[] } }>(
      await api.call(api.acme.admin, { method: 'GET', url: `/v1/overview?${range}` }),
    );
    expect(admin.queues.queues.map((q) => q.name)).toContain('fetch-mailbox');
    // Another tenant sees none of acme's figures.
    const other = json<{ attention: { blockedAddresses: number }; openSenderAlerts: unknown[] }>(
      await api.call(api.globex.read, { method: 'GET', url: `/v1/overview?${range}` }),
    );
    expect(other.attention.blockedAddresses).toBe(0);
    expect(other.openSenderAlerts).toEqual([]);
  });
});
