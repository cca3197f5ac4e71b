import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const HEAD = `Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: owner@example.org
Subject: Returned mail: see transcript for details
`;

describe('sendmail plain-text report with several recipients', () => {
  it('pairs each address with its own (reason: ...) line', () => {
    const r = parseBounce(`${HEAD}
   ----- The following addresses had permanent fatal errors -----
<a@example.jp>
    (reason: 550 5.1.1 <a@example.jp>... User Unknown)
<b@example.es>
    (reason: 552 5.2.2 Mailbox full)

   ----- Transcript of session follows -----
`);
    expect(r.recipients.map((x) => [x.recipient, x.status, x.reason, x.class, x.detectedBy])).toEqual([
      ['a@example.jp', '5.1.1', 'userunknown', 'hard', 'sendmail'],
      ['b@example.es', '5.2.2', 'mailboxfull', 'soft', 'sendmail'],
    ]);
  });

  it('pairs transcript errors by the RCPT line before them; a DATA error goes to the conversation left over', () => {
    const r = parseBounce(`${HEAD}
   ----- The following addresses had permanent fatal errors -----
<a@example.jp>
<b@example.es>

   ----- Transcript of session follows -----
... while talking to mx.example.jp.:
>>> RCPT To:<a@example.jp>
<<< 550 5.1.1 <a@example.jp>... User Unknown
... while talking to mx.example.es.:
>>> DATA
<<< 554 5.7.1 Message rejected as spam
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.replyCode])).toEqual([
      ['a@example.jp', 'userunknown', 550],
      ['b@example.es', 'spamdetected', 554],
    ]);
  });

  it('pairs the replies of a pipelined session with its commands in order, not with the last command written', () => {
    const r = parseBounce(`${HEAD}
   ----- The following addresses had permanent fatal errors -----
<ann@example.edu>
<bob@example.edu>
<cat@example.edu>

   ----- Transcript of session follows -----
... while talking to mx.example.edu.:
>>> MAIL From:<owner@example.org> SIZE=1200
>>> RCPT To:<ann@example.edu>
>>> RCPT To:<bob@example.edu>
>>> RCPT To:<cat@example.edu>
>>> DATA
<<< 250 2.1.0 Sender ok
<<< 550 5.2.1 Account disabled
<<< 550-5.1.1 The account you tried to reach does not exist.
<<< 550 5.1.1 Please check the address.
<<< 552 5.2.2 Over quota
<<< 554 5.5.1 No valid recipients
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
      ['ann@example.edu', 'suspend', '5.2.1'],
      ['bob@example.edu', 'userunknown', '5.1.1'],
      ['cat@example.edu', 'mailboxfull', '5.2.2'],
    ]);
  });

  it("maps names listed without a domain to the returned original's To addresses, with Sendmail's own line", () => {
    const r = parseBounce(`${HEAD}
   ----- The following addresses had permanent fatal errors -----
NightOwl42
tkowalski

   ----- Transcript of session follows -----
550 NightOwl42... User unknown
550 tkowalski... User unknown

   ----- Unsent message follows -----
From: owner@example.org
To: "Night Owl" <NightOwl42@members.example.net>, tkowalski@members.example.net
Subject: Your order
`);
    expect(r.recipients.map((x) => [x.recipient.toLowerCase(), x.reason, x.class, x.detectedBy])).toEqual([
      ['nightowl42@members.example.net', 'userunknown', 'hard', 'sendmail'],
      ['tkowalski@members.example.net', 'userunknown', 'hard', 'sendmail'],
    ]);
  });

  it('leaves a single-recipient report to the generic reader', () => {
    const r = parseBounce(`${HEAD}
   ----- The following addresses had permanent fatal errors -----
<a@example.jp>

   ----- Transcript of session follows -----
... while talking to mx.example.jp.:
>>> RCPT To:<a@example.jp>
<<< 550 5.1.1 <a@example.jp>... User Unknown
`);
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ recipient: 'a@example.jp', reason: 'userunknown' });
    expect(r.recipients[0]?.detectedBy).not.toBe('sendmail');
  });
});
