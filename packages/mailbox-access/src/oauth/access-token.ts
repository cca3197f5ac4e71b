/**
 * A valid access token for an oauth2 mailbox, refreshed before it expires. Safe with many processes: the grant row
 * is locked for the check and the refresh (see @bounce/db oauth-grants), so one process refreshes and the others
 * then read its token. A refused refresh token revokes the grant, disables the mailbox and writes the operator
 * event in the same transaction.
 */
import type { SecretBox } from '@bounce/config';
import { type Executor, lockOAuthGrant, revokeOAuthGrant, storeRefreshedTokens } from '@bounce/db';
import { MailboxConnectionError } from '../mailbox-errors.js';
import { OAuthGrantError, OAuthProviderError, refreshAccessToken } from './oauth-client.js';
import type { OAuthProviders } from './oauth-providers.js';

/** Refresh when less than this is left: a token must outlive the connection's login (and clocks drift). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type AccessTokenOptions = {
  /** Default REFRESH_MARGIN_MS. */
  refreshMarginMs?: number;
  now?: () => Date;
};

/** An access token and when the provider said it expires. */
export type MailboxAccessToken = { token: string; expiresAt: Date };

/**
 * Returns a usable access token, or throws a MailboxConnectionError: kind `auth` when the mailbox must be signed in
 * (again), kind `config` when its provider is not configured, kind `tcp` when the provider could not be asked.
 */
export async function getMailboxAccessToken(
  db: Executor,
  secrets: SecretBox,
  providers: OAuthProviders,
  mailboxId: string,
  options: AccessTokenOptions = {},
): Promise<string> {
  return (await getMailboxAccessTokenWithExpiry(db, secrets, providers, mailboxId, options)).token;
}

/**
 * As getMailboxAccessToken, with the token's expiry: a connection that stays open (IDLE) reconnects with a fresh
 * token before then, since a server may end or refuse a session whose token has expired.
 */
export async function getMailboxAccessTokenWithExpiry(
  db: Executor,
  secrets: SecretBox,
  providers: OAuthProviders,
  mailboxId: string,
  options: AccessTokenOptions = {},
): Promise<MailboxAccessToken> {
  const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const now = options.now ?? (() => new Date());
  let revokedWith: string | undefined;
  const token = await db.transaction(async (tx) => {
    const grant = await lockOAuthGrant(tx, secrets, mailboxId);
    if (!grant || grant.status === 'pending' || grant.status === 'failed') {
      throw new MailboxConnectionError('auth', 'not signed in: connect the mailbox with its provider first');
    }
    if (grant.status === 'revoked' || !grant.refreshToken) {
      throw new MailboxConnectionError(
        'auth',
        `sign-in no longer valid (${grant.lastError ?? 'revoked'}): connect the mailbox again`,
      );
    }
    if (
      grant.accessToken &&
      grant.accessTokenExpiresAt &&
      grant.accessTokenExpiresAt.getTime() - margin > now().getTime()
    ) {
      return { token: grant.accessToken, expiresAt: grant.accessTokenExpiresAt };
    }
    const provider = providers[grant.provider];
    if (!provider) {
      throw new MailboxConnectionError(
        'config',
        `${grant.provider} sign-in is not configured in this process (OAUTH_* variables)`,
      );
    }
    try {
      const tokens = await refreshAccessToken(provider, grant.refreshToken);
      await storeRefreshedTokens(tx, secrets, mailboxId, tokens);
      return { token: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt };
    } catch (err) {
      if (err instanceof OAuthGrantError) {
        // Under the same lock: revoke, disable and write the event together (committed, then we throw).
        revokedWith = err.message;
        await revokeOAuthGrant(tx, mailboxId, err.message);
        return null;
      }
      if (err instanceof OAuthProviderError) {
        throw new MailboxConnectionError('tcp', `token refresh failed: ${err.message}`, { cause: err });
      }
      throw err;
    }
  });
  if (token !== null) return token;
  throw new MailboxConnectionError('auth', `sign-in no longer valid (${revokedWith}): connect the mailbox again`);
}
