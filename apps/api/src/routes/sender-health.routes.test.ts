/** The sending-setup check against a real DNS server (NSD with the sender-health scenario zones) and the alerts. */
import { claimDueSenderSetupChecks, outbox, recordSenderDiagnosis, watchSenderSetup } from '@bounce/db';
import { SENDER_HEALTH_TEST_ZONES_DIR } from '@bounce/sender-health/testing';
import { type DnsServer, startDnsServer } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { MAX_WATCHED_SETUPS } from './sender-health.routes.js';

type Check = { check: string; status: string; findings: { code: string }[]; [k: string]: unknown };
type Report = {
  status: string;
  domain: string;
  exampleReturnPath: string | null;
  spf: { record: Check; ips: Check[] };
  dkim: Check[];
  dmarc: Check;
  ptr: Check[];
  mx: Check;
  verp: Check;
  dnsbl: Check[];
  checks: Check[];
  summary: { en: string; de: string };
};
type Alert = { id: string; groupKey: string; state: string; count: number; diagnosis: Record<string, unknown> };

let dns: DnsServer;
let api: TestApi;

beforeAll(async () => {
  dns = await startDnsServer({ zonesDir: SENDER_HEALTH_TEST_ZONES_DIR });
  api = await createTestApi({
    senderHealth: {
      dnsServers: [dns.address],
      dnsTimeoutMs: 2000,
      dnsTries: 2,
      dnsbls: [{ zone: 'bl.dnsbl.test', name: 'Test BL' }],
      queryNamedLists: true,
    },
  });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await dns?.stop();
});

const check = (body: unknown, key = api.acme.read) =>
  api.call(key, { method: 'POST', url: '/v1/sender-checks', payload: body as Record<string, unknown> });

describe('POST /v1/sender-checks', () => {
  it('reports a domain set up right as passing, with every part of the report', async () => {
    const res = await check({
      domain: 'good.test',
      ips: ['203.0.113.5'],
      selectors: ['s2048'],
      bounceDomain: 'bounces.good.test',
    });
    expect(res.statusCode).toBe(200);
    const report = json<Report>(res);
    expect(report.status).toBe('pass');
    expect(report.exampleReturnPath).toMatch(/^bounces\+.+@bounces\.good\.test$/);
    expect(report.spf.record).toMatchObject({ status: 'pass', lookupCount: 1, all: '-' });
    expect(report.dkim[0]).toMatchObject({ selector: 's2048', bits: 2048, status: 'pass' });
    expect(report.dmarc).toMatchObject({ policy: 'reject', status: 'pass' });
    expect(report.ptr[0]).toMatchObject({ confirmedName: 'mail.good.test', status: 'pass' });
    expect(report.mx).toMatchObject({ domain: 'bounces.good.test', status: 'pass' });
    expect(report.verp).toMatchObject({ aligned: true, status: 'pass' });
    expect(report.dnsbl[0]).toMatchObject({ list: 'bl.dnsbl.test', listed: false });
    expect(report.summary.en).toBe('Everything checked is in order for good.test.');
  });

  it('reports broken SPF, a listed IP, a missing PTR and a missing key with what to do', async () => {
    const res = await check({ domain: 'notcovered.test', ips: ['203.0.113.6', '203.0.113.7'], selectors: ['nope'] });
    expect(res.statusCode).toBe(200);
    const report = json<Report>(res);
    expect(report.status).toBe('fail');
    expect(report.spf.ips.map((c) => [c.ip, c.result])).toEqual([
      ['203.0.113.6', 'fail'],
      ['203.0.113.7', 'fail'],
    ]);
    expect(report.dnsbl.find((c) => c.ip === '203.0.113.6')).toMatchObject({ listed: true, status: 'fail' });
    expect(report.ptr.find((c) => c.ip === '203.0.113.7')).toMatchObject({ status: 'fail' });
    expect(report.dkim[0]).toMatchObject({ present: false, status: 'fail' });
    expect(report.summary.en).toContain('No PTR for 203.0.113.7');
    expect(report.summary.de).toContain('Kein PTR-Eintrag für 203.0.113.7');
  });

  it('refuses what is not a setup with a 400, never asking DNS about it', async () => {
    for (const body of [
      {},
      { domain: 'not a domain', ips: ['203.0.113.5'] },
      { domain: 'good.test', ips: [] },
      { domain: 'good.test', ips: ['999.1.1.1'] },
      { domain: 'good.test', ips: Array.from({ length: 17 }, (_, i) => `203.0.113.${i + 1}`) },
      { domain: 'good.test', ips: ['203.0.113.5'], selectors: ['bad selector!'] },
      { domain: `${'a'.repeat(300)}.test`, ips: ['203.0.113.5'] },
    ]) {
      const res = await check(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await check({ domain: 'good.test', ips: ['203.0.113.5'] }, 'nope')).statusCode).toBe(401);
  });
});

