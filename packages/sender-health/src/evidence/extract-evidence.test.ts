import { parseBounce } from '@bounce/parser';
import { describe, expect, it } from 'vitest';
import { makeBounce } from '../../test/bounces.js';
import { isSenderSideVerdict, SENDER_EVIDENCE_HEADERS } from './evidence-source.js';
import { extractEvidence, senderEvidenceFromBounce } from './extract-evidence.js';
import { identifyProvider } from './provider.js';

describe('senderEvidenceFromBounce', () => {
  it('collects IP, host, domains, DKIM signatures, provider, lists and links of a blocklist rejection', () => {
    const [evidence, ...more] = senderEvidenceFromBounce(
      makeBounce({
        reply:
          '550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test; https://dnsbl.test/lookup?ip=203.0.113.6',
        dkimSignatures: ['v=1; a=rsa-sha256; c=relaxed/relaxed; d=good.test; s=s2048; h=from:to; bh=x; b=y'],
      }),
    );
    expect(more).toEqual([]);
    expect(evidence).toMatchObject({
      recipient: 'someone@outlook.com',
      reason: 'blocked',
      sendingIp: { address: '203.0.113.6', source: 'reply' },
      sendingHost: { name: 'out1.good.test', source: 'reporting-mta' },
      envelopeDomain: { domain: 'bounces.good.test', source: 'return-path' },
      headerFromDomain: 'good.test',
      dkimSignatures: [{ domain: 'good.test', selector: 's2048', algorithm: 'rsa-sha256' }],
      provider: { id: 'microsoft', name: 'Microsoft' },
      namedLists: ['bl.dnsbl.test'],
      replyUrls: ['https://dnsbl.test/lookup?ip=203.0.113.6'],
      hintedCauses: ['dnsbl'],
      occurredAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('takes the sending IP from a Received header the receiving side added when the reply names none', () => {
    const [evidence] = senderEvidenceFromBounce(
      makeBounce({
        reply: "550 5.7.26 Unauthenticated email from good.test is not accepted due to domain's DMARC policy",
        recipient: 'someone@gmail.com',
        remoteMta: 'gmail-smtp-in.l.google.com',
        received: [
          'from out1.good.test (out1.good.test [203.0.113.5]) by mx.google.com with ESMTPS id x; Mon, 30 Nov 2026',
          'from app (app [10.0.0.5]) by out1.good.test (Postfix) with ESMTP id 4Xyz',
        ],
      }),
    );
    expect(evidence?.sendingIp).toEqual({ address: '203.0.113.5', source: 'received' });
    expect(evidence?.provider.id).toBe('google');
    expect(evidence?.hintedCauses[0]).toBe('dmarc');
  });

  it('never takes our internal hop for the sending IP', () => {
    const [evidence] = senderEvidenceFromBounce(makeBounce({ reply: '550 5.7.1 Message rejected' }));
    expect(evidence?.sendingIp).toBeNull();
    expect(evidence?.sendingHost).toEqual({ name: 'out1.good.test', source: 'reporting-mta' });
  });

  it('returns nothing for a bounce about the recipient (unknown user)', () => {
    expect(
      senderEvidenceFromBounce(
        makeBounce({ reply: '550 5.1.1 <x@outlook.com>: Recipient address rejected: User unknown' }),
      ),
    ).toEqual([]);
  });

  it("uses the rules' notion of sender-side: configured reasons and 5.7.x policy statuses", () => {
    const result = parseBounce(makeBounce({ reply: '550 5.7.1 Reverse DNS failed' }), {
      originalHeaders: SENDER_EVIDENCE_HEADERS,
    });
    const recipient = result.recipients[0]!;
    expect(isSenderSideVerdict(recipient, result.kind)).toBe(true);
    expect(isSenderSideVerdict(recipient, 'delayed')).toBe(false);
    expect(extractEvidence(result, recipient).hintedCauses).toEqual(['ptr']);
  });
});

describe('identifyProvider', () => {
  it('knows large providers by MX, by reply markers and by recipient domain', () => {
    expect(
      identifyProvider({ remoteMta: 'mx1.mail.protection.outlook.com', replyText: null, recipientDomain: 'firma.de' })
        .id,
    ).toBe('microsoft');
    expect(
      identifyProvider({ remoteMta: null, replyText: '550-5.7.1 ... gsmtp', recipientDomain: 'firma.de' }).id,
    ).toBe('google');
    expect(identifyProvider({ remoteMta: null, replyText: null, recipientDomain: 'web.de' })).toEqual({
      id: 'united-internet',
      name: 'GMX / WEB.DE (United Internet)',
      source: 'recipient-domain',
    });
  });

  it('names any other receiver by its registrable domain', () => {
    expect(
      identifyProvider({ remoteMta: 'mx2.mail.firma.co.uk', replyText: null, recipientDomain: 'firma.co.uk' }),
    ).toEqual({
      id: 'domain:firma.co.uk',
      name: 'firma.co.uk',
      source: 'remote-mta',
    });
  });
});
