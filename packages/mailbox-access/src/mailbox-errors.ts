import { describeCertificateFailure } from '@bounce/config';
import type { MailboxFailureKind } from '@bounce/db';

export type { MailboxFailureKind } from '@bounce/db';

/**
 * A failure talking to the mailbox's server (as opposed to our own database or Redis): it counts towards the
 * mailbox's consecutive failures. `kind` names the step (dns, tcp, tls, auth, folder, protocol, config) so
 * operators see at once whether to fix a password, a host name or a certificate.
 */
export class MailboxConnectionError extends Error {
  override readonly name = 'MailboxConnectionError';
  constructor(
    readonly kind: MailboxFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TCP_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'EADDRNOTAVAIL',
]);
/** Node/OpenSSL certificate verification codes and imapflow's TLS-specific codes. */
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|EPROTO$|ClosedAfterConnectTLS$|UPGRADE_TIMEOUT$|STARTTLS_)/;

type ErrorFields = {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  response?: unknown;
  mailboxMissing?: boolean;
  hostname?: string;
  /** The name a certificate was checked against (Node's ERR_TLS_CERT_ALTNAME_INVALID). */
  host?: string;
};

/**
 * Maps what imapflow and Node throw to a step and a message an operator can act on. Server response texts are kept
 * (they say "Authentication failed" or "[UNAVAILABLE]"), never the credentials (imapflow does not echo them).
 */
export function classifyImapError(err: unknown): MailboxConnectionError {
  if (err instanceof MailboxConnectionError) return err;
  const e = (err ?? {}) as Error & ErrorFields;
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = serverText(e) ?? e.message ?? String(err);
  if (e.authenticationFailed)
    return new MailboxConnectionError('auth', `authentication failed: ${detail}`, { cause: err });
  if (DNS_CODES.has(code)) {
    return new MailboxConnectionError('dns', `DNS lookup failed for ${e.hostname ?? 'host'}: ${code}`, { cause: err });
  }
  if (TCP_CODES.has(code))
    return new MailboxConnectionError('tcp', `TCP connection failed: ${code} ${e.message}`, { cause: err });
  if (e.tlsFailed || TLS_CODE.test(code)) {
    // A certificate refused: what it means and what to do, instead of Node's code and text.
    const certificate = describeCertificateFailure(err, e.host ?? e.hostname ?? 'the host name configured');
    if (certificate) return new MailboxConnectionError('tls', certificate, { cause: err });
    return new MailboxConnectionError('tls', `TLS failed: ${code ? `${code} ` : ''}${e.message}`, { cause: err });
  }
  if (e.mailboxMissing) return new MailboxConnectionError('folder', `folder not found: ${detail}`, { cause: err });
  return new MailboxConnectionError('protocol', `IMAP error: ${code ? `${code} ` : ''}${detail}`, { cause: err });
}

function serverText(e: ErrorFields): string | undefined {
  if (e.responseText) return e.serverResponseCode ? `[${e.serverResponseCode}] ${e.responseText}` : e.responseText;
  if (typeof e.response === 'string' && e.response) return e.response;
  return undefined;
}
