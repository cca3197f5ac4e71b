/**
 * OAuth 2.0 grants of mailboxes signed in with Microsoft 365 or Google (authMethod `oauth2`). This module stores
 * and locks; talking to the provider is mailbox-access's. Tokens and the flow's secret are SecretBox ciphertext
 * bound to the mailbox (`mailboxOAuthSecretContext`), so a ciphertext copied to another row does not decrypt.
 *
 * Several processes may need a fresh access token at once: `lockOAuthGrant` takes the row lock (FOR UPDATE) in the
 * caller's transaction, the caller refreshes while holding it and stores the result before commit; the others wait
 * and then find the fresh token. A refresh token is never spent twice (rotating providers revoke on reuse).
 */
import { createHash } from 'node:crypto';
import { type SecretBox, secretContext } from '@bounce/config';
import { eventPriority } from '@bounce/events';
import { and, eq, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import type { OutboxEventType } from '../outbox/outbox-events.js';
import { mailboxes, mailboxOAuthGrants, outbox } from '../schema.js';

export const MAILBOX_AUTHORIZATION_REVOKED_EVENT = 'mailbox.authorization_revoked' satisfies OutboxEventType;

export type OAuthProviderName = 'microsoft' | 'google';
export type OAuthGrantStatus = 'pending' | 'connected' | 'revoked' | 'failed';

/** What the API may show: no token, no device code, no verifier. */
export type MailboxOAuthGrant = {
  mailboxId: string;
  provider: OAuthProviderName;
  status: OAuthGrantStatus;
  /** Device flow, while pending: the code the user types at `verificationUri`. */
  userCode: string | null;
  verificationUri: string | null;
  flowExpiresAt: Date | null;
  accessTokenExpiresAt: Date | null;
  scope: string | null;
  lastError: string | null;
  connectedAt: Date | null;
  updatedAt: Date;
};

/** A locked grant with its secrets decrypted, for the process holding the lock. */
export type LockedOAuthGrant = MailboxOAuthGrant & {
  tenantId: string;
  flowSecret: string | null;
  refreshToken: string | null;
  accessToken: string | null;
  pollIntervalSeconds: number | null;
};

export type OAuthTokens = {
  accessToken: string;
  /** Absent when the provider did not rotate it: the stored one stays. */
  refreshToken?: string | undefined;
  accessTokenExpiresAt: Date;
  scope?: string | undefined;
};

const PUBLIC = {
  mailboxId: mailboxOAuthGrants.mailboxId,
  provider: mailboxOAuthGrants.provider,
  status: mailboxOAuthGrants.status,
  userCode: mailboxOAuthGrants.userCode,
  verificationUri: mailboxOAuthGrants.verificationUri,
  flowExpiresAt: mailboxOAuthGrants.flowExpiresAt,
  accessTokenExpiresAt: mailboxOAuthGrants.accessTokenExpiresAt,
  scope: mailboxOAuthGrants.scope,
  lastError: mailboxOAuthGrants.lastError,
  connectedAt: mailboxOAuthGrants.connectedAt,
  updatedAt: mailboxOAuthGrants.updatedAt,
};

const MAX_ERROR_LENGTH = 1_000;

export function mailboxOAuthSecretContext(mailboxId: string, field: 'flow' | 'refresh' | 'access'): string {
  return secretContext(`mailbox_oauth_grants.${field}`, mailboxId);
}

/** The code flow's state is looked up by its hash: a database reader cannot replay a pending callback. */
export function oauthStateHash(state: string): string {
  return createHash('sha256').update(state).digest('base64url');
}

export type StartOAuthFlow = {
  tenantId: string;
  mailboxId: string;
  provider: OAuthProviderName;
  /** The device code (device flow) or the PKCE code verifier (code flow). */
  flowSecret: string;
  flowExpiresAt: Date;
  device?: { userCode: string; verificationUri: string; intervalSeconds: number };
  /** Code flow: the `state` sent to the authorization endpoint. */
  state?: string;
};

/**
 * Starts (or restarts) a sign-in: the grant becomes pending and forgets earlier tokens, since the operator is
 * connecting an account, possibly another one.
 */
export async function startOAuthFlow(db: Executor, secrets: SecretBox, flow: StartOAuthFlow): Promise<void> {
  const values = {
    tenantId: flow.tenantId,
    provider: flow.provider,
    status: 'pending' as const,
    flowSecretEncrypted: secrets.encrypt(flow.flowSecret, mailboxOAuthSecretContext(flow.mailboxId, 'flow')),
    stateHash: flow.state ? oauthStateHash(flow.state) : null,
    userCode: flow.device?.userCode ?? null,
    verificationUri: flow.device?.verificationUri ?? null,
    pollIntervalSeconds: flow.device?.intervalSeconds ?? null,
    nextPollAt: flow.device ? new Date(Date.now() + flow.device.intervalSeconds * 1000) : null,
    flowExpiresAt: flow.flowExpiresAt,
    refreshTokenEncrypted: null,
    accessTokenEncrypted: null,
    accessTokenExpiresAt: null,
    scope: null,
    lastError: null,
    connectedAt: null,
    updatedAt: new Date(),
  };
  await db
    .insert(mailboxOAuthGrants)
    .values({ mailboxId: flow.mailboxId, ...values })
    .onConflictDoUpdate({ target: mailboxOAuthGrants.mailboxId, set: values });
  // The mailbox is bound to the provider it signs in with (shown by the API; a sign-in with the other one rebinds).
  await db
    .update(mailboxes)
    .set({ provider: flow.provider, updatedAt: new Date() })
    .where(
      and(
        eq(mailboxes.id, flow.mailboxId),
        eq(mailboxes.tenantId, flow.tenantId),
        or(isNull(mailboxes.provider), ne(mailboxes.provider, flow.provider)),
      ),
    );
}

export async function getMailboxOAuthGrant(
  db: Executor,
  tenantId: string,
  mailboxId: string,
): Promise<MailboxOAuthGrant | null> {
  const rows = await db
    .select(PUBLIC)
    .from(mailboxOAuthGrants)
    .where(and(eq(mailboxOAuthGrants.tenantId, tenantId), eq(mailboxOAuthGrants.mailboxId, mailboxId)));
  return rows[0] ?? null;
}

/** Locks one mailbox's grant in the caller's transaction (waits for another holder) and decrypts it. */
export async function lockOAuthGrant(
  tx: Executor,
  secrets: SecretBox,
  mailboxId: string,
): Promise<LockedOAuthGrant | null> {
  const rows = await tx
    .select()
    .from(mailboxOAuthGrants)
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId))
    .for('update');
  return rows[0] ? decryptGrant(secrets, rows[0]) : null;
}

