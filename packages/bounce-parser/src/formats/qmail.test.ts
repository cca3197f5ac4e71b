import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('qmail and qmail-like texts', () => {
  it('reads qmail-send blocks with the remote reply and qmail status notes', () => {
    const r = parseBounce(`From: MAILER-DAEMON@mx.example.jp
Subject: failure notice

Hi. This is the qmail-send program at mx.example.jp.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<user@example.com>:
192.0.2.1 does not like recipient.
Remote host said: 550 5.1.1 <user@example.com>... User Unknown
Giving up on 192.0.2.1.

<nohost@nowhere.example>:
Sorry, I couldn't find any host named nowhere.example. (#5.1.2)

--- Below this line is a copy of the message.

Return-Path: <s@mx.example.jp>
Message-ID: <q1@mx.example.jp>
Subject: hi
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.class])).toEqual([
      ['user@example.com', 'userunknown', '5.1.1', 'hard'],
      ['nohost@nowhere.example', 'hostunknown', '5.1.2', 'hard'],
    ]);
    expect(r.recipients[0]?.detectedBy).toBe('qmail');
    expect(r.original.messageId).toBe('<q1@mx.example.jp>');
  });

  it('reads the Yahoo variant', () => {
    const r = parseBounce(`From: MAILER-DAEMON@yahoo.com
Subject: Failure Notice

Sorry, we were unable to deliver your message to the following address.

<user@example.org>:
No mx record found for domain=example.org

--- Below this line is a copy of the message.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.org',
      reason: 'notaccept',
      class: 'hard',
      detectedBy: 'yahoo',
    });
  });
});