describe('sender health alerts', () => {
  it('lists, shows and closes a tenant’s diagnosed alerts, never another tenant’s', async () => {
    const base = {
      providerId: 'microsoft',
      providerName: 'Microsoft',
      subject: '203.0.113.6',
      occurredAt: new Date('2026-11-30T10:00:00Z'),
      diagnosis: { cause: 'dnsbl', headline: { en: 'listed', de: 'gelistet' }, plan: { ip: '203.0.113.6' } },
      fingerprint: 'f',
      nextCheckAt: null,
      checkedAt: new Date('2026-11-30T10:00:01Z'),
    };
    await recordSenderDiagnosis(api.database.db, 'acme', {
      ...base,
      bounceId: '01a24cb0-3e27-7db1-95b3-10fb6966e0d6',
      groupKey: 'microsoft|dnsbl',
      cause: 'dnsbl',
    });
    await recordSenderDiagnosis(api.database.db, 'globex', {
      ...base,
      bounceId: '01a24cb0-3e27-7db1-95b3-10fb6966e0d7',
      groupKey: 'microsoft|ptr',
      cause: 'ptr',
    });

    const list = await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-health/alerts?state=open' });
    expect(list.statusCode).toBe(200);
    const items = json<{ items: Alert[] }>(list).items;
    expect(items.map((a) => a.groupKey)).toEqual(['microsoft|dnsbl']);
    const id = items[0]?.id ?? '';
    expect(items[0]?.diagnosis.plan).toBeUndefined();
    expect(items[0]?.diagnosis.headline).toEqual({ en: 'listed', de: 'gelistet' });

    const one = await api.call(api.acme.read, { method: 'GET', url: `/v1/sender-health/alerts/${id}` });
    expect(json<Alert>(one)).toMatchObject({ id, count: 1, state: 'open' });
    expect((await api.call(api.globex.read, { method: 'GET', url: `/v1/sender-health/alerts/${id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await api.call(api.globex.write, { method: 'POST', url: `/v1/sender-health/alerts/${id}/close` })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(api.acme.read, { method: 'POST', url: `/v1/sender-health/alerts/${id}/close` })).statusCode,
    ).toBe(403);

    const closed = await api.call(api.acme.write, { method: 'POST', url: `/v1/sender-health/alerts/${id}/close` });
    expect(closed.statusCode).toBe(200);
    expect(json<Alert>(closed)).toMatchObject({ state: 'closed', closeReason: 'operator' });
    expect(
      (await api.call(api.acme.write, { method: 'POST', url: `/v1/sender-health/alerts/${id}/close` })).statusCode,
    ).toBe(404);
    const events = await api.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.type, 'sender_alert.closed')));
    expect(events.map((e) => e.payload.alertId)).toEqual([id]);
    const open = await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-health/alerts?state=open' });
    expect(json<{ items: Alert[] }>(open).items).toEqual([]);
  });
});

type Watch = {
  id: string;
  domain: string;
  status: string | null;
  report: Report | null;
  request: { ips: string[] };
  lastCheckedAt: string | null;
  nextCheckAt: string;
};

describe('watched sending setups', () => {
  const watch = (body: unknown, key = api.acme.write) =>
    api.call(key, { method: 'POST', url: '/v1/sender-health/setups', payload: body as Record<string, unknown> });

  it('watches a setup with a first report as baseline, replaces it per domain, and keeps tenants apart', async () => {
    const res = await watch({ domain: 'Notcovered.test', ips: ['203.0.113.7'], selectors: ['nope'] });
    expect(res.statusCode).toBe(200);
    const watched = json<Watch>(res);
    expect(watched).toMatchObject({ domain: 'notcovered.test', status: 'fail', request: { ips: ['203.0.113.7'] } });
    expect(watched.report?.ptr[0]).toMatchObject({ ip: '203.0.113.7', status: 'fail' });
    // The baseline was the check: the worker's next one is an interval (default 1 h) later, not due at once.
    expect(Date.parse(watched.nextCheckAt) - Date.parse(watched.lastCheckedAt!)).toBe(3_600_000);
    expect(
      await claimDueSenderSetupChecks(api.database.db, { now: new Date(), nextCheckAt: new Date(), limit: 10 }),
    ).toEqual([]);

    // The same domain again: one watch, the new IPs.
    const again = json<Watch>(await watch({ domain: 'notcovered.test', ips: ['203.0.113.6'] }));
    expect(again.id).toBe(watched.id);
    expect(again.request.ips).toEqual(['203.0.113.6']);
    const list = json<{ items: Watch[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/sender-health/setups' }),
    );
    expect(list.items.map((w) => w.domain)).toEqual(['notcovered.test']);
    // The baseline is never announced.
    const events = await api.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.type, 'sender_setup.changed')));
    expect(events).toEqual([]);

    const url = `/v1/sender-health/setups/${watched.id}`;
    expect((await api.call(api.globex.read, { method: 'GET', url })).statusCode).toBe(404);
    expect((await api.call(api.globex.write, { method: 'DELETE', url })).statusCode).toBe(404);
    expect(
      json<{ items: Watch[] }>(await api.call(api.globex.read, { method: 'GET', url: '/v1/sender-health/setups' }))
        .items,
    ).toEqual([]);
    expect((await watch({ domain: 'good.test', ips: ['203.0.113.5'] }, api.acme.read)).statusCode).toBe(403);
    expect((await watch({ domain: 'good.test', ips: ['999.0.0.1'] })).statusCode).toBe(400);

    expect(json<Watch>(await api.call(api.acme.read, { method: 'GET', url })).id).toBe(watched.id);
    expect((await api.call(api.acme.write, { method: 'DELETE', url })).statusCode).toBe(204);
    expect((await api.call(api.acme.write, { method: 'DELETE', url })).statusCode).toBe(404);
  });

  it('refuses a new domain beyond the cap with a 409 even to concurrent requests, still replacing a watched one', async () => {
    const request = { domain: 'x.test', ips: ['203.0.113.5'], selectors: [], returnPathLocalPart: 'bounces' };
    for (let i = 0; i < MAX_WATCHED_SETUPS - 3; i++) {
      await watchSenderSetup(api.database.db, 'globex', {
        domain: `d${i}.test`,
        request: { ...request, domain: `d${i}.test` },
      });
    }
    // Six new domains at once for the last three places: three are watched, three refused, never more.
    const raced = await Promise.all(
      Array.from({ length: 6 }, (_, i) => watch({ domain: `race${i}.test`, ips: ['203.0.113.5'] }, api.globex.write)),
    );
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 409, 409, 409]);
    const all = await api.call(api.globex.read, { method: 'GET', url: '/v1/sender-health/setups' });
    expect(json<{ items: Watch[] }>(all).items).toHaveLength(MAX_WATCHED_SETUPS);
    const refused = await watch({ domain: 'good.test', ips: ['203.0.113.5'] }, api.globex.write);
    expect(refused.statusCode).toBe(409);
    const replaced = await watch({ domain: 'd7.test', ips: ['203.0.113.6'] }, api.globex.write);
    expect(replaced.statusCode).toBe(200);
    expect(json<Watch>(replaced).request.ips).toEqual(['203.0.113.6']);
  });
});
