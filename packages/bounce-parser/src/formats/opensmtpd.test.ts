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

describe('opensmtpd: the SMTP stage proven by the notice', () => {
  const notice = (lines: string) => `From: Mailer Daemon <MAILER-DAEMON@relay.example.net>
Subject: Delivery status notification: failed
Content-Type: multipart/mixed;boundary="b"

--b
Content-Type: text/plain

    Hi!

    This is the MAILER-DAEMON, please DO NOT REPLY to this email.

    An error has occurred while attempting to deliver a message for
    the following list of recipients:

${lines}

    Below is a copy of the original message:
--b--
`;

  it('reads different replies for recipients of one domain as answers to RCPT TO (a DATA reply is one for all)', () => {
    const r = parseBounce(
      notice(`ann@dept.example.org: 550 Unknown user
bob@dept.example.org: 552 Mailbox quota exceeded for this recipient`),
    );
    expect(r.recipients.map((x) => [x.reason, x.class])).toEqual([
      ['userunknown', 'hard'],
      ['mailboxfull', 'soft'],
    ]);
  });

  it('proves nothing when the recipients share one reply or are in different domains', () => {
    const shared = parseBounce(
      notice(`ann@dept.example.org: 550 Unknown user
bob@dept.example.org: 550 Unknown user`),
    );
    expect(shared.recipients.map((x) => x.reason)).toEqual(['filtered', 'filtered']);
    const split = parseBounce(
      notice(`ann@dept.example.org: 550 Unknown user
bob@other.example.com: 552 Mailbox quota exceeded for this recipient`),
    );
    expect(split.recipients[0]?.reason).toBe('filtered');
  });
});
