/**
 * The seventh hand-written legacy and text-only batch (test/corpora/legacy7/), part of blind batch 5 of issue 13:
 * written after legacy.ts to legacy6.ts had been read and tuned on, without reading the parser's source or wording
 * tables, and labelled before the parser read it. Kinds the issue names, in forms and languages the earlier batches
 * used little: Exchange 5.5 "Undeliverable" reports (English, French, Spanish) with their MSEXCH:IMS lines, Exchange
 * 2000/2003 in Polish, Dutch, Italian, Portuguese, Finnish and Norwegian; webmail text bounces (Hotmail of the 2000s,
 * Yahoo's "couldn't find any host", Mail.ru, Yandex, QQ, Zoho, Rediffmail); old Unix MTAs (smail, MMDF, Sendmail 8
 * refused at connect, HELO and MAIL FROM, qmail deferral turned permanent, Exim's cut-off host transcript, Postfix
 * text-only notices of a refused greeting or sender); MAILER-DAEMON and postmaster notices with German, Spanish,
 * Japanese, Russian and Greek subjects; delay warnings and retries exhausted, and 4xx replies inside permanent
 * reports. And mail that is not a bounce: challenge-response and "confirm you are human" requests, a person's reply
 * quoting a bounce, a forwarded bounce question to the help desk, newsletters and reports from postmaster-like
 * senders, out-of-office replies.
 *
 * Labels follow legacy.ts to legacy6.ts (README.md beside this file): status = the enhanced code the text shows,
 * else the pseudo status of the reason (5.0.9xx, 4.0.9xx in a delay warning); replyCode = the SMTP code the text
 * shows (null when its class digit differs from the status's, or when no code is shown); "user unknown" at RCPT or
 * with an X.1.1 status is `userunknown`, after DATA without such a status `filtered`; a notice whose only cause is
 * the connection or the time in the queue is `expired`; a 4.x.x code in a final failure is kept. An auto-reply is
 * labelled as the dev corpus labels one (AUTO_REPLY).
 *
 *   npx tsx tools/generate-corpus/legacy7.ts     (rewrites test/corpora/legacy7/)
 */
import { fileURLToPath } from 'node:url';
import { AUTO_REPLY, type Expected } from './labels.js';
import { L, notBounceSpec, type Spec, writeLegacyCorpus } from './legacy-render.js';
import { encodeWord } from './message-builder.js';

const OUT = fileURLToPath(new URL('../../test/corpora/legacy7', import.meta.url));

const specs: Spec[] = [];
const add = (s: Spec) => specs.push(s);

// --- Exchange 5.5 "Undeliverable" (MSEXCH:IMS) -----------------------------------------------------------------------
const ex55 = (o: {
  file: string;
  subject: string;
  lines: [string, string, string, string];
  to: string;
  text: string;
  code: string;
  expected: Expected;
}) =>
  add({
    file: o.file,
    engine: 'Exchange55',
    from: 'System Administrator <postmaster@exch55.example-corp.com>',
    subject: encodeWord(o.subject),
    originalTo: o.to,
    returned: 'attached',
    encoding: '8bit',
    body: `${o.lines[0]}

      ${o.lines[1]}:\tInvoice 2025-0815
      ${o.lines[2]}:\t03/03/2025 09:12

${o.lines[3]}

${o.to} on 03/03/2025 09:12
            ${o.text}
            MSEXCH:IMS:Example Corp:HQ:EXCH55 ${o.code}
`,
    expected: [o.expected],
  });
