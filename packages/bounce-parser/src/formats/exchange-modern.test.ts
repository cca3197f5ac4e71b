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
});
