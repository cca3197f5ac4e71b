/**
 * Which SASL mechanism presents an OAuth 2.0 access token, decided from what the server advertises (IMAP CAPABILITY
 * AUTH=, POP3 CAPA SASL, SMTP EHLO AUTH). One rule for IMAP, POP3 and SMTP, so the three never disagree about the
 * same provider: OAUTHBEARER (RFC 7628, the standard) when offered, else XOAUTH2 (Google's and Microsoft's own;
 * Microsoft 365 offers only XOAUTH2, Google and Dovecot both).
 */

export type OAuthSaslMechanism = 'OAUTHBEARER' | 'XOAUTH2';

/**
 * The mechanism to use, or null when the server lists its mechanisms and neither is among them (an OAuth login
 * cannot work there: say so instead of sending the token to a server that did not ask for one).
 *
 * `advertised`: the mechanism names the server listed, any case; undefined when it did not list any (a POP3 server
 * without SASL in CAPA, an SMTP server without AUTH in EHLO): XOAUTH2 is then tried, as the providers that hide
 * their list accept it. `required`: the caller insists on one mechanism (used if the server offers it or lists none).
 */
export function chooseOAuthMechanism(
  advertised: Iterable<string> | undefined,
  required?: OAuthSaslMechanism,
): OAuthSaslMechanism | null {
  if (advertised === undefined) return required ?? 'XOAUTH2';
  const offered = new Set([...advertised].map((name) => name.toUpperCase()));
  if (required) return offered.has(required) ? required : null;
  if (offered.has('OAUTHBEARER')) return 'OAUTHBEARER';
  if (offered.has('XOAUTH2')) return 'XOAUTH2';
  return null;
}

/** The operator-facing reason when chooseOAuthMechanism found nothing usable (no token or secret in it). */
export function noOAuthMechanismMessage(
  protocol: 'IMAP' | 'POP3' | 'SMTP',
  advertised: Iterable<string>,
  required?: OAuthSaslMechanism,
): string {
  const list = [...advertised].join(' ') || 'none';
  const wanted = required ?? 'OAUTHBEARER or XOAUTH2';
  return `the ${protocol} server does not offer OAuth sign-in with ${wanted} (it offers: ${list}): check the host, or that OAuth is enabled for this account on the server`;
}
