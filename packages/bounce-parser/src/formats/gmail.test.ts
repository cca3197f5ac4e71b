import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('gmail legacy bounce', () => {
  it('reads the recipient and the technical details', () => {
    const r = parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
In-Reply-To: <orig@gmail.com>

Delivery to the following recipient failed permanently:

     user@example.jp

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.jp by mx.example.jp. [192.0.2.153].

The error that the other server returned was:
550 5.1.1 <user@example.jp>... User Unknown

----- Original message -----
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.jp',
      reason: 'userunknown',
      status: '5.1.1',
      detectedBy: 'gmail',
    });
    expect(r.original.messageId).toBe('<orig@gmail.com>');
  });

  it("takes the stage, and without a specific code the cause, from Gmail's '(state N)'", () => {
    const gmail = (reply: string) =>
      parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)

Delivery to the following recipient failed permanently:

     anna@example.se

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the recipient domain. The error that the other server returned was: ${reply}

----- Original message -----
`).recipients.map((x) => [x.reason, x.class]);
    expect(gmail('550 550 5.7.0 Content not acceptable here (state 17).')).toEqual([['filtered', 'soft']]);
    expect(gmail('550 550 Unknown recipient anna (state 18).')).toEqual([['filtered', 'soft']]);
    expect(gmail('550 550 sorry, not here (state 14).')).toEqual([['userunknown', 'hard']]);
    expect(gmail('550 550 go away (state 13).')).toEqual([['blocked', 'soft']]);
    // A specific code decides the cause itself.
    expect(gmail('452 452 4.2.2 <anna@example.se>... Mailbox full (state 14).')).toEqual([['mailboxfull', 'soft']]);
  });

  it('reads a delay notice as delayed', () => {
    const r = parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Delay)

Delivery to the following recipient has been delayed:

     user@example.com

Message will be retried for 2 more day(s)

Technical details of temporary failure:
The recipient server did not accept our requests to connect.
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', reason: 'expired' });
  });

  it('keeps a delay notice temporary when Gmail heads its details "temporary failure"', () => {
    const r = parseBounce(`Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Delay)

THIS IS A WARNING MESSAGE ONLY.

Delivery to the following recipient has been delayed:

     ranger@park.example.gov

Message will be retried for 2 more day(s)

Technical details of temporary failure:
The recipient server did not accept our requests to connect.
[mx.park.example.gov. (10): Connection timed out]
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', reason: 'expired', status: '4.0.947' });
  });

  it('does not read its list sentence on a quoted line', () => {
    const r = parseBounce(`From: someone@example.org
To: me@example.com
Subject: about that

> Delivery to the following recipient failed permanently: x@example.net
`);
    expect(r.recipients).toEqual([]);
  });

  it("reads Gmail's own DNS texts: no DNS server reached is its give-up, an answer without data no mail host", () => {
    const dns = (line: string) =>
      parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)

Delivery to the following recipient failed permanently:

     lena@store.example.at

Technical details of permanent failure:
${line}

----- Original message -----
`).recipients.map((x) => [x.reason, x.class]);
    expect(dns('DNS Error: Could not contact DNS servers')).toEqual([['expired', 'soft']]);
    expect(dns('DNS Error: DNS server returned answer with no data')).toEqual([['hostunknown', 'hard']]);
    expect(dns('DNS Error: Domain name not found')).toEqual([['hostunknown', 'hard']]);
  });

  it('reads a list whose lines carry each recipient its own reply, without the addresses inside the replies', () => {
    const r = parseBounce(`Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
To: billing@shop.example.org
Subject: Delivery Status Notification (Failure)

Delivery to the following recipients failed permanently:

  - hana@six.example.com: 550 5.1.1 no such mailbox
  - ivo@six.example.com: 551 5.1.6 moved, please write to ivo.new@seven.example.com
  - jan@six.example.com
`);
    expect(r.recipients.map((x) => [x.recipient, x.status, x.reason])).toEqual([
      ['hana@six.example.com', '5.1.1', 'userunknown'],
      ['ivo@six.example.com', '5.1.6', 'hasmoved'],
      ['jan@six.example.com', '5.0.900', 'undefined'],
    ]);
  });
});
