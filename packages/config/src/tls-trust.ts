/**
 * Which certificates the mail clients (IMAP, POP3, SMTP) trust beyond the public authorities, and what a failed
 * certificate check means in an operator's words.
 *
 * An installation whose mail servers carry certificates of its own authority (a company CA) lists that authority in a
 * PEM bundle (`MAILBOX_TLS_CA_FILE`, as mature mail clients let an administrator import one): the clients then trust it
 * in addition to Node's public roots, and still verify host names and dates. Nothing here turns verification off; a
 * mailbox can only do that itself (tlsAllowInvalid), visibly in its settings.
 */

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ConnectionOptions, rootCertificates } from 'node:tls';
import { z } from 'zod';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle; throws with the reason when there is none or one does not parse. */
export function parseCaBundle(pem: string): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (err) {
      throw new Error(`certificate ${i + 1} does not parse: ${(err as Error).message}`);
    }
  });
  return blocks;
}

/** `MAILBOX_TLS_CA_FILE`: path of a PEM bundle of extra authorities; read and checked at start-up. Default none. */
export const envCaBundleFile = z
  .string()
  .optional()
  .transform((path, ctx): string[] => {
    if (!path?.trim()) return [];
    try {
      return parseCaBundle(readFileSync(path.trim(), 'utf8'));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `cannot use ${path.trim()} as a CA bundle: ${(err as Error).message}` });
      return z.NEVER;
    }
  });

/**
 * The TLS options of every client connection to a mail server (IMAP, POP3, SMTP and their connection tests): the
 * certificate verified unless the operator allowed otherwise for this server, TLS 1.2 at least, and the extra
 * authorities trusted besides the public ones (Node's `ca` replaces its default roots, so they are named again; no
 * `ca` when there are none, Node's defaults as they are).
 */
export function clientTlsOptions(
  allowInvalid: boolean,
  extraCaCertificates: readonly string[] | undefined,
): Pick<ConnectionOptions, 'rejectUnauthorized' | 'minVersion' | 'ca'> {
  return {
    rejectUnauthorized: !allowInvalid,
    minVersion: 'TLSv1.2',
    ...(extraCaCertificates?.length ? { ca: [...rootCertificates, ...extraCaCertificates] } : {}),
  };
}

type CertificateError = {
  code?: string;
  message?: string;
  cert?: { subjectaltname?: string; subject?: { CN?: string | string[] }; valid_to?: string; valid_from?: string };
};

/** The names a certificate is for: its subjectAltName entries (DNS and IP), else its common name. */
function certificateNames(cert: CertificateError['cert']): string[] {
  const alt = (cert?.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  if (alt.length > 0) return alt;
  const cn = cert?.subject?.CN;
  return cn ? (Array.isArray(cn) ? cn : [cn]) : [];
}

/**
 * What a failed certificate check of `host` means and what to do, or undefined when `err` is no certificate failure
 * (a handshake with a server that does not speak TLS, a timeout): host-name mismatch, self-signed, unknown authority,
 * expired or not yet valid. Never echoes the peer's bytes beyond the certificate's names and dates.
 */
export function describeCertificateFailure(err: unknown, host: string): string | undefined {
  const e = (err ?? {}) as CertificateError;
  const code = e.code ?? '';
  const text = e.message ?? '';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate's altnames/i.test(text)) {
    // nodemailer passes the error on without its certificate: the names are in Node's message then.
    const names = e.cert
      ? certificateNames(e.cert)
      : (textAfter(text, "cert's altnames: ") ?? textAfter(text, "is not cert's CN: ") ?? '')
          .split(',')
          .map((n) => n.trim().replace(/^(DNS|IP Address):/, ''))
          .filter(Boolean);
    const issuedFor = names.length > 0 ? names.slice(0, 5).join(', ') : 'other names';
    return `The server's certificate is for ${issuedFor}, not ${host}: check the host name (use the name on the certificate) or ask the server's administrator for a certificate that names ${host}`;
  }
  if (code === 'CERT_HAS_EXPIRED' || /certificate has expired/i.test(text)) {
    const when = e.cert?.valid_to ? ` on ${e.cert.valid_to}` : '';
    return `The server's certificate expired${when}: the server's administrator must renew it (or the clock of this machine is wrong)`;
  }
  if (code === 'CERT_NOT_YET_VALID' || /certificate is not yet valid/i.test(text)) {
    const when = e.cert?.valid_from ? ` (from ${e.cert.valid_from})` : '';
    return `The server's certificate is not valid yet${when}: check the clock of this machine and of the server`;
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || /self[- ]signed/i.test(text)) {
    return `The server's certificate is self-signed (${code || 'self-signed certificate'}): it is not trusted; add its authority to MAILBOX_TLS_CA_FILE, or use a certificate from a public authority`;
  }
  if (
    /^(UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/.test(code) ||
    /unable to (get local issuer|verify the first) certificate/i.test(text)
  ) {
    return `The server's certificate is issued by an authority this installation does not trust (${code || text}): add that authority's certificate to MAILBOX_TLS_CA_FILE (a company CA), or check that the server sends its intermediate certificates`;
  }
  if (/^CERT_/.test(code)) return `The server's certificate was refused (${code}): ${text}`;
  return undefined;
}

/** The rest of `text` after the first `marker`, or undefined. A string search, not `/marker(.*)$/`, whose unanchored
 * `.*$` is quadratic on a long message without the marker. */
function textAfter(text: string, marker: string): string | undefined {
  const at = text.indexOf(marker);
  return at < 0 ? undefined : text.slice(at + marker.length);
}
