import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const DSN = `From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
To: sender@example.org
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

<user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.2.1 <user@example.com>... User Unknown (in reply to RCPT TO command)

<spam@example.net>: host mx.example.net[192.0.2.2] said: 554 5.7.1 Message content rejected, UBE (in reply to end of DATA command)

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
X-Postfix-Sender: rfc822; bounces+42@example.org

Final-Recipient: rfc822; user@example.com
Original-Recipient: rfc822; alias@example.com
Action: failed
Status: 5.2.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.2.1 <user@example.com>... User Unknown
Last-Attempt-Date: Thu, 29 Apr 2010 23:34:45 +0900

Final-Recipient: rfc822; spam@example.net
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp; 554 5.7.1 Message content rejected, UBE

--b
Content-Type: text/rfc822-headers

Message-ID: <orig@example.org>
From: Sender <sender@example.org>
To: user@example.com, spam@example.net
Subject: =?utf-8?Q?caf=C3=A9?=

--b--
`;

describe('rfc3464 delivery status notifications', () => {
  it('reads every recipient with the SMTP stage from the prose part', () => {
    const r = parseBounce(DSN);
    expect(r.kind).toBe('bounce');
    expect(
      r.recipients.map((x) => [x.recipient, x.originalRecipient, x.reason, x.class, x.status, x.replyCode]),
    ).toEqual([
      ['user@example.com', 'alias@example.com', 'userunknown', 'hard', '5.2.1', 550],
      ['spam@example.net', null, 'spamdetected', 'soft', '5.7.1', 554],
    ]);
    expect(r.recipients[0]).toMatchObject({
      remoteMta: 'mx.example.com',
      reportingMta: 'mx.example.org',
      lastAttemptAt: '2010-04-29T14:34:45.000Z',
      detectedBy: 'rfc3464',
    });
    expect(r.original).toEqual({
      messageId: '<orig@example.org>',
      returnPath: 'bounces+42@example.org',
      from: 'sender@example.org',
      to: ['user@example.com', 'spam@example.net'],
      subject: 'café',
      correlationHeaders: {},
    });
  });

  it('reports delivered and relayed DSNs as delivery reports', () => {
    const r = parseBounce(
      DSN.replace(/Action: failed\nStatus: 5.2.1/, 'Action: delivered\nStatus: 2.0.0')
        .replace(/Action: failed\nStatus: 5.7.1/, 'Action: relayed\nStatus: 2.0.0')
        .replace(/Diagnostic-Code.*\n/g, ''),
    );
    expect(r.kind).toBe('delivery-report');
    expect(r.recipients.every((x) => x.class === 'delivered')).toBe(true);
  });

  it('reads DSN fields pasted into a text part (Amazon WorkMail)', () => {
    const r = parseBounce(`From: MAILER-DAEMON@us-west-2.amazonses.com
Subject: Delivery Status Notification (Failure)

An error occurred while trying to deliver the mail to the following recipients:
user@example.jp

Technical report:

Reporting-MTA: dsn; a27-85.smtp-out.us-west-2.amazonses.com
Action: failed
Final-Recipient: rfc822; user@example.jp
Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>
Status: 4.4.7
`);
    expect(r.recipients[0]).toMatchObject({ reason: 'expired', status: '4.4.2', replyCode: 421 });
  });
});

describe('a Courier report with a transcript under each recipient', () => {
  const courier = (stage: string) => `From: Courier mail server at mx.example.net <@>
To: sender@example.net
Subject: NOTICE: mail delivery status.
Content-Type: multipart/report; report-type=delivery-status; boundary="=_c"

--=_c
Content-Type: text/plain; charset=us-ascii

Your message to the following recipients cannot be delivered:

<lena@example.ru>:
     mx.example.ru [192.0.2.44]:
${stage}

--=_c
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; lena@example.ru
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 550 No such user here

--=_c--
`;

  it('takes the stage of that recipient from its own transcript', () => {
    const afterData = parseBounce(courier(' >>> DATA\n <<< 550 No such user here'));
    expect(afterData.recipients.map((r) => [r.reason, r.class])).toEqual([['filtered', 'soft']]);
    const atRcpt = parseBounce(courier(' >>> RCPT TO:<lena@example.ru>\n <<< 550 No such user here'));
    expect(atRcpt.recipients.map((r) => [r.reason, r.class])).toEqual([['userunknown', 'hard']]);
  });
});