ex55({
  file: 'exchange55-en-not-recognized.eml',
  subject: 'Undeliverable: Invoice 2025-0815',
  lines: ['Your message', 'Subject', 'Sent', 'did not reach the following recipient(s):'],
  to: 'r.hughes@example-partner.com',
  text: 'The recipient name is not recognized',
  code: '0 (000C05A6) Unknown Recipient',
  expected: L('userunknown', '5.0.911'),
});
ex55({
  file: 'exchange55-fr-host-unknown.eml',
  subject: 'Non remis : Invoice 2025-0815',
  lines: ['Votre message', 'Objet', 'Envoyé', "n'a pas atteint le(s) destinataire(s) suivant(s) :"],
  to: 'c.girard@example-inexistant.fr',
  text: "Impossible de trouver l'hôte de destination",
  code: '0 (000C05A6) Host Unknown',
  expected: L('hostunknown', '5.0.912'),
});
ex55({
  file: 'exchange55-es-timeout.eml',
  subject: 'No se puede entregar: Invoice 2025-0815',
  lines: ['Su mensaje', 'Asunto', 'Enviado', 'no llegó a los siguientes destinatarios:'],
  to: 'l.ortiz@example-empresa.es',
  text: 'El mensaje caducó antes de que se pudiera entregar',
  code: '0 (000C05A6) Message expired',
  expected: L('expired', '5.0.947'),
});

// --- Exchange 2000/2003 in further languages ----------------------------------------------------------------------------
const ex2003 = (o: {
  file: string;
  subject: string;
  intro: string;
  sent: [string, string];
  reached: string;
  to: string;
  entry: string;
  expected: Expected;
}) =>
  add({
    file: o.file,
    engine: 'Exchange2003',
    from: 'System Administrator <postmaster@mail.example-kantoor.nl>',
    subject: encodeWord(o.subject),
    originalTo: o.to,
    returned: 'attached',
    encoding: 'quoted-printable',
    body: `${o.intro}

      ${o.sent[0]}:\tInvoice 2025-0815
      ${o.sent[1]}:\t3-3-2025 9:12

${o.reached}

      ${o.to} ${o.entry}
`,
    expected: [o.expected],
  });
ex2003({
  file: 'exchange2003-pl-unknown.eml',
  subject: 'Niedostarczalne: Invoice 2025-0815',
  intro: 'Twoja wiadomość nie dotarła do niektórych lub wszystkich adresatów.',
  sent: ['Temat', 'Wysłano'],
  reached: 'Nie można osiągnąć następujących adresatów:',
  to: 'k.wisniewski@example-firma.pl',
  entry: `dnia 3-3-2025 9:12
            Nie można odnaleźć wprowadzonego adresu e-mail. Sprawdź adres adresata i spróbuj wysłać wiadomość ponownie.
            <mail.example-firma.pl #5.1.1>`,
  expected: L('userunknown', '5.1.1'),
});
ex2003({
  file: 'exchange2003-nl-mailbox-full.eml',
  subject: 'Onbestelbaar: Invoice 2025-0815',
  intro: 'Uw bericht heeft sommige of alle geadresseerden niet bereikt.',
  sent: ['Onderwerp', 'Verzonden'],
  reached: 'De volgende geadresseerden zijn niet bereikt:',
  to: 'p.dejong@example-kantoor.nl',
  entry: `op 3-3-2025 9:12
            De postvak van de ontvanger is vol en kan momenteel geen berichten ontvangen. Probeer het later opnieuw of neem rechtstreeks contact op met de ontvanger.
            <mail.example-kantoor.nl #5.2.2>`,
  expected: L('mailboxfull', '5.2.2'),
});
ex2003({
  file: 'exchange2000-it-delay-expired.eml',
  subject: 'Non recapitabile: Invoice 2025-0815',
  intro: 'Il messaggio non ha raggiunto alcuni o tutti i destinatari.',
  sent: ['Oggetto', 'Inviato'],
  reached: 'Impossibile raggiungere i seguenti destinatari:',
  to: 'g.ferrari@example-ditta.it',
  entry: `il 5-3-2025 9:14
            Impossibile recapitare il messaggio entro il limite di tempo previsto. Riprovare o contattare l'amministratore di sistema.
            <mail.example-ditta.it #4.4.7>`,
  expected: L('expired', '4.4.7'),
});
ex2003({
  file: 'exchange2003-pt-relay-refused.eml',
  subject: 'Não é possível entregar: Invoice 2025-0815',
  intro: 'A mensagem não atingiu alguns ou todos os destinatários pretendidos.',
  sent: ['Assunto', 'Enviada'],
  reached: 'Não foi possível atingir os seguintes destinatários:',
  to: 'm.santos@example-externo.pt',
  entry: `em 3-3-2025 9:12
            Não tem permissão para enviar para este destinatário. Para obter assistência, contacte o administrador de sistema.
            <mail.example-empresa.pt #5.7.1 smtp;550 5.7.1 Unable to relay for m.santos@example-externo.pt>`,
  expected: L('norelaying', '5.7.1', 550),
});
ex2003({
  file: 'exchange2003-fi-remote-unknown.eml',
  subject: 'Toimitus epäonnistui: Invoice 2025-0815',
  intro: 'Viestisi ei saavuttanut joitakin tai kaikkia vastaanottajia.',
  sent: ['Aihe', 'Lähetetty'],
  reached: 'Seuraaviin vastaanottajiin ei saatu yhteyttä:',
  to: 'j.virtanen@example-yritys.fi',
  entry: `3.3.2025 9:12
            Vastaanottajan sähköpostijärjestelmä hylkäsi viestin.
            <mail.example-oy.fi #5.0.0 smtp;550 Mailbox unavailable or access denied - <j.virtanen@example-yritys.fi>>`,
  expected: L('userunknown', '5.0.0', 550),
});
ex2003({
  file: 'exchange2003-no-spam-refused.eml',
  subject: 'Kan ikke leveres: Invoice 2025-0815',
  intro: 'Meldingen nådde ikke frem til én eller flere av mottakerne.',
  sent: ['Emne', 'Sendt'],
  reached: 'Følgende mottakere kunne ikke nås:',
  to: 'o.hansen@example-firma.no',
  entry: `3.3.2025 9:12
            Mottakerens e-postsystem avviste meldingen.
            <mail.example-as.no #5.7.1 smtp;554 5.7.1 Message refused: identified as spam (score 11.2)>`,
  expected: L('spamdetected', '5.7.1', 554),
});

