import { parseBounce } from '@bounce/parser';
import { describe, expect, it } from 'vitest';
import { makeBounce } from '../../test/bounces.js';
import { diagnosisFingerprint } from '../diagnosis/fingerprint.js';
import { SENDER_EVIDENCE_HEADERS, senderEvidenceSourceOf } from './evidence-source.js';
import { evidenceFromStoredBounce, type StoredBounce } from './stored-bounce.js';

const REPLY = '550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test';

function row(over: Partial<StoredBounce> = {}): StoredBounce {
  return {
    recipient: 'Someone@outlook.com',
    action: 'failed',
    status: '5.7.1',
    replyCode: 550,
    reason: 'blocked',
    class: 'soft',
    diagnosticCode: REPLY,
    remoteMta: 'outlook-com.olc.protection.outlook.com',
    occurredAt: new Date('2026-11-30T10:00:00Z'),
    raw: null,
    ...over,
  };
}

describe('evidenceFromStoredBounce', () => {
  it('reads the raw bounce again for the original headers, keeping the verdict of the row', () => {
    const raw = Buffer.from(
      makeBounce({
        reply: REPLY,
        dkimSignatures: ['v=1; a=rsa-sha256; c=relaxed/relaxed; d=good.test; s=s2048; h=from:to; bh=x; b=y'],
      }),
    );
    const evidence = evidenceFromStoredBounce(row({ raw, reason: 'badreputation' }));
    expect(evidence).toMatchObject({
      recipient: 'someone@outlook.com',
      reason: 'badreputation',
      sendingIp: { address: '203.0.113.6', source: 'reply' },
      envelopeDomain: { domain: 'bounces.good.test' },
      headerFromDomain: 'good.test',
      dkimSignatures: [{ domain: 'good.test', selector: 's2048' }],
      provider: { id: 'microsoft' },
      namedLists: ['bl.dnsbl.test'],
    });
  });

  it('reads the evidence source the parse worker stored as it would the raw bounce, without the raw bounce', () => {
    const raw = Buffer.from(
      makeBounce({
        reply: REPLY,
        dkimSignatures: [
          'v=1; a=rsa-sha256; c=relaxed/relaxed; d=good.test; s=s2048; h=from:to; bh=x; b=y',
          'v=1; a=rsa-sha256; d=esp.test; s=k1; h=from; bh=x; b=y',
        ],
      }),
    );
    const source = senderEvidenceSourceOf(parseBounce(raw, { originalHeaders: SENDER_EVIDENCE_HEADERS }));
    expect(source?.original.headers?.['dkim-signature']).toHaveLength(2);
    // As PostgreSQL hands the jsonb column back.
    const stored = JSON.parse(JSON.stringify(source)) as unknown;
    const fromSource = evidenceFromStoredBounce(row({ senderEvidence: stored, reason: 'badreputation' }));
    expect(fromSource).toEqual(evidenceFromStoredBounce(row({ raw, reason: 'badreputation' })));
    expect(fromSource).toMatchObject({
      reason: 'badreputation',
      envelopeDomain: { domain: 'bounces.good.test' },
      dkimSignatures: [{ domain: 'good.test' }, { domain: 'esp.test' }],
    });
    // Something else in the column (not a source) is ignored: the raw bounce is parsed as before.
    expect(
      evidenceFromStoredBounce(row({ raw, senderEvidence: { recipients: 'x' }, reason: 'badreputation' })),
    ).toEqual(fromSource);
  });

  it('stores no evidence source for a bounce without a sender-side verdict', () => {
    const mailboxFull = parseBounce(Buffer.from(makeBounce({ reply: '552 5.2.2 Mailbox full' })), {
      originalHeaders: SENDER_EVIDENCE_HEADERS,
    });
    expect(mailboxFull.recipients.length).toBeGreaterThan(0);
    expect(senderEvidenceSourceOf(mailboxFull)).toBeNull();
  });

  it('works from the row alone when the raw bounce is gone', () => {
    const evidence = evidenceFromStoredBounce(row());
    expect(evidence).toMatchObject({
      recipient: 'someone@outlook.com',
      sendingIp: { address: '203.0.113.6', source: 'reply' },
      headerFromDomain: null,
      dkimSignatures: [],
      provider: { id: 'microsoft' },
      namedLists: ['bl.dnsbl.test'],
      occurredAt: '2026-11-30T10:00:00.000Z',
    });
    expect(evidenceFromStoredBounce(row({ recipient: null }))).toBeNull();
  });

  it('fingerprints a diagnosis by cause, subject, confirmation and failing findings', () => {
    const failing = {
      check: 'ptr',
      status: 'fail',
      findings: [{ code: 'ptr-missing', severity: 'fail', text: { en: '', de: '' } }],
    } as never;
    const base = { cause: 'ptr' as const, subject: '203.0.113.7', confirmed: true, checks: [failing] };
    expect(diagnosisFingerprint(base)).toBe('ptr|203.0.113.7|confirmed|ptr-missing');
    expect(diagnosisFingerprint({ ...base, checks: [] })).not.toBe(diagnosisFingerprint(base));
  });
});
