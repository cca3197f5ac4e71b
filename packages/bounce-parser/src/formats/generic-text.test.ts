import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('generic plain-text fallback', () => {
  it('reads a terse notice whose only failure words are "delivery to the following recipients failed"', () => {
    const r = parseBounce(`From: postmaster@mail.example.com
To: shop@example.org
Subject: Delivery Status Notification (Failure)

Delivery to the following recipients failed.

       ines.gone@mail.example.com
`);
    expect(r.recipients.map((x) => [x.recipient, x.class])).toEqual([['ines.gone@mail.example.com', 'unknown']]);
  });

  it('reads localised and MDaemon-style delay warnings as temporary', () => {
    const german = parseBounce(`From: Mail Delivery Subsystem <postmaster@gw.example.de>
To: shop@example.org
Subject: Verzögerte Zustellung

Ihre Nachricht wurde noch nicht zugestellt. Es werden weitere Zustellversuche unternommen.

lager@partner.example.de
   Grund: Der Server mx.partner.example.de ist nicht erreichbar.

Dies ist nur eine Warnung.
`);
    expect(german.recipients.map((x) => [x.recipient, x.action, x.class, x.status?.[0]])).toEqual([
      ['lager@partner.example.de', 'delayed', 'soft', '4'],
    ]);
    const mdaemon = parseBounce(`From: MDaemon@gw.example.com
To: shop@example.org
Subject: Warning: Temporary Delivery Failure Notice

The attached message to tom@slow.example.net has had temporary delivery errors.
The message has been placed back in the queue and delivery will be retried.
`);
    expect(mdaemon.recipients.map((x) => [x.recipient, x.action, x.status?.[0]])).toEqual([
      ['tom@slow.example.net', 'delayed', '4'],
    ]);
  });

  it('reads "this is only a warning" in more languages as a delay, never as a final failure', () => {
    const warning = (subject: string, lead: string) =>
      parseBounce(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: shop@example.org
Subject: ${subject}

${lead}

<ola@slow.example.net>: connect to mx.slow.example.net[192.0.2.9]:25: Connection timed out
`).recipients.map((x) => [x.recipient, x.action, x.class, x.status?.[0]]);
    for (const [subject, lead] of [
      ['Opóźnienie dostarczenia', 'UWAGA: to jest tylko ostrzeżenie, nie trzeba ponownie wysyłać wiadomości.'],
      ['Levering vertraagd', 'Dit is alleen een waarschuwing; u hoeft uw bericht niet opnieuw te verzenden.'],
      ['Entrega atrasada', 'Este é apenas um aviso: não é necessário reenviar a mensagem.'],
      ['Teslimat gecikti', 'Bu yalnızca bir uyarıdır, mesajınızı yeniden göndermeniz gerekmez.'],
      ['Întârziere la livrare', 'Acesta este doar un mesaj de avertizare.'],
    ]) {
      expect(warning(subject as string, lead as string)).toEqual([['ola@slow.example.net', 'delayed', 'soft', '4']]);
    }
  });

  it('reads a small gateway bounce naming the address and the cause', () => {
    const r = parseBounce(`From: "Postmaster" <postmaster@example.co.jp>
To: sender@example.jp
Subject: Undeliverable Mail

User mailbox exceeds allowed size: user@example.co.jp

Original message follows.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.co.jp',
      reason: 'mailboxfull',
      detectedBy: 'generic',
    });
  });

  it('does not turn a human conversation about a bounce into one', () => {
    const r = parseBounce(`From: alice@example.org
To: bob@example.org
Subject: Re: Undelivered mail

Hi Bob, can you write to carol@example.net instead? Thanks.
`);
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });

  it('never takes a recipient from a Message-ID, Reference or Original-Message-Id field', () => {
    const r = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@gate.example.nl (Mail Delivery Subsystem)
To: piet@example.nl
Subject: mail failed, returning to sender

Original-Message-Id: <4F50EA17.3020509@shop.example.cz>
Reference: <m10aK8O-000abbC@gate.example.nl>
Failed to deliver to '<klant@example.cz>': 550 5.1.1 Mailbox does not exist
`);
    expect(r.recipients.map((x) => x.recipient)).toEqual(['klant@example.cz']);
  });

  it('stops at Smail\'s "Message text follows" and reads "<a> ... unknown user" as the recipient lookup', () => {
    const r = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@gate.example.nl (Mail Delivery Subsystem)
To: piet@example.nl
Subject: mail failed, returning to sender

|------------------------- Failed addresses follow: ---------------------|
 <klaas@example.nl> ... unknown user
|------------------------- Message text follows: ------------------------|
Message-ID: <m10aK8O-000abbC@gate.example.nl>
From: piet@example.nl
To: klaas@example.nl
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.class, x.status])).toEqual([
      ['klaas@example.nl', 'userunknown', 'hard', '5.0.911'],
    ]);
  });

  it('reads Sendmail\'s local-name line ("550 name... User unknown", a screen name without a domain) as the lookup', () => {
    const r = parseBounce(`Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@members.example.net>
To: shop@example.org
Subject: Returned mail: User unknown

   ----- The following addresses had permanent fatal errors -----
SkyRider77

   ----- Transcript of session follows -----
550 SkyRider77... User unknown

   ----- Unsent message follows -----
From: shop@example.org
To: SkyRider77@members.example.net
Subject: Your order
`);
    expect(r.recipients.map((x) => [x.recipient.toLowerCase(), x.reason, x.class, x.status])).toEqual([
      ['skyrider77@members.example.net', 'userunknown', 'hard', '5.0.911'],
    ]);
  });

  it('reads a verdict label naming the address (IMail "Unknown user: a") as a user lookup', () => {
    const r = parseBounce(`Return-Path: <>
From: postmaster@mail.example.net
To: sender@example.net
Subject: Undeliverable Mail

Unknown user: treasurer@example.net

Original message follows.
`);
    expect(r.recipients[0]).toMatchObject({ recipient: 'treasurer@example.net', reason: 'userunknown', class: 'hard' });
  });

  it('keeps a bare relayed "user unknown" without a stated SMTP stage as filtered (reference convention)', () => {
    const r = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@example.jp
To: sender@example.jp
Subject: Undelivered Mail

Server mx.example.org[192.0.2.2] failed with: 550 <user@example.org> No such user here
`);
    expect(r.recipients[0]).toMatchObject({ recipient: 'user@example.org', reason: 'filtered', class: 'soft' });
  });

  it('reports a plain delay warning (the server keeps trying) as delayed, not failed', () => {
    const r = parseBounce(`Return-Path: <>
From: MDaemon@mail.example.com
To: office@example.com
Subject: Warning: Message Delivery Delayed

The attached message has not yet been delivered to one or more recipients!
This is only a warning; the server will keep trying to deliver the message.
Delivery has been delayed for 12 hours.

Undelivered recipients:
    landlord@example.org

--- Session Transcript ---
 Thu 2008-03-20 05:40:01: 421 4.7.0 Try again later, closing connection.
`);
    expect(r.kind).toBe('delayed');
    expect(r.recipients[0]).toMatchObject({ recipient: 'landlord@example.org', action: 'delayed', status: '4.7.0' });
  });

  it('reads a final notice that states a permanent failure as failed, although it says "you do not need to resend"', () => {
    const r = parseBounce(`Return-Path: <>
From: MDaemon@mail.example.com
To: office@example.com
Subject: Permanent Delivery Failure

The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

--- Session Transcript ---
 Fri 2011-02-04 11:20:09: --> RCPT To:<caretaker@example.org>
 Fri 2011-02-04 11:20:09: <-- 550 No such mailbox
--- End Transcript ---
`);
    expect(r.recipients.map((x) => [x.recipient, x.action, x.reason, x.class, x.status])).toEqual([
      ['caretaker@example.org', 'failed', 'userunknown', 'hard', '5.0.911'],
    ]);
  });

  it("reads a notice from an administrator's mailbox with a localised subject when it states an RFC 3463 code", () => {
    const notice = (subject: string, body: string) =>
      parseBounce(`Return-Path: <admin@firma.example.pl>
From: Administrator systemu <admin@firma.example.pl>
To: billing@shop.example.org
Subject: ${subject}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

${body}
`).recipients.map((x) => [x.recipient, x.reason, x.status]);
    expect(
      notice(
        'Niedostarczalne: Faktura 4711',
        'Nie można osiągnąć następujących adresatów:\n\n  jan.nowak@firma.example.pl dnia 2025-03-04 10:20\n' +
          '    Konto e-mail nie istnieje.\n    <mail.firma.example.pl #5.1.1>',
      ),
    ).toEqual([['jan.nowak@firma.example.pl', 'userunknown', '5.1.1']]);
    expect(
      notice(
        'Недоставляемое сообщение',
        'Ваше сообщение не может быть доставлено:\n\nivan.petrov@pochta.example.ru\n550 5.2.2 Ящик переполнен (mailbox full)',
      ),
    ).toEqual([['ivan.petrov@pochta.example.ru', 'mailboxfull', '5.2.2']]);
    // the same subject and words without a code, from an ordinary sender and without the returned message: a
    // person's or a shop's mail about a delivery, left alone
    expect(
      notice('Message not deliverable', 'Your parcel could not be delivered to nina@example.org. Please reschedule.'),
    ).toEqual([]);
  });

  it('reads an Exchange 5.5 notice in German from a stored copy (no envelope) by its "did not reach" wording', () => {
    const r = parseBounce(`From: Systemadministrator <Administrator@werk.example.de>
To: einkauf@shop.example.org
Subject: Unzustellbar: Angebot 17

Ihre Nachricht

  An:      Dora Kern
  Betreff: Angebot 17

hat folgende Empfänger nicht erreicht:

dora.kern@werk.example.de am 03.02.2001 09:12
    Der Empfängername wurde nicht erkannt.
`);
    expect(r.kind).toBe('bounce');
    expect(r.recipients.map((x) => x.recipient)).toEqual(['dora.kern@werk.example.de']);
  });

  describe('combines independent evidence for a notice from an ordinary envelope sender', () => {
    const notice = (from: string, subject: string, body: string) =>
      parseBounce(`Return-Path: <${from.replace(/^.*<|>$/g, '')}>
From: ${from}
To: billing@shop.example.org
Subject: ${subject}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

${body}
`).recipients.map((x) => x.recipient);

    it.each([
      [
        'English webmail robot: sender name, subject, listed address',
        'Mail Delivery Service <robot@webmail.example.com>',
        'Message delivery failure',
        'Your message could not be delivered to the following recipient:\n\n    otto@webmail.example.com\n\nThe mailbox does not exist.',
        'otto@webmail.example.com',
      ],
      [
        'Dutch Exchange: "Systeembeheerder", Onbestelbaar, address with " op <date>"',
        'Systeembeheerder <beheer@isp.example.nl>',
        'Onbestelbaar: Offerte',
        'Uw bericht heeft de volgende ontvangers niet bereikt:\n\n      piet@isp.example.nl op 1-3-2004 10:05\n            Onbekende ontvanger',
        'piet@isp.example.nl',
      ],
      [
        'a "Recipient:" label line',
        'Mail Administrator <notify@hosting.example.com>',
        'Mail delivery failed',
        'We could not deliver your message.\n\nRecipient: tom@hosting.example.com\nReason: no such user here',
        'tom@hosting.example.com',
      ],
      [
        'Italian gateway without subject keyword but with sender name, listed address and a code',
        'Amministratore di sistema <posta@azienda.example.it>',
        'Avviso',
        'Il messaggio non è stato possibile recapitare:\n\n  mario@azienda.example.it\n\n550 5.1.1 utente sconosciuto',
        'mario@azienda.example.it',
      ],
    ])('%s', (_what, from, subject, body, recipient) => {
      expect(notice(from, subject, body)).toEqual([recipient]);
    });

    it.each([
      [
        'a sender name and subject, the address only in a sentence',
        'Mail Delivery System <support@shop.example.com>',
        'Undelivered parcel',
        'Your parcel could not be delivered to nina@example.org. Please reschedule.',
      ],
      [
        "a phishing copy listing the reader's own address",
        'Mail Delivery System <support@shop.example.com>',
        'Undelivered messages',
        '3 incoming messages could not be delivered to your mailbox because it is full.\n\n    billing@shop.example.org\n\nClick here.',
      ],
      [
        'a listed address and failure wording under an ordinary subject and sender',
        'Rita Stone <rita@partner.example.com>',
        'Quarterly figures',
        'The mail could not be delivered to the following recipient:\n\n    sam@client.example.com\n\nCan you check?',
      ],
    ])('leaves alone %s', (_what, from, subject, body) => {
      expect(notice(from, subject, body)).toEqual([]);
    });
  });

  describe('a paragraph listing several recipients, each with its own reply', () => {
    const parse = (body: string) =>
      parseBounce(`Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
To: billing@shop.example.org
Subject: Undeliverable mail report
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

${body}
`).recipients.map((x) => [x.recipient, x.status, x.reason]);

    it('gives each recipient its own reply, not the first one listed', () => {
      expect(
        parse(`Your mail could not be delivered.

Failed recipients:
   anna@one.example.com
      550 5.2.2 mailbox quota exceeded
   bert@two.example.com
      550 5.1.2 no mail server is known for two.example.com
   carl@three.example.com
      554 5.7.1 message rejected as spam`),
      ).toEqual([
        ['anna@one.example.com', '5.2.2', 'mailboxfull'],
        ['bert@two.example.com', '5.1.2', 'hostunknown'],
        ['carl@three.example.com', '5.7.1', 'spamdetected'],
      ]);
    });

    it('keeps a reply shared by a list of addresses for all of them', () => {
      expect(
        parse(`Your mail could not be delivered to:
   dora@four.example.com
   emil@four.example.com
   550 5.1.1 user unknown`),
      ).toEqual([
        ['dora@four.example.com', '5.1.1', 'userunknown'],
        ['emil@four.example.com', '5.1.1', 'userunknown'],
      ]);
    });
  });

  describe('a notice that says it all in its subject, beside the attached original', () => {
    const notice = (subject: string, text: string) =>
      parseBounce(`Return-Path: <>
From: Mail Gateway <MAILER-DAEMON@gw.example.net>
To: billing@shop.example.org
Subject: ${subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

${text}
--b1
Content-Type: message/rfc822

From: billing@shop.example.org
To: gus@five.example.com
Subject: Order 77

Hello
--b1--
`).recipients.map((x) => [x.recipient, x.action, x.reason]);

    it('reads the subject as the text when the text is empty', () => {
      expect(notice('Returned mail: Order 77 (552 mailbox full <gus@five.example.com>)', '')).toEqual([
        ['gus@five.example.com', 'failed', 'mailboxfull'],
      ]);
    });

    it('still reads the text when there is one', () => {
      expect(notice('Returned mail', 'Delivery to gus@five.example.com failed: 550 5.1.1 user unknown')).toEqual([
        ['gus@five.example.com', 'failed', 'userunknown'],
      ]);
    });
  });

  describe('recipients and delays of text-only notices', () => {
    const notice = (subject: string, body: string, extra = '') =>
      parseBounce(`Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
To: billing@shop.example.org
Subject: ${subject}${extra}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

${body}
`);
    const rows = (subject: string, body: string, extra = '') =>
      notice(subject, body, extra).recipients.map((x) => [x.recipient, x.action, x.status?.[0], x.reason]);

    it.each([
      [
        'German',
        'Warnung: Nachricht noch nicht zugestellt',
        'Ihre Nachricht an\n\n   sven@slow.example.de\n\nkonnte bisher nicht zugestellt werden. Der Server versucht die Zustellung weiterhin.',
        'sven@slow.example.de',
      ],
      [
        'French',
        'Avis de retard de remise',
        "Votre message n'a pas encore été remis au destinataire suivant :\n\n   rene@slow.example.fr\n\nLe serveur continuera ses tentatives de remise pendant 5 jours.",
        'rene@slow.example.fr',
      ],
      [
        'Spanish',
        'Aviso: mensaje retrasado',
        'Su mensaje todavía no ha sido entregado al destinatario:\n\n   teo@slow.example.es\n\nNo es necesario que reenvíe el mensaje.',
        'teo@slow.example.es',
      ],
      [
        'Italian',
        'Avviso di ritardo',
        'Il messaggio non è ancora stato recapitato a:\n\n   ugo@slow.example.it\n\nIl server continuerà a tentare per 4 giorni.',
        'ugo@slow.example.it',
      ],
      [
        'English (Sendmail 8 wording)',
        'Warning: could not send message for past 4 hours',
        '<nick@slow.example.org>... Deferred: Connection timed out\nWarning: message still undelivered after 4 hours',
        'nick@slow.example.org',
      ],
    ])('reads a %s delay warning as delayed and temporary', (_lang, subject, body, recipient) => {
      expect(rows(subject, body)).toEqual([[recipient, 'delayed', '4', 'expired']]);
    });

    it('reports every refused RCPT TO of a quoted transcript, each with its own reply', () => {
      expect(
        rows(
          'Returned mail: see transcript for details',
          '   ----- Transcript of session follows -----\n>>> MAIL From:<billing@shop.example.org>\n<<< 250 2.1.0 Ok\n' +
            '>>> RCPT To:<iris@far.example.org>\n<<< 550 5.1.1 <iris@far.example.org>: User unknown\n' +
            '>>> RCPT To:<ok@far.example.org>\n<<< 250 2.1.5 Ok\n' +
            '>>> RCPT To:<jake@far.example.org>\n<<< 552 5.2.2 <jake@far.example.org>: Mailbox full\n',
        ),
      ).toEqual([
        ['iris@far.example.org', 'failed', '5', 'userunknown'],
        ['jake@far.example.org', 'failed', '5', 'mailboxfull'],
      ]);
    });

    it('does not report a quoted reply glued to its code ("550-\'a@b") as a second recipient', () => {
      expect(
        rows(
          'Undeliverable Mail',
          'The following message to <greg@m32.example.net> was undeliverable.\nThe reason for the problem:\n' +
            "5.1.0 - Unknown address error 550-'greg@m32.example.net... No such user'",
        ).map((r) => r[0]),
      ).toEqual(['greg@m32.example.net']);
    });

    it('takes the failed address from the subject when the text names none', () => {
      expect(
        rows(
          'Mail delivery failed: liam@far.example.org',
          'Delivery has failed. The remote server said:\n\n  User unknown',
        ).map((r) => r[0]),
      ).toEqual(['liam@far.example.org']);
    });

    it.each([
      [
        "a quota warning about the reader's own mailbox",
        'Warning: your mailbox is 90% full',
        'Your mailbox billing@shop.example.org is using 1.8 GB of 2 GB.\nWhen it is full, new messages will be returned to their senders.',
      ],
      [
        'a quarantine digest listing the senders of held mail',
        'Quarantine summary: 2 messages held',
        'The following messages addressed to you were held as possible spam. They have not been delivered to your inbox.\n\n' +
          '  promo@deals.example.com       You won!!!\n  info@pills.example.net        Cheap meds\n',
      ],
      [
        'a digest from a system mailbox in other words',
        'Spam report',
        'Messages sent to you have been quarantined and were not delivered:\n\n  offers@promo.example.com\n',
      ],
    ])('leaves alone %s from a system mailbox', (_what, subject, body) => {
      expect(notice(subject, body).kind).toBe('not-bounce');
    });
  });

  describe('a system mailbox with a real envelope sender', () => {
    const fromPostmaster = (subject: string, body: string) =>
      parseBounce(`Return-Path: <postmaster@corp.example.com>
From: postmaster@corp.example.com
To: staff@corp.example.com
Subject: ${subject}

${body}
`);

    it("leaves alone an administrator's announcement that talks about delivery", () => {
      const r = fromPostmaster(
        'Delivery delayed during the weekend upgrade',
        'Hello all,\n\nduring the upgrade on Sunday incoming mail will be delayed and retried automatically.\n' +
          'Last month some messages could not be delivered to partners for an hour; questions to it-desk@corp.example.com.\n',
      );
      expect(r.kind).toBe('not-bounce');
    });

    it('still reads a notice it sends, which lists the address and states a code', () => {
      const r = fromPostmaster(
        'Undeliverable: Order 77',
        'Your message did not reach some or all of the intended recipients.\n\n' +
          'The following recipient(s) could not be reached:\n\n      erik@partner.example.net\n' +
          '            The e-mail account does not exist.\n            <gw.corp.example.com #5.1.1>\n',
      );
      expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
        ['erik@partner.example.net', 'userunknown', '5.1.1'],
      ]);
    });
  });

  describe('a notice forwarded inline by a mail client', () => {
    const forward = (marker: string, sender: string) =>
      parseBounce(`Return-Path: <ventes@shop.example.fr>
From: Ventes <ventes@shop.example.fr>
To: compta@shop.example.fr
Subject: TR: Mail delivery failed: returning message to sender

Pour info, cette facture est revenue.

${marker}
De : ${sender}
Envoyé : lundi 3 mars 2025 09:12
À : ventes@shop.example.fr
Objet : Mail delivery failed: returning message to sender

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  paul.martin@client.example.fr
    host mx.client.example.fr [192.0.2.44]
    SMTP error from remote mail server after RCPT TO:<paul.martin@client.example.fr>:
    550 5.1.1 <paul.martin@client.example.fr>: unknown user
`);

    it("reads the notice below the client's header block, whatever its language", () => {
      const r = forward("-----Message d'origine-----", 'Mail Delivery System <Mailer-Daemon@mx.shop.example.fr>');
      expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
        ['paul.martin@client.example.fr', 'userunknown', '5.1.1'],
      ]);
    });

    it('does not take a forwarded message from a person for a notice', () => {
      const r = forward("-----Message d'origine-----", 'Paul Martin <paul.martin@client.example.fr>');
      expect(r.recipients.map((x) => x.recipient)).not.toContain('ventes@shop.example.fr');
    });
  });

  it("reads a person's answer to a notice (a reply prefix, an ordinary sender) as mail, a forwarded notice still as one", () => {
    const mail = (subject: string) =>
      parseBounce(`Return-Path: <lena.vogt@client.example.at>
From: Lena Vogt <lena.vogt@client.example.at>
To: shop@example.org
Subject: ${subject}

Guten Tag, meine Antwort an Sie kam zurück mit "554 5.7.1 relay denied" -
bitte schreiben Sie künftig an einkauf@client.example.at. Danke!
`);
    for (const subject of [
      'Re: Mail delivery failed',
      'AW: Undeliverable: Angebot',
      'SV: Returned mail: see transcript',
    ]) {
      expect(mail(subject).recipients).toEqual([]);
    }
    // From the null reverse-path the same subject is a notice's (a gateway that prefixes what it relays).
    const notice = parseBounce(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@relay.example-isp.net>
To: shop@example.org
Subject: Re: Mail delivery failed

This message was created automatically by mail delivery software.

  einkauf@client.example.at
    554 5.7.1 relay denied
`);
    expect(notice.recipients.map((x) => x.recipient)).toEqual(['einkauf@client.example.at']);
  });

  it('reads an old queue give-up ("after N days ... could not be fully delivered") as an expiry', () => {
    const r = parseBounce(`Return-Path: <>
From: Mail System <mmdf@gate.example-navy.mil>
To: shop@example.org
Subject: Failed mail

After 4 days (96 hours), your message could not be fully delivered.
It failed to be received by the following address(es):

    ops@ship.example-navy.mil (host: ship.example-navy.mil)

Your message begins as follows:
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
      ['ops@ship.example-navy.mil', 'expired', '5.0.947'],
    ]);
  });

  it('finds a recipient whose address the notice wrapped over two lines', () => {
    const r = parseBounce(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@relay.example-isp.net>
To: shop@example.org
Subject: Undelivered Mail

Delivery to the following recipient failed permanently:

     christopher.alexander-montgomery@research.
     example-institute.ac.uk

550 5.1.1 Mailbox does not exist
`);
    expect(r.recipients.map((x) => x.recipient)).toEqual([
      'christopher.alexander-montgomery@research.example-institute.ac.uk',
    ]);
  });

  it('reads qmail-like and delay notices sent from an ordinary envelope when they return the original', () => {
    const original = `
--- Original message follows.

From: Shop <shop@example.org>
To: REPLACE
Subject: Your order

Thanks for your order.
`;
    const failed = parseBounce(`Return-Path: <root@mx.example-host.org>
From: root@mx.example-host.org
To: shop@example.org
Subject: failure notice

This is the mail delivery agent at mx.example-host.org.
I was not able to deliver your message to the following addresses.

<dana@example-host.org>:
The mailbox quota of this user is exhausted.
${original.replace('REPLACE', 'dana@example-host.org')}`);
    expect(failed.recipients.map((x) => [x.recipient, x.reason])).toEqual([['dana@example-host.org', 'mailboxfull']]);
    const delayed = parseBounce(`Return-Path: <root@mx.example-host.org>
From: root@mx.example-host.org
To: shop@example.org
Subject: Warning: message delayed

This is a warning message only. Your message has not yet been delivered to

  eli@slow.example-partner.com

and the server will keep trying for 3 more days.
${original.replace('REPLACE', 'eli@slow.example-partner.com')}`);
    expect(delayed.recipients.map((x) => [x.recipient, x.action, x.status?.[0]])).toEqual([
      ['eli@slow.example-partner.com', 'delayed', '4'],
    ]);
  });

  it('takes the listed recipient, not an address of a sentence or of an original pasted without a marker', () => {
    const prose = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@gw.example-isp.net
To: shop@example.org
Subject: Undeliverable mail

The following recipient could not be reached:

   <ruth.owens@example-clinic.org>
   550 5.1.1 no such mailbox

Questions? Our service desk answers at servicedesk@example-isp.net around the clock.
`);
    expect(prose.recipients.map((x) => x.recipient)).toEqual(['ruth.owens@example-clinic.org']);
    const pasted = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@gw.example-isp.net
To: shop@example.org
Subject: Nicht zustellbar

Die Nachricht konnte nicht zugestellt werden.
Empfänger: sven.hart@example-werk.de
Grund: Postfach voll

Kopfzeilen der Nachricht:
From: Shop <shop@example.org>
To: sven.hart@example-werk.de
Cc: lisa.hart@example-werk.de
Subject: Ihre Bestellung
`);
    expect(pasted.recipients.map((x) => [x.recipient, x.reason])).toEqual([
      ['sven.hart@example-werk.de', 'mailboxfull'],
    ]);
  });

  it('reads a text-only success report as deliveries, never as a failure, unless it also reports one', () => {
    const report = (subject: string, body: string) =>
      parseBounce(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@relay.example.org>
To: shop@example.com
Subject: ${subject}

${body}
`);
    const exchange = report(
      'Delivered: March statement',
      `Your message has been delivered to the following recipients:

ana.silva@example.pt

Subject: March statement`,
    );
    expect(exchange.kind).toBe('delivery-report');
    expect(exchange.recipients.map((x) => [x.recipient, x.reason, x.class, x.status])).toEqual([
      ['ana.silva@example.pt', 'delivered', 'delivered', '2.0.0'],
    ]);
    const german = report(
      'Zustellbericht',
      `Ihre Nachricht wurde an folgende Empfänger erfolgreich zugestellt:

  k.horn@example.at

Eventuelle spätere Fehlermeldungen anderer Systeme erhalten Sie gesondert.`,
    );
    expect(german.recipients.map((x) => [x.recipient, x.class])).toEqual([['k.horn@example.at', 'delivered']]);
    // the same words beside a refusal: the refusal is what the notice reports
    const mixed = report(
      'Delivery report',
      `Your message was successfully delivered to some recipients, but not to:

<lars@example.se>: host mx.example.se said: 550 5.1.1 no such user (in reply to RCPT TO command)`,
    );
    expect(mixed.recipients.map((x) => [x.recipient, x.action, x.class])).toEqual([
      ['lars@example.se', 'failed', 'hard'],
    ]);
  });

  it('reads an old relay\'s "not yet been fully delivered ... still pending" warning as a delay', () => {
    const r = parseBounce(`Return-Path: <>
From: Relay Mail System <mmdf@relay.example.ac.uk>
To: shop@example.com
Subject: Mail still waiting

After 1 day (26 hours) your message has not yet been fully delivered.
Delivery attempts are still pending for:

    j.hale@example-physics.ac.uk (host: example-physics.ac.uk) (queue: smtp)
`);
    expect(r.recipients.map((x) => [x.recipient, x.action, x.reason, x.status?.[0]])).toEqual([
      ['j.hale@example-physics.ac.uk', 'delayed', 'expired', '4'],
    ]);
  });

  it('reads notices with localised "Undeliverable" subjects from an administrator envelope when they return the original', () => {
    const notice = (subject: string, returnPath: string) =>
      parseBounce(
        Buffer.from(`Return-Path: <${returnPath}>
From: ${returnPath}
To: shop@example.com
Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Delivery to the following recipient failed:

  ivo.kral@example-partner.sk: mailbox unavailable

--- Original message follows.

From: shop@example.com
To: ivo.kral@example-partner.sk
Subject: Order 12

Hello
`),
      ).recipients.map((x) => [x.recipient, x.action]);
    for (const subject of [
      'Nedoručiteľné: Order 12',
      'Δεν είναι δυνατή η παράδοση: Order 12',
      'לא נמסר: Order 12',
      'Không gửi được thư: Order 12',
      'Tidak dapat dikirim: Order 12',
      'Neisporučivo: Order 12',
      'Nepiegādājams ziņojums',
      'Недоставено писмо',
      'No es pot lliurar: Order 12',
      '配送不能のお知らせ',
      '메일 전송 실패 안내',
    ]) {
      for (const returnPath of ['postmaster@mx.example-partner.sk', 'bounce-handler@mx.example-partner.sk']) {
        expect([subject, notice(subject, returnPath)]).toEqual([subject, [['ivo.kral@example-partner.sk', 'failed']]]);
      }
    }
    // a person's question with such a subject, quoting nothing, stays a person's mail
    const question = parseBounce(
      Buffer.from(`Return-Path: <ivo.kral@example-partner.sk>
From: Ivo Kráľ <ivo.kral@example-partner.sk>
To: shop@example.com
Subject: =?UTF-8?B?${Buffer.from('Nedoručiteľné?').toString('base64')}?=
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Dobrý deň, dostali ste moju objednávku? Môj e-mail bol vraj nedoručiteľný.
Ivo
`),
    );
    expect(question.recipients).toEqual([]);
  });

  it('reads delay notices that say they keep retrying, in several languages, as delays; a give-up stays final', () => {
    const notice = (lead: string) =>
      parseBounce(
        Buffer.from(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: shop@example.com
Subject: Delivery status
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

${lead}

<pia@slow.example.org>: host mx.slow.example.org said: 451 4.3.0 Temporary local problem, try again later
`),
      ).recipients.map((x) => x.action);
    for (const lead of [
      'Your message is queued and will be retried. No need to resend.',
      'Die Zustellung verzögert sich. Wir versuchen es weiter.',
      'La remise est retardée. Nous réessaierons pendant 5 jours.',
      'La entrega se ha retrasado. Seguiremos intentándolo durante 4 días.',
      'Доставка задерживается. Мы продолжим попытки в течение 4 дней.',
      'Doręczenie jest opóźnione. Będziemy próbować przez 4 dni.',
      '配信が遅れています。4日間再試行を続けます。',
    ]) {
      expect([lead, notice(lead)]).toEqual([lead, ['delayed']]);
    }
    for (const lead of [
      'Maximum number of delivery attempts exceeded. The message will not be retried.',
      'Se agotaron los reintentos de entrega. El mensaje fue eliminado de la cola.',
    ]) {
      expect([lead, notice(lead)]).toEqual([lead, ['failed']]);
    }
  });
});
