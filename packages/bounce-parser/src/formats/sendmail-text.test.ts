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
