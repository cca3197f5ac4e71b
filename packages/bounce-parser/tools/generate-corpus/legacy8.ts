/**
 * The eighth hand-written legacy and text-only batch (test/corpora/legacy8/), a blind batch for the held-out
 * collections B and C of issue 13: written after legacy.ts to legacy7.ts had been read and tuned on, without reading
 * the parser's source or wording tables, and labelled before the parser read it. The kinds the issue names for C, in
 * forms the earlier batches used little or not at all: Exchange 5.5/2000/2003 (two recipients in one notice, German,
 * Swedish, Czech, Chinese, Turkish), Microsoft SMTPSVC delay notices, Lotus Domino/Notes, Novell GroupWise, Mercury,
 * MDaemon, Kerio, IMail, Zimbra, CommuniGate, Sun ONE/iPlanet (failure and delay), an X.400 gateway, qmail and its
 * variants (vpopmail, chkuser, two recipients), old Sendmail 8 text notices, VMS MAIL/PMDF, smail, MMDF, old Exim and
 * Postfix warnings; mail filters' own notices (MailMarshal, InterScan, SurfControl, McAfee, Apache James, a "There was
 * an error sending your mail" appliance); webmail providers (Gmail failure and delay, old Yahoo and AOL, Outlook.com,
 * GMX, Naver, a Japanese ISP); MAILER-DAEMON/postmaster notices with Italian, Portuguese, Dutch, Polish, Turkish,
 * Chinese, Arabic, Hungarian, French, German, Spanish and Russian subjects; delay notices, 4xx replies inside final
 * failures and "retries exhausted" notices; a notice whose envelope sender is postmaster, not the null path. And
 * look-alikes that are not bounces: challenge-response (Boxbe and others), DMARC reports, mailing-list notices, read
 * receipts, a recall failure, an SMS gateway report, postmaster newsletters and quota warnings, auto-replies, and a
 * success DSN (labelled `delivered`, not a failure).
 *
 * Labels follow legacy.ts to legacy7.ts (README.md beside this file): status = the enhanced code the text shows,
 * else the pseudo status of the reason (5.0.9xx; 4.0.9xx in a delay notice); replyCode = the SMTP code the text shows
 * (null when its class digit differs from the status's, or when none is shown); "user unknown" at RCPT or with an
 * X.1.1 status is `userunknown`, a format's own directory miss (Domino, VMS NOSUCHUSR, Exchange 5.5) too, a local
 * delivery agent's bare "unknown user" without stage or X.1.x `filtered`; a notice whose only cause is the time in
 * the queue or a timeout is `expired`, a give-up after refused connections `networkerror`; a 4.x.x code in a final
 * failure is kept. Permanence (for the C-style figures): a file whose name contains `-delay` is a delay notice
 * (action delayed); every other bounce is a final failure (action failed), "retries exhausted" notices included.
 *
 *   npx tsx tools/generate-corpus/legacy8.ts     (rewrites test/corpora/legacy8/)
 */
import { fileURLToPath } from 'node:url';
import { AUTO_REPLY, type Expected } from './labels.js';
import { L, notBounceSpec, type Spec, writeLegacyCorpus } from './legacy-render.js';
import { encodeWord } from './message-builder.js';

const OUT = fileURLToPath(new URL('../../test/corpora/legacy8', import.meta.url));

const specs: Spec[] = [];
const add = (s: Spec) => specs.push(s);

type Notice = {
  file: string;
  engine: string;
  from: string;
  subject: string;
  to: string;
  body: string;
  expected: Expected[];
  encoding?: Spec['encoding'];
  headers?: Spec['headers'];
  returnPath?: string;
};

/** A text bounce with the original quoted inline after the text, or attached as message/rfc822. */
const notice =
  (returned: 'inline' | 'attached') =>
  (o: Notice): void => {
    add({
      file: o.file,
      engine: o.engine,
      from: o.from,
      subject: o.subject,
      originalTo: o.to,
      returned,
      ...(o.encoding ? { encoding: o.encoding } : {}),
      ...(o.headers ? { headers: o.headers } : {}),
      ...(o.returnPath ? { returnPath: o.returnPath } : {}),
      body: returned === 'inline' ? `${o.body}\n\n{original}` : o.body,
      expected: o.expected,
    });
  };
const inline = notice('inline');
const attached = notice('attached');

