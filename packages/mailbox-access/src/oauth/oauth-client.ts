/**
 * The requests to a provider, through oauth4webapi (a maintained, dependency-free, spec-conformant OAuth 2.0
 * client): device authorization and its token polls (RFC 8628), the authorization-code exchange with PKCE (RFC
 * 7636), refresh (RFC 6749 §6). Errors come back as two kinds only: the grant is gone (the mailbox needs a new
 * sign-in) or the provider could not be asked (try again later).
 */
import type { OAuthTokens } from '@bounce/db';
import * as oauth from 'oauth4webapi';
import type { OAuthProvider } from './oauth-providers.js';

/** Budget of one request to the provider. */
const REQUEST_TIMEOUT_MS = 15_000;
/** When a token response carries no expires_in: assume an hour (both providers issue one-hour tokens). */
const DEFAULT_EXPIRES_IN_S = 3600;

/** The provider refused the grant (invalid_grant, access_denied, expired_token...): a person must sign in again. */
export class OAuthGrantError extends Error {
  override readonly name = 'OAuthGrantError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The provider could not be reached or answered something unusable: transient, try again later. */
export class OAuthProviderError extends Error {
  override readonly name = 'OAuthProviderError';
}

/** RFC 6749 §5.2 and RFC 8628 §3.5 codes that mean the grant (or the pending sign-in) will never work. */
const GRANT_GONE = new Set(['invalid_grant', 'access_denied', 'expired_token', 'unauthorized_client', 'invalid_scope']);

export type DeviceAuthorization = {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string | undefined;
  expiresAt: Date;
  intervalSeconds: number;
  /** The provider's own instruction text (Microsoft sends one, localised). */
  message?: string | undefined;
};

export type DevicePollResult =
  | { state: 'pending' }
  | { state: 'slow-down' }
  | { state: 'connected'; tokens: OAuthTokens };

function server(p: OAuthProvider): oauth.AuthorizationServer {
  return {
    // Only the endpoints are used; no ID token is requested, so the issuer is never compared.
    issuer: new URL(p.tokenEndpoint).origin,
    token_endpoint: p.tokenEndpoint,
    ...(p.deviceAuthorizationEndpoint ? { device_authorization_endpoint: p.deviceAuthorizationEndpoint } : {}),
    ...(p.authorizationEndpoint ? { authorization_endpoint: p.authorizationEndpoint } : {}),
  };
}

function client(p: OAuthProvider): oauth.Client {
  return { client_id: p.clientId };
}

function clientAuth(p: OAuthProvider): oauth.ClientAuth {
  return p.clientSecret ? oauth.ClientSecretPost(p.clientSecret) : oauth.None();
}

function requestOptions(p: OAuthProvider) {
  return { [oauth.allowInsecureRequests]: p.allowInsecureHttp, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
}

export async function requestDeviceAuthorization(p: OAuthProvider): Promise<DeviceAuthorization> {
  const as = server(p);
  const result = await call(p, async () => {
    const response = await oauth.deviceAuthorizationRequest(
      as,
      client(p),
      clientAuth(p),
      { scope: p.scopes.join(' ') },
      requestOptions(p),
    );
    return oauth.processDeviceAuthorizationResponse(as, client(p), response);
  });
  return {
    deviceCode: result.device_code,
    userCode: result.user_code,
    verificationUri: result.verification_uri,
    verificationUriComplete: result.verification_uri_complete,
    expiresAt: new Date(Date.now() + result.expires_in * 1000),
    // RFC 8628 §3.2: 5 s when the provider names no interval.
    intervalSeconds: result.interval ?? 5,
    message: typeof result.message === 'string' ? result.message : undefined,
  };
}

/** One token poll of a pending device sign-in. */
export async function pollDeviceToken(p: OAuthProvider, deviceCode: string): Promise<DevicePollResult> {
  const as = server(p);
  try {
    const tokens = await call(p, async () => {
      const response = await oauth.deviceCodeGrantRequest(as, client(p), clientAuth(p), deviceCode, requestOptions(p));
      return oauth.processDeviceCodeResponse(as, client(p), response);
    });
    return { state: 'connected', tokens: toTokens(tokens) };
  } catch (err) {
    if (err instanceof OAuthGrantError && err.code === 'authorization_pending') return { state: 'pending' };
    if (err instanceof OAuthGrantError && err.code === 'slow_down') return { state: 'slow-down' };
    throw err;
  }
}

export type AuthorizationRequest = { url: string; state: string; codeVerifier: string };

/** The URL the operator opens to sign in (code flow), with a fresh state and PKCE verifier to keep. */
export async function buildAuthorizationRequest(p: OAuthProvider, loginHint?: string): Promise<AuthorizationRequest> {
  if (!p.authorizationEndpoint || !p.redirectUri) {
    throw new OAuthProviderError(`${p.name} has no authorization endpoint or redirect URI configured`);
  }
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(p.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scopes.join(' '),
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
    ...p.authorizationParameters,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.toString(), state, codeVerifier };
}

/** Exchanges the code of the callback (whose state the caller matched already) for tokens. */
export async function exchangeAuthorizationCode(
  p: OAuthProvider,
  callback: URLSearchParams,
  state: string,
  codeVerifier: string,
): Promise<OAuthTokens> {
  const as = server(p);
  return toTokens(
    await call(p, async () => {
      const params = oauth.validateAuthResponse(as, client(p), callback, state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client(p),
        clientAuth(p),
        params,
        p.redirectUri ?? '',
        codeVerifier,
        requestOptions(p),
      );
      return oauth.processAuthorizationCodeResponse(as, client(p), response);
    }),
  );
}

export async function refreshAccessToken(p: OAuthProvider, refreshToken: string): Promise<OAuthTokens> {
  const as = server(p);
  return toTokens(
    await call(p, async () => {
      const response = await oauth.refreshTokenGrantRequest(
        as,
        client(p),
        clientAuth(p),
        refreshToken,
        requestOptions(p),
      );
      return oauth.processRefreshTokenResponse(as, client(p), response);
    }),
  );
}

function toTokens(r: oauth.TokenEndpointResponse): OAuthTokens {
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    accessTokenExpiresAt: new Date(Date.now() + (r.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000),
    scope: r.scope,
  };
}

/** Runs one exchange and turns oauth4webapi's errors into our two kinds. Messages never carry a token. */
async function call<T>(p: OAuthProvider, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof oauth.ResponseBodyError || err instanceof oauth.AuthorizationResponseError) {
      const description = err.error_description ? `: ${err.error_description}` : '';
      const message = `${p.name} answered ${err.error}${description}`;
      if (GRANT_GONE.has(err.error) || err.error === 'authorization_pending' || err.error === 'slow_down') {
        throw new OAuthGrantError(err.error, message);
      }
      throw new OAuthProviderError(message, { cause: err });
    }
    const e = err as Error;
    throw new OAuthProviderError(`${p.name} could not be asked: ${e.name === 'TimeoutError' ? 'timeout' : e.message}`, {
      cause: err,
    });
  }
}