/** Locks the pending code-flow grant the callback's `state` belongs to. */
export async function lockOAuthGrantByState(
  tx: Executor,
  secrets: SecretBox,
  state: string,
): Promise<LockedOAuthGrant | null> {
  const rows = await tx
    .select()
    .from(mailboxOAuthGrants)
    .where(and(eq(mailboxOAuthGrants.stateHash, oauthStateHash(state)), eq(mailboxOAuthGrants.status, 'pending')))
    .for('update');
  return rows[0] ? decryptGrant(secrets, rows[0]) : null;
}

/**
 * Claims device-flow grants due for a token poll, skipping those another process holds (FOR UPDATE SKIP LOCKED):
 * each pending sign-in is polled by one process at a time, at the interval the provider asked for.
 */
export async function claimDueDeviceGrants(
  tx: Executor,
  secrets: SecretBox,
  limit: number,
  now: Date = new Date(),
): Promise<LockedOAuthGrant[]> {
  const rows = await tx
    .select()
    .from(mailboxOAuthGrants)
    .where(
      and(
        eq(mailboxOAuthGrants.status, 'pending'),
        isNotNull(mailboxOAuthGrants.userCode),
        lte(mailboxOAuthGrants.nextPollAt, now),
      ),
    )
    .orderBy(mailboxOAuthGrants.nextPollAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((r) => decryptGrant(secrets, r));
}

/** Device flow still waiting for the user: poll again after `intervalSeconds` (raised on slow_down). */
export async function scheduleDevicePoll(tx: Executor, mailboxId: string, intervalSeconds: number): Promise<void> {
  await tx
    .update(mailboxOAuthGrants)
    .set({
      pollIntervalSeconds: intervalSeconds,
      nextPollAt: new Date(Date.now() + intervalSeconds * 1000),
      updatedAt: new Date(),
    })
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId));
}

/**
 * The sign-in finished: tokens stored, the flow's secret forgotten, and the mailbox ready to fetch (enabled, its
 * failure streak and disabled reason cleared).
 */
export async function completeOAuthFlow(
  tx: Executor,
  secrets: SecretBox,
  mailboxId: string,
  tokens: OAuthTokens,
): Promise<void> {
  const now = new Date();
  await tx
    .update(mailboxOAuthGrants)
    .set({
      status: 'connected',
      ...tokenColumns(secrets, mailboxId, tokens),
      flowSecretEncrypted: null,
      stateHash: null,
      userCode: null,
      verificationUri: null,
      nextPollAt: null,
      flowExpiresAt: null,
      lastError: null,
      connectedAt: now,
      updatedAt: now,
    })
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId));
  await tx
    .update(mailboxes)
    .set({ enabled: true, consecutiveFailures: 0, disabledReason: null, lastError: null, updatedAt: now })
    .where(eq(mailboxes.id, mailboxId));
}

/** A refresh succeeded: the new access token (and the rotated refresh token, if any). */
export async function storeRefreshedTokens(
  tx: Executor,
  secrets: SecretBox,
  mailboxId: string,
  tokens: OAuthTokens,
): Promise<void> {
  await tx
    .update(mailboxOAuthGrants)
    .set({ ...tokenColumns(secrets, mailboxId, tokens), lastError: null, updatedAt: new Date() })
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId));
}

