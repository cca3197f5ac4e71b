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

  describe("qmail's own session verdicts and give-ups (variants written for this test)", () => {
    const notice = (block: string) => `From: MAILER-DAEMON@mail.example.net
Subject: failure notice

Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<kim@example.com>:
${block}

--- Below this line is a copy of the message.

Subject: hello
`;
    const verdict = (block: string) => parseBounce(notice(block)).recipients.map((x) => [x.reason, x.status]);

    it('reads "most progress was EHLO" as a block and "most progress was MAIL" as a refused sender', () => {
      const giveUp = "\nI'm not going to try again; this message has been in the queue too long.";
      expect(verdict(`Sorry, no SMTP connection got far enough; most progress was HELO (#4.4.2)${giveUp}`)).toEqual([
        ['blocked', '4.4.2'],
      ]);
      expect(verdict(`Sorry, no SMTP connection got far enough; most progress was MAIL (#4.4.2)${giveUp}`)).toEqual([
        ['rejected', '4.4.2'],
      ]);
    });

    it('reads a deferral that outlived the queue by the reply, and as unexplained when the reply names no cause', () => {
      const block = (reply: string) =>
        `198.51.100.2 does not like recipient.\nRemote host said: ${reply}\nI'm not going to try again; this message has been in the queue too long.`;
      expect(verdict(block('450 4.2.2 Quota exceeded for this mailbox'))).toEqual([['mailboxfull', '4.2.2']]);
      expect(verdict(block('451 please come again'))).toEqual([['onhold', '4.0.901']]);
      // without "does not like recipient" the queue's give-up is the expiry itself
      expect(verdict("I'm not going to try again; this message has been in the queue too long.")[0]?.[0]).toBe(
        'expired',
      );
    });
  });
});
