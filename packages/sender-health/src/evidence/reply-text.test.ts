import { describe, expect, it } from 'vitest';
import { hintedCauses, namedLists, replyIps, replyUrls } from './reply-text.js';

describe('replyIps', () => {
  it('takes the client IP of the reply, not the remote server named before the reply code', () => {
    const text = 'host mx.example.net [192.0.2.20]: 554 5.7.1 Service unavailable; Client host [203.0.113.6] blocked';
    expect(replyIps(text)).toEqual([{ address: '203.0.113.6', strong: true }]);
  });

  it('reads the wordings of real servers', () => {
    const cases: [string, string][] = [
      [
        '550 5.7.1 <mail.example.org[203.0.113.9]>: Client host rejected: blocked using zen.spamhaus.org',
        '203.0.113.9',
      ],
      ['550 5.1.0 198.51.100.7 is not allowed to send from <example.net> per its SPF Record', '198.51.100.7'],
      [
        '421 4.7.0 [TSS04] Messages from 198.51.100.8 temporarily deferred - 4.16.55.1; see https://x.test/',
        '198.51.100.8',
      ],
      [
        '451 4.7.650 The mail server [198.51.100.25] has been temporarily rate limited due to IP reputation.',
        '198.51.100.25',
      ],
      ['553 http://www.spamhaus.org/query/bl?ip=198.51.100.222', '198.51.100.222'],
      ['550-5.7.1 [2001:db8::66      18] Our system has detected an unusual rate', '2001:db8::66'],
      ['554 5.7.1 Reverse DNS lookup for host 203.0.113.22 failed permanently.', '203.0.113.22'],
    ];
    for (const [text, ip] of cases) expect(replyIps(text)[0]?.address, text).toBe(ip);
  });

  it('leaves out private and loopback addresses and the remote MTA itself', () => {
    expect(replyIps('550 rejected: 10.0.0.5 and 127.0.0.1')).toEqual([]);
    expect(replyIps('550 rejected by 198.51.100.1', ['198.51.100.1'])).toEqual([]);
  });

  it('is not fooled by version numbers, timestamps or hex strings', () => {
    expect(replyIps('550 5.7.1 rejected at 2024-04-29T23:34:45.000Z id 1.2.3 ab:cd')).toEqual([]);
  });
});

describe('namedLists', () => {
  it('finds the zone after "using", "listed in", "RBL:", and the list behind a known lookup page', () => {
    expect(
      namedLists('554 5.7.1 Client host [203.0.113.6] blocked using zen.spamhaus.org; see https://x.test/'),
    ).toEqual(['zen.spamhaus.org']);
    expect(namedLists('550 IP listed in bl.spamcop.net. and listed on b.barracudacentral.org')).toEqual([
      'bl.spamcop.net',
      'b.barracudacentral.org',
    ]);
    expect(namedLists('553 http://www.spamhaus.org/query/bl?ip=192.0.2.222')).toEqual(['zen.spamhaus.org']);
    expect(namedLists('550 5.7.1 RBL: dnsbl.example.test')).toEqual(['dnsbl.example.test']);
  });

  it('ignores words that are no zone', () => {
    expect(namedLists('550 blocked using our local policy')).toEqual([]);
    expect(namedLists('550 listed in ldap:ou=x,dc=example')).toEqual([]);
  });
});

describe('replyUrls', () => {
  it('keeps links without trailing punctuation', () => {
    expect(replyUrls('see https://postmaster.example.test/errors?c=rdns. Or http://x.test/a).')).toEqual([
      'https://postmaster.example.test/errors?c=rdns',
      'http://x.test/a',
    ]);
  });
});

describe('hintedCauses', () => {
  it('maps the wording of real replies to causes, strongest first', () => {
    expect(hintedCauses('550 5.7.509 Access denied, sending domain [X.TEST] does not pass DMARC verification')[0]).toBe(
      'dmarc',
    );
    expect(hintedCauses('550-5.7.26 The MAIL FROM domain has an SPF record with a hard fail policy')[0]).toBe('spf');
    expect(hintedCauses('554 5.7.1 Client host [203.0.113.6] blocked using zen.spamhaus.org')).toEqual(['dnsbl']);
    expect(hintedCauses('554 5.7.1 Reverse DNS failed.')).toEqual(['ptr']);
    expect(hintedCauses('451 4.7.650 rate limited due to IP reputation')).toEqual(['reputation', 'rate']);
    expect(hintedCauses('550 5.7.1 RESOLVER.RST.AuthRequired; authentication required')[0]).toBe('policy');
    expect(hintedCauses('550 5.7.26 This mail has been blocked because the sender is unauthenticated')).toContain(
      'authentication',
    );
    expect(hintedCauses('554 5.7.0 Reject, id=1 - SPAM')).toEqual(['content']);
  });

  it('matches whole words only', () => {
    expect(hintedCauses('550 verbally rejected')).toEqual([]);
  });

  it('reads only the head of a huge hostile reply (what follows MAX_REPLY_CHARS is never scanned)', () => {
    const hostile = `550 ${'using '.repeat(50_000)}${'1.'.repeat(50_000)} blocked using far.away.test [198.51.100.9]`;
    expect(namedLists(hostile)).toEqual([]);
    expect(replyIps(hostile)).toEqual([]);
    expect(hintedCauses(hostile)).toEqual([]);
    expect(replyUrls(`${'http://'.repeat(100_000)}`)).toEqual([]);
  });
});
