/**
 * The OAuth 2.0 providers mailboxes sign in with, from the environment of every process that connects (API for
 * starting sign-ins and the connection test, fetch worker for polling device sign-ins and refreshing tokens).
 *
 * - Microsoft 365: the device authorization grant (RFC 8628), a public client (an app registration with "Allow
 *   public client flows"); scopes for IMAP, POP3 and SMTP of Exchange Online plus offline_access (refresh tokens).
 * - Google: the authorization-code grant with PKCE, a confidential "Web application" client whose redirect URI is
 *   the API's /v1/oauth/callback; the https://mail.google.com/ scope, access_type=offline for a refresh token.
 *
 * Every endpoint can be overridden (tests point them at a loopback server; sovereign clouds use other authorities).
 */
import { envBoolean, secret } from '@bounce/config';
import type { OAuthProviderName } from '@bounce/db';
import { z } from 'zod';

export type { OAuthProviderName } from '@bounce/db';

export type OAuthProvider = {
  name: OAuthProviderName;
  flow: 'device' | 'code';
  clientId: string;
  /** Confidential clients only (Google); never logged. */
  clientSecret?: string | undefined;
  scopes: readonly string[];
  tokenEndpoint: string;
  deviceAuthorizationEndpoint?: string | undefined;
  authorizationEndpoint?: string | undefined;
  /** Code flow: where the provider sends the browser back (the API's /v1/oauth/callback). */
  redirectUri?: string | undefined;
  /** Extra parameters of the authorization request (Google needs access_type=offline and prompt=consent). */
  authorizationParameters?: Record<string, string> | undefined;
  /** Plain-http endpoints (loopback test servers only). */
  allowInsecureHttp: boolean;
};

export type OAuthProviders = Partial<Record<OAuthProviderName, OAuthProvider>>;

/** Exchange Online's scopes for IMAP, POP3 and SMTP AUTH, and offline_access for a refresh token. */
export const MICROSOFT_SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/POP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'offline_access',
] as const;
/** Google's only scope that covers IMAP, POP3 and SMTP. */
export const GOOGLE_SCOPES = ['https://mail.google.com/'] as const;

