/**
 * The sixth hand-written legacy and text-only batch (test/corpora/legacy6/), part of blind batch 4 of issue 13:
 * written after legacy.ts to legacy4.ts had been read and tuned on (beside legacy5.ts of the legacy pass, written at
 * the same time and not read for this one), without reading the parser's source or wording
 * tables, and labelled before the parser read it. Kinds the issue names, in languages and products the earlier
 * batches did not use: Exchange 2000/2003 notices in Slovenian, Croatian, Slovak, Ukrainian, Hebrew and Estonian;
 * MAILER-DAEMON notices with Czech, Swedish, Turkish, Hungarian, Romanian, Korean and Chinese subjects; webmail text
 * bounces (old Yahoo, old Gmail, old AOL, mail.com); old Unix MTAs (PMDF, Sendmail 8.6 without DSN at RCPT and after
 * DATA, qmail-send relay refusal). And mail that is not a bounce: a person's reply about a bounce, a newsletter
 * about bounce codes, a quota warning and a queue summary from postmaster-like senders, a parcel notice.
 *
 * Labels follow legacy.ts to legacy4.ts (README.md beside this file): status = the enhanced code the text shows,
 * else the pseudo status of the reason (5.0.9xx); replyCode = the SMTP code the text shows (null when its class
 * digit differs from the status's); "user unknown" at RCPT or with an X.1.1 status is `userunknown`; a notice whose
 * only cause is the connection or the time in the queue is `expired`; a 4.x.x code in a final failure is kept.
 *
 *   npx tsx tools/generate-corpus/legacy6.ts     (rewrites test/corpora/legacy6/)
 */
import { fileURLToPath } from 'node:url';
import type { Expected } from './labels.js';
import { L, notBounceSpec, type Spec, writeLegacyCorpus } from './legacy-render.js';
import { encodeWord } from './message-builder.js';

const OUT = fileURLToPath(new URL('../../test/corpora/legacy6', import.meta.url));

const specs: Spec[] = [];
const add = (s: Spec) => specs.push(s);

// --- Exchange 2000/2003 in languages the earlier batches did not use ------------------------------------------------
const ex2003 = (o: {
  file: string;
  subject: string;
  intro: string;
  sent: [string, string];
  reached: string;
  originalTo: string;
  entries: string;
  expected: Expected[];
}) =>
  add({
    file: o.file,
    engine: 'Exchange2003',
    from: 'System Administrator <postmaster@mail.example-podjetje.si>',
    subject: encodeWord(o.subject),
    originalTo: o.originalTo,
    returned: 'attached',
    encoding: 'quoted-printable',
    body: `${o.intro}

      ${o.sent[0]}:\tInvoice 2025-0815
      ${o.sent[1]}:\t3.3.2025 9:12

${o.reached}

${o.entries}
`,
    expected: o.expected,
  });
