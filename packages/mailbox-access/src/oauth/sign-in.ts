/**
 * Signing a mailbox in with its provider:
 *
 * - Microsoft 365, device flow (RFC 8628): `startMailboxSignIn` asks for a device code and hands back the link and
 *   the code the operator enters elsewhere; `pollDeviceSignIns` (run by the fetch worker on a timer, in any number
 *   of processes) asks the token endpoint at the interval the provider set until the user approved, declined or the
 *   code expired. Approved: tokens stored, the mailbox enabled.
 * - Google, authorization-code flow with PKCE: `startMailboxSignIn` hands back the authorization URL; the browser
 *   comes back to the API's callback, and `completeCodeSignIn` finds the pending grant by its state and exchanges
 *   the code.
 */
import type { SecretBox } from '@bounce/config';
import {
  claimDueDeviceGrants,
  completeOAuthFlow,
  type Executor,
  failOAuthFlow,
  lockOAuthGrantByState,
  type OAuthProviderName,
  scheduleDevicePoll,
  startOAuthFlow,
} from '@bounce/db';
import {
  buildAuthorizationRequest,
  exchangeAuthorizationCode,
  OAuthGrantError,
  OAuthProviderError,
  pollDeviceToken,
  requestDeviceAuthorization,
} from './oauth-client.js';
import type { OAuthProviders } from './oauth-providers.js';

/** A code-flow sign-in must come back within this time (the state and verifier are forgotten after). */
const CODE_FLOW_TTL_MS = 15 * 60_000;
/** RFC 8628 §3.5: on slow_down the interval grows by 5 s for this and every later request. */
const SLOW_DOWN_STEP_S = 5;

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: 'provider-not-configured' | 'provider-unavailable' | 'unknown-state' | 'expired' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

export type SignInStart =
  | {
      flow: 'device';
      provider: OAuthProviderName;
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string | null;
      expiresAt: Date;
      message: string | null;
    }
  | { flow: 'code'; provider: OAuthProviderName; authorizationUrl: string; expiresAt: Date };

export async function startMailboxSignIn(
  db: Executor,
  secrets: SecretBox,
  providers: OAuthProviders,
  mailbox: { id: string; tenantId: string; username: string },
  providerName: OAuthProviderName,
): Promise<SignInStart> {
  const provider = providers[providerName];
  if (!provider) {
    throw new SignInError('provider-not-configured', `${providerName} sign-in is not configured on this installation`);
  }
  try {
    if (provider.flow === 'device') {
      const device = await requestDeviceAuthorization(provider);
      await startOAuthFlow(db, secrets, {
        tenantId: mailbox.tenantId,
        mailboxId: mailbox.id,
        provider: providerName,
        flowSecret: device.deviceCode,
        flowExpiresAt: device.expiresAt,
        device: {
          userCode: device.userCode,
          verificationUri: device.verificationUri,
          intervalSeconds: device.intervalSeconds,
        },
      });
      return {
        flow: 'device',
        provider: providerName,
        userCode: device.userCode,
        verificationUri: device.verificationUri,
        verificationUriComplete: device.verificationUriComplete ?? null,
        expiresAt: device.expiresAt,
        message: device.message ?? null,
      };
    }
    const request = await buildAuthorizationRequest(provider, mailbox.username);
    const expiresAt = new Date(Date.now() + CODE_FLOW_TTL_MS);
    await startOAuthFlow(db, secrets, {
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      provider: providerName,
      flowSecret: request.codeVerifier,
      flowExpiresAt: expiresAt,
      state: request.state,
    });
    return { flow: 'code', provider: providerName, authorizationUrl: request.url, expiresAt };
  } catch (err) {
    if (err instanceof OAuthProviderError || err instanceof OAuthGrantError) {
      throw new SignInError('provider-unavailable', err.message);
    }
    throw err;
  }
}

export type DevicePollSummary = { polled: number; connected: number; failed: number; pending: number };

/**
 * One round of device-flow polling: claims the sign-ins due (skipping those another process holds), asks the
 * token endpoint once for each and records the outcome. Call it every few seconds.
 */
