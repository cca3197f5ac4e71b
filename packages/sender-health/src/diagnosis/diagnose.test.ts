/**
 * Sender-side bounces (generated variants of real replies) through extraction, DNS checks against the real test DNS
 * server, and diagnosis: cause, grouping key, explanation in English and German, and self-closing by recheck.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DnsServer, startDnsServer } from '@bounce/test-servers';
import { describe, expect, it } from 'vitest';
import { makeBounce } from '../../test/bounces.js';
import { useTestDns, ZONES_DIR } from '../../test/dns-fixture.js';
import type { DnsblList } from '../checks/dnsbl.js';
import { createDnsClient } from '../dns/dns-client.js';
import { senderEvidenceFromBounce } from '../evidence/extract-evidence.js';
import type { SenderEvidence } from '../types.js';
import { diagnoseSenderRejection, recheckCause } from './diagnose-rejection.js';

const dns = useTestDns();
const LISTS: DnsblList[] = [
  { zone: 'zen.spamhaus.org', name: 'Spamhaus ZEN', delistUrl: 'https://check.spamhaus.org/results/?query={ip}' },
  { zone: 'bl.dnsbl.test', name: 'Test BL' },
];

function evidenceOf(raw: string): SenderEvidence {
  const [evidence, ...more] = senderEvidenceFromBounce(raw);
  if (!evidence || more.length > 0)
    throw new Error(`expected one sender-side recipient, got ${more.length + (evidence ? 1 : 0)}`);
  return evidence;
}

const diagnoseBounce = (raw: string) => diagnoseSenderRejection(dns.client(), evidenceOf(raw), { dnsbls: LISTS });

describe('a blocklisted sending IP', () => {
  const raw = makeBounce({
    reply:
      '550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test; see https://dnsbl.test/lookup?ip=203.0.113.6',
  });

  it('is diagnosed with the lists that list it, the reason, the provider and where to request delisting', async () => {
    const d = await diagnoseBounce(raw);
    expect(d).toMatchObject({
      cause: 'dnsbl',
      confirmed: true,
      groupKey: 'microsoft|dnsbl',
      subject: '203.0.113.6',
      resolved: false,
    });
    expect(d.headline).toEqual({
      en: 'Microsoft rejects mail from 203.0.113.6: the IP is on a blocklist',
      de: 'Microsoft lehnt Mail von 203.0.113.6 ab: die IP steht auf einer Sperrliste',
    });
    expect(d.explanation.en).toContain('The reply came from Microsoft (outlook-com.olc.protection.outlook.com)');
    expect(d.explanation.en).toContain('203.0.113.6 is listed on Test BL since 2026-11-30');
    expect(d.explanation.en).toContain(
      '203.0.113.6 is listed on Spamhaus ZEN (127.0.0.4: https://check.spamhaus.org/query/ip/203.0.113.6)',
    );
    expect(d.explanation.en).toContain('request delisting at https://dnsbl.test/lookup?ip=203.0.113.6');
    expect(d.explanation.de).toContain('Die Antwort kam von Microsoft');
    expect(d.explanation.de).toContain('203.0.113.6 steht auf Test BL seit 2026-11-30');
    const listed = d.checks
      .filter((c) => c.check === 'dnsbl' && c.listed)
      .map((c) => (c.check === 'dnsbl' ? c.list : ''));
    expect(listed.sort()).toEqual(['bl.dnsbl.test', 'zen.spamhaus.org']);
    // The reply's list is asked first and marked as named.
    expect(d.checks[0]).toMatchObject({ check: 'dnsbl', list: 'bl.dnsbl.test', namedInReply: true });
  });

  it('closes by itself once the lists no longer list the IP', async () => {
    const d = await diagnoseBounce(raw);
    let delisted: DnsServer | undefined;
    try {
      // The same world after delisting: both list zones without the entry for 203.0.113.6.
      const without = (zone: string) =>
        readFileSync(join(ZONES_DIR, `${zone}.zone`), 'utf8')
          .split('\n')
          .filter((line) => !line.startsWith('6.113.0.203'))
          .join('\n');
      delisted = await startDnsServer({
        zonesDir: ZONES_DIR,
        zones: [
          { name: 'bl.dnsbl.test', text: without('bl.dnsbl.test') },
          { name: 'zen.spamhaus.org', text: without('zen.spamhaus.org') },
        ],
      });
      const still = await recheckCause(dns.client(), d);
      expect(still.resolved).toBe(false);
      const after = await recheckCause(createDnsClient({ servers: [delisted.address] }), d);
      expect(after.resolved).toBe(true);
    } finally {
      await delisted?.stop();
    }
  });

  it('puts two bounces of the same cause at the same provider into one group', async () => {
    const other = await diagnoseBounce(
      makeBounce({
        recipient: 'jemand@hotmail.de',
        reply: '550 5.7.1 Client host [203.0.113.6] blocked using bl.dnsbl.test',
      }),
    );
    expect(other.groupKey).toBe((await diagnoseBounce(raw)).groupKey);
  });
});

describe('a reputation block that a listing explains', () => {
  it('names the listing as the cause', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        reply:
          "550 5.7.1 Unfortunately, messages from [203.0.113.6] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
      }),
    );
    expect(d).toMatchObject({ cause: 'dnsbl', confirmed: true, groupKey: 'microsoft|dnsbl' });
    expect(d.evidence.hintedCauses).toContain('reputation');
  });
});

describe('SPF that does not cover the sending IP', () => {
  it('says which record lacks which IP and what to add', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        recipient: 'someone@gmail.com',
        remoteMta: 'gmail-smtp-in.l.google.com',
        returnPath: 'bounces@notcovered.test',
        from: 'shop@notcovered.test',
        reply:
          '550-5.7.26 The MAIL FROM domain [notcovered.test] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [203.0.113.5]. gsmtp',
      }),
    );
    expect(d).toMatchObject({
      cause: 'spf',
      confirmed: true,
      groupKey: 'google|spf',
      subject: 'notcovered.test',
      resolved: false,
    });
    expect(d.explanation.en).toContain(
      'SPF of notcovered.test does not include 203.0.113.5 (result fail) (record: v=spf1 ip4:198.51.100.0/24 -all)',
    );
    expect(d.actions[0]?.en).toContain('Add ip4:203.0.113.5 to the SPF record of notcovered.test');
    expect(d.explanation.de).toContain('SPF von notcovered.test enthält 203.0.113.5 nicht');
  });
});

describe('reverse DNS', () => {
  it('diagnoses a missing PTR', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        recipient: 'kunde@t-online.de',
        remoteMta: 'mx00.t-online.de',
        reply:
          '550 5.7.1 <unknown[203.0.113.7]>: Client host rejected: cannot find your reverse hostname, [203.0.113.7]',
      }),
    );
    expect(d).toMatchObject({ cause: 'ptr', confirmed: true, groupKey: 'telekom|ptr', subject: '203.0.113.7' });
    expect(d.explanation.en).toContain('No PTR for 203.0.113.7');
    expect(d.explanation.de).toContain('Kein PTR-Eintrag für 203.0.113.7');
  });

  it("diagnoses a PTR that is not forward-confirmed, with the IP taken from the provider's link", async () => {
    const d = await diagnoseBounce(
      makeBounce({
        recipient: 'kunde@gmx.de',
        remoteMta: 'mx01.emig.gmx.net',
        reply:
          '554-Bad DNS PTR resource record. 554 For explanation visit http://postmaster.gmx.test/en/error-messages?ip=203.0.113.8&c=rdns',
      }),
    );
    expect(d).toMatchObject({ cause: 'ptr', confirmed: true, groupKey: 'united-internet|ptr' });
    expect(d.explanation.en).toContain(
      'The PTR of 203.0.113.8 does not resolve back to it (host8.isp.test → 198.51.100.8)',
    );
  });
});

describe('DMARC', () => {
  it('explains a DMARC rejection of mail sent through a service provider without alignment', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        returnPath: 'b-123@bounce.esp.test',
        from: 'news@good.test',
        received: [
          'from mta7.esp.test (mta7.esp.test [198.51.100.7]) by BN8NAM12FT033.mail.protection.outlook.com with ESMTPS',
        ],
        dkimSignatures: ['v=1; a=rsa-sha256; d=esp.test; s=esp1; h=from; bh=x; b=y'],
        reply:
          '550 5.7.509 Access denied, sending domain [GOOD.TEST] does not pass DMARC verification and has a DMARC policy of reject.',
      }),
    );
    expect(d.evidence.sendingIp).toEqual({ address: '198.51.100.7', source: 'received' });
    expect(d).toMatchObject({
      cause: 'dmarc',
      confirmed: true,
      groupKey: 'microsoft|dmarc',
      subject: 'good.test',
      resolved: false,
    });
    expect(d.explanation.en).toContain('Mail from good.test fails DMARC (policy reject)');
    expect(d.explanation.en).toContain('the envelope domain bounce.esp.test is not aligned with good.test');
    expect(d.explanation.en).toContain('No DKIM key at esp1._domainkey.esp.test');
    expect(d.actions.map((a) => a.en).join(' ')).toContain('Sign with DKIM as d=good.test');
  });
});

describe('DKIM', () => {
  it('finds that the published key does not fit the signature algorithm', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        recipient: 'someone@gmail.com',
        remoteMta: 'gmail-smtp-in.l.google.com',
        dkimSignatures: ['v=1; a=ed25519-sha256; d=good.test; s=s2048; h=from; bh=x; b=y'],
        reply: '550 5.7.26 This message fails DKIM verification. gsmtp',
      }),
    );
    expect(d).toMatchObject({ cause: 'dkim', confirmed: true, groupKey: 'google|dkim' });
    expect(d.explanation.en).toContain(
      'The signature uses ed25519-sha256 but the key at s2048._domainkey.good.test is rsa',
    );
  });
});

describe('rejections that DNS cannot explain', () => {
  it("checks the sending host's addresses when the bounce names no IP, and reports what it finds alongside", async () => {
    const d = await diagnoseBounce(
      makeBounce({
        reportingMta: 'relay.good.test',
        reply: '550 5.7.1 Message rejected as spam by Content Filtering.',
      }),
    );
    expect(d.cause).toBe('content');
    expect(d.confirmed).toBe(false);
    expect(d.resolved).toBeNull();
    expect(d.checkedIps.sort()).toEqual(['203.0.113.5', '203.0.113.6']);
    expect(d.explanation.en).toContain('Sending IP taken from the sending host relay.good.test');
    expect(d.explanation.en).toContain('203.0.113.6 is listed on Test BL');
  });

  it('says when the checks found nothing wrong and what to do instead', async () => {
    const d = await diagnoseBounce(
      makeBounce({
        reply: '451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation.',
      }),
    );
    expect(d).toMatchObject({
      cause: 'reputation',
      confirmed: false,
      groupKey: 'microsoft|reputation',
      resolved: null,
    });
    expect(d.explanation.en).toContain('Checked and fine: dnsbl, ptr, spf, dmarc.');
    expect(d.explanation.en).toContain('https://sender.office.com/');
    expect(d.actions).toHaveLength(1);
  });

  it('reports when the reply names a list that does not list the IP (any more)', async () => {
    const d = await diagnoseBounce(
      makeBounce({ reply: '554 5.7.1 Client host [203.0.113.5] blocked using bl.dnsbl.test' }),
    );
    expect(d).toMatchObject({ cause: 'dnsbl', confirmed: false, resolved: true });
    expect(d.explanation.en).toContain('The reply names Test BL, but 203.0.113.5 is not listed there now');
  });
});