describe("PowerMTA's bounce category", () => {
  const pmta = (category: string, diagnostic: string) =>
    parseBounce(`From: postmaster@pmta.example.net
To: lists@example.net
Subject: Delivery report
Content-Type: multipart/report; report-type=delivery-status; boundary="p"

--p
Content-Type: text/plain

Hello, this is the mail server on pmta.example.net.

--p
Content-Type: message/delivery-status

Reporting-MTA: dns;pmta.example.net

Final-Recipient: rfc822;olga@example.org
Action: failed
Status: 5.0.0 (undefined status)
Diagnostic-Code: smtp;${diagnostic}
X-PowerMTA-BounceCategory: ${category}

--p--
`).recipients.map((r) => r.reason);

  it('decides content, quota and policy failures, and what an undecided address failure is', () => {
    expect(pmta('quota-issues', '552 sorry, try later')).toEqual(['mailboxfull']);
    expect(pmta('inactive-mailbox', '550 not available')).toEqual(['suspend']);
    expect(pmta('bad-mailbox', '550 not available')).toEqual(['userunknown']);
    // the reply's own words decide over an address category
    expect(pmta('bad-mailbox', '552 5.2.2 Mailbox full')).toEqual(['mailboxfull']);
  });
});

describe('Sendmail reports of a multi-line reply', () => {
  const report = (transcript: string) => `From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: sender@example.org
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="s"

--s

   ----- The following addresses had permanent fatal errors -----
<ines@example.net>
    (reason: 550-Delivery refused)

   ----- Transcript of session follows -----
... while talking to mx1.example.net.:
>>> DATA
${transcript}
554 5.0.0 Service unavailable

--s
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.org

Final-Recipient: RFC822; ines@example.net
Action: failed
Status: 5.0.0
Remote-MTA: DNS; mx1.example.net
Diagnostic-Code: SMTP; 550-Delivery refused

--s--
`;

  it('reads the lines after the first from the transcript (Sendmail keeps only the first in Diagnostic-Code)', () => {
    const r = parseBounce(
      report(
        '<<< 550-Delivery refused\n<<< 550-Your message was classified as spam\n<<< 550 See https://help.example.net',
      ),
    ).recipients[0];
    expect(r?.reason).toBe('spamdetected');
    expect(r?.diagnosticCode).toContain('classified as spam');
  });

  it('keeps the field when the transcript does not show the reply', () => {
    const r = parseBounce(report('<<< 421 closing connection')).recipients[0];
    expect(r?.diagnosticCode).toBe('550-Delivery refused');
  });
});

describe('a report of several recipients whose replies are in another script', () => {
  // Written for this test: a Sendmail-like report whose "(reason: ...)" lines stand together in one paragraph.
  const report = (first: string, second: string) => `From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: sender@example.org
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="s"

--s

   ----- The following addresses had permanent fatal errors -----
anna@example.net
    (reason: ${first})
boris@example.net
    (reason: ${second})

--s
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.org

Final-Recipient: RFC822; anna@example.net
Action: failed
Status: ${first.split(' ')[1]}
Diagnostic-Code: SMTP; ${first}

Final-Recipient: RFC822; boris@example.net
Action: failed
Status: ${second.split(' ')[1]}
Diagnostic-Code: SMTP; ${second}

--s--
`;

  it("reads each recipient's own Diagnostic-Code, not the paragraph that holds both replies", () => {
    const cases: [string, string, string, string][] = [
      ['550 5.1.1 Такого адресата нет', '552 5.2.2 Почтовый ящик переполнен', 'userunknown', 'mailboxfull'],
      [
        '550 5.1.1 Ο λογαριασμός δεν βρέθηκε',
        '552 5.2.2 Το γραμματοκιβώτιο είναι πλήρες',
        'userunknown',
        'mailboxfull',
      ],
      ['552 5.2.2 사서함이 가득 찼습니다', '550 5.1.1 없는 사용자입니다', 'mailboxfull', 'userunknown'],
    ];
    for (const [first, second, reasonA, reasonB] of cases) {
      const r = parseBounce(report(first, second)).recipients;
      expect(
        r.map((x) => x.reason),
        first,
      ).toEqual([reasonA, reasonB]);
      expect(r[0]?.diagnosticCode).toBe(first);
    }
  });
});

describe("Courier's attempts that ended without a reply", () => {
  const courier = (diagnostic: string) =>
    parseBounce(`From: Courier mail server at relay.example.net <@>
To: shop@example.org
Subject: NOTICE: mail delivery status.
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="c0"

--c0
Content-Type: text/plain

Your message to the following recipients cannot be delivered:

--c0
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Final-Recipient: rfc822; ida@far.example.com
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.far.example.com
Diagnostic-Code: smtp; ${diagnostic}

--c0--
`).recipients.map((r) => [r.recipient, r.reason, r.status]);

  it('reads a report whose every attempt failed without a reply as an expiry', () => {
    expect(courier('<command failed>\n        <command failed>\n        <command failed>')).toEqual([
      ['ida@far.example.com', 'expired', '5.0.0'],
    ]);
  });

  it('reads the reply when one follows the notes', () => {
    expect(courier('<command failed>\n        550 5.1.1 No such user')).toEqual([
      ['ida@far.example.com', 'userunknown', '5.1.1'],
    ]);
  });
});
