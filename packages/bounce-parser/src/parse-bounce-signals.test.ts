import { describe, expect, it } from 'vitest';
import { parseBounce } from './parse-bounce.js';

const POSTFIX_DSN = `Return-Path: <>
From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@shop.example.com
Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

--inner
Content-Type: text/plain

<gone@example.org>: host mx.example.org said: 550 5.1.1 User unknown (in reply to RCPT TO command)

--inner
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; gone@example.org
Action: failed
Status: 5.1.1

--inner--
`;

describe('a bounce forwarded as an attachment', () => {
  it('is read from its message/rfc822 part', () => {
    const r = parseBounce(`Return-Path: <desk@clinic.example.com>
From: Desk <desk@clinic.example.com>
To: bounces@shop.example.com
Subject: FW: Undelivered Mail Returned to Sender
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain

(forwarded by a mailbox rule)

--outer
Content-Type: message/rfc822

${POSTFIX_DSN}
--outer--
`);
    expect(r.kind).toBe('bounce');
    expect(r.recipients[0]).toMatchObject({ recipient: 'gone@example.org', status: '5.1.1', class: 'hard' });
    // The message summary stays the outer (forwarding) message's.
    expect(r.message.subject).toBe('FW: Undelivered Mail Returned to Sender');
  });

  it('is read when the attached message is base64-encoded', () => {
    const r = parseBounce(`From: Desk <desk@clinic.example.com>
To: bounces@shop.example.com
Subject: Fwd: bounce
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

${Buffer.from(POSTFIX_DSN).toString('base64')}
--outer--
`);
    expect(r.recipients.map((x) => x.recipient)).toEqual(['gone@example.org']);
  });

  it('does not unwrap an attached ordinary message', () => {
    const r = parseBounce(`From: a@example.com
To: b@example.com
Subject: Fwd: lunch
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: message/rfc822

From: c@example.com
To: a@example.com
Subject: lunch

Undeliverable? No, 550 jokes only: d@example.net
--outer--
`);
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });
});

describe('the returned original', () => {
  it('recovers the headers of a base64-encoded returned message', () => {
    const original =
      'Message-ID: <send-42@shop.example.com>\r\nFrom: shop@shop.example.com\r\nX-Send-Id: 42\r\n\r\nHi\r\n';
    const r = parseBounce(
      POSTFIX_DSN.replace(
        '--inner--',
        `--inner\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n${Buffer.from(original).toString('base64')}\n--inner--`,
      ),
    );
    expect(r.original).toMatchObject({
      messageId: '<send-42@shop.example.com>',
      correlationHeaders: { 'x-send-id': '42' },
    });
  });

  it('hands back the requested headers of the returned original, every occurrence, top first', () => {
    const original = [
      'Received: from app.shop.example.com (app [10.0.0.5])',
      '\tby out.shop.example.com (Postfix) with ESMTP id 1',
      'Received: from localhost by app.shop.example.com',
      'DKIM-Signature: v=1; a=rsa-sha256; d=shop.example.com; s=s1;',
      '\tbh=abc=; b=def=',
      'From: shop@shop.example.com',
      '',
      'Hi',
      '',
    ].join('\n');
    const dsn = POSTFIX_DSN.replace('--inner--', `--inner\nContent-Type: message/rfc822\n\n${original}\n--inner--`);
    const r = parseBounce(dsn, { originalHeaders: ['Received', 'DKIM-Signature', 'ARC-Seal'] });
    expect(r.original.headers).toEqual({
      received: [
        'from app.shop.example.com (app [10.0.0.5]) by out.shop.example.com (Postfix) with ESMTP id 1',
        'from localhost by app.shop.example.com',
      ],
      'dkim-signature': ['v=1; a=rsa-sha256; d=shop.example.com; s=s1; bh=abc=; b=def='],
    });
    expect(parseBounce(dsn).original.headers).toBeUndefined();
  });

  it('never takes the returned Message-ID for a recipient, and finds it without a marker line', () => {
    const r = parseBounce(`Return-Path: <>
From: Postmaster@insurer.example.com
To: broker@agency.example.com
Subject: DELIVERY FAILURE: User J Public (jpublic@insurer.example.com) not listed in Domino Directory

Your message

  Subject: Quote

was not delivered to:

  jpublic@insurer.example.com

because:

  User J Public (jpublic@insurer.example.com) not listed in Domino Directory


Return-Path: <broker@agency.example.com>
Received: from app by out.shop.example.com; Tue, 02 Apr 2019 10:11:12 +0200
From: broker@agency.example.com
To: jpublic@insurer.example.com
Message-ID: <20190402101112.4711@shop.example.com>
`);
    expect(r.recipients.map((x) => x.recipient)).toEqual(['jpublic@insurer.example.com']);
    expect(r.recipients[0]).toMatchObject({ reason: 'userunknown', class: 'hard' });
    expect(r.original.messageId).toBe('<20190402101112.4711@shop.example.com>');
  });
});

describe('non-bounces that look like bounces', () => {
  it('ignores a bounce line quoted in a person’s reply', () => {
    const r = parseBounce(`Return-Path: <ruth@client.example.com>
From: Ruth <ruth@client.example.com>
To: support@vendor.example.com
Subject: Re: Your invoice could not be sent
In-Reply-To: <notice.77@vendor.example.com>

Mail delivery failed for her old address, "550 5.1.1 User unknown".

On Fri, Support wrote:
> Delivery to the following recipient failed permanently: books@old.example.com
`);
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });

  it('ignores a person answering from postmaster@', () => {
    const r = parseBounce(`Return-Path: <postmaster@company.example.com>
From: Postmaster <postmaster@company.example.com>
To: jane@company.example.com
Subject: Re: Undeliverable: Quarterly report
In-Reply-To: <jane.1@company.example.com>

The bounce you got ("550 5.1.1 Recipient address rejected: User unknown") means
cfo@partner.example.com no longer exists.
`);
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });

  it('ignores phishing that borrows the notice’s name and words', () => {
    const r = parseBounce(`Return-Path: <admin@cheap.example.top>
From: "Mail Delivery System" <admin@cheap.example.top>
To: victim@company.example.com
Subject: Mail delivery failed: 4 incoming messages are pending
Content-Type: text/html

<p>Mail delivery failed: 4 messages could not be delivered to your inbox because your mailbox is full.</p>
`);
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });

  it('ignores a "notice" whose failed address is its own To and whose sender is no system mailbox', () => {
    const r = parseBounce(`From: "Mailer-Daemon" <mailer@evil.example.top>
To: news@shop.example.com
Subject: Delivery Status Notification (Failure)

Message delivery failed for news@shop.example.com: 550 5.2.2 mailbox full. Log in to recover.
`);
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });

  it('reports auto-replies in other languages as auto-replies, never failures', () => {
    const r = parseBounce(`Return-Path: <juan@empresa.example.es>
From: Juan <juan@empresa.example.es>
To: news@shop.example.com
Subject: Fuera de la oficina

Estaré fuera de la oficina hasta el lunes.
`);
    expect(r.kind).toBe('auto-reply');
    expect(r.recipients[0]).toMatchObject({ class: 'auto-reply', reason: 'vacation' });
  });
});
