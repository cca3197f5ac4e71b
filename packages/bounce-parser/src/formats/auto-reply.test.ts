import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('auto-replies (RFC 3834)', () => {
  it('reports an Auto-Submitted vacation message, never a bounce', () => {
    const r = parseBounce(`From: Kiji Tora <kijitora@example.net>
Subject: Away until May 5
Auto-Submitted: auto-replied

I am currently away returning to the office on May 5th.
`);
    expect(r.kind).toBe('auto-reply');
    expect(r.recipients).toEqual([
      expect.objectContaining({
        recipient: 'kijitora@example.net',
        reason: 'vacation',
        class: 'auto-reply',
        status: null,
      }),
    ]);
  });

  it('recognises localised subjects without headers', () => {
    for (const subject of [
      'Automatic reply: hello',
      'Abwesenheitsnotiz: Hallo',
      'Réponse automatique : bonjour',
      'Out of Office: hi',
    ]) {
      expect(parseBounce(`From: a@example.org\nSubject: ${subject}\n\nback soon\n`).kind).toBe('auto-reply');
    }
  });

  it('leaves ordinary mail alone', () => {
    const r = parseBounce(
      'From: a@example.org\nTo: b@example.org\nSubject: lunch?\n\nAre you free at noon? I will be out of the office after 3.\n',
    );
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });

  it('reports a challenge-response request as not a bounce, with no recipient (it is no vacation notice)', () => {
    const r = parseBounce(`Return-Path: <>
From: pat-confirm-1413550000@example.net
To: stranger@example.org
Subject: Please confirm your message
Auto-Submitted: auto-replied

I now allow incoming messages only from senders I have approved beforehand.
Your original message is being held. Please reply to this message to confirm it.
`);
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });

  it('reports a verification request wrapped across lines, sent with the null path from a robot, as not a bounce', () => {
    const r = parseBounce(`Return-Path: <>
From: Sender Check <noreply@guard.example.com>
To: stranger@example.org
Subject: Please confirm your request to email lena@example.net

You recently wrote to lena@example.net, who filters unknown senders. Your message
will not be delivered until you confirm that you are a person by opening the link
below within seven days.

https://guard.example.com/c/8f2a
`);
    expect(r.kind).toBe('not-bounce');
    expect(r.recipients).toEqual([]);
  });

  it('reads an out-of-office from a postmaster mailbox only when subject and text both say so', () => {
    const away = parseBounce(`Return-Path: <>
From: Postmaster <postmaster@example-firm.nl>
Subject: Automatisch antwoord: Offerte 12
Auto-Submitted: auto-replied

I'm currently on holiday and back on Monday; postmaster mail waits until then.
`);
    expect(away.kind).toBe('auto-reply');
    expect(away.recipients.map((r) => [r.recipient, r.class])).toEqual([['postmaster@example-firm.nl', 'auto-reply']]);
    // The same sender's notice with a vacation-like word but no out-of-office subject is not one.
    const notice = parseBounce(`From: Postmaster <postmaster@example-firm.nl>
Subject: Mail server maintenance
Auto-Submitted: auto-generated

I am out of the office on Friday, so the maintenance window moves to Monday.
`);
    expect(notice.kind).not.toBe('auto-reply');
  });

  it('leaves localised "confirm you are a person / not a robot" requests from system senders alone', () => {
    const requests = [
      'Ihre E-Mail an vertrieb@example-firma.de wartet. Bitte bestätigen Sie, dass Sie keine Maschine sind: https://x.example/1',
      "Votre courriel pour contact@example-cabinet.fr attend. Pour le remettre, confirmez que vous n'êtes pas un robot : https://x.example/2",
      'Tu correo para ventas@example-tienda.es está pendiente. Confirma que eres una persona aquí: https://x.example/3',
      'La tua email per info@example-studio.it è sospesa: conferma di essere una persona al link https://x.example/4',
      'Uw e-mail aan info@example-kantoor.nl wacht. Bevestig dat u geen robot bent via https://x.example/5',
      'Sua mensagem para contato@example-loja.com.br aguarda: confirme que você não é um robô em https://x.example/6',
    ];
    for (const text of requests) {
      const r = parseBounce(`Return-Path: <>
From: MAILER-DAEMON@mx.example-filter.net
To: shop@example.org
Subject: Undelivered: your message is on hold

${text}

--- Original message ---
From: Shop <shop@example.org>
To: someone@example-filter.net
Subject: Offer

Hello
`);
      expect(r.recipients, text).toEqual([]);
    }
  });
});