ex2003({
  file: 'exchange2003-sl-unknown.eml',
  subject: 'Nedostavljivo: Invoice 2025-0815',
  intro: 'Vaše sporočilo ni doseglo nekaterih ali vseh prejemnikov.',
  sent: ['Zadeva', 'Poslano'],
  reached: 'Naslednjih prejemnikov ni bilo mogoče doseči:',
  originalTo: 'j.novak@example-podjetje.si',
  entries: `      j.novak@example-podjetje.si dne 3.3.2025 9:12
            E-poštnega naslova, ki ste ga vnesli, ni bilo mogoče najti. Preverite naslov prejemnika in poskusite znova poslati sporočilo.
            <mail.example-podjetje.si #5.1.1>`,
  expected: [L('userunknown', '5.1.1')],
});
ex2003({
  file: 'exchange2003-hr-mailbox-full.eml',
  subject: 'Neisporučivo: Invoice 2025-0815',
  intro: 'Vaša poruka nije stigla do nekih ili svih primatelja.',
  sent: ['Predmet', 'Poslano'],
  reached: 'Sljedeći primatelji nisu dostupni:',
  originalTo: 'm.horvat@example-tvrtka.hr',
  entries: `      m.horvat@example-tvrtka.hr dana 3.3.2025 9:12
            Poštanski sandučić primatelja je pun i trenutno ne može primati poruke. Pokušajte ponovno kasnije ili se obratite izravno primatelju.
            <mail.example-tvrtka.hr #5.2.2>`,
  expected: [L('mailboxfull', '5.2.2')],
});
ex2003({
  file: 'exchange2003-sk-time-limit.eml',
  subject: 'Nedoručiteľné: Invoice 2025-0815',
  intro: 'Vaša správa nebola doručená niektorým alebo všetkým príjemcom.',
  sent: ['Predmet', 'Odoslané'],
  reached: 'Nasledujúci príjemcovia nie sú dostupní:',
  originalTo: 'p.kovac@example-firma.sk',
  entries: `      p.kovac@example-firma.sk dňa 5.3.2025 9:14
            Správu sa nepodarilo doručiť v stanovenom časovom limite. Skúste to znova alebo sa obráťte na správcu.
            <mail.example-firma.sk #4.4.7>`,
  expected: [L('expired', '4.4.7')],
});
ex2003({
  file: 'exchange2003-uk-unknown.eml',
  subject: 'Не доставлено: Invoice 2025-0815',
  intro: 'Ваше повідомлення не дійшло до деяких або всіх одержувачів.',
  sent: ['Тема', 'Надіслано'],
  reached: 'Не вдалося зв’язатися з такими одержувачами:',
  originalTo: 'o.shevchenko@example-kompaniya.ua',
  entries: `      o.shevchenko@example-kompaniya.ua 3.3.2025 9:12
            Не вдалося знайти введену адресу електронної пошти. Перевірте адресу одержувача та спробуйте надіслати повідомлення ще раз.
            <mail.example-kompaniya.ua #5.1.1>`,
  expected: [L('userunknown', '5.1.1')],
});
ex2003({
  file: 'exchange2003-he-unknown.eml',
  subject: 'לא ניתן למסירה: Invoice 2025-0815',
  intro: 'ההודעה שלך לא הגיעה לחלק מהנמענים או לכולם.',
  sent: ['נושא', 'נשלח'],
  reached: 'לא ניתן להגיע לנמענים הבאים:',
  originalTo: 'd.levi@example-chevra.co.il',
  entries: `      d.levi@example-chevra.co.il ב- 3.3.2025 9:12
            לא ניתן למצוא את כתובת הדואר האלקטרוני שהזנת. בדוק את כתובת הנמען ונסה לשלוח שוב את ההודעה.
            <mail.example-chevra.co.il #5.1.1>`,
  expected: [L('userunknown', '5.1.1')],
});
ex2003({
  file: 'exchange2003-et-remote-refused.eml',
  subject: 'Kättetoimetamatu: Invoice 2025-0815',
  intro: 'Teie sõnum ei jõudnud mõne või kõigi adressaatideni.',
  sent: ['Teema', 'Saadetud'],
  reached: 'Järgmiste adressaatideni ei õnnestunud jõuda:',
  originalTo: 'k.tamm@example-ettevote.ee',
  entries: `      k.tamm@example-ettevote.ee 3.3.2025 9:12
            Adressaadi meilisüsteem lükkas sõnumi tagasi: 554 5.7.1 Message rejected as spam by content filter
            <mail.example-podjetje.si #5.7.1 smtp;554 5.7.1 Message rejected as spam by content filter>`,
  expected: [L('spamdetected', '5.7.1', 554)],
});

// --- MAILER-DAEMON text notices with localised subjects ---------------------------------------------------------------
const localised = (o: { file: string; host: string; subject: string; to: string; body: string; expected: Expected }) =>
  add({
    file: o.file,
    engine: 'MailerDaemonText',
    from: `Mail Delivery System <MAILER-DAEMON@${o.host}>`,
    subject: encodeWord(o.subject),
    originalTo: o.to,
    returned: 'inline',
    encoding: 'quoted-printable',
    body: `${o.body}

{original}`,
    expected: [o.expected],
  });
