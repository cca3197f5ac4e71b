/**
 * Every DNS check against a real DNS server (NSD on loopback, zones in test/zones), each on a zone where it fails
 * and one where it passes.
 */
import { getFreePort } from '@bounce/test-servers';
import { describe, expect, it } from 'vitest';
import { useTestDns } from '../../test/dns-fixture.js';
import { createDnsClient } from '../dns/dns-client.js';
import type { Finding } from '../types.js';
import { checkDkim } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { checkDnsbl } from './dnsbl.js';
import { checkMx } from './mx.js';
import { checkPtr } from './ptr.js';
import { analyseSpfRecord, checkSpf } from './spf.js';

const dns = useTestDns();
const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('DNS client', () => {
  it('answers from its cache for a repeated question and keeps NXDOMAIN apart from errors', async () => {
    const client = dns.client();
    expect(await client.txt('good.test')).toMatchObject({ status: 'found' });
    await client.txt('good.test');
    expect(client.queryCount()).toBe(1);
    expect(await client.txt('nothing.good.test')).toEqual({ status: 'absent', code: 'NXDOMAIN' });
    expect(await client.mx('mail.good.test')).toEqual({ status: 'absent', code: 'NODATA' });
  });

  it('stops at its query cap', async () => {
    const client = createDnsClient({ servers: [dns.server().address], maxQueries: 1 });
    await client.txt('good.test');
    expect(await client.txt('esp.test')).toEqual({ status: 'error', code: 'EQUERYCAP' });
  });

  it('reports a resolver that does not answer as an error, not as "no record"', async () => {
    const client = createDnsClient({ servers: [`127.0.0.1:${await getFreePort()}`], timeoutMs: 200, tries: 1 });
    expect((await client.txt('good.test')).status).toBe('error');
    const result = await checkDnsbl(client, '203.0.113.6', { zone: 'bl.dnsbl.test' }, false);
    expect(result).toMatchObject({ status: 'error', listed: false });
    expect(codes(result.findings)).toEqual(['dnsbl-unreachable']);
  });
});

describe('DNSBL', () => {
  it("fails for a listed IP with the TXT reason, the list's link and the date it gives", async () => {
    const result = await checkDnsbl(dns.client(), '203.0.113.6', { zone: 'bl.dnsbl.test', name: 'Test BL' }, true);
    expect(result).toMatchObject({
      status: 'fail',
      listed: true,
      codes: ['127.0.0.2'],
      reason: 'Listed since 2026-11-30 for spam trap hits. See https://dnsbl.test/lookup?ip=203.0.113.6',
      delistUrl: 'https://dnsbl.test/lookup?ip=203.0.113.6',
      listedSince: '2026-11-30T00:00:00.000Z',
      namedInReply: true,
    });
    expect(result.findings[0]?.text.en).toContain('203.0.113.6 is listed on Test BL since 2026-11-30');
    expect(result.findings[0]?.fix?.en).toContain('request delisting at https://dnsbl.test/lookup?ip=203.0.113.6');
    expect(result.findings[0]?.text.de).toContain('203.0.113.6 steht auf Test BL seit 2026-11-30');
  });

  it('uses the configured lookup page when the TXT record gives no link', async () => {
    const result = await checkDnsbl(
      dns.client(),
      '2001:db8::66',
      { zone: 'bl.dnsbl.test', delistUrl: 'https://dnsbl.test/remove?ip={ip}' },
      false,
    );
    expect(result).toMatchObject({
      status: 'fail',
      listed: true,
      delistUrl: 'https://dnsbl.test/remove?ip=2001%3Adb8%3A%3A66',
    });
  });

  it('passes for an IP that is not listed', async () => {
    const result = await checkDnsbl(dns.client(), '203.0.113.5', { zone: 'bl.dnsbl.test' }, false);
    expect(result).toMatchObject({ status: 'pass', listed: false, codes: [] });
    expect(codes(result.findings)).toEqual(['dnsbl-not-listed']);
  });

  it('treats 127.255.255.x answers as a refused query, not as a listing', async () => {
    const result = await checkDnsbl(dns.client(), '203.0.113.5', { zone: 'refusing.dnsbl.test' }, false);
    expect(result).toMatchObject({ status: 'error', listed: false, codes: ['127.255.255.254'] });
    expect(codes(result.findings)).toEqual(['dnsbl-refused']);
  });
});