// --- Exchange 5.5 / 2000 / 2003 ----------------------------------------------------------------------------------------
attached({
  file: 'exchange2000-en-two-recipients.eml',
  engine: 'Exchange2003',
  from: 'System Administrator <postmaster@mail.example-holdings.com>',
  subject: 'Undeliverable: Invoice 2025-0815',
  to: 'a.turner@example-holdings.com, b.shaw@example-holdings.com',
  body: `Your message did not reach some or all of the intended recipients.

      Subject:\tInvoice 2025-0815
      Sent:\t3/3/2025 9:12 AM

The following recipient(s) could not be reached:

      a.turner@example-holdings.com on 3/3/2025 9:12 AM
            The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. If the problem continues, please contact your helpdesk.
            <mail.example-holdings.com #5.1.1>

      b.shaw@example-holdings.com on 3/3/2025 9:12 AM
            The recipient's mailbox is full and can't accept messages now. Please try resending this message later, or contact the recipient directly.
            <mail.example-holdings.com #5.2.2>
`,
  expected: [L('userunknown', '5.1.1'), L('mailboxfull', '5.2.2')],
});
attached({
  file: 'exchange2003-de-relay-remote.eml',
  engine: 'Exchange2003',
  from: 'Systemadministrator <postmaster@mail.example-versand.de>',
  subject: encodeWord('Unzustellbar: Invoice 2025-0815'),
  to: 'k.richter@example-extern.de',
  encoding: 'quoted-printable',
  body: `Ihre Nachricht hat einige oder alle Empfänger nicht erreicht.

      Betreff:\tInvoice 2025-0815
      Gesendet:\t03.03.2025 09:12

Folgende(r) Empfänger konnte(n) nicht erreicht werden:

      k.richter@example-extern.de am 03.03.2025 09:12
            Sie haben keine Berechtigung, an diesen Empfänger zu senden. Wenden Sie sich an Ihren Systemadministrator.
            <mail.example-versand.de #5.7.1 smtp;554 5.7.1 <k.richter@example-extern.de>: Relay access denied>
`,
  expected: [L('norelaying', '5.7.1', 554)],
});
attached({
  file: 'exchange2003-sv-full.eml',
  engine: 'Exchange2003',
  from: 'Systemadministratör <postmaster@mail.example-bolaget.se>',
  subject: encodeWord('Ej levererbart: Invoice 2025-0815'),
  to: 'e.lindqvist@example-bolaget.se',
  encoding: 'quoted-printable',
  body: `Ditt meddelande nådde inte några eller alla mottagare.

      Ämne:\tInvoice 2025-0815
      Skickat:\t2025-03-03 09:12

Följande mottagare kunde inte nås:

      e.lindqvist@example-bolaget.se den 2025-03-03 09:12
            Mottagarens postlåda är full och kan inte ta emot meddelanden just nu.
            <mail.example-bolaget.se #5.2.2>
`,
  expected: [L('mailboxfull', '5.2.2')],
});
attached({
  file: 'exchange2003-cs-remote-unknown.eml',
  engine: 'Exchange2003',
  from: 'Správce systému <postmaster@posta.example-firma.cz>',
  subject: encodeWord('Nedoručitelné: Invoice 2025-0815'),
  to: 'p.novak@example-partner.cz',
  encoding: 'quoted-printable',
  body: `Zpráva nebyla doručena některým nebo všem příjemcům.

      Předmět:\tInvoice 2025-0815
      Odesláno:\t3.3.2025 9:12

Následující příjemce nebylo možné zastihnout:

      p.novak@example-partner.cz dne 3.3.2025 9:12
            E-mailový systém příjemce zprávu odmítl.
            <posta.example-firma.cz #5.1.1 smtp;550 5.1.1 <p.novak@example-partner.cz>: Recipient address rejected: User unknown in local recipient table>
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
attached({
  file: 'exchange2003-zh-expired.eml',
  engine: 'Exchange2003',
  from: '系统管理员 <postmaster@mail.example-gongsi.cn>',
  subject: encodeWord('无法投递: Invoice 2025-0815'),
  to: 'li.na@example-kehu.cn',
  encoding: 'base64',
  body: `您的邮件未能到达部分或全部预期收件人。

      主题:\tInvoice 2025-0815
      发送时间:\t2025-3-3 9:12

无法访问以下收件人:

      li.na@example-kehu.cn 于 2025-3-5 9:14
            无法在规定的时间内传递邮件。请重新发送或与系统管理员联系。
            <mail.example-gongsi.cn #4.4.7>
`,
  expected: [L('expired', '4.4.7')],
});
attached({
  file: 'exchange2003-tr-host-unknown.eml',
  engine: 'Exchange2003',
  from: 'Sistem Yöneticisi <postmaster@posta.example-sirket.com.tr>',
  subject: encodeWord('Teslim edilemiyor: Invoice 2025-0815'),
  to: 'a.yilmaz@example-yanlis-alan.com.tr',
  encoding: 'quoted-printable',
  body: `İletiniz, hedeflenen alıcıların bazılarına veya tümüne ulaşmadı.

      Konu:\tInvoice 2025-0815
      Gönderilme:\t3.3.2025 09:12

Aşağıdaki alıcılara ulaşılamadı:

      a.yilmaz@example-yanlis-alan.com.tr, 3.3.2025 09:12 tarihinde
            Alıcının e-posta etki alanı bulunamadı. Adresi denetleyip yeniden gönderin.
            <posta.example-sirket.com.tr #5.4.0>
`,
  expected: [L('hostunknown', '5.4.0')],
});
attached({
  file: 'exchange55-de-unknown-recipient.eml',
  engine: 'Exchange55',
  from: 'Systemverwalter <postmaster@exch55.example-werk.de>',
  subject: encodeWord('Unzustellbar: Invoice 2025-0815'),
  to: 'w.krause@example-werk.de',
  encoding: '8bit',
  body: `Ihre Nachricht

      Betreff:\tInvoice 2025-0815
      Gesendet am:\t03.03.2025 09:12

hat folgende(n) Empfänger nicht erreicht:

w.krause@example-werk.de am 03.03.2025 09:12
            Der Empfängername wurde nicht erkannt.
            MSEXCH:IMS:Example Werk:Zentrale:EXCH55 0 (000C05A6) Unknown Recipient
`,
  expected: [L('userunknown', '5.0.911')],
});
attached({
  file: 'smtpsvc-en-delay.eml',
  engine: 'SMTPSVC',
  from: 'postmaster@smtp.example-iis.com',
  subject: 'Delivery Status Notification (Delay)',
  to: 'r.bell@example-faraway.com',
  headers: [['X-Mailer', 'Microsoft SMTPSVC']],
  body: `This is an automatically generated Delivery Status Notification.

THIS IS A WARNING MESSAGE ONLY.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

Delivery to the following recipients has been delayed.

       r.bell@example-faraway.com
`,
  expected: [L('expired', '4.0.947')],
});
attached({
  file: 'smtpsvc-de-delay.eml',
  engine: 'SMTPSVC',
  from: 'postmaster@smtp.example-iis.de',
  subject: encodeWord('Übermittlungsstatusbenachrichtigung (Verzögerung)'),
  to: 's.vogel@example-fern.de',
  encoding: 'quoted-printable',
  body: `Dies ist eine automatisch erstellte Übermittlungsstatusbenachrichtigung.

DIES IST NUR EINE WARNUNG.

SIE MÜSSEN DIE NACHRICHT NICHT ERNEUT SENDEN.

Die Übermittlung an folgende Empfänger wurde verzögert.

       s.vogel@example-fern.de
`,
  expected: [L('expired', '4.0.947')],
});

// --- Lotus Domino / Notes ------------------------------------------------------------------------------------------------
const domino = (o: { file: string; subject: string; to: string; because: string; expected: Expected; lang?: 'de' }) =>
  attached({
    file: o.file,
    engine: 'Domino',
    from: 'Mail Router <Postmaster@notes.example-insurance.com>',
    subject: o.subject,
    to: o.to,
    encoding: o.lang ? 'quoted-printable' : undefined,
    body:
      o.lang === 'de'
        ? `Ihr Dokument:\tInvoice 2025-0815
wurde nicht zugestellt an:\t${o.to}
weil:\t${o.because}

Was sollte ich tun?
Überprüfen Sie die Adresse und senden Sie die Nachricht erneut.
`
        : `Your document:\tInvoice 2025-0815
was not delivered to:\t${o.to}
because:\t${o.because}

What should you do?
You can verify the address and resend the message.
`,
    expected: [o.expected],
  });
domino({
  file: 'domino-en-not-listed.eml',
  subject: 'DELIVERY FAILURE: User tom.gray (tom.gray@example-insurance.com) not listed in Domino Directory',
  to: 'tom.gray@example-insurance.com',
  because: 'User tom.gray (tom.gray@example-insurance.com) not listed in Domino Directory',
  expected: L('userunknown', '5.0.911'),
});
domino({
  file: 'domino-de-remote-spam.eml',
  subject: encodeWord('Zustellungsfehler: 554 5.7.1 Message rejected as spam'),
  to: 'b.schmitt@example-kunde.de',
  because: '554 5.7.1 Message rejected as spam by content filter',
  lang: 'de',
  expected: L('spamdetected', '5.7.1', 554),
});
domino({
  file: 'domino-en-mailfile-full.eml',
  subject: "DELIVERY FAILURE: Recipient's mail file is full",
  to: 'jane.hill@example-insurance.com',
  because: "Unable to deliver message: the recipient's mail file has exceeded its quota",
  expected: L('mailboxfull', '5.0.922'),
});

// --- Novell GroupWise, Mercury, MDaemon, Kerio, IMail ---------------------------------------------------------------
attached({
  file: 'groupwise-remote-unknown.eml',
  engine: 'GroupWise',
  from: 'GWIA <postmaster@gw.example-county.gov>',
  subject: 'Message status - undeliverable',
  to: 'dwilson@example-city.gov',
  body: `The attached file had the following undeliverable recipient(s):
dwilson@example-city.gov

Transcript of session follows:
Command: RCPT TO:<dwilson@example-city.gov>
Response: 550 5.1.1 <dwilson@example-city.gov>... User unknown
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
attached({
  file: 'groupwise-es-relay.eml',
  engine: 'GroupWise',
  from: 'GWIA <postmaster@gw.example-ayuntamiento.es>',
  subject: encodeWord('Estado del mensaje: no se puede entregar'),
  to: 'm.lopez@example-destino.es',
  encoding: 'quoted-printable',
  body: `El archivo adjunto tenía los siguientes destinatarios a los que no se pudo entregar:
m.lopez@example-destino.es

Transcripción de la sesión:
Comando: RCPT TO:<m.lopez@example-destino.es>
Respuesta: 550 5.7.1 Unable to relay for m.lopez@example-destino.es
`,
  expected: [L('norelaying', '5.7.1', 550)],
});
inline({
  file: 'mercury-local-unknown.eml',
  engine: 'Mercury',
  from: 'Mercury 32 Mail Server <postmaster@mercury.example-school.org>',
  subject: 'Delivery failure',
  to: 'kjones@example-school.org',
  body: `This message is sent to you by the Mercury 32 Mail Server at mercury.example-school.org.

    ---- Unknown or illegal user: kjones@example-school.org ----

The original message follows:`,
  expected: [L('filtered', '5.0.910')],
});
inline({
  file: 'mercury-remote-blocked.eml',
  engine: 'Mercury',
  from: 'Mercury 32 Mail Server <postmaster@mercury.example-school.org>',
  subject: 'Delivery failure',
  to: 'admissions@example-college.edu',
  body: `This message is sent to you by the Mercury 32 Mail Server at mercury.example-school.org.

*** Unable to deliver message to admissions@example-college.edu ***
The remote server rejected the recipient.
Server response: 554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org

The original message follows:`,
  expected: [L('blocked', '5.7.1', 554)],
});
attached({
  file: 'mdaemon-permanent-unknown.eml',
  engine: 'MDaemon',
  from: 'MDaemon <MDaemon@mail.example-praxis.at>',
  subject: 'Permanent Delivery Failure',
  to: 'o.gruber@example-labor.at',
  headers: [['X-MDaemon-Deliver-To', 'billing@shop.example.com']],
  body: `The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.  The number and frequency
of delivery attempts are determined by local configuration parameters.

YOU SHOULD NOT RE-SEND THE ATTACHED MESSAGE WITHOUT FIRST ADDRESSING THE
CAUSE OF THE DELIVERY PROBLEM.

--- Session Transcript ---
 Mon 2025-03-03 09:12:05: Session 4411; child 1
 Mon 2025-03-03 09:12:05: Parsing message <mail.example-praxis.at\\pd50000123.msg>
 Mon 2025-03-03 09:12:05: *  From: billing@shop.example.com
 Mon 2025-03-03 09:12:05: *  To: o.gruber@example-labor.at
 Mon 2025-03-03 09:12:06: --> RCPT TO:<o.gruber@example-labor.at>
 Mon 2025-03-03 09:12:06: <-- 550 5.2.1 <o.gruber@example-labor.at>: Mailbox disabled, not accepting messages
--- End Transcript ---
`,
  expected: [L('suspend', '5.2.1', 550)],
});
attached({
  file: 'mdaemon-warning-delay.eml',
  engine: 'MDaemon',
  from: 'MDaemon <MDaemon@mail.example-praxis.at>',
  subject: 'Warning: Temporary Delivery Failure',
  to: 'f.huber@example-apotheke.at',
  body: `The attached message has encountered temporary delivery problems.

This is a warning only; no action is required on your part. The message
will remain in the retry queue and delivery will be attempted again.

--- Session Transcript ---
 Mon 2025-03-03 09:12:06: --> RCPT TO:<f.huber@example-apotheke.at>
 Mon 2025-03-03 09:12:06: <-- 451 4.7.1 Greylisting in effect, please retry in 5 minutes
--- End Transcript ---
`,
  expected: [L('expired', '4.7.1', 451)],
});
attached({
  file: 'kerio-en-quota.eml',
  engine: 'Kerio',
  from: 'Kerio Connect <postmaster@mail.example-studio.com>',
  subject: 'Undeliverable: Invoice 2025-0815',
  to: 'n.ford@example-studio.com',
  body: `Your message did not reach some or all of the intended recipients.

   Sent: Mon, 3 Mar 2025 09:12:01 +0100
   Subject: Invoice 2025-0815

The following recipient(s) could not be reached:

n.ford@example-studio.com
   Error Type: Local delivery
   Error: 552 5.2.2 Mailbox quota exceeded
`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'imail-unknown-user.eml',
  engine: 'IMail',
  from: 'IMail Server <postmaster@imail.example-clinic.com>',
  subject: 'Undeliverable Mail',
  to: 'reception@example-clinic.com',
  body: `Unknown user: reception@example-clinic.com

Original message follows.`,
  expected: [L('userunknown', '5.0.911')],
});

// --- Zimbra, CommuniGate, Sun ONE / iPlanet, X.400 ---------------------------------------------------------------------
inline({
  file: 'zimbra-postfix-disabled.eml',
  engine: 'Zimbra',
  from: 'MAILER-DAEMON@zimbra.example-agency.com (Mail Delivery System)',
  subject: 'Undelivered Mail Returned to Sender',
  to: 'g.moore@example-client.org',
  body: `This is the mail system at host zimbra.example-agency.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<g.moore@example-client.org>: host mx.example-client.org[192.0.2.180] said:
    550 5.2.1 <g.moore@example-client.org>: Recipient address rejected:
    account disabled (in reply to RCPT TO command)`,
  expected: [L('suspend', '5.2.1', 550)],
});
inline({
  file: 'communigate-remote-unknown.eml',
  engine: 'CommuniGate',
  from: 'MAILER-DAEMON@cgp.example-telecom.net',
  subject: 'Undeliverable mail: Invoice 2025-0815',
  to: 'v.ivanova@example-zavod.ru',
  body: `Failed to deliver to '<v.ivanova@example-zavod.ru>'
SMTP module(domain example-zavod.ru) reports:
 mx.example-zavod.ru: 550 5.1.1 <v.ivanova@example-zavod.ru>: user does not exist
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'communigate-local-full.eml',
  engine: 'CommuniGate',
  from: 'MAILER-DAEMON@cgp.example-telecom.net',
  subject: 'Undeliverable mail: Invoice 2025-0815',
  to: 'support@example-telecom.net',
  body: `Failed to deliver to '<support@example-telecom.net>'
LOCAL module(account support) reports:
 account is full (disk quota exceeded)
`,
  expected: [L('mailboxfull', '5.0.922')],
});
inline({
  file: 'iplanet-text-unknown.eml',
  engine: 'MessagingServer',
  from: 'Internet Mail Delivery <postmaster@ms.example-univ.edu>',
  subject: 'Delivery Notification: Delivery has failed',
  to: 'l.king@example-lab.edu',
  body: `This report relates to a message you sent with the following header fields:

  Message-id: <inv-1@shop.example.com>
  Date: Mon, 03 Mar 2025 09:12:01 +0100
  From: billing@shop.example.com
  To: l.king@example-lab.edu
  Subject: Invoice 2025-0815

Your message cannot be delivered to the following recipients:

  Recipient address: l.king@example-lab.edu
  Reason: Remote SMTP server has rejected address
  Diagnostic code: smtp;550 5.1.1 unknown or illegal alias: l.king@example-lab.edu
  Remote system: dns;mx.example-lab.edu (TCP|192.0.2.190|25) (mx.example-lab.edu ESMTP)`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'iplanet-text-delay.eml',
  engine: 'MessagingServer',
  from: 'Internet Mail Delivery <postmaster@ms.example-univ.edu>',
  subject: 'Delivery Notification: Delivery has been delayed',
  to: 'r.scott@example-lab.edu',
  body: `This report relates to a message you sent with the following header fields:

  Date: Mon, 03 Mar 2025 09:12:01 +0100
  From: billing@shop.example.com
  To: r.scott@example-lab.edu
  Subject: Invoice 2025-0815

Your message has not yet been delivered to the following recipients:

  Recipient address: r.scott@example-lab.edu
  Reason: Remote SMTP server temporarily rejected address
  Diagnostic code: smtp;452 4.2.2 Over quota, try again later
  Remote system: dns;mx.example-lab.edu (TCP|192.0.2.190|25)

Delivery attempts will continue to be made for 4 more days.`,
  expected: [L('mailboxfull', '4.2.2', 452)],
});
attached({
  file: 'x400-gateway-unknown-or-name.eml',
  engine: 'X400',
  from: 'X.400 Gateway <postmaster@x400gw.example-bund.de>',
  subject: 'Non-delivery notification: Invoice 2025-0815',
  to: 'h.meier@example-amt.de',
  body: `Your message was not delivered to the following recipient:

  c=DE;a=EXAMPLE;p=AMT;o=ZENTRALE;s=Meier;g=Hans;
  (RFC 822: h.meier@example-amt.de)

  Reason:      Unable to transfer (1)
  Diagnostic:  Unrecognised O/R name (0)

MTS identifier: c=DE;a=EXAMPLE;l=GW1-250303091201Z-8812
`,
  expected: [L('userunknown', '5.0.911')],
});

// --- qmail and variants ----------------------------------------------------------------------------------------------------
const qmail = (o: { file: string; host?: string; to: string; failures: string; expected: Expected[] }) =>
  inline({
    file: o.file,
    engine: 'qmail',
    from: `MAILER-DAEMON@${o.host ?? 'mail.example-hosting.nl'}`,
    subject: 'failure notice',
    to: o.to,
    body: `Hi. This is the qmail-send program at ${o.host ?? 'mail.example-hosting.nl'}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

${o.failures}

--- Below this line is a copy of the message.`,
    expected: o.expected,
  });
qmail({
  file: 'qmail-data-virus.eml',
  to: 'f.visser@example-bv.nl',
  failures: `<f.visser@example-bv.nl>:
192.0.2.200 failed after I sent the message.
Remote host said: 554 5.7.1 This message has been blocked because it contains a virus (Eicar-Test-Signature)`,
  expected: [L('virusdetected', '5.7.1', 554)],
});
qmail({
  file: 'qmail-two-recipients-local-and-remote.eml',
  to: 'info@example-hosting.nl, j.bakker@example-kapper.nl',
  failures: `<info@example-hosting.nl>:
Sorry, no mailbox here by that name. (#5.1.1)

<j.bakker@example-kapper.nl>:
192.0.2.201 does not like recipient.
Remote host said: 552 5.2.2 <j.bakker@example-kapper.nl>: mailbox full
Giving up on 192.0.2.201.`,
  expected: [L('userunknown', '5.1.1'), L('mailboxfull', '5.2.2', 552)],
});
qmail({
  file: 'vpopmail-over-quota.eml',
  host: 'mx.example-vps.it',
  to: 'segreteria@example-vps.it',
  failures: `<segreteria@example-vps.it>:
The users mailfolder is over the allowed quota (size). (#5.2.2)`,
  expected: [L('mailboxfull', '5.2.2')],
});
qmail({
  file: 'qmail-chkuser-remote.eml',
  host: 'smtp.example-webhost.it',
  to: 'amministrazione@example-srl.it',
  failures: `<amministrazione@example-srl.it>:
192.0.2.202 does not like recipient.
Remote host said: 511 sorry, no mailbox here by that name (#5.1.1 - chkuser)
Giving up on 192.0.2.202.`,
  expected: [L('userunknown', '5.1.1', 511)],
});

// --- Old Sendmail 8, VMS/PMDF, smail, MMDF, old Exim and Postfix warnings -----------------------------------------------
inline({
  file: 'sendmail8-host-unknown.eml',
  engine: 'Sendmail',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@unix.example-dept.edu>',
  subject: 'Returned mail: Host unknown (Name server: example-nowhere.edu: host not found)',
  to: 'prof.adams@example-nowhere.edu',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 -0500
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
prof.adams@example-nowhere.edu

   ----- Transcript of session follows -----
550 5.1.2 prof.adams@example-nowhere.edu... Host unknown (Name server: example-nowhere.edu: host not found)

   ----- Original message follows -----`,
  expected: [L('hostunknown', '5.1.2', 550)],
});
inline({
  file: 'sendmail8-cannot-send-5-days-timeout.eml',
  engine: 'Sendmail',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@unix.example-dept.edu>',
  subject: 'Returned mail: Cannot send message for 5 days',
  to: 'c.white@example-offline.org',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 -0500
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<c.white@example-offline.org>

   ----- Transcript of session follows -----
<c.white@example-offline.org>... Deferred: Connection timed out with mx.example-offline.org.
Message could not be delivered for 5 days
Message will be deleted from queue

   ----- Original message follows -----`,
  expected: [L('expired', '5.0.947')],
});
inline({
  file: 'sendmail8-two-recipients-rcpt.eml',
  engine: 'Sendmail',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@unix.example-dept.edu>',
  subject: 'Returned mail: User unknown',
  to: 'a.lee@example-corp.com, b.chan@example-corp.com',
  body: `The original message was received at Mon, 3 Mar 2025 09:12:01 -0500
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<a.lee@example-corp.com>
<b.chan@example-corp.com>

   ----- Transcript of session follows -----
... while talking to mail.example-corp.com.:
>>> RCPT To:<a.lee@example-corp.com>
<<< 550 5.1.1 <a.lee@example-corp.com>... User unknown
550 5.1.1 <a.lee@example-corp.com>... User unknown
>>> RCPT To:<b.chan@example-corp.com>
<<< 550 5.1.1 <b.chan@example-corp.com>... User unknown
550 5.1.1 <b.chan@example-corp.com>... User unknown

   ----- Original message follows -----`,
  expected: [L('userunknown', '5.1.1', 550), L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'vms-mail-nosuchusr.eml',
  engine: 'PMDF',
  from: 'PMDF Mail Server <Postmaster@VAX1.EXAMPLE-LAB.EDU>',
  subject: 'Undeliverable mail',
  to: 'JSMITH@VAX1.EXAMPLE-LAB.EDU',
  body: `The message could not be delivered to:

 Addressee: JSMITH
 Reason:
  %MAIL-E-NOSUCHUSR, no such user JSMITH at node VAX1

----------------------------------------`,
  expected: [L('userunknown', '5.0.911')],
});
inline({
  file: 'pmdf-text-relay-refused.eml',
  engine: 'PMDF',
  from: 'PMDF e-Mail Interconnect <postmaster@pmdf.example-gov.org>',
  subject: 'Delivery Notification: Delivery has failed',
  to: 'records@example-county.org',
  body: `This report relates to a message you sent with the following header fields:

  Date: Mon, 03 Mar 2025 09:12:01 -0500
  From: billing@shop.example.com
  To: records@example-county.org
  Subject: Invoice 2025-0815

Your message cannot be delivered to the following recipients:

  Recipient address: records@example-county.org
  Original address: records@example-county.org
  Reason: SMTP transmission failure has occurred
  Diagnostic code: smtp;550 5.7.1 <records@example-county.org>... Relaying denied
  Remote system: dns;mail.example-county.org (TCP|192.0.2.210|25)`,
  expected: [L('norelaying', '5.7.1', 550)],
});
inline({
  file: 'smail-remote-mailbox-full.eml',
  engine: 'Smail',
  from: 'MAILER-DAEMON@relay.example-research.org',
  subject: 'mail failed, returning to sender',
  to: 'dr.ng@example-institute.org',
  body: `|------------------------- Failed addresses follow: ---------------------|
 <dr.ng@example-institute.org> ... transport smtp: 552 5.2.2 <dr.ng@example-institute.org>... Mailbox full
|------------------------- Message text follows: ------------------------|`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'mmdf-warning-delay.eml',
  engine: 'MMDF',
  from: 'MMDF Mail System <mmdf@relay.example-college.ac.uk>',
  subject: 'Waiting mail',
  to: 't.reid@example-remote.ac.uk',
  body: `    After 2 days (51 hours), your message has not yet been fully delivered.
Attempts to deliver the message will continue for 5 more days.
No further action is required by you.

    Delivery attempts are still pending for the following address(es):

        t.reid@example-remote.ac.uk (host: example-remote.ac.uk) (queue: smtp)

    Your message follows:`,
  expected: [L('expired', '4.0.947')],
});
inline({
  file: 'exim-old-warning-delay.eml',
  engine: 'EximText',
  from: 'Mail Delivery System <Mailer-Daemon@mx.example-host.ie>',
  subject: 'Warning: message 1tXyZa-0004Qm-2B delayed 24 hours',
  to: 'siobhan@example-pub.ie',
  headers: [['X-Failed-Recipients', 'siobhan@example-pub.ie']],
  body: `This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mx.example-host.ie.

The message identifier is:     1tXyZa-0004Qm-2B
The subject of the message is: Invoice 2025-0815

The address to which the message has not yet been delivered is:

  siobhan@example-pub.ie
    host mx.example-pub.ie [192.0.2.220]
    Delay reason: SMTP error from remote mail server after RCPT TO:<siobhan@example-pub.ie>:
    451 4.3.2 Please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.`,
  expected: [L('expired', '4.3.2', 451)],
});
inline({
  file: 'postfix-text-delay-timeout.eml',
  engine: 'PostfixText',
  from: 'MAILER-DAEMON@out.example-mailer.net (Mail Delivery System)',
  subject: 'Delayed Mail (still being retried)',
  to: 'sales@example-slowhost.com',
  body: `This is the mail system at host out.example-mailer.net.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<sales@example-slowhost.com>: connect to mx.example-slowhost.com[192.0.2.230]:25:
    Connection timed out`,
  expected: [L('expired', '4.0.947')],
});
inline({
  file: 'postfix-text-4xx-final-unverified.eml',
  engine: 'PostfixText',
  from: 'MAILER-DAEMON@out.example-mailer.net (Mail Delivery System)',
  subject: 'Undelivered Mail Returned to Sender',
  to: 'h.ali@example-trading.ae',
  body: `This is the mail system at host out.example-mailer.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<h.ali@example-trading.ae>: host mx.example-trading.ae[192.0.2.231] said: 450
    4.1.1 <h.ali@example-trading.ae>: Recipient address rejected: unverified
    address: mailbox unknown (in reply to RCPT TO command)`,
  expected: [L('userunknown', '4.1.1', 450)],
});
inline({
  file: 'courier-text-data-spam.eml',
  engine: 'Courier',
  from: 'Courier mail server at mail.example-isp.de <@>',
  subject: 'DELIVERY FAILURE: Invoice 2025-0815',
  to: 'u.weiss@example-verlag.de',
  returnPath: 'postmaster@mail.example-isp.de',
  body: `This is a delivery status notification from mail.example-isp.de,
running the Courier mail server, version 1.0.16.

The original message was received on Mon, 03 Mar 2025 09:12:01 +0100
from localhost [127.0.0.1]

---------------------------------------------------------------------------

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<u.weiss@example-verlag.de>:
    mx.example-verlag.de [192.0.2.240]:
>>> DATA
<<< 550 5.7.1 Message classified as spam by SpamAssassin (score 14.2)

---------------------------------------------------------------------------

If your message was also sent to additional recipients, their delivery
status is not included in this report.`,
  expected: [L('spamdetected', '5.7.1', 550)],
});

// --- Filters' and appliances' own notices -------------------------------------------------------------------------------------
attached({
  file: 'mailmarshal-unknown.eml',
  engine: 'MailMarshal',
  from: 'MailMarshal <postmaster@gateway.example-bank.com.au>',
  subject: 'Undeliverable Mail: "Invoice 2025-0815"',
  to: 'k.walsh@example-bank.com.au',
  body: `Your message:
   From:    billing@shop.example.com
   Subject: Invoice 2025-0815

Could not be delivered because of

550 5.1.1 <k.walsh@example-bank.com.au>... User unknown

The following recipients were affected:
    k.walsh@example-bank.com.au
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
attached({
  file: 'interscan-relay-denied.eml',
  engine: 'InterScanMSS',
  from: '"InterScan MSS" <postmaster@imss.example-factory.co.jp>',
  subject: 'Mail could not be delivered',
  to: 'tanaka@example-customer.co.jp',
  body: `******** This is a message from InterScan Messaging Security Suite. ********

Mail could not be delivered.

Sent <<< RCPT TO:<tanaka@example-customer.co.jp>
Received >>> 553 5.7.1 <tanaka@example-customer.co.jp>: Relay access denied

Unable to deliver message to <tanaka@example-customer.co.jp>.
`,
  expected: [L('norelaying', '5.7.1', 553)],
});
attached({
  file: 'surfcontrol-no-such-user.eml',
  engine: 'SurfControl',
  from: 'SurfControl Mail Gateway <postmaster@gw.example-council.gov.uk>',
  subject: 'Undeliverable message',
  to: 'planning@example-borough.gov.uk',
  body: `Your message could not be sent.
A transcript of the attempts to send the message follows.
The number of attempts made: 1
Addressed To: planning@example-borough.gov.uk

Mon, 3 Mar 2025 09:12:07 +0000
Failed to send to identified host,
planning@example-borough.gov.uk: [192.0.2.245], 550 planning@example-borough.gov.uk... No such user
`,
  expected: [L('userunknown', '5.0.911', 550)],
});
attached({
  file: 'mcafee-underscored-unknown.eml',
  engine: 'McAfee',
  from: 'Mail Delivery Subsystem <postmaster@mx.example-retail.com>',
  subject: 'Delivery Status Notification (Failure)',
  to: 'store12@example-retail.com',
  headers: [['X-NAI-Header', 'Modified by McAfee Email Gateway']],
  body: `--- The following addresses had delivery problems ---

<store12@example-retail.com>   (User unknown)

--- Transcript of session follows ---
Permanent Failure: 550_5.1.1_<store12@example-retail.com>..._User_unknown
Delivery last attempted at Mon, 03 Mar 2025 09:12:07 -0000
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
attached({
  file: 'apache-james-unknown.eml',
  engine: 'ApacheJames',
  from: 'postmaster@james.example-software.org',
  subject: '[BOUNCE]',
  to: 'dev@example-project.org',
  headers: [['X-Mailer', 'JAMES SMTP Server 2.3.2']],
  body: `Hi. This is the James mail server at james.example-software.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.  Below
I include the list of recipients and the reason why I was unable to deliver
your message.

Failed recipient(s):
dev@example-project.org

Error message:
550 5.1.1 <dev@example-project.org>: Recipient address rejected: User unknown in virtual mailbox table
`,
  expected: [L('userunknown', '5.1.1', 550)],
});
attached({
  file: 'appliance-error-sending-your-mail.eml',
  engine: 'Appliance',
  from: 'Mail Administrator <Postmaster@mail.example-cable.net>',
  subject: 'There was an error sending your mail',
  to: 'j.ortega@example-hotel.mx',
  body: `The mail server could not deliver mail to j.ortega@example-hotel.mx.  The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.

1 error(s):

SMTP Server <mx.example-hotel.mx> rejected recipient <j.ortega@example-hotel.mx>  (Error following RCPT command). It responded as follows: [550 5.1.1 <j.ortega@example-hotel.mx>: Recipient address rejected: User unknown]
`,
  expected: [L('userunknown', '5.1.1', 550)],
});

// --- Webmail providers --------------------------------------------------------------------------------------------------------
inline({
  file: 'gmail-text-disabled.eml',
  engine: 'GmailText',
  from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.example.com>',
  subject: 'Delivery Status Notification (Failure)',
  to: 'l.rossi@example-azienda.it',
  body: `Delivery to the following recipient failed permanently:

     l.rossi@example-azienda.it

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example-azienda.it by mx.example-azienda.it. [192.0.2.250].

The error that the other server returned was:
550 5.2.1 <l.rossi@example-azienda.it>: The email account that you tried to reach is disabled

----- Original message -----`,
  expected: [L('suspend', '5.2.1', 550)],
});
inline({
  file: 'gmail-text-delay-quota.eml',
  engine: 'GmailText',
  from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.example.com>',
  subject: 'Delivery Status Notification (Delay)',
  to: 'm.garcia@example-empresa.mx',
  body: `This is an automatically generated Delivery Status Notification

THIS IS A WARNING MESSAGE ONLY.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

Delivery to the following recipient has been delayed:

     m.garcia@example-empresa.mx

Message will be retried for 2 more day(s)

Technical details of temporary failure:
The recipient server did not accept our requests to connect. The error that the other server returned was:
452 4.2.2 <m.garcia@example-empresa.mx>: Mailbox is over quota, try again later

----- Original message -----`,
  expected: [L('mailboxfull', '4.2.2', 452)],
});
inline({
  file: 'yahoo-old-dd-no-account.eml',
  engine: 'YahooText',
  from: 'MAILER-DAEMON@yahoo.example.com',
  subject: 'Failure Notice',
  to: 'surfer88@yahoo.example.com',
  body: `Sorry, we were unable to deliver your message to the following address.

<surfer88@yahoo.example.com>:
Remote host said: 554 delivery error: dd This user doesn't have a yahoo.com account (surfer88@yahoo.example.com) [0] - mta1042.mail.ne1.yahoo.example.com [BODY]

--- Below this line is a copy of the message.`,
  expected: [L('userunknown', '5.0.911', 554)],
});
inline({
  file: 'aol-old-mailbox-not-found.eml',
  engine: 'AolText',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@aol.example.com>',
  subject: 'Returned mail: see transcript for details',
  to: 'BigJim1999@aol.example.com',
  body: `The original message was received at Mon, 3 Mar 2025 03:12:01 -0500
from mtaout-da01.r1000.mx.aol.example.com [192.0.2.251]

   ----- The following addresses had permanent fatal errors -----
<BigJim1999@aol.example.com>

   ----- Transcript of session follows -----
... while talking to mailin-01.mx.aol.example.com.:
>>> RCPT To:<BigJim1999@aol.example.com>
<<< 550 MAILBOX NOT FOUND
550 5.1.1 <BigJim1999@aol.example.com>... User unknown`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'outlookcom-text-full.eml',
  engine: 'OutlookText',
  from: 'Microsoft Outlook <postmaster@outlook.example.com>',
  subject: 'Undeliverable: Invoice 2025-0815',
  to: 'kevin.obrien@outlook.example.com',
  body: `Delivery has failed to these recipients or groups:

kevin.obrien@outlook.example.com
The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.

Diagnostic information for administrators:

Generating server: DM6PR02MB1234.namprd02.prod.outlook.example.com

kevin.obrien@outlook.example.com
Remote Server returned '552 5.2.2 STOREDRV.Deliver; mailbox full'

Original message headers:`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'gmx-de-text-unknown.eml',
  engine: 'GmxText',
  from: 'Mail Delivery System <mailer-daemon@gmx.example.net>',
  subject: encodeWord('Mail delivery failed: returning message to sender'),
  to: 'stefan.w@example-webmail.de',
  encoding: 'quoted-printable',
  body: `Diese Nachricht wurde automatisch vom Mailsystem erzeugt.

Die E-Mail konnte an folgende Empfänger nicht zugestellt werden:

stefan.w@example-webmail.de:
SMTP error from remote server for RCPT TO command, host: mx.example-webmail.de (192.0.2.252) reason: 550 5.1.1 Mailbox nicht gefunden / mailbox not found

Dies ist ein dauerhafter Fehler.`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'naver-ko-mailbox-full.eml',
  engine: 'NaverText',
  from: 'MAILER-DAEMON <mailer-daemon@naver.example.com>',
  subject: encodeWord('메일 발송 실패 안내'),
  to: 'kim.minsu@naver.example.com',
  encoding: 'base64',
  body: `보내신 메일이 다음 수신자에게 전달되지 못했습니다.

받는 사람: kim.minsu@naver.example.com
실패 사유: 받는 사람의 메일함 용량이 초과되어 메일을 받을 수 없습니다.

이 메일은 발신 전용입니다.`,
  expected: [L('mailboxfull', '5.0.922')],
});
inline({
  file: 'jp-isp-text-unknown.eml',
  engine: 'JapaneseIspText',
  from: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.example-provider.ne.jp>',
  subject: encodeWord('Returned mail: ユーザが見つかりません'),
  to: 'h.sato@example-provider.ne.jp',
  encoding: 'base64',
  body: `お客様が送信されたメールは、宛先のメールアドレスが見つからなかったため、配信できませんでした。

宛先： h.sato@example-provider.ne.jp
詳細： 550 5.1.1 <h.sato@example-provider.ne.jp>... User unknown

宛先のメールアドレスをご確認の上、再度送信してください。`,
  expected: [L('userunknown', '5.1.1', 550)],
});

// --- MAILER-DAEMON / postmaster notices with localised subjects -------------------------------------------------------------
inline({
  file: 'it-mancato-recapito-spam.eml',
  engine: 'MailerDaemonText',
  from: 'Sistema di posta <MAILER-DAEMON@smtp.example-provider.it>',
  subject: encodeWord('Notifica di mancato recapito'),
  to: 'c.bianchi@example-studio.it',
  encoding: 'quoted-printable',
  body: `Il messaggio non è stato recapitato ai seguenti destinatari:

<c.bianchi@example-studio.it>: il server del destinatario ha risposto:
    550 5.7.1 Messaggio rifiutato: contenuto classificato come spam (in risposta al comando DATA)

Questo è un errore permanente.`,
  expected: [L('spamdetected', '5.7.1', 550)],
});
inline({
  file: 'pt-mensagem-nao-entregue-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'Sistema de Entrega <MAILER-DAEMON@smtp.example-provedor.com.br>',
  subject: encodeWord('Mensagem não entregue: Invoice 2025-0815'),
  to: 'r.souza@example-loja.com.br',
  encoding: 'quoted-printable',
  body: `Não foi possível entregar a sua mensagem para o seguinte destinatário:

r.souza@example-loja.com.br
O servidor de destino respondeu: 550 5.1.1 Usuário desconhecido / User unknown

Este é um erro permanente.`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'nl-onbestelbaar-blacklist.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@mail.example-provider.nl>',
  subject: encodeWord('Onbestelbaar bericht'),
  to: 'w.dekker@example-bedrijf.nl',
  body: `Uw bericht kon niet worden afgeleverd bij de volgende ontvanger:

<w.dekker@example-bedrijf.nl>
De ontvangende server antwoordde: 554 5.7.1 Uw IP-adres 203.0.113.9 staat op een zwarte lijst (bl.spamcop.net)

Dit is een permanente fout.`,
  expected: [L('blocked', '5.7.1', 554)],
});
inline({
  file: 'pl-niedoreczona-full.eml',
  engine: 'MailerDaemonText',
  from: 'System pocztowy <MAILER-DAEMON@poczta.example-dostawca.pl>',
  subject: encodeWord('Niedoręczona wiadomość: Invoice 2025-0815'),
  to: 'a.kowalczyk@example-biuro.pl',
  encoding: 'quoted-printable',
  body: `Wiadomość nie mogła zostać doręczona do następującego odbiorcy:

a.kowalczyk@example-biuro.pl
Skrzynka odbiorcy jest pełna. Odpowiedź serwera: 552 5.2.2 Quota exceeded

To jest błąd trwały.`,
  expected: [L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'tr-iletilemedi-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'Posta Teslim Sistemi <MAILER-DAEMON@mail.example-isp.com.tr>',
  subject: encodeWord('İleti teslim edilemedi'),
  to: 'm.demir@example-firma.com.tr',
  encoding: 'quoted-printable',
  body: `İletiniz aşağıdaki alıcıya teslim edilemedi:

<m.demir@example-firma.com.tr>: alıcı sunucu yanıtı:
    550 5.1.1 Alıcı adresi bulunamadı (RCPT TO komutuna yanıt olarak)

Bu kalıcı bir hatadır.`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'zh-tuixin-relay.eml',
  engine: 'MailerDaemonText',
  from: '邮件系统 <postmaster@mail.example-qiye.cn>',
  subject: encodeWord('邮件投递失败通知'),
  to: 'wang.fang@example-kehu.com.cn',
  encoding: 'base64',
  body: `您发送的邮件未能投递到以下收件人：

收件人：wang.fang@example-kehu.com.cn
失败原因：对方服务器拒绝中继
服务器返回：553 5.7.1 <wang.fang@example-kehu.com.cn>: Relay access denied

这是一个永久性错误。`,
  expected: [L('norelaying', '5.7.1', 553)],
});
inline({
  file: 'ar-lam-yutam-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@mail.example-isp.com.sa>',
  subject: encodeWord('لم يتم تسليم الرسالة'),
  to: 'f.alharbi@example-sharika.com.sa',
  encoding: 'base64',
  body: `تعذر تسليم رسالتك إلى المستلم التالي:

<f.alharbi@example-sharika.com.sa>
رد الخادم: 550 5.1.1 User unknown

هذا خطأ دائم.`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'hu-kesleltetett-delay.eml',
  engine: 'MailerDaemonText',
  from: 'Levelezőrendszer <MAILER-DAEMON@mail.example-szolgaltato.hu>',
  subject: encodeWord('Figyelmeztetés: késleltetett kézbesítés'),
  to: 'k.nagy@example-ceg.hu',
  encoding: 'quoted-printable',
  body: `EZ CSAK FIGYELMEZTETÉS, AZ ÜZENETET NEM KELL ÚJRA ELKÜLDENIE.

Az üzenetet 4 óra alatt sem sikerült kézbesíteni a következő címzettnek:

<k.nagy@example-ceg.hu>
A fogadó szerver válasza: 451 4.7.1 Please try again later

A rendszer további 4 napig próbálkozik.`,
  expected: [L('expired', '4.7.1', 451)],
});
inline({
  file: 'fr-echec-tentatives-greylist.eml',
  engine: 'MailerDaemonText',
  from: 'Système de messagerie <MAILER-DAEMON@mail.example-fai.fr>',
  subject: encodeWord('Échec de la remise : nombre maximal de tentatives atteint'),
  to: 'j.lefebvre@example-mairie.fr',
  encoding: 'quoted-printable',
  body: `Votre message n'a pas pu être remis après plusieurs tentatives pendant 5 jours.
Le nombre maximal de tentatives a été atteint et le message a été supprimé de la file d'attente.

Destinataire : <j.lefebvre@example-mairie.fr>
Dernière réponse du serveur : 451 4.7.1 Greylisting in action, please come back later`,
  expected: [L('expired', '4.7.1', 451)],
});
inline({
  file: 'de-zustellung-aufgegeben-refused.eml',
  engine: 'MailerDaemonText',
  from: 'Mail-Zustellsystem <MAILER-DAEMON@mail.example-hoster.de>',
  subject: encodeWord('Zustellung fehlgeschlagen: Nachricht nach 5 Tagen zurückgegeben'),
  to: 'r.lange@example-stillgelegt.de',
  encoding: 'quoted-printable',
  body: `Ihre Nachricht konnte nach wiederholten Versuchen über 5 Tage nicht zugestellt
werden und wurde aus der Warteschlange entfernt.

Empfänger: <r.lange@example-stillgelegt.de>
Grund: Verbindung zum Zielserver mx.example-stillgelegt.de [192.0.2.253] abgelehnt (Connection refused)`,
  expected: [L('networkerror', '5.0.944')],
});
inline({
  file: 'es-devolucion-dmarc.eml',
  engine: 'MailerDaemonText',
  from: 'Sistema de correo <MAILER-DAEMON@correo.example-isp.es>',
  subject: encodeWord('Devolución de correo: Invoice 2025-0815'),
  to: 'a.moreno@example-ayto.es',
  encoding: 'quoted-printable',
  body: `No se ha podido entregar su mensaje al siguiente destinatario:

<a.moreno@example-ayto.es>: el servidor remoto respondió:
    550 5.7.1 Mensaje rechazado por la política DMARC del dominio remitente shop.example.com

Este es un error permanente.`,
  expected: [L('authfailure', '5.7.1', 550)],
});
inline({
  file: 'ru-vozvrat-two-recipients.eml',
  engine: 'MailerDaemonText',
  from: 'Почтовая служба <MAILER-DAEMON@mail.example-provider.ru>',
  subject: encodeWord('Возврат письма: Invoice 2025-0815'),
  to: 'o.petrova@example-firma.ru, s.orlov@example-firma.ru',
  encoding: 'quoted-printable',
  body: `Письмо не доставлено следующим получателям:

<o.petrova@example-firma.ru>
  Ответ сервера: 550 5.1.1 Пользователь не найден (в ответ на RCPT TO)

<s.orlov@example-firma.ru>
  Ответ сервера: 552 5.2.2 Почтовый ящик переполнен

Это постоянная ошибка.`,
  expected: [L('userunknown', '5.1.1', 550), L('mailboxfull', '5.2.2', 552)],
});
inline({
  file: 'en-retries-exhausted-421-toomany.eml',
  engine: 'MailerDaemonText',
  from: 'Mail Delivery System <MAILER-DAEMON@relay.example-esp.com>',
  subject: 'Undeliverable: retry limit reached',
  to: 'orders@example-wholesale.com',
  body: `Your message could not be delivered. The retry limit was reached after 72 hours
and no further attempts will be made.

Recipient: orders@example-wholesale.com
Remote server: mx.example-wholesale.com [192.0.2.254]
Last error: 421 4.7.0 Too many concurrent connections from your IP, closing connection`,
  expected: [L('toomanyconn', '4.7.0', 421)],
});
inline({
  file: 'en-postmaster-envelope-unknown.eml',
  engine: 'MailerDaemonText',
  from: 'postmaster@mail.example-coop.ca',
  subject: 'Returned mail',
  to: 'treasurer@example-club.ca',
  returnPath: 'postmaster@mail.example-coop.ca',
  body: `Your message was returned because it could not be delivered.

----- Non-delivered recipient -----
treasurer@example-club.ca
  Remote server said: 550 5.1.1 <treasurer@example-club.ca>: No such user here
----------------------------------`,
  expected: [L('userunknown', '5.1.1', 550)],
});
inline({
  file: 'en-odd-headers-text-only.eml',
  engine: 'MailerDaemonText',
  from: '"MAILER-DAEMON" <>',
  subject: 'Delivery failure (hostmaster@example-registry.org)',
  to: 'hostmaster@example-registry.org',
  headers: [
    ['Sender', 'MAILER-DAEMON@relay.example-registrar.com'],
    ['Precedence', 'junk'],
  ],
  body: `Delivery to the following address failed permanently:

    hostmaster@example-registry.org

Reason: 554 5.7.1 Message rejected because of policy: sender domain has no SPF record and DKIM signature missing`,
  expected: [L('authfailure', '5.7.1', 554)],
});

// --- Not bounces ---------------------------------------------------------------------------------------------------------------
const notBounce = (...a: Parameters<typeof notBounceSpec>) => add(notBounceSpec(...a));
notBounce(
  'boxbe-guest-list.eml',
  'ChallengeResponse',
  'Boxbe <notifications@boxbe.example.com>',
  'Request to join my Guest List (Invoice 2025-0815)',
  `Hello billing@shop.example.com,

Your message about "Invoice 2025-0815" was waitlisted.

Please add yourself to my Guest List so your messages will be delivered to my Inbox.
Use the link below.

  Click here to deliver your message: https://www.boxbe.example.com/anno?tc=123456

Thank you,
p.young@example-client.com

Powered by Boxbe -- "End Email Overload"
`,
  [['X-Boxbe-Notification', 'challenge']],
);
notBounce(
  'challenge-es-confirme-persona.eml',
  'ChallengeResponse',
  'Verificación de remitente <verificar@antispam.example-isp.es>',
  encodeWord('Su mensaje está retenido: confirme que es una persona'),
  `Hola,

Su mensaje para l.castro@example-gestoria.es está retenido. Para que sea
entregado, confirme que usted es una persona y no un programa automático:

  https://antispam.example-isp.es/confirmar?c=5fe21

Si no confirma en 5 días, el mensaje se eliminará sin entregarse.
`,
  [['Auto-Submitted', 'auto-replied']],
);
notBounce(
  'challenge-it-verifica-mittente.eml',
  'ChallengeResponse',
  'Antispam <noreply@verifica.example-provider.it>',
  encodeWord('Verifica mittente richiesta per il messaggio a r.conti@example-studio.it'),
  `Gentile mittente,

il destinatario r.conti@example-studio.it accetta soltanto messaggi da mittenti
verificati. Il suo messaggio "Invoice 2025-0815" è in attesa.

Per consegnarlo, clicchi sul collegamento e risolva il captcha:
  https://verifica.example-provider.it/c/91ab

Grazie.
`,
);
notBounce(
  'dmarc-aggregate-text.eml',
  'Report',
  'noreply-dmarc-support@google.example.com',
  'Report domain: shop.example.com Submitter: google.example.com Report-ID: 1837465501928374650',
  `This is an aggregate report from google.example.com.

Report domain: shop.example.com
Date range: 2025-03-02 00:00:00 to 2025-03-02 23:59:59 UTC
Messages: 1,204 (pass 1,198, fail 6)

The full report is attached as a compressed XML file.
`,
);
notBounce(
  'mailman-awaits-moderator.eml',
  'ListNotice',
  'staff-owner@lists.example-union.org',
  'Your message to Staff awaits moderator approval',
  `Your mail to 'Staff' with the subject

    Invoice 2025-0815

Is being held until the list moderator can review it for approval.

The reason it is being held:

    Post by non-member to a members-only list

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.
`,
  [
    ['List-Id', '<staff.lists.example-union.org>'],
    ['Precedence', 'bulk'],
  ],
);
notBounce(
  'mailman-membership-disabled.eml',
  'ListNotice',
  'news-bounces@lists.example-union.org',
  'Your membership in the mailing list News has been disabled',
  `Your membership in the mailing list News has been disabled due to
excessive bounces. The last bounce received from you was dated
2-Mar-2025. You will not get any more messages from this list until
you re-enable your membership.

To re-enable your membership, you can simply respond to this message
(leaving the Subject: line intact), or visit the confirmation page at

    https://lists.example-union.org/confirm/news/8f31a2
`,
  [
    ['List-Id', '<news.lists.example-union.org>'],
    ['Precedence', 'bulk'],
  ],
);
notBounce(
  'read-receipt-en.eml',
  'ReadReceipt',
  'Paul Young <p.young@example-client.com>',
  'Read: Invoice 2025-0815',
  `Your message

  To: p.young@example-client.com
  Subject: Invoice 2025-0815
  Sent: Monday, March 3, 2025 9:12:01 AM (UTC+01:00)

was read on Monday, March 3, 2025 10:40:17 AM (UTC+01:00).
`,
);
notBounce(
  'read-receipt-de.eml',
  'ReadReceipt',
  'Petra Brandt <p.brandt@example-kanzlei.de>',
  encodeWord('Gelesen: Invoice 2025-0815'),
  `Ihre Nachricht

  An: p.brandt@example-kanzlei.de
  Betreff: Invoice 2025-0815
  Gesendet: Montag, 3. März 2025 09:12:01 (UTC+01:00)

wurde am Montag, 3. März 2025 11:02:44 (UTC+01:00) gelesen.
`,
);
notBounce(
  'recall-failure.eml',
  'Notification',
  'Microsoft Outlook <postmaster@mail.example-holdings.com>',
  'Recall Failure: Invoice 2025-0815',
  `Your message

  To: a.turner@example-holdings.com
  Subject: Invoice 2025-0815
  Sent: 3/3/2025 9:12 AM

could not be recalled. The recipient has already read the message.
`,
);
notBounce(
  'sms-gateway-undeliverable.eml',
  'Notification',
  'SMS Gateway <noreply@sms.example-telco.com>',
  'SMS undeliverable: +49 170 0000000',
  `Your SMS to +49 170 0000000 could not be delivered.

Status: UNDELIVERABLE (handset switched off)
Message: "Your invoice 2025-0815 is ready"

Credits used: 1. You have not been charged for failed messages.
`,
);
notBounce(
  'postmaster-quota-warning.eml',
  'Notification',
  'Postmaster <postmaster@shop.example.com>',
  'Warning: your mailbox is almost full',
  `Dear user,

your mailbox billing@shop.example.com uses 1.9 GB of 2 GB (95%).
When it is full, new messages to you will be returned to their senders.

Please delete old messages or archive them.

Your mail administrator
`,
);
notBounce(
  'mailer-daemon-newsletter-bounces-explained.eml',
  'Newsletter',
  'Mail Delivery Tips <MAILER-DAEMON@news.example-esp.com>',
  'Why do emails bounce? 550 5.1.1, 552 5.2.2 and other codes explained',
  `This month in our newsletter:

* "550 5.1.1 User unknown" means the address does not exist. Remove it.
* "552 5.2.2 Mailbox full" is usually temporary. Try again in a few days.
* "421 Try again later" is a deferral, not a failure.

Read the full article: https://news.example-esp.com/bounces

Unsubscribe: https://news.example-esp.com/u
`,
  [
    ['List-Unsubscribe', '<https://news.example-esp.com/u>'],
    ['Precedence', 'bulk'],
  ],
);
notBounce(
  'person-reply-undeliverable-subject.eml',
  'HumanReply',
  'Andrew Turner <a.turner@example-holdings.com>',
  'RE: Undeliverable: Invoice 2025-0815',
  `Hello,

sorry about that, my colleague's mailbox was full last week. It has been
cleaned up now; please send the invoice to me directly instead.

Best regards
Andrew Turner
`,
);
notBounce(
  'pl-helpdesk-question.eml',
  'HumanReply',
  'Jan Zieliński <j.zielinski@example-biuro.pl>',
  encodeWord('Pytanie: wiadomość niedostarczona?'),
  `Dzień dobry,

czy moja wiadomość z fakturą do Państwa dotarła? Dostałem informację, że
może być niedostarczona, ale nie wiem, czy to prawda.

Pozdrawiam
Jan Zieliński
`,
);
add({
  file: 'out-of-office-en.eml',
  engine: 'AutoReply',
  from: 'Laura Kim <l.kim@example-partner.com>',
  subject: 'Automatic reply: Invoice 2025-0815',
  headers: [
    ['Auto-Submitted', 'auto-replied'],
    ['X-Auto-Response-Suppress', 'All'],
  ],
  originalTo: '',
  returned: 'none',
  returnPath: 'l.kim@example-partner.com',
  body: `Thank you for your message. I am out of the office until 10 March with
limited access to e-mail. For urgent matters please contact
office@example-partner.com.

Laura Kim
`,
  expected: [AUTO_REPLY],
});
add({
  file: 'out-of-office-de-x-autoreply.eml',
  engine: 'AutoReply',
  from: 'Heinz Bauer <h.bauer@example-werkstatt.de>',
  subject: encodeWord('Abwesenheitsnotiz: Invoice 2025-0815'),
  headers: [['X-Autoreply', 'yes']],
  originalTo: '',
  returned: 'none',
  encoding: 'quoted-printable',
  returnPath: 'h.bauer@example-werkstatt.de',
  body: `Guten Tag,

vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 14. März nicht im
Büro. Ihre E-Mail wird nicht weitergeleitet.

Mit freundlichen Grüßen
Heinz Bauer
`,
  expected: [AUTO_REPLY],
});
inline({
  file: 'postfix-text-success-dsn.eml',
  engine: 'PostfixText',
  from: 'MAILER-DAEMON@out.example-mailer.net (Mail Delivery System)',
  subject: 'Successful Mail Delivery Report',
  to: 'receipts@example-buyer.com',
  body: `This is the mail system at host out.example-mailer.net.

Your message was successfully delivered to the destination(s)
listed below. If the message was delivered to mailbox you will
receive no further notifications. Otherwise you may still receive
notifications of mail delivery errors from other systems.

                   The mail system

<receipts@example-buyer.com>: delivery via mx.example-buyer.com[192.0.2.99]:25: 250 2.0.0
    Ok: queued as 4Xz1Qp0abcz`,
  expected: [L('delivered', '2.0.0', 250)],
});

writeLegacyCorpus('legacy8', OUT, specs);
