/** The sending-setup check against the test DNS server: a correct setup, broken ones, and change detection. */
import { describe, expect, it } from 'vitest';
import { useTestDns } from '../test/dns-fixture.js';
import type { DnsblList } from './checks/dnsbl.js';
import { checkKey, checkSendingSetup, compareSetupReports, senderCheckRequestSchema } from './setup-check.js';

const dns = useTestDns();
const LISTS: DnsblList[] = [{ zone: 'bl.dnsbl.test', name: 'Test BL' }];
const NOW = () => new Date('2026-12-01T08:00:00Z');
const run = (request: Parameters<typeof checkSendingSetup>[1]) =>
  checkSendingSetup(dns.client(), request, { dnsbls: LISTS, now: NOW });

describe('checkSendingSetup', () => {
  it('passes a domain set up right, with a VERP return path that passes SPF aligned', async () => {
    const report = await run({
      domain: 'good.test',
      ips: ['203.0.113.5'],
      selectors: ['s2048', 'ed1'],
      bounceDomain: 'bounces.good.test',
    });
    expect(report.status).toBe('pass');
    expect(report.exampleReturnPath).toMatch(/^bounces\+u[a-z2-7]{26}-[a-z2-7]{16}@bounces\.good\.test$/);
    expect(report.spf.record).toMatchObject({ status: 'pass', lookupCount: 1, all: '-' });
    expect(report.spf.ips).toMatchObject([{ ip: '203.0.113.5', result: 'pass' }]);
    expect(report.dkim.map((d) => [d.selector, d.keyType, d.bits])).toEqual([
      ['s2048', 'rsa', 2048],
      ['ed1', 'ed25519', 256],
    ]);
    expect(report.dmarc).toMatchObject({ policy: 'reject', rua: ['mailto:dmarc@good.test'], wouldPass: true });
    expect(report.ptr).toMatchObject([{ ip: '203.0.113.5', confirmedName: 'mail.good.test' }]);
    expect(report.mx).toMatchObject({ domain: 'bounces.good.test', status: 'pass' });
    expect(report.verp).toMatchObject({
      status: 'pass',
      returnPathDomain: 'bounces.good.test',
      aligned: true,
      mode: 'relaxed',
      spf: [{ ip: '203.0.113.5', result: 'pass' }],
    });
    expect(report.dnsbl).toMatchObject([{ ip: '203.0.113.5', listed: false }]);
    expect(report.summary.en).toBe('Everything checked is in order for good.test.');
    expect(report.checkedAt).toBe('2026-12-01T08:00:00.000Z');
  });

  it('reports every broken part with what to do', async () => {
    const report = await run({
      domain: 'good.test',
      ips: ['203.0.113.6', '203.0.113.7'],
      selectors: ['s512', 'nope'],
      bounceDomain: 'badbounces.good.test',
    });
    expect(report.status).toBe('fail');
    const failing = report.checks.filter((c) => c.status === 'fail').map(checkKey);
    expect(failing.sort()).toEqual(
      [
        'dkim:nope._domainkey.good.test',
        'dkim:s512._domainkey.good.test',
        'dmarc:good.test',
        'dnsbl:203.0.113.6:bl.dnsbl.test',
        'ptr:203.0.113.7',
        'verp-alignment:badbounces.good.test',
      ].sort(),
    );
    expect(report.verp.spf).toEqual([
      { ip: '203.0.113.6', result: 'fail' },
      { ip: '203.0.113.7', result: 'fail' },
    ]);
    expect(report.summary.en).toContain('FAIL No PTR for 203.0.113.7');
    expect(report.summary.en).toContain(
      'FAIL SPF of the bounce domain badbounces.good.test gives fail for 203.0.113.6',
    );
    expect(report.summary.en).toContain('What to do: Add ip4:203.0.113.6 to the SPF record of badbounces.good.test');
    expect(report.summary.de).toContain('FEHLER Kein PTR-Eintrag für 203.0.113.7');
  });

  it('finds return paths at a foreign domain not aligned, and strict alignment refusing a subdomain', async () => {
    const foreign = await run({ domain: 'good.test', ips: ['198.51.100.7'], bounceDomain: 'bounce.esp.test' });
    expect(foreign.verp).toMatchObject({
      status: 'fail',
      aligned: false,
      spf: [{ ip: '198.51.100.7', result: 'pass' }],
    });
    expect(foreign.verp.findings.map((f) => f.code)).toEqual(['verp-not-aligned']);
    const strict = await run({
      domain: 'notcovered.test',
      ips: ['203.0.113.5'],
      bounceDomain: 'bounces.notcovered.test',
    });
    expect(strict.verp).toMatchObject({ status: 'fail', aligned: false, mode: 'strict' });
    expect(strict.verp.findings[0]?.fix?.en).toContain('or notcovered.test itself with aspf=s');
  });

  it('reports a broken SPF tree and a missing MX of the bounce domain', async () => {
    const report = await run({ domain: 'toomany.test', ips: ['203.0.113.5'], bounceDomain: 'nullmx.test' });
    expect(report.spf.record.findings.map((f) => f.code)).toEqual(['spf-too-many-lookups']);
    expect(report.mx).toMatchObject({ status: 'fail', nullMx: true });
    expect(report.summary.en).toContain('needs 11 DNS lookups, over the limit of 10');
  });

  it('warns when no DKIM selector is given', async () => {
    const report = await run({ domain: 'good.test', ips: ['203.0.113.5'], bounceDomain: 'bounces.good.test' });
    expect(report.status).toBe('warn');
    expect(report.summary.en).toContain('WARN No DKIM selector given');
  });
});

describe('compareSetupReports', () => {
  it('lists the checks whose status changed, and nothing for a first run', async () => {
    const before = await run({
      domain: 'good.test',
      ips: ['203.0.113.5'],
      selectors: ['s2048'],
      bounceDomain: 'bounces.good.test',
    });
    const after = await run({
      domain: 'good.test',
      ips: ['203.0.113.5'],
      selectors: ['s512'],
      bounceDomain: 'bounces.good.test',
    });
    expect(compareSetupReports(null, before)).toEqual([]);
    expect(compareSetupReports(before, before)).toEqual([]);
    expect(compareSetupReports(before, after)).toEqual([
      { key: 'dkim:s512._domainkey.good.test', from: null, to: 'fail' },
      { key: 'dkim:s2048._domainkey.good.test', from: 'pass', to: null },
    ]);
  });
});

describe('senderCheckRequestSchema', () => {
  it('normalises input and says what is wrong', () => {
    expect(senderCheckRequestSchema.parse({ domain: 'Good.Test.', ips: ['203.0.113.5', '203.0.113.5'] })).toEqual({
      domain: 'good.test',
      ips: ['203.0.113.5'],
      selectors: [],
      returnPathLocalPart: 'bounces',
    });
    const bad = senderCheckRequestSchema.safeParse({
      domain: 'not a domain',
      ips: ['203.0.113.300'],
      selectors: ['../x'],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('domain must be a domain name such as example.com');
    expect(messages).toContain('"203.0.113.300" is not an IP address');
    expect(messages).toContain('a DKIM selector such as s1');
  });
});