describe('SPF evaluation', () => {
  it('passes for an IP the record covers, directly or through an include, with the evaluation path', async () => {
    const direct = await checkSpf(dns.client(), 'good.test', '203.0.113.5');
    expect(direct).toMatchObject({ status: 'pass', result: 'pass', path: ['good.test'] });
    const included = await checkSpf(dns.client(), 'good.test', '198.51.100.7');
    expect(included).toMatchObject({
      status: 'pass',
      result: 'pass',
      lookupCount: 1,
      path: ['good.test', '_spf.esp.test'],
    });
    // The path in words: which record authorised the IP.
    expect(included.findings[0]?.text).toEqual({
      en: 'SPF of good.test authorises 198.51.100.7 (evaluated: good.test → _spf.esp.test)',
      de: 'SPF von good.test erlaubt 198.51.100.7 (ausgewertet: good.test → _spf.esp.test)',
    });
    expect(direct.findings[0]?.text.en).toBe('SPF of good.test authorises 203.0.113.5');
    expect((await checkSpf(dns.client(), 'good.test', '2001:db8::25')).result).toBe('pass');
  });

  it('fails for an IP the record does not cover, naming the record and the mechanism to add', async () => {
    const result = await checkSpf(dns.client(), 'notcovered.test', '203.0.113.5');
    expect(result).toMatchObject({ status: 'fail', result: 'fail', record: 'v=spf1 ip4:198.51.100.0/24 -all' });
    expect(result.findings[0]?.text.en).toBe(
      'SPF of notcovered.test does not include 203.0.113.5 (result fail) (record: v=spf1 ip4:198.51.100.0/24 -all)',
    );
    expect(result.findings[0]?.fix?.en).toContain('Add ip4:203.0.113.5');
  });

  it('fails without a record', async () => {
    const result = await checkSpf(dns.client(), 'nomx.test', '203.0.113.5');
    expect(result).toMatchObject({ status: 'fail', result: 'none', record: null });
    expect(codes(result.findings)).toEqual(['spf-missing']);
  });

  it('fails with permerror for more than 10 lookups and for an include that does not exist', async () => {
    const many = await checkSpf(dns.client(), 'toomany.test', '203.0.113.5');
    expect(many).toMatchObject({ status: 'fail', result: 'permerror', lookupCount: 11 });
    const missing = await checkSpf(dns.client(), 'missinginclude.test', '203.0.113.5');
    expect(missing).toMatchObject({ status: 'fail', result: 'permerror' });
    expect(codes(missing.findings)).toEqual(['spf-permerror']);
  });

  it('softfail counts as not covered', async () => {
    expect(await checkSpf(dns.client(), 'nodmarc.test', '198.51.100.9')).toMatchObject({
      status: 'fail',
      result: 'softfail',
    });
  });
});

describe('SPF record analysis', () => {
  it('passes a valid record, counting lookups over the include tree', async () => {
    const result = await analyseSpfRecord(dns.client(), 'good.test');
    expect(result).toMatchObject({
      status: 'pass',
      lookupCount: 1,
      all: '-',
      syntaxErrors: [],
      includes: [{ domain: '_spf.esp.test', resolves: true, depth: 1 }],
    });
  });

  it('fails over 10 lookups', async () => {
    const result = await analyseSpfRecord(dns.client(), 'toomany.test');
    expect(result).toMatchObject({ status: 'fail', lookupCount: 11 });
    expect(codes(result.findings)).toEqual(['spf-too-many-lookups']);
  });

  it('fails an include without an SPF record', async () => {
    const result = await analyseSpfRecord(dns.client(), 'missinginclude.test');
    expect(result.includes).toEqual([{ domain: '_spf.gone.esp.test', resolves: false, depth: 1 }]);
    expect(codes(result.findings)).toEqual(['spf-include-missing']);
  });

  it('fails +all', async () => {
    const result = await analyseSpfRecord(dns.client(), 'plusall.test');
    expect(result).toMatchObject({ status: 'fail', all: '+' });
    expect(codes(result.findings)).toEqual(['spf-plus-all']);
  });

  it('fails syntax errors and two records', async () => {
    const syntax = await analyseSpfRecord(dns.client(), 'syntax.test');
    expect(syntax.syntaxErrors).toEqual(['invalid network "ip4:203.0.113.300"', 'unknown mechanism "foo:bar"']);
    expect(syntax.status).toBe('fail');
    const two = await analyseSpfRecord(dns.client(), 'two.syntax.test');
    expect(two.syntaxErrors).toEqual(['two.syntax.test publishes 2 SPF records (one allowed)']);
  });

  it('fails a domain without SPF', async () => {
    expect(codes((await analyseSpfRecord(dns.client(), 'nomx.test')).findings)).toEqual(['spf-missing']);
  });
});