localised({
  file: 'cs-nedorucitelna-rcpt-unknown.eml',
  host: 'mail.example-isp.cz',
  subject: 'Nedoručitelná zpráva: Invoice 2025-0815',
  to: 'j.dvorak@example-sro.cz',
  body: `Vaši zprávu nebylo možné doručit následujícím příjemcům:

<j.dvorak@example-sro.cz>: cílový server odmítl adresu příjemce:
    550 5.1.1 <j.dvorak@example-sro.cz>: Recipient address rejected: User unknown (in reply to RCPT TO command)

------ Původní zpráva ------`,
  expected: L('userunknown', '5.1.1', 550),
});
localised({
  file: 'sv-ej-levererbart-full.eml',
  host: 'smtp.example-operator.se',
  subject: 'Meddelandet kunde inte levereras',
  to: 'e.lindqvist@example-ab.se',
  body: `Ditt meddelande kunde inte levereras till följande mottagare:

  e.lindqvist@example-ab.se
    Mottagarens server svarade: 552 5.2.2 Mailbox full (in reply to RCPT TO command)

------ Ursprungligt meddelande ------`,
  expected: L('mailboxfull', '5.2.2', 552),
});
localised({
  file: 'tr-teslim-edilemedi-spam.eml',
  host: 'mail.example-isp.com.tr',
  subject: 'Teslim edilemeyen ileti',
  to: 'a.demir@example-sirket.com.tr',
  body: `İletiniz aşağıdaki alıcılara teslim edilemedi:

<a.demir@example-sirket.com.tr>: alıcı sunucu iletiyi reddetti:
    554 5.7.1 Message rejected: classified as spam (in reply to end of DATA command)

------ Özgün ileti ------`,
  expected: L('spamdetected', '5.7.1', 554),
});
localised({
  file: 'hu-kezbesithetetlen-timeout.eml',
  host: 'mail.example-szolgaltato.hu',
  subject: 'Kézbesíthetetlen üzenet',
  to: 'z.nagy@example-kft.hu',
  body: `Az üzenetet 5 nap után sem sikerült kézbesíteni a következő címzettnek:

<z.nagy@example-kft.hu>: connect to mx.example-kft.hu[192.0.2.71]:25: Connection timed out

------ Eredeti üzenet ------`,
  expected: L('expired', '5.0.947'),
});
localised({
  file: 'ro-mesaj-nelivrat-blocked.eml',
  host: 'mail.example-furnizor.ro',
  subject: 'Mesaj nelivrat: Invoice 2025-0815',
  to: 'i.popescu@example-srl.ro',
  body: `Mesajul dumneavoastră nu a putut fi livrat către următorii destinatari:

<i.popescu@example-srl.ro>: serverul destinatarului a răspuns:
    554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using bl.spamcop.net (in reply to RCPT TO command)

------ Mesajul original ------`,
  expected: L('blocked', '5.7.1', 554),
});
localised({
  file: 'ko-delivery-failed-unknown.eml',
  host: 'mail.example-isp.co.kr',
  subject: '메일 전송 실패: Invoice 2025-0815',
  to: 'j.park@example-hoesa.co.kr',
  body: `다음 수신자에게 메일을 전달하지 못했습니다:

<j.park@example-hoesa.co.kr>: 상대 서버 응답:
    550 5.1.1 <j.park@example-hoesa.co.kr>: Recipient address rejected: User unknown (in reply to RCPT TO command)

------ 원본 메일 ------`,
  expected: L('userunknown', '5.1.1', 550),
});
localised({
  file: 'zh-tuixin-full.eml',
  host: 'mail.example-isp.cn',
  subject: '退信：Invoice 2025-0815',
  to: 'l.wang@example-gongsi.cn',
  body: `很抱歉，您的邮件无法投递到以下收件人：

<l.wang@example-gongsi.cn>：对方服务器返回：
    552 5.2.2 Mailbox quota exceeded (in reply to RCPT TO command)

------ 原始邮件 ------`,
  expected: L('mailboxfull', '5.2.2', 552),
});

// --- Webmail text bounces ------------------------------------------------------------------------------------------
const webmail = (o: {
  file: string;
  engine: string;
  from: string;
  subject: string;
  to: string;
  body: string;
  expected: Expected;
}) =>
  add({
    file: o.file,
    engine: o.engine,
    from: o.from,
    subject: o.subject,
    originalTo: o.to,
    returned: 'inline',
    body: `${o.body}

{original}`,
    expected: [o.expected],
  });
