import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('exchange 2007+ / office 365 without a DSN part', () => {
  it('reads the administrators section', () => {
    const r = parseBounce(`From: postmaster@example.onmicrosoft.com
Subject: Undeliverable: hello

Delivery has failed to these recipients or groups:

user@example.com<mailto:user@example.com>
The email address you entered couldn't be found.

Diagnostic information for administrators:

Generating server: SRV.example.prod.outlook.com

user@example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

Original message headers:
Message-ID: <o1@example.org>
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.com',
      reason: 'userunknown',
      status: '5.1.10',
      replyCode: 550,
      detectedBy: 'exchange2007',
    });
  });

  it('reads the localised headings (French variant)', () => {
    const r = parseBounce(`From: postmaster@exemple.onmicrosoft.com
Subject: Non remis : facture

La remise aux destinataires ou groupes suivants a échoué :

claire@exemple.fr
Votre message est trop volumineux pour ce destinataire.

Informations de diagnostic pour les administrateurs :

Serveur de génération : PAR01.exemple.prod.outlook.com

claire@exemple.fr
#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##

En-têtes de message d'origine :
Message-ID: <o2@exemple.org>
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.detectedBy])).toEqual([
      ['claire@exemple.fr', 'mesgtoobig', '5.2.3', 'exchange2007'],
    ]);
  });

  it('takes the remote reply of an HTML-only notice whose reply stands in its own paragraph', () => {
    const r = parseBounce(`Return-Path: <>
From: postmaster@mail.example-corp.com
To: shop@example.org
Subject: Undeliverable: Your order
MIME-Version: 1.0
Content-Type: text/html; charset=us-ascii

<html><body><p><b>Delivery has failed to these recipients or groups:</b></p>
<p><a href="mailto:kai.brandt@example-partner.de">kai.brandt@example-partner.de</a><br>
Your message wasn't delivered.</p>
<p>Remote Server returned '552 5.2.2 Quota exceeded'</p></body></html>
`);
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.status])).toEqual([
      ['kai.brandt@example-partner.de', 'mailboxfull', '5.2.2'],
    ]);
  });

  it('reads its delay notice as delayed, English and German variants', () => {
    const en = parseBounce(`From: postmaster@example.org
Subject: Delivery delayed:quarterly report

Delivery is delayed to these recipients or groups:

ops@example.net

Subject: quarterly report

This message hasn't been delivered yet. Delivery will continue to be attempted.

Diagnostic information for administrators:

Generating server: MBX7.example.org
ops@example.net
Remote Server returned '451 4.4.0 DNS query failed'
`);
    expect(en.recipients).toHaveLength(1);
    expect(en.recipients[0]).toMatchObject({ recipient: 'ops@example.net', action: 'delayed', status: '4.4.0' });
    const de = parseBounce(`From: postmaster@beispiel.de
Subject: Zustellung verzögert: Angebot

Die Zustellung an folgende Empfänger oder Gruppen verzögert sich:

einkauf@beispiel.net

Diagnoseinformationen für Administratoren:

Generierender Server: EX2.beispiel.de
einkauf@beispiel.net
Remote Server returned '452 4.3.1 Insufficient system resources'
`);
    expect(de.recipients[0]).toMatchObject({ recipient: 'einkauf@beispiel.net', action: 'delayed', status: '4.3.1' });
  });

  it('keeps a failure notice failed', () => {
    const r = parseBounce(`From: postmaster@example.org
Subject: Undeliverable: report

Delivery has failed to these recipients or groups:

ops@example.net

Diagnostic information for administrators:

Generating server: MBX7.example.org
ops@example.net
Remote Server returned '550 5.4.316 Message expired, connection refused'
`);
    expect(r.recipients[0]).toMatchObject({ recipient: 'ops@example.net', action: 'failed' });
  });
});
