import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('opensmtpd', () => {
  it('reads one line per recipient and prefers it to the generic DSN status', () => {
    const r = parseBounce(`From: Mailer Daemon <MAILER-DAEMON@df.example.jp>
Subject: Delivery status notification: delayed
Content-Type: multipart/mixed;boundary="b"

--b
Content-Type: text/plain

    Hi!

    This is the MAILER-DAEMON, please DO NOT REPLY to this email.

    A message is delayed for more than 4 hours for the following
    list of recipients:

user@nomx.example: No MX found for domain

    Please note that this is only a temporary failure report.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; df.example.jp

Final-Recipient: rfc822; user@nomx.example
Action: delayed
Status: 4.0.0
--b--
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ reason: 'notaccept', status: '5.0.932', detectedBy: 'opensmtpd' });
  });
});