export async function pollDeviceSignIns(
  db: Executor,
  secrets: SecretBox,
  providers: OAuthProviders,
  options: { limit?: number; now?: Date } = {},
): Promise<DevicePollSummary> {
  const summary: DevicePollSummary = { polled: 0, connected: 0, failed: 0, pending: 0 };
  await db.transaction(async (tx) => {
    const now = options.now ?? new Date();
    for (const grant of await claimDueDeviceGrants(tx, secrets, options.limit ?? 10, now)) {
      summary.polled++;
      const provider = providers[grant.provider];
      const interval = grant.pollIntervalSeconds ?? 5;
      if (grant.flowExpiresAt && grant.flowExpiresAt <= now) {
        await failOAuthFlow(tx, grant.mailboxId, 'the code expired before anyone signed in: start the sign-in again');
        summary.failed++;
        continue;
      }
      if (!provider || !grant.flowSecret) {
        // Another process may have the provider configured; look again later instead of failing the sign-in.
        await scheduleDevicePoll(tx, grant.mailboxId, interval);
        summary.pending++;
        continue;
      }
      try {
        const result = await pollDeviceToken(provider, grant.flowSecret);
        if (result.state === 'connected') {
          await completeOAuthFlow(tx, secrets, grant.mailboxId, result.tokens);
          summary.connected++;
        } else {
          await scheduleDevicePoll(
            tx,
            grant.mailboxId,
            interval + (result.state === 'slow-down' ? SLOW_DOWN_STEP_S : 0),
          );
          summary.pending++;
        }
      } catch (err) {
        if (err instanceof OAuthGrantError) {
          const why =
            err.code === 'access_denied'
              ? 'the sign-in was declined'
              : err.code === 'expired_token'
                ? 'the code expired before anyone signed in'
                : err.message;
          await failOAuthFlow(tx, grant.mailboxId, `${why}: start the sign-in again`);
          summary.failed++;
        } else if (err instanceof OAuthProviderError) {
          await scheduleDevicePoll(tx, grant.mailboxId, interval);
          summary.pending++;
        } else {
          throw err;
        }
      }
    }
  });
  return summary;
}

/**
 * The browser's return from the provider (code flow): `callback` holds the query (code and state, or error and
 * state). Returns the mailbox now connected; throws SignInError otherwise (the pending grant records why).
 */
export async function completeCodeSignIn(
  db: Executor,
  secrets: SecretBox,
  providers: OAuthProviders,
  callback: URLSearchParams,
): Promise<{ mailboxId: string; tenantId: string }> {
  const state = callback.get('state');
  if (!state) throw new SignInError('unknown-state', 'the sign-in answer carries no state');
  let failure: SignInError | undefined;
  const done = await db.transaction(async (tx) => {
    const grant = await lockOAuthGrantByState(tx, secrets, state);
    if (!grant?.flowSecret) {
      throw new SignInError('unknown-state', 'unknown or already used sign-in: start the sign-in again');
    }
    const provider = providers[grant.provider];
    const fail = async (error: SignInError) => {
      await failOAuthFlow(tx, grant.mailboxId, error.message);
      failure = error;
      return null;
    };
    if (grant.flowExpiresAt && grant.flowExpiresAt <= new Date()) {
      return fail(new SignInError('expired', 'the sign-in took too long: start it again'));
    }
    if (!provider) {
      return fail(new SignInError('provider-not-configured', `${grant.provider} sign-in is not configured`));
    }
    try {
      const tokens = await exchangeAuthorizationCode(provider, callback, state, grant.flowSecret);
      if (!tokens.refreshToken) {
        return fail(
          new SignInError(
            'refused',
            `${grant.provider} issued no refresh token: sign in again and grant offline access`,
          ),
        );
      }
      await completeOAuthFlow(tx, secrets, grant.mailboxId, tokens);
      return { mailboxId: grant.mailboxId, tenantId: grant.tenantId };
    } catch (err) {
      if (err instanceof OAuthGrantError) return fail(new SignInError('refused', err.message));
      if (err instanceof OAuthProviderError) return fail(new SignInError('provider-unavailable', err.message));
      throw err;
    }
  });
  if (!done) throw failure ?? new SignInError('refused', 'sign-in failed');
  return done;
}
