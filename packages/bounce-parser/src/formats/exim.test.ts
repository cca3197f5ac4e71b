import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const EXIM = `From: Mail Delivery System <Mailer-Daemon@mx.example.org>
To: sender@example.org
Subject: Mail delivery failed: returning message to sender
Auto-Submitted: auto-replied
X-Failed-Recipients: user@example.com, full@example.net

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  user@example.com
    SMTP error from remote mail server after RCPT TO:<user@example.com>:
    host mx.example.com [192.0.2.1]: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown
  full@example.net
    SMTP error from remote mail server after RCPT TO:<full@example.net>:
    host mx.example.net [192.0.2.2]: 552 5.2.2 Mailbox full

------ This is a copy of the message, including all the headers. ------

Return-path: <sender@example.org>
Message-Id: <abc@example.org>
X-Send-Id: send-42
From: sender@example.org
To: user@example.com
Subject: Hello

body
`;

describe('exim', () => {
  it('reads each failed address with its remote reply and the inline original', () => {
    const r = parseBounce(EXIM, { correlationHeaders: ['X-Send-Id'] });
    expect(r.kind).toBe('bounce');
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.replyCode, x.detectedBy])).toEqual([
      ['user@example.com', 'userunknown', '5.1.1', 550, 'exim'],
      ['full@example.net', 'mailboxfull', '5.2.2', 552, 'exim'],
    ]);
    expect(r.recipients[0]?.remoteMta).toBe('mx.example.com');
    expect(r.original).toMatchObject({
      messageId: '<abc@example.org>',
      returnPath: 'sender@example.org',
      correlationHeaders: { 'x-send-id': 'send-42' },
    });
  });

  it('reads a delay warning as delayed and marks the sender stage', () => {
    const r = parseBounce(`From: Mail Delivery System <Mailer-Daemon@mx.example.org>
Subject: Warning: message 1abc-0001 delayed 24 hours

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mx.example.org.

The address to which the message has not yet been delivered is:

  user@example.com
    host mx.example.com [192.0.2.1]
    Delay reason: SMTP error from remote mail server after MAIL FROM:<s@example.org>:
    451 Temporary local problem, sender verify failed

No action is required on your part.
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', reason: 'rejected', status: '4.0.901', replyCode: 451 });
  });

  it("keeps the temporary class of Exim's code-less expiry, not of a derived text's own wording", () => {
    const notice = (failure: string) =>
      parseBounce(`From: Mail Delivery System <Mailer-Daemon@relay.example.net>
To: billing@example.org
Subject: Mail delivery failed: returning message to sender

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

${failure}

------ This is a copy of the message, including all the headers. ------

From: billing@example.org
To: ops@gone.example.com
Subject: Statement
`).recipients.map((x) => [x.recipient, x.reason, x.status]);
    expect(notice('  ops@gone.example.com\n    retry timeout exceeded')).toEqual([
      ['ops@gone.example.com', 'expired', '4.0.947'],
    ]);
    // Exim's other give-up lines have no reference label of class 4: the permanent pseudo code.
    expect(
      notice(
        "  ops@gone.example.com\n    all hosts for 'gone.example.com' have been failing for a long time (and retry time not reached)",
      ),
    ).toEqual([['ops@gone.example.com', 'expired', '5.0.947']]);
    // A reply code shown beside it is the last attempt's: its class is the status's.
    expect(
      notice(
        '  ops@gone.example.com\n    host mx.gone.example.com [192.0.2.9]: 452 4.2.2 Over quota, try later:\n    retry timeout exceeded',
      ),
    ).toEqual([['ops@gone.example.com', 'mailboxfull', '4.2.2']]);
    // Exim's older give-up lines and a local full mailbox without any code: temporary too (the field's Exim logic).
    expect(
      notice('  ops@gone.example.com\n    retry time not reached for any host after a long failure period'),
    ).toEqual([['ops@gone.example.com', 'expired', '4.0.947']]);
    expect(
      notice(
        '  ops@gone.example.com\n    all hosts have been failing for a long time and were last tried after this message arrived',
      ),
    ).toEqual([['ops@gone.example.com', 'expired', '4.0.947']]);
    expect(notice('  ops@gone.example.com\n    mailbox is full: retry timeout exceeded')).toEqual([
      ['ops@gone.example.com', 'mailboxfull', '4.0.922'],
    ]);
    // GMX's derived text states it behind its own "Reason:" label: the permanent pseudo code of the reference labels.
    expect(notice('<ops@gone.example.com>\n\nReason:\ndelivery retry timeout exceeded')).toEqual([
      ['ops@gone.example.com', 'expired', '5.0.947'],
    ]);
  });

  it('reads a frozen-message notice as a delay of the addresses yet to be delivered', () => {
    const frozen = (first: string) =>
      parseBounce(`From: Mail Delivery System <Mailer-Daemon@relay.example.net>
To: postmaster@relay.example.net
Subject: Message frozen

${first}
The sender is <billing@example.org>.

The following address(es) have yet to be delivered:
  ops@slow.example.com: Unable to deliver this message now
  desk@slow.example.com: retry time not reached

------ This is a copy of the message, including all the headers. ------

From: billing@example.org
To: ops@slow.example.com, desk@slow.example.com
Subject: Statement
`);
    for (const first of [
      'Message 1aBcDe-000XyZ-77 has been frozen.',
      'Message 1aBcDe-000XyZ-77 was frozen on arrival by ACL.',
    ]) {
      const r = frozen(first);
      expect(r.kind).toBe('delayed');
      expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.detectedBy])).toEqual([
        ['ops@slow.example.com', 'expired', '4.0.947', 'exim'],
        ['desk@slow.example.com', 'expired', '4.0.947', 'exim'],
      ]);
    }
  });
});