webmail({
  file: 'yahoo-old-storage-allocation.eml',
  engine: 'YahooText',
  from: 'MAILER-DAEMON@yahoo.example.com',
  subject: 'Failure Notice',
  to: 'r.evans@example-office.co.uk',
  body: `Sorry, we were unable to deliver your message to the following address.

<r.evans@example-office.co.uk>:
Remote host said: 552 Requested mail action aborted: exceeded storage allocation [RCPT_TO]

--- Below this line is a copy of the message.`,
  expected: L('mailboxfull', '5.0.922', 552),
});
webmail({
  file: 'gmail-old-mailbox-full.eml',
  engine: 'GmailText',
  from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
  subject: 'Delivery Status Notification (Failure)',
  to: 'h.fischer@example-verlag.de',
  body: `Delivery to the following recipient failed permanently:

     h.fischer@example-verlag.de

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example-verlag.de by mx.example-verlag.de. [192.0.2.90].

The error that the other server returned was:
552 5.2.2 <h.fischer@example-verlag.de>: Recipient address rejected: Mailbox quota exceeded

----- Original message -----`,
  expected: L('mailboxfull', '5.2.2', 552),
});
webmail({
  file: 'aol-old-permanent-unknown.eml',
  engine: 'AolText',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@aol.example.com>',
  subject: 'Returned mail: User unknown',
  to: 's.cohen@example-llc.com',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 -0500 (EST)
from mtaout-da04.r1000.mx.aol.example.com [192.0.2.30]

   ----- The following addresses had permanent fatal errors -----
<s.cohen@example-llc.com>
    (reason: 550 5.1.1 <s.cohen@example-llc.com>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.example-llc.com.:
>>> RCPT To:<s.cohen@example-llc.com>
<<< 550 5.1.1 <s.cohen@example-llc.com>... User unknown
550 5.1.1 <s.cohen@example-llc.com>... User unknown

   ----- Original message follows -----`,
  expected: L('userunknown', '5.1.1', 550),
});
webmail({
  file: 'mailcom-exim-text-after-data.eml',
  engine: 'MailComText',
  from: 'Mail Delivery System <mailer-daemon@mail.example.com>',
  subject: 'Mail delivery failed: returning message to sender',
  to: 'v.moreau@example-cabinet.fr',
  body: `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  v.moreau@example-cabinet.fr
    SMTP error from remote server for MAIL FROM command, host: mx.example-cabinet.fr (192.0.2.95) reason: 553 5.7.1 Sender address rejected: domain of sender has no valid MX record

------ This is a copy of the message, including all the headers. ------`,
  expected: L('rejected', '5.7.1', 553),
});

// --- Old Unix MTAs ---------------------------------------------------------------------------------------------------
add({
  file: 'pmdf-illegal-host.eml',
  engine: 'PMDF',
  from: 'PMDF Mail Server <postmaster@vms.example-labor.edu>',
  subject: 'Delivery Notification: Delivery has failed',
  originalTo: 'g.berg@nowhere.example-labor-typo.edu',
  returned: 'attached',
  body: `This report relates to a message you sent with the following header fields:

  Message-id: <inv-20250815@shop.example.com>
  Date: Mon, 03 Mar 2025 09:12:00 +0000
  From: billing@shop.example.com
  To: g.berg@nowhere.example-labor-typo.edu
  Subject: Invoice 2025-0815

Your message cannot be delivered to the following recipients:

  Recipient address: g.berg@nowhere.example-labor-typo.edu
  Reason: Illegal host/domain name found
`,
  expected: [L('hostunknown', '5.0.912')],
});
const oldSendmail = (file: string, to: string, transcript: string, summary: string, expected: Expected) =>
  add({
    file,
    engine: 'Sendmail86',
    from: 'Mail Delivery Subsystem <MAILER-DAEMON@relay.example-uni.edu>',
    subject: 'Returned mail: Service unavailable',
    originalTo: to,
    returned: 'inline',
    body: `   ----- Transcript of session follows -----
${transcript}
${summary}

   ----- Unsent message follows -----
{original}`,
    expected: [expected],
  });
oldSendmail(
  'sendmail86-rcpt-unknown.eml',
  't.walker@cs.example-college.edu',
  `... while talking to cs.example-college.edu.:
>>> RCPT To:<t.walker@cs.example-college.edu>
<<< 550 <t.walker@cs.example-college.edu>... User unknown`,
  '550 t.walker@cs.example-college.edu... User unknown',
  L('userunknown', '5.0.911', 550),
);
oldSendmail(
  'sendmail86-data-spam.eml',
  'n.price@example-dept.gov',
  `... while talking to mail.example-dept.gov.:
>>> DATA
<<< 554 Message refused: looks like spam to our filter`,
  '554 n.price@example-dept.gov... Service unavailable',
  L('spamdetected', '5.0.980', 554),
);
add({
  file: 'qmail-send-relay-denied.eml',
  engine: 'qmail',
  from: 'MAILER-DAEMON@mx.example-hosting.net',
  subject: 'failure notice',
  originalTo: 'c.young@example-client.net',
  returned: 'inline',
  body: `Hi. This is the qmail-send program at mx.example-hosting.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<c.young@example-client.net>:
192.0.2.120 does not like recipient.
Remote host said: 554 5.7.1 <c.young@example-client.net>: Relay access denied
Giving up on 192.0.2.120.

--- Below this line is a copy of the message.

{original}`,
  expected: [L('norelaying', '5.7.1', 554)],
});

// --- Not bounces ---------------------------------------------------------------------------------------------------
const notBounce = (...a: Parameters<typeof notBounceSpec>) => add(notBounceSpec(...a));
notBounce(
  'person-cs-reply-about-bounce.eml',
  'HumanReply',
  'Jana Svobodová <j.svobodova@example-sro.cz>',
  'Re: Nedoručitelná zpráva',
  `Dobrý den,

omlouvám se, naše schránka byla přeplněná, už jsme ji vyčistili.
Pošlete prosím fakturu znovu, teď by to mělo projít.

S pozdravem
Jana Svobodová
`,
);
notBounce(
  'newsletter-bounce-codes-explained.eml',
  'Newsletter',
  'Deliverability Weekly <news@example-deliverability.com>',
  'Why did my email bounce? 550 5.1.1, 552 5.2.2 and 421 explained',
  `This week: what the most common bounce codes mean.

550 5.1.1 User unknown - the mailbox does not exist; remove the address.
552 5.2.2 Mailbox full - the recipient has run out of space; try later.
421 4.7.0 Try again later - the receiving server is throttling you.

Read the full article on our blog. You receive this newsletter because you
subscribed at example-deliverability.com. Unsubscribe: https://example-deliverability.com/u
`,
  [['List-Unsubscribe', '<https://example-deliverability.com/u>']],
);
notBounce(
  'postmaster-tr-quota-warning.eml',
  'QuotaWarning',
  'Postmaster <postmaster@mail.example-isp.com.tr>',
  'Posta kutunuz dolmak üzere',
  `Sayın kullanıcımız,

Posta kutunuzun kotasının %92'si dolmuştur. Kota dolduğunda size gönderilen
iletiler teslim edilemeyecek ve gönderene geri dönecektir. Lütfen eski
iletileri silin.

Bilgi İşlem
`,
);
notBounce(
  'mailer-daemon-sv-queue-summary.eml',
  'QueueReport',
  'MAILER-DAEMON <MAILER-DAEMON@smtp.example-operator.se>',
  'Daglig kösammanfattning',
  `Kösammanfattning för smtp.example-operator.se, 2025-03-03:

  Meddelanden i kö:            12
  Levererade senaste dygnet:   48 211
  Studsade senaste dygnet:     37
  Uppskjutna:                  5

Detta är en automatisk rapport till administratörerna.
`,
);
notBounce(
  'parcel-el-not-delivered.eml',
  'Notification',
  'Courier Express <noreply@example-courier.gr>',
  'Αδυναμία παράδοσης δέματος',
  `Αγαπητέ πελάτη,

Η αποστολή σας 4410923 δεν παραδόθηκε σήμερα, επειδή δεν βρέθηκε κανείς στη
διεύθυνση. Θα γίνει νέα προσπάθεια αύριο.

Ευχαριστούμε
`,
);

writeLegacyCorpus('legacy6', OUT, specs);