/** The sign-in ended without a grant (user declined, code expired, bad callback): shown to the operator. */
export async function failOAuthFlow(tx: Executor, mailboxId: string, error: string): Promise<void> {
  await tx
    .update(mailboxOAuthGrants)
    .set({
      status: 'failed',
      flowSecretEncrypted: null,
      stateHash: null,
      nextPollAt: null,
      lastError: error.slice(0, MAX_ERROR_LENGTH),
      updatedAt: new Date(),
    })
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId));
}

/**
 * The server turned the access token away (IMAP/POP3 AUTH failed): forget it so the next connection refreshes
 * first, which tells a token the server merely lost (refresh works) from a revoked grant (refresh fails).
 */
export async function invalidateAccessToken(db: Executor, mailboxId: string): Promise<void> {
  await db
    .update(mailboxOAuthGrants)
    .set({ accessTokenEncrypted: null, accessTokenExpiresAt: null, updatedAt: new Date() })
    .where(eq(mailboxOAuthGrants.mailboxId, mailboxId));
}

/**
 * The provider refused the refresh token (revoked consent, expired grant, password change): the grant is marked
 * revoked, its tokens dropped, the mailbox disabled with a reason naming the fix, and a high-priority
 * `mailbox.authorization_revoked` event written, all in the caller's transaction. Returns false when the mailbox
 * was already disabled by this (no second event).
 */
export async function revokeOAuthGrant(
  tx: Executor,
  mailboxId: string,
  error: string,
  at: Date = new Date(),
): Promise<boolean> {
  const message = error.slice(0, MAX_ERROR_LENGTH);
  const [grant] = await tx
    .update(mailboxOAuthGrants)
    .set({
      status: 'revoked',
      refreshTokenEncrypted: null,
      accessTokenEncrypted: null,
      accessTokenExpiresAt: null,
      lastError: message,
      updatedAt: at,
    })
    .where(and(eq(mailboxOAuthGrants.mailboxId, mailboxId), sql`${mailboxOAuthGrants.status} <> 'revoked'`))
    .returning({ provider: mailboxOAuthGrants.provider });
  if (!grant) return false;
  const reason = `OAuth sign-in with ${grant.provider} is no longer valid (${message}): connect the mailbox again`;
  const [box] = await tx
    .update(mailboxes)
    .set({ enabled: false, disabledReason: reason, lastError: `auth: ${message}`, updatedAt: at })
    .where(eq(mailboxes.id, mailboxId))
    .returning({ tenantId: mailboxes.tenantId, name: mailboxes.name, username: mailboxes.username });
  if (!box) return false;
  await tx.insert(outbox).values({
    tenantId: box.tenantId,
    type: MAILBOX_AUTHORIZATION_REVOKED_EVENT,
    priority: eventPriority(MAILBOX_AUTHORIZATION_REVOKED_EVENT),
    payload: {
      type: MAILBOX_AUTHORIZATION_REVOKED_EVENT,
      tenantId: box.tenantId,
      mailboxId,
      name: box.name,
      provider: grant.provider,
      username: box.username,
      error: message,
      disabledAt: at.toISOString(),
    },
  });
  return true;
}

function tokenColumns(secrets: SecretBox, mailboxId: string, tokens: OAuthTokens) {
  return {
    accessTokenEncrypted: secrets.encrypt(tokens.accessToken, mailboxOAuthSecretContext(mailboxId, 'access')),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    ...(tokens.refreshToken
      ? {
          refreshTokenEncrypted: secrets.encrypt(tokens.refreshToken, mailboxOAuthSecretContext(mailboxId, 'refresh')),
        }
      : {}),
    ...(tokens.scope !== undefined ? { scope: tokens.scope } : {}),
  };
}

function decryptGrant(secrets: SecretBox, row: typeof mailboxOAuthGrants.$inferSelect): LockedOAuthGrant {
  const open = (value: string | null, field: 'flow' | 'refresh' | 'access') =>
    value === null ? null : secrets.decrypt(value, mailboxOAuthSecretContext(row.mailboxId, field));
  return {
    mailboxId: row.mailboxId,
    tenantId: row.tenantId,
    provider: row.provider,
    status: row.status,
    userCode: row.userCode,
    verificationUri: row.verificationUri,
    flowExpiresAt: row.flowExpiresAt,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    scope: row.scope,
    lastError: row.lastError,
    connectedAt: row.connectedAt,
    updatedAt: row.updatedAt,
    pollIntervalSeconds: row.pollIntervalSeconds,
    flowSecret: open(row.flowSecretEncrypted, 'flow'),
    refreshToken: open(row.refreshTokenEncrypted, 'refresh'),
    accessToken: open(row.accessTokenEncrypted, 'access'),
  };
}