// --- Webmail text bounces -------------------------------------------------------------------------------------------------
const inline = (o: {
  file: string;
  engine: string;
  from: string;
  subject: string;
  to: string;
  body: string;
  expected: Expected[];
  encoding?: Spec['encoding'];
  headers?: Spec['headers'];
}) =>
  add({
    file: o.file,
    engine: o.engine,
    from: o.from,
    subject: o.subject,
    originalTo: o.to,
    returned: 'inline',
    ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.headers ? { headers: o.headers } : {}),
    body: `${o.body}

{original}`,
    expected: o.expected,
  });
inline({
  file: 'hotmail-2005-unknown.eml',
  engine: 'HotmailText',
  from: 'postmaster@hotmail.example.com',
  subject: 'Delivery Status Notification (Failure)',
  to: 'w.clark@example-store.com',
  body: `This is an automatically generated Delivery Status Notification.

Delivery to the following recipients failed.

       w.clark@example-store.com

Reporting-MTA: dns;bay0-omc2-s12.bay0.hotmail.example.com
Final-Recipient: rfc822;w.clark@example-store.com
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp;550 Requested action not taken: mailbox unavailable`,
  expected: [L('userunknown', '5.0.0', 550)],
});
inline({
  file: 'yahoo-old-no-host.eml',
  engine: 'YahooText',
  from: 'MAILER-DAEMON@yahoo.example.com',
  subject: 'failure delivery',
  to: 'b.lewis@example-typo-domian.com',
  body: `Message from yahoo.com.
Unable to deliver message to the following address(es).

<b.lewis@example-typo-domian.com>:
Sorry, I couldn't find any host named example-typo-domian.com. (#5.1.2)

--- Original message follows.`,
  expected: [L('hostunknown', '5.1.2')],
});
inline({
  file: 'mailru-text-full.eml',
  engine: 'MailRuText',
  from: 'Mail Delivery System <mailer-daemon@corp.mail.example.ru>',
  subject: encodeWord('Недоставленное сообщение'),
  to: 'a.smirnov@example-ooo.ru',
  encoding: 'quoted-printable',
  body: `Это письмо создано автоматически сервером Mail.Ru,
отвечать на него не нужно.

К сожалению, Ваше письмо не может быть доставлено одному или нескольким
получателям:

a.smirnov@example-ooo.ru
Ящик получателя переполнен. SMTP error from remote mail server after RCPT TO:<a.smirnov@example-ooo.ru>:
host mx.example-ooo.ru [192.0.2.140]: 552 5.2.2 Mailbox size limit exceeded

--- Текст Вашего письма ---`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'yandex-text-blocked.eml',
  engine: 'YandexText',
  from: 'mailer-daemon@yandex.example.ru',
  subject: encodeWord('Недоставленное сообщение'),
  to: 'd.kozlov@example-zavod.ru',
  encoding: 'quoted-printable',
  body: `Сообщение не было доставлено одному или нескольким получателям.

<d.kozlov@example-zavod.ru>: host mx.example-zavod.ru[192.0.2.141] said:
    554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using
    bl.spamcop.net (in reply to RCPT TO command)

--- Исходное сообщение ---`,
  expected: [L('blocked', '5.7.1', 554)],
});
inline({
  file: 'qq-tuixin-unknown.eml',
  engine: 'QQText',
  from: 'PostMaster <PostMaster@qq.example.com>',
  subject: encodeWord('系统退信'),
  to: 'zhang.wei@example-gongsi.com.cn',
  encoding: 'base64',
  body: `抱歉，您的邮件被退回来了……

原邮件信息：
  时　间：2025年3月3日 9:12
  收件人：zhang.wei@example-gongsi.com.cn

退信原因：
  收件人邮箱地址不存在。

建议解决方案：
  请检查收件人地址是否正确。

您可以点击此处查看详细退信说明：
  550 5.1.1 <zhang.wei@example-gongsi.com.cn>: Recipient address rejected: User unknown in virtual mailbox table`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'zoho-text-rejected-sender.eml',
  engine: 'ZohoText',
  from: 'mailer-daemon@mail.zoho.example.com',
  subject: 'Undelivered Mail Returned to Sender',
  to: 'n.gupta@example-pvt.in',
  body: `This message was created automatically by mail delivery software.
A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.

n.gupta@example-pvt.in, ERROR CODE :550 - 5.7.1 <billing@shop.example.com>: Sender address rejected: Access denied

Original message follows:`,
  expected: [L('rejected', '5.7.1', 550)],
});
inline({
  file: 'rediff-text-quota.eml',
  engine: 'RediffText',
  from: 'MAILER-DAEMON@rediffmail.example.com',
  subject: 'Mail could not be delivered',
  to: 's.iyer@rediffmail.example.com',
  body: `Hi,
This is an automated message from the Rediffmail mail system.

Your mail to s.iyer@rediffmail.example.com could not be delivered because
the recipient's mailbox has exceeded its storage limit.

Please try sending the mail after some time.`,
  expected: [L('mailboxfull', '5.0.922')],
});

