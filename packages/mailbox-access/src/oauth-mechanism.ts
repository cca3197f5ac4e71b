/**
 * The OAuth SASL mechanism of an IMAP or POP3 login, by the one rule IMAP, POP3 and SMTP share (chooseOAuthMechanism:
 * OAUTHBEARER when advertised, else XOAUTH2), as a mailbox failure of kind auth when the server offers neither.
 */
import { chooseOAuthMechanism, noOAuthMechanismMessage, type OAuthSaslMechanism } from '@bounce/config';
import { MailboxConnectionError } from './mailbox-errors.js';

/** `advertised`: IMAP's AUTH= capabilities or POP3's CAPA SASL arguments; undefined when the server listed none. */
export function negotiateOAuthMechanism(
  protocol: 'IMAP' | 'POP3',
  advertised: readonly string[] | undefined,
): OAuthSaslMechanism {
  const mechanism = chooseOAuthMechanism(advertised);
  if (!mechanism) throw new MailboxConnectionError('auth', noOAuthMechanismMessage(protocol, advertised ?? []));
  return mechanism;
}