const url = z.url({ protocol: /^https?$/ });
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** Environment fields (spread into an app's env schema). Every provider is off until its client id is set. */
export const oauthProvidersEnv = {
  /** Microsoft 365 app registration (public client) id. Default none: Microsoft sign-in off. */
  OAUTH_MICROSOFT_CLIENT_ID: optionalText,
  /**
   * Directory (tenant) id or "organizations" (any work account). Default organizations. No default in the schema:
   * whether it was set tells checkOAuthProvidersEnv that Microsoft sign-in was meant to be configured.
   */
  OAUTH_MICROSOFT_TENANT: optionalText,
  /** Default https://login.microsoftonline.com (other clouds: login.microsoftonline.us, ...). */
  OAUTH_MICROSOFT_AUTHORITY: url.optional(),
  /** Override of {authority}/{tenant}/oauth2/v2.0/devicecode. Default derived. */
  OAUTH_MICROSOFT_DEVICE_AUTHORIZATION_URL: url.optional(),
  /** Override of {authority}/{tenant}/oauth2/v2.0/token. Default derived. */
  OAUTH_MICROSOFT_TOKEN_URL: url.optional(),
  /** Google OAuth client (type "Web application") id. Default none: Google sign-in off. */
  OAUTH_GOOGLE_CLIENT_ID: optionalText,
  /** Its client secret. Required with OAUTH_GOOGLE_CLIENT_ID. */
  OAUTH_GOOGLE_CLIENT_SECRET: secret(z.string().min(1).optional()),
  /** The API's callback as registered at Google, e.g. https://bounce.example.com/v1/oauth/callback. Required with the client id. */
  OAUTH_GOOGLE_REDIRECT_URI: url.optional(),
  /** Default https://accounts.google.com/o/oauth2/v2/auth. */
  OAUTH_GOOGLE_AUTHORIZATION_URL: url.default('https://accounts.google.com/o/oauth2/v2/auth'),
  /** Default https://oauth2.googleapis.com/token. */
  OAUTH_GOOGLE_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
  /** Allow http:// provider endpoints on loopback (tests and local development only). Default false. */
  OAUTH_ALLOW_INSECURE_HTTP: envBoolean(false),
};

const oauthProvidersEnvSchema = z.object(oauthProvidersEnv);
export type OAuthProvidersEnv = z.output<typeof oauthProvidersEnvSchema>;

const MICROSOFT_DEFAULT_TENANT = 'organizations';
const MICROSOFT_DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * A half-configured provider refused at start-up (add it with `.superRefine(checkOAuthProvidersEnv)` to an app's
 * env schema): a Google client id without its secret or redirect URI would only fail at the first sign-in, and a
 * secret, redirect or endpoint override without the client id means sign-in silently stays off. Each message names
 * the variable to set (or to remove).
 */
export function checkOAuthProvidersEnv(env: OAuthProvidersEnv, ctx: z.RefinementCtx): void {
  const issue = (key: keyof OAuthProvidersEnv, message: string) =>
    ctx.addIssue({ code: 'custom', path: [key], message });
  if (env.OAUTH_GOOGLE_CLIENT_ID) {
    if (!env.OAUTH_GOOGLE_CLIENT_SECRET) {
      issue(
        'OAUTH_GOOGLE_CLIENT_SECRET',
        'required because OAUTH_GOOGLE_CLIENT_ID is set: the client secret of that Google OAuth client (type "Web application")',
      );
    }
    if (!env.OAUTH_GOOGLE_REDIRECT_URI) {
      issue(
        'OAUTH_GOOGLE_REDIRECT_URI',
        "required because OAUTH_GOOGLE_CLIENT_ID is set: the API's callback as registered at Google, e.g. https://bounce.example.com/v1/oauth/callback",
      );
    }
  } else {
    const set = (['OAUTH_GOOGLE_CLIENT_SECRET', 'OAUTH_GOOGLE_REDIRECT_URI'] as const).filter((k) => env[k]);
    if (set.length > 0) {
      issue(
        'OAUTH_GOOGLE_CLIENT_ID',
        `required because ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set: Google sign-in stays off without the client id (set it, or remove ${set.join(' and ')})`,
      );
    }
  }
  if (!env.OAUTH_MICROSOFT_CLIENT_ID) {
    const set = (
      [
        'OAUTH_MICROSOFT_TENANT',
        'OAUTH_MICROSOFT_AUTHORITY',
        'OAUTH_MICROSOFT_DEVICE_AUTHORIZATION_URL',
        'OAUTH_MICROSOFT_TOKEN_URL',
      ] as const
    ).filter((k) => env[k]);
    if (set.length > 0) {
      issue(
        'OAUTH_MICROSOFT_CLIENT_ID',
        `required because ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set: Microsoft 365 sign-in stays off without the app registration's client id (set it, or remove ${set.join(', ')})`,
      );
    }
  }
}

/** 'https://login.example/' → 'https://login.example', by position (a /\/+$/ search is quadratic on many '/'). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

/**
 * The configured providers. An env validated with checkOAuthProvidersEnv is never half-configured; the throw below
 * guards callers that built the env some other way.
 */
export function oauthProvidersFromEnv(env: OAuthProvidersEnv): OAuthProviders {
  const providers: OAuthProviders = {};
  const allowInsecureHttp = env.OAUTH_ALLOW_INSECURE_HTTP;
  if (env.OAUTH_MICROSOFT_CLIENT_ID) {
    const authority = env.OAUTH_MICROSOFT_AUTHORITY ?? MICROSOFT_DEFAULT_AUTHORITY;
    const tenant = env.OAUTH_MICROSOFT_TENANT ?? MICROSOFT_DEFAULT_TENANT;
    const base = `${withoutTrailingSlashes(authority)}/${encodeURIComponent(tenant)}/oauth2/v2.0`;
    providers.microsoft = {
      name: 'microsoft',
      flow: 'device',
      clientId: env.OAUTH_MICROSOFT_CLIENT_ID,
      scopes: MICROSOFT_SCOPES,
      deviceAuthorizationEndpoint: env.OAUTH_MICROSOFT_DEVICE_AUTHORIZATION_URL ?? `${base}/devicecode`,
      tokenEndpoint: env.OAUTH_MICROSOFT_TOKEN_URL ?? `${base}/token`,
      allowInsecureHttp,
    };
  }
  if (env.OAUTH_GOOGLE_CLIENT_ID) {
    if (!env.OAUTH_GOOGLE_CLIENT_SECRET || !env.OAUTH_GOOGLE_REDIRECT_URI) {
      throw new Error(
        'OAUTH_GOOGLE_CLIENT_ID is set: OAUTH_GOOGLE_CLIENT_SECRET and OAUTH_GOOGLE_REDIRECT_URI are required too',
      );
    }
    providers.google = {
      name: 'google',
      flow: 'code',
      clientId: env.OAUTH_GOOGLE_CLIENT_ID,
      clientSecret: env.OAUTH_GOOGLE_CLIENT_SECRET,
      scopes: GOOGLE_SCOPES,
      authorizationEndpoint: env.OAUTH_GOOGLE_AUTHORIZATION_URL,
      tokenEndpoint: env.OAUTH_GOOGLE_TOKEN_URL,
      redirectUri: env.OAUTH_GOOGLE_REDIRECT_URI,
      // Without both Google issues no refresh token on a second consent.
      authorizationParameters: { access_type: 'offline', prompt: 'consent' },
      allowInsecureHttp,
    };
  }
  return providers;
}
