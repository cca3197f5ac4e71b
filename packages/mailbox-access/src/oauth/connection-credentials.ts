/**
 * The one place a stored mailbox becomes what a connection presents: the password or the operator's own access
 * token as stored, or, for a mailbox signed in with Microsoft 365 or Google (authMethod oauth2), a fresh access
 * token from its grant (XOAUTH2/OAUTHBEARER). The fetch worker, the IDLE watchers and the connection test all use it.
 */
import type { SecretBox } from '@bounce/config';
import { type Executor, invalidateAccessToken, type Mailbox, type MailboxWithSecret } from '@bounce/db';
import type { MailboxConnectionConfig } from '../imap-client.js';
import type { MailboxConnectionError } from '../mailbox-errors.js';
import { type AccessTokenOptions, getMailboxAccessTokenWithExpiry } from './access-token.js';
import type { OAuthProviders } from './oauth-providers.js';

export type MailboxCredentialSource = {
  db: Executor;
  secrets: SecretBox;
  /** Configured sign-in providers (oauthProvidersFromEnv). Default none: oauth2 mailboxes fail with kind config. */
  oauthProviders?: OAuthProviders;
  accessToken?: AccessTokenOptions;
};

export type MailboxConnection = Omit<Mailbox, 'authMethod'> &
  MailboxConnectionConfig & {
    /** oauth2 mailboxes: when the access token in `secret` expires (a long-lived connection renews before). */
    accessTokenExpiresAt?: Date;
  };

/** Throws MailboxConnectionError (auth, config, tcp) when an oauth2 mailbox has no usable token. */
export async function mailboxConnectionConfig(
  source: MailboxCredentialSource,
  loaded: MailboxWithSecret,
): Promise<MailboxConnection> {
  const { mailbox, secret } = loaded;
  if (mailbox.authMethod !== 'oauth2') return { ...mailbox, authMethod: mailbox.authMethod, secret };
  const { token, expiresAt } = await getMailboxAccessTokenWithExpiry(
    source.db,
    source.secrets,
    source.oauthProviders ?? {},
    mailbox.id,
    source.accessToken,
  );
  return { ...mailbox, authMethod: 'xoauth2', secret: token, accessTokenExpiresAt: expiresAt };
}

/**
 * After a failed login of an oauth2 mailbox: the server refused the token (revoked at the provider, or it expired
 * early), so forget it; the next connection refreshes, which either works or finds the grant revoked and disables
 * the mailbox with its event.
 */
export async function forgetRefusedAccessToken(
  db: Executor,
  mailbox: Pick<Mailbox, 'id' | 'authMethod'>,
  err: MailboxConnectionError,
): Promise<void> {
  if (mailbox.authMethod === 'oauth2' && err.kind === 'auth') await invalidateAccessToken(db, mailbox.id);
}
