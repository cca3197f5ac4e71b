import { describe, expect, it } from 'vitest';
import { clientTlsOptions, describeCertificateFailure, parseCaBundle } from './tls-trust.js';

describe('describeCertificateFailure', () => {
  it('says what each refusal means, never Node code alone', () => {
    expect(
      describeCertificateFailure({ code: 'CERT_HAS_EXPIRED', cert: { valid_to: 'Jan  1 00:00:00 2026 GMT' } }, 'h'),
    ).toBe(
      "The server's certificate expired on Jan  1 00:00:00 2026 GMT: the server's administrator must renew it (or the clock of this machine is wrong)",
    );
    expect(describeCertificateFailure({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'h')).toMatch(
      /^The server's certificate is self-signed/,
    );
    expect(describeCertificateFailure({ code: 'CERT_NOT_YET_VALID' }, 'h')).toMatch(/not valid yet/);
    // nodemailer drops the certificate: the names come from Node's message.
    expect(
      describeCertificateFailure(
        {
          code: 'ESOCKET',
          message:
            "Hostname/IP does not match certificate's altnames: Host: smtp.example.com. is not in the cert's altnames: DNS:mail.example.org",
        },
        'smtp.example.com',
      ),
    ).toMatch(/^The server's certificate is for mail\.example\.org, not smtp\.example\.com:/);
    expect(describeCertificateFailure({ code: 'ECONNRESET', message: 'socket hang up' }, 'h')).toBeUndefined();
  });

  it('a bundle without certificates is refused; no extra authorities leave Node defaults alone', () => {
    expect(() => parseCaBundle('not a certificate')).toThrow(/no PEM certificate/);
    expect(() => parseCaBundle('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(
      /certificate 1 does not parse/,
    );
    expect(clientTlsOptions(false, [])).toEqual({ rejectUnauthorized: true, minVersion: 'TLSv1.2' });
  });
});