// --- Old Unix MTAs --------------------------------------------------------------------------------------------------------
add({
  file: 'smail-failed-no-such-user.eml',
  engine: 'Smail',
  from: 'MAILER-DAEMON@gate.example-physics.edu',
  subject: 'mail failed, returning to sender',
  originalTo: 'mwong@theory.example-physics.edu',
  returned: 'inline',
  body: `|------------------------- Failed addresses follow: ---------------------|
 <mwong@theory.example-physics.edu> ... unknown user
|------------------------- Message text follows: ------------------------|
{original}`,
  expected: [L('userunknown', '5.0.911')],
});
add({
  file: 'mmdf-undeliverable-host.eml',
  engine: 'MMDF',
  from: 'MMDF Mail System <mmdf@relay.example-gov.ac.uk>',
  subject: 'Undeliverable mail',
  originalTo: 'p.owen@nonexistent.example-gov.ac.uk',
  returned: 'inline',
  body: `    Your message could not be delivered to
'p.owen@nonexistent.example-gov.ac.uk (host: nonexistent.example-gov.ac.uk) (queue: smtp)' for the following
reason:  ' Unknown host/domain name'

    Your message follows:

{original}`,
  expected: [L('hostunknown', '5.0.912')],
});
const sendmail = (o: { file: string; subject: string; to: string; body: string; expected: Expected }) =>
  add({
    file: o.file,
    engine: 'Sendmail',
    from: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.example-verein.de>',
    subject: o.subject,
    originalTo: o.to,
    returned: 'inline',
    body: `${o.body}

   ----- Original message follows -----
{original}`,
    expected: [o.expected],
  });
