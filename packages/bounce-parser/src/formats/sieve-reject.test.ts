import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const mdn = (headers: string, text: string) => `${headers}
Content-Type: multipart/report; report-type=disposition-notification; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

${text}

--b
Content-Type: message/disposition-notification

Reporting-UA: imap.example.org; Dovecot Mail Delivery Agent
Final-Recipient: rfc822; member@example.org
Original-Message-ID: <o.1@sender.example.com>
Disposition: automatic-action/MDN-sent-automatically; deleted

--b--
`;

const REJECT_HEADERS = `Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@imap.example.org>
To: <news@sender.example.com>
Subject: Rejected: Offer
Auto-Submitted: auto-replied (rejected)`;

describe('Sieve reject / Dovecot rejection MDN (RFC 5429)', () => {
  it('is a failure of the Final-Recipient, with the reason from the rejection text', () => {
    const r = parseBounce(
      mdn(
        REJECT_HEADERS,
        'Your message to <member@example.org> was automatically rejected:\nQuota exceeded (mailbox for user is full)',
      ),
    );
    expect(r.kind).toBe('bounce');
    expect(r.recipients[0]).toMatchObject({
      recipient: 'member@example.org',
      action: 'failed',
      reason: 'mailboxfull',
      detectedBy: 'sieve',
    });
  });

  it('calls a user rule refusing the message filtered', () => {
    const r = parseBounce(
      mdn(REJECT_HEADERS, 'Your message to <member@example.org> was automatically rejected:\nI do not accept offers.'),
    );
    expect(r.recipients[0]).toMatchObject({ reason: 'filtered', class: 'soft' });
  });

  it('leaves a receipt with the same disposition alone ("deleted without being read")', () => {
    const r = parseBounce(
      mdn(
        'Return-Path: <member@example.org>\nFrom: Member <member@example.org>\nTo: news@sender.example.com\nSubject: Not read: Offer',
        'Your message was deleted without being read.',
      ),
    );
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });
});
