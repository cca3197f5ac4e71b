import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

const rows = (raw: string) => parseBounce(raw).recipients.map((r) => [r.recipient, r.reason, r.status, r.detectedBy]);

describe('Domino router report', () => {
  it('maps a Notes name to the address the original was sent to, by its display name', () => {
    const raw = `Return-Path: <>
From: Mail Router <postmaster@notes.example.com>
To: orders@shop.example.org
Subject: DELIVERY FAILURE: User Ann Lee (CN=Ann Lee/OU=Sales/O=Example) not listed in Domino Directory
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="n1"

--n1
Content-Type: text/plain

Your message

  Subject: Order 4711

was not delivered to:

  CN=Ann Lee/OU=Sales/O=Example@EXAMPLE

because:

  User Ann Lee (CN=Ann Lee/OU=Sales/O=Example) not listed in Domino Directory

--n1
Content-Type: message/rfc822

From: orders@shop.example.org
To: "Bo Chan" <bo.chan@notes.example.com>, Ann Lee <ann.lee@notes.example.com>
Subject: Order 4711

text
--n1--
`;
    expect(rows(raw)).toEqual([['ann.lee@notes.example.com', 'userunknown', '5.0.911', 'notes']]);
  });

  it('reads the tabbed German layout and its directory wording, and a mail file over quota', () => {
    const notice = (reason: string) => `Return-Path: <>
From: Mail Router <postmaster@notes.example.de>
To: orders@shop.example.org
Subject: ZUSTELLUNGSFEHLER

Ihr Dokument:\tBestellung 12
wurde nicht zugestellt an:\tmia.roth@notes.example.de
Grund:\t${reason}

From: orders@shop.example.org
To: mia.roth@notes.example.de
`;
    expect(rows(notice('Benutzer mia.roth ist nicht im Domino-Verzeichnis eingetragen'))).toEqual([
      ['mia.roth@notes.example.de', 'userunknown', '5.0.911', 'notes'],
    ]);
    expect(rows(notice('Zustellung nicht möglich: die Maildatei ist voll'))).toEqual([
      ['mia.roth@notes.example.de', 'mailboxfull', '5.0.922', 'notes'],
    ]);
  });

  it('reads a relayed SMTP reply with the shared classifier, and a route failure as an unknown domain', () => {
    const notice = (reason: string) => `Return-Path: <>
From: Mail Router <postmaster@notes.example.com>
To: orders@shop.example.org
Subject: DELIVERY FAILURE: ${reason.slice(0, 30)}

Your document:\tOrder 12
was not delivered to:\tluc@partner.example.net
because:\t${reason}
What should you do?
  * Check the recipient's address and resend the message.
`;
    expect(
      rows(
        notice(
          'Error transferring to mx.partner.example.net; SMTP Protocol Returned a Permanent Error 552 5.2.2 Mailbox over quota',
        ),
      ),
    ).toEqual([['luc@partner.example.net', 'mailboxfull', '5.2.2', 'notes']]);
    expect(rows(notice('Router: No route found to domain partner.example.net from server HUB/Example.'))).toEqual([
      ['luc@partner.example.net', 'hostunknown', '5.0.912', 'notes'],
    ]);
  });

  it('reads the Italian and Portuguese layouts, with the reason on the lines below its heading', () => {
    const notice = (subject: string, heading: string, because: string, reason: string) => `Return-Path: <>
From: Mail Router <postmaster@notes.example.it>
To: orders@shop.example.org
Subject: ${subject}

Il documento

  Oggetto: Ordine 12

${heading}:

  sara.gallo@notes.example.it

${because}:

  ${reason}
`;
    expect(
      rows(
        notice(
          'ERRORE DI CONSEGNA',
          'non è stato recapitato a',
          'perché',
          'Utente sara.gallo@notes.example.it non presente nella directory Domino',
        ),
      ),
    ).toEqual([['sara.gallo@notes.example.it', 'userunknown', '5.0.911', 'notes']]);
    expect(
      rows(
        notice(
          'FALHA NA ENTREGA',
          'não foi entregue a',
          'motivo',
          'Não foi possível entregar a mensagem ao host remoto: 552 5.2.2 Mailbox over quota',
        ),
      ),
    ).toEqual([['sara.gallo@notes.example.it', 'mailboxfull', '5.2.2', 'notes']]);
  });

  it("leaves the layout alone in a person's message without a router's evidence", () => {
    const r = parseBounce(`Return-Path: <kim@shop.example.org>
From: Kim <kim@shop.example.org>
To: team@shop.example.org
Subject: Notes migration checklist

Please test the old form:
was not delivered to: someone
because: we are testing
`);
    expect(r.kind).toBe('not-bounce');
  });
});