describe('DKIM keys', () => {
  it('passes a published 2048-bit RSA key and an ed25519 key matching the signature algorithm', async () => {
    expect(await checkDkim(dns.client(), 'good.test', 's2048', 'rsa-sha256')).toMatchObject({
      status: 'pass',
      present: true,
      keyType: 'rsa',
      bits: 2048,
      algorithmMatches: true,
    });
    expect(await checkDkim(dns.client(), 'good.test', 'ed1', 'ed25519-sha256')).toMatchObject({
      status: 'pass',
      keyType: 'ed25519',
      algorithmMatches: true,
    });
  });

  it('fails an absent key, a revoked key and a key that does not fit the algorithm', async () => {
    const absent = await checkDkim(dns.client(), 'good.test', 'nope', 'rsa-sha256');
    expect(absent).toMatchObject({ status: 'fail', present: false });
    expect(absent.findings[0]?.text.en).toBe(
      'No DKIM key at nope._domainkey.good.test: signatures with selector nope cannot be verified',
    );
    const revoked = await checkDkim(dns.client(), 'good.test', 'revoked');
    expect(revoked).toMatchObject({ status: 'fail', present: true, revoked: true });
    const mismatch = await checkDkim(dns.client(), 'good.test', 's2048', 'ed25519-sha256');
    expect(mismatch).toMatchObject({ status: 'fail', keyType: 'rsa', algorithmMatches: false });
    expect(codes(mismatch.findings)).toEqual(['dkim-algorithm-mismatch']);
  });

  it('fails a key under 1024 bits and warns under 2048 and in testing mode', async () => {
    expect(await checkDkim(dns.client(), 'good.test', 's512')).toMatchObject({ status: 'fail', bits: 512 });
    const short = await checkDkim(dns.client(), 'good.test', 's1024');
    expect(short).toMatchObject({ status: 'warn', bits: 1024 });
    expect(codes(short.findings)).toEqual(['dkim-key-short']);
    expect(await checkDkim(dns.client(), 'good.test', 'testing')).toMatchObject({ status: 'warn', testing: true });
  });
});