sendmail({
  file: 'sendmail-connect-refused-554.eml',
  subject: 'Returned mail: see transcript for details',
  to: 'h.braun@example-gmbh.de',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<h.braun@example-gmbh.de>
    (reason: 554 mx.example-gmbh.de ESMTP not accepting messages from 203.0.113.9: listed on zen.spamhaus.org)

   ----- Transcript of session follows -----
... while talking to mx.example-gmbh.de.:
<<< 554 mx.example-gmbh.de ESMTP not accepting messages from 203.0.113.9: listed on zen.spamhaus.org
554 5.0.0 Service unavailable`,
  expected: L('blocked', '5.0.0', 554),
});
sendmail({
  file: 'sendmail-helo-rejected-ptr.eml',
  subject: 'Returned mail: see transcript for details',
  to: 'f.koch@example-ag.de',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<f.koch@example-ag.de>
    (reason: 550 5.7.1 Client host rejected: cannot find your reverse hostname)

   ----- Transcript of session follows -----
... while talking to mx.example-ag.de.:
>>> EHLO mail.example-verein.de
<<< 550 5.7.1 Client host rejected: cannot find your reverse hostname
554 5.0.0 Service unavailable`,
  expected: L('requireptr', '5.7.1', 550),
});
sendmail({
  file: 'sendmail-mail-from-rejected.eml',
  subject: 'Returned mail: see transcript for details',
  to: 'j.wagner@example-stadt.de',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<j.wagner@example-stadt.de>
    (reason: 553 5.1.8 <billing@shop.example.com>... Domain of sender address billing@shop.example.com does not resolve)

   ----- Transcript of session follows -----
... while talking to mx.example-stadt.de.:
>>> MAIL From:<billing@shop.example.com> SIZE=1534
<<< 553 5.1.8 <billing@shop.example.com>... Domain of sender address billing@shop.example.com does not resolve
554 5.0.0 Service unavailable`,
  expected: L('rejected', '5.1.8', 553),
});
sendmail({
  file: 'sendmail-data-unknown-550.eml',
  subject: 'Returned mail: see transcript for details',
  to: 'u.schulz@example-praxis.de',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<u.schulz@example-praxis.de>
    (reason: 550 Unknown recipient)

   ----- Transcript of session follows -----
... while talking to mx.example-praxis.de.:
>>> DATA
<<< 550 Unknown recipient
554 5.0.0 Service unavailable`,
  expected: L('filtered', '5.0.0', 550),
});
sendmail({
  file: 'sendmail-warning-greylist-4h.eml',
  subject: 'Warning: could not send message for past 4 hours',
  to: 'c.hoffmann@example-kanzlei.de',
  body: `    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************

The original message was received at Mon, 3 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

   ----- Transcript of session follows -----
... while talking to mx.example-kanzlei.de.:
>>> RCPT To:<c.hoffmann@example-kanzlei.de>
<<< 451 4.7.1 Greylisted, please try again in 300 seconds
<c.hoffmann@example-kanzlei.de>... Deferred: 451 4.7.1 Greylisted, please try again in 300 seconds
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old`,
  expected: L('expired', '4.7.1', 451),
});
add({
  file: 'qmail-deferral-too-long.eml',
  engine: 'qmail',
  from: 'MAILER-DAEMON@mx.example-provider.net',
  subject: 'failure notice',
  originalTo: 't.nguyen@example-shop.vn',
  returned: 'inline',
  body: `Hi. This is the qmail-send program at mx.example-provider.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<t.nguyen@example-shop.vn>:
192.0.2.150 does not like recipient.
Remote host said: 452 4.2.2 Mailbox full, try again later
I'm not going to try again; this message has been in the queue too long.

--- Below this line is a copy of the message.

{original}`,
  expected: [L('mailboxfull', '4.2.2', 452)],
});
inline({
  file: 'postfix-text-greeting-refused.eml',
  engine: 'PostfixText',
  from: 'MAILER-DAEMON@smtp.example-hosting.es (Mail Delivery System)',
  subject: 'Undelivered Mail Returned to Sender',
  to: 'a.ruiz@example-sl.es',
  body: `This is the mail system at host smtp.example-hosting.es.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

                   The mail system

<a.ruiz@example-sl.es>: host mx.example-sl.es[192.0.2.160] refused to talk to
    me: 554 5.7.1 Your IP 203.0.113.9 has a poor reputation score; connection
    refused`,
  expected: [L('badreputation', '5.7.1', 554)],
});
inline({
  file: 'postfix-text-mail-from-auth.eml',
  engine: 'PostfixText',
  from: 'MAILER-DAEMON@smtp.example-hosting.es (Mail Delivery System)',
  subject: 'Undelivered Mail Returned to Sender',
  to: 'e.navarro@example-coop.es',
  body: `This is the mail system at host smtp.example-hosting.es.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<e.navarro@example-coop.es>: host mx.example-coop.es[192.0.2.161] said: 550
    5.7.23 SPF validation failed: shop.example.com does not permit 203.0.113.9
    (in reply to MAIL FROM command)`,
  expected: [L('authfailure', '5.7.23', 550)],
});
inline({
  file: 'exim-text-helo-syntax.eml',
  engine: 'EximText',
  from: 'Mail Delivery System <Mailer-Daemon@mx.example-host.co.uk>',
  subject: 'Mail delivery failed: returning message to sender',
  to: 'g.evans@example-charity.org.uk',
  headers: [['X-Failed-Recipients', 'g.evans@example-charity.org.uk']],
  body: `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  g.evans@example-charity.org.uk
    SMTP error from remote mail server after EHLO mx.example-host.co.uk:
    550 5.7.1 Access denied: your HELO name does not match your IP address

------ This is a copy of the message, including all the headers. ------`,
  expected: [L('requireptr', '5.7.1', 550)],
});
inline({
  file: 'exim-text-retry-multi.eml',
  engine: 'EximText',
  from: 'Mail Delivery System <Mailer-Daemon@mx.example-host.co.uk>',
  subject: 'Mail delivery failed: returning message to sender',
  to: 'k.price@example-ltd.co.uk',
  headers: [['X-Failed-Recipients', 'k.price@example-ltd.co.uk, l.hall@example-ltd.co.uk']],
  body: `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  k.price@example-ltd.co.uk
    all hosts for 'example-ltd.co.uk' have been failing for a long time (and retry time not reached)
  l.hall@example-ltd.co.uk
    all hosts for 'example-ltd.co.uk' have been failing for a long time (and retry time not reached)

------ This is a copy of the message, including all the headers. ------`,
  expected: [L('expired', '5.0.947'), L('expired', '5.0.947')],
});

