import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('google groups', () => {
  it('reports the refused post to a group as rejected, whatever the language', () => {
    const r = parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: team@googlegroups.com
Content-Type: text/plain; charset=UTF-8

Bonjour,

Il se peut que le groupe que vous avez essayé de contacter (team) n'existe pas.
Consultez le centre d'aide à l'adresse https://groups.google.com/support/.
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'team@googlegroups.com',
      reason: 'rejected',
      status: '5.0.918',
      detectedBy: 'googlegroups',
    });
  });

  it('knows a Workspace group on its own domain by the localised signature', () => {
    const notice = (signature: string) =>
      parseBounce(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: ventas@example-empresa.es
Content-Type: text/plain; charset=UTF-8

Hola:

El grupo (ventas) al que intentaste escribir no existe o no tienes permiso para publicar en él.

Gracias,
${signature}
`);
    for (const signature of ['Grupos de Google', 'Groupes Google', 'Gruppi Google']) {
      expect(notice(signature).recipients[0]).toMatchObject({
        recipient: 'ventas@example-empresa.es',
        reason: 'rejected',
        detectedBy: 'googlegroups',
      });
    }
    // Without a Google Groups signature, a Google notice with a failed recipient is not claimed here.
    expect(notice('El equipo').recipients[0]?.detectedBy).not.toBe('googlegroups');
  });
});