describe('DMARC', () => {
  it('passes p=reject with reports when SPF aligns (relaxed) and passes', async () => {
    const result = await checkDmarc(dns.client(), {
      headerFromDomain: 'good.test',
      envelopeDomain: 'bounces.good.test',
      spfPassed: true,
      dkim: [],
    });
    expect(result).toMatchObject({
      status: 'pass',
      policy: 'reject',
      rua: ['mailto:dmarc@good.test'],
      ruf: ['mailto:forensic@good.test'],
      alignment: { spf: 'relaxed', dkim: 'relaxed' },
      spfAligned: true,
      wouldPass: true,
    });
  });

  it('fails p=reject when neither SPF nor DKIM can pass aligned', async () => {
    const result = await checkDmarc(dns.client(), {
      headerFromDomain: 'good.test',
      envelopeDomain: 'bounce.esp.test',
      spfPassed: true,
      dkim: [{ domain: 'esp.test', keyUsable: true }],
    });
    expect(result).toMatchObject({ status: 'fail', spfAligned: false, dkimAligned: false, wouldPass: false });
    expect(result.findings.find((f) => f.code === 'dmarc-would-fail')?.text.en).toBe(
      'Mail from good.test fails DMARC (policy reject): the envelope domain bounce.esp.test is not aligned with good.test (relaxed); no DKIM signing domain (esp.test) is aligned with good.test',
    );
  });

  it('p=quarantine with strict alignment: a subdomain does not align, the exact domain with a key does', async () => {
    const sub = await checkDmarc(dns.client(), {
      headerFromDomain: 'notcovered.test',
      envelopeDomain: 'bounces.notcovered.test',
      spfPassed: true,
      dkim: [],
    });
    expect(sub).toMatchObject({
      status: 'fail',
      policy: 'quarantine',
      alignment: { spf: 'strict' },
      spfAligned: false,
    });
    const dkim = await checkDmarc(dns.client(), {
      headerFromDomain: 'notcovered.test',
      envelopeDomain: 'bounces.notcovered.test',
      spfPassed: true,
      dkim: [{ domain: 'notcovered.test', keyUsable: true }],
    });
    expect(dkim).toMatchObject({ status: 'pass', dkimAligned: true, wouldPass: true });
  });

  it('p=none: a failing message only warns, and a record without rua= warns', async () => {
    const result = await checkDmarc(dns.client(), {
      headerFromDomain: 'plusall.test',
      envelopeDomain: 'bounce.esp.test',
      spfPassed: true,
      dkim: [],
    });
    expect(result).toMatchObject({ status: 'warn', policy: 'none', wouldPass: false });
    expect(codes(result.findings)).toEqual(['dmarc-policy', 'dmarc-no-rua', 'dmarc-would-fail']);
  });

  it('warns when there is no DMARC record', async () => {
    const result = await checkDmarc(dns.client(), {
      headerFromDomain: 'nodmarc.test',
      envelopeDomain: null,
      spfPassed: null,
      dkim: [],
    });
    expect(result).toMatchObject({ status: 'warn', record: null, policy: null });
    expect(codes(result.findings)).toEqual(['dmarc-missing']);
  });
});

describe('PTR / FCrDNS', () => {
  it('passes a forward-confirmed PTR (IPv4 and IPv6)', async () => {
    expect(await checkPtr(dns.client(), '203.0.113.5')).toMatchObject({
      status: 'pass',
      confirmedName: 'mail.good.test',
    });
    expect(await checkPtr(dns.client(), '2001:db8::25')).toMatchObject({
      status: 'pass',
      confirmedName: 'mail6.good.test',
    });
  });

  it('fails a missing PTR', async () => {
    const result = await checkPtr(dns.client(), '203.0.113.7');
    expect(result).toMatchObject({ status: 'fail', names: [] });
    expect(result.findings[0]?.text).toEqual({ en: 'No PTR for 203.0.113.7', de: 'Kein PTR-Eintrag für 203.0.113.7' });
  });

  it('fails a PTR whose name points elsewhere or nowhere', async () => {
    expect(await checkPtr(dns.client(), '203.0.113.8')).toMatchObject({
      status: 'fail',
      names: ['host8.isp.test'],
      forward: [{ name: 'host8.isp.test', addresses: ['198.51.100.8'] }],
      confirmedName: null,
    });
    expect(await checkPtr(dns.client(), '203.0.113.9')).toMatchObject({
      status: 'fail',
      forward: [{ name: 'ghost.isp.test', addresses: [] }],
    });
  });
});

describe('MX', () => {
  it('passes a domain with resolvable MX hosts', async () => {
    expect(await checkMx(dns.client(), 'good.test')).toMatchObject({
      status: 'pass',
      hosts: [{ exchange: 'mx.good.test', priority: 10, addresses: ['203.0.113.10'] }],
    });
  });

  it('fails a null MX, an MX host without address and a domain without either', async () => {
    expect(await checkMx(dns.client(), 'nullmx.test')).toMatchObject({ status: 'fail', nullMx: true });
    expect(codes((await checkMx(dns.client(), 'nodmarc.test')).findings)).toEqual(['mx-host-unresolved']);
    expect(await checkMx(dns.client(), 'nowhere.test')).toMatchObject({ status: 'fail', implicit: true, hosts: [] });
  });

  it('warns about an implicit MX (address record only)', async () => {
    expect(await checkMx(dns.client(), 'nomx.test')).toMatchObject({
      status: 'warn',
      implicit: true,
      hosts: [{ exchange: 'nomx.test', addresses: ['203.0.113.20'] }],
    });
  });
});