// --- MAILER-DAEMON / postmaster notices with localised subjects ---------------------------------------------------------
inline({
  file: 'de-unzustellbar-text-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'Mail-Zustellsystem <MAILER-DAEMON@mail.example-provider.de>',
  subject: encodeWord('Unzustellbare Nachricht: Invoice 2025-0815'),
  to: 'm.becker@example-handwerk.de',
  encoding: 'quoted-printable',
  body: `Ihre Nachricht konnte an folgende Empfänger nicht zugestellt werden:

<m.becker@example-handwerk.de>: Der Empfänger ist auf dem Zielserver nicht
bekannt (Antwort auf RCPT TO: 550 5.1.1 Benutzer unbekannt)

Dies ist ein dauerhafter Fehler. Die Nachricht wurde nicht zugestellt.`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'es-aviso-retraso.eml',
  engine: 'MailerDaemonText',
  from: 'Sistema de correo <MAILER-DAEMON@correo.example-proveedor.es>',
  subject: encodeWord('Aviso: el mensaje todavía no se ha entregado'),
  to: 'p.gil@example-asesoria.es',
  encoding: 'quoted-printable',
  body: `ESTO ES SOLO UN AVISO. NO TIENE QUE VOLVER A ENVIAR EL MENSAJE.

Su mensaje para <p.gil@example-asesoria.es> no se ha podido entregar
todavía. El servidor de destino respondió:
    421 4.4.2 Connection timed out
El sistema seguirá intentándolo durante 5 días.`,
  expected: [L('expired', '4.4.2', 421)],
});
inline({
  file: 'ja-henshin-full.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@mail.example-isp.ne.jp>',
  subject: encodeWord('配信エラー: Invoice 2025-0815'),
  to: 'y.suzuki@example-kaisha.co.jp',
  encoding: 'base64',
  body: `以下の宛先へのメール配信に失敗しました。

宛先: <y.suzuki@example-kaisha.co.jp>
理由: 相手先のメールボックスが容量オーバーです。
サーバの応答: 552 5.2.2 Mailbox full

このメールは送信専用です。`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'ru-uvedomlenie-spam.eml',
  engine: 'MailerDaemonText',
  from: 'Служба доставки почты <postmaster@mail.example-hosting.ru>',
  subject: encodeWord('Уведомление о недоставке'),
  to: 'i.volkov@example-kompaniya.ru',
  encoding: 'quoted-printable',
  body: `Ваше сообщение не доставлено следующему адресату:

  i.volkov@example-kompaniya.ru

Сервер получателя отклонил письмо после передачи данных:
  550 5.7.1 Письмо расценено как спам и отклонено

Это окончательная ошибка, повторная отправка не выполнялась.`,
  expected: [L('spamdetected', '5.7.1', 550)],
});
inline({
  file: 'el-adynamia-paradosis-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@mail.example-isp.gr>',
  subject: encodeWord('Αδυναμία παράδοσης μηνύματος'),
  to: 'n.papadopoulos@example-etaireia.gr',
  encoding: 'quoted-printable',
  body: `Το μήνυμά σας δεν ήταν δυνατό να παραδοθεί στους παρακάτω παραλήπτες:

<n.papadopoulos@example-etaireia.gr>: ο διακομιστής του παραλήπτη απάντησε:
    550 5.1.1 User unknown (in reply to RCPT TO command)`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'en-delayed-then-4xx-in-final.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@relay.example-isp.com>',
  subject: 'Delivery failure: retries exhausted',
  to: 'q.adams@example-works.com',
  body: `Your message could not be delivered after repeated attempts over 3 days.
Retries have been exhausted and the message has been removed from the queue.

Recipient: <q.adams@example-works.com>
Last attempt: mx.example-works.com [192.0.2.170]
Last reply: 450 4.2.1 Mailbox temporarily disabled, please try again later`,
  expected: [L('suspend', '4.2.1', 450)],
});

// --- Not bounces ------------------------------------------------------------------------------------------------------------
const notBounce = (...a: Parameters<typeof notBounceSpec>) => add(notBounceSpec(...a));
notBounce(
  'challenge-verify-human.eml',
  'ChallengeResponse',
  'MailGuard Verification <verify@mailguard.example-filter.com>',
  'Please verify you are a human: your message to h.ross@example-firm.com is on hold',
  `Hello,

You recently sent a message to h.ross@example-firm.com. To protect against
spam, this address accepts mail only from verified senders.

Please click the link below and type the characters you see to confirm that
you are a person. Your message will then be delivered and you will not be
asked again.

  https://mailguard.example-filter.com/verify?t=ab12cd34

If you do not verify within 7 days, your message will be deleted.
`,
  [['Auto-Submitted', 'auto-replied']],
);
notBounce(
  'challenge-de-bestaetigung.eml',
  'ChallengeResponse',
  'Spamschutz <noreply@antispam.example-provider.de>',
  encodeWord('Bitte bestätigen Sie Ihre Nachricht an s.lang@example-praxis.de'),
  `Guten Tag,

der Empfänger s.lang@example-praxis.de nutzt einen Spamschutz mit
Absenderbestätigung. Ihre Nachricht "Invoice 2025-0815" wird zugestellt,
sobald Sie bestätigen, dass Sie kein automatisches Programm sind:

  https://antispam.example-provider.de/bestaetigen?id=77f1

Sie müssen dies nur einmal tun.
`,
);
notBounce(
  'person-reply-quoting-bounce.eml',
  'HumanReply',
  'Tom Baker <t.baker@example-client.com>',
  'Re: Undelivered Mail Returned to Sender',
  `Hi,

I got the bounce below when I replied to your invoice. Our IT says the
address is fine now, could you send it again?

Tom

> This is the mail system at host smtp.example-client.com.
> I'm sorry to have to inform you that your message could not
> be delivered to one or more recipients.
>
> <accounts@shop.example.com>: host mx.shop.example.com said: 550 5.1.1
>     User unknown (in reply to RCPT TO command)
`,
);
notBounce(
  'helpdesk-forwarded-question.eml',
  'HumanReply',
  'Service Desk <servicedesk@example-uni.edu>',
  'FW: Mail delivery failed - what does this mean? [Ticket #48121]',
  `Dear colleague,

Thank you for contacting the service desk. You asked why your message came
back with "Mail delivery failed: returning message to sender". The address
you wrote to had a typing mistake; please check it and send again.

Your ticket #48121 has been closed. Reply to this message to reopen it.

Service Desk
`,
);
notBounce(
  'postmaster-newsletter-security.eml',
  'Newsletter',
  'Postmaster Team <postmaster@news.example-isp.com>',
  'Postmaster news: new spam filter and undeliverable-mail reports',
  `Dear customer,

From next month our spam filter will reject messages that fail DMARC, and
you will receive a clearer report when mail cannot be delivered.

No action is needed. Read more at https://www.example-isp.com/postmaster

You receive this because you are a customer of Example ISP.
Unsubscribe: https://www.example-isp.com/unsubscribe
`,
  [
    ['List-Unsubscribe', '<https://www.example-isp.com/unsubscribe>'],
    ['Precedence', 'bulk'],
  ],
);
notBounce(
  'mailer-daemon-dmarc-summary.eml',
  'Report',
  'MAILER-DAEMON <MAILER-DAEMON@mx.example-corp.com>',
  'Weekly mail delivery statistics for example-corp.com',
  `Delivery statistics, week 9:

  accepted         182,440
  rejected (spam)    3,118
  bounced              412
  deferred              87

This report is sent to the administrators every Monday.
`,
);
notBounce(
  'ticket-system-undelivered-word.eml',
  'Notification',
  'Example Shop Support <no-reply@support.example-shop.com>',
  'Your parcel could not be delivered - action required',
  `Hello,

our courier could not deliver parcel 88120 today because nobody was at home.
Please choose a new delivery date:

  https://support.example-shop.com/parcel/88120

Kind regards
Example Shop
`,
);
add({
  file: 'out-of-office-fr.eml',
  engine: 'AutoReply',
  from: 'Claire Moreau <c.moreau@example-cabinet.fr>',
  subject: encodeWord('Réponse automatique : Invoice 2025-0815'),
  headers: [
    ['Auto-Submitted', 'auto-replied'],
    ['X-Auto-Response-Suppress', 'All'],
  ],
  originalTo: '',
  returned: 'none',
  encoding: 'quoted-printable',
  returnPath: 'c.moreau@example-cabinet.fr',
  body: `Bonjour,

Je suis absente du bureau jusqu'au 17 mars, sans accès à ma messagerie.
Pour toute urgence, contactez le secrétariat au 01 23 45 67 89.

Cordialement,
Claire Moreau
`,
  expected: [AUTO_REPLY],
});
add({
  file: 'out-of-office-en-undeliverable-word.eml',
  engine: 'AutoReply',
  from: 'Ian Fraser <i.fraser@example-hospital.nhs.uk>',
  subject: 'Automatic reply: Invoice 2025-0815',
  headers: [['Auto-Submitted', 'auto-replied']],
  originalTo: '',
  returned: 'none',
  returnPath: 'i.fraser@example-hospital.nhs.uk',
  body: `Thank you for your email. I am on annual leave until 17 March and this
mailbox is not monitored; messages will not be forwarded and may be
undeliverable to me until then. Please contact accounts@example-hospital.nhs.uk.

Ian Fraser
`,
  expected: [AUTO_REPLY],
});

writeLegacyCorpus('legacy7', OUT, specs);
