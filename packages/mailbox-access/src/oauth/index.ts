export {
  type AccessTokenOptions,
  getMailboxAccessToken,
  getMailboxAccessTokenWithExpiry,
  type MailboxAccessToken,
  REFRESH_MARGIN_MS,
} from './access-token.js';
export {
  forgetRefusedAccessToken,
  type MailboxConnection,
  type MailboxCredentialSource,
  mailboxConnectionConfig,
} from './connection-credentials.js';
export {
  type AuthorizationRequest,
  buildAuthorizationRequest,
  type DeviceAuthorization,
  type DevicePollResult,
  exchangeAuthorizationCode,
  OAuthGrantError,
  OAuthProviderError,
  pollDeviceToken,
  refreshAccessToken,
  requestDeviceAuthorization,
} from './oauth-client.js';
export {
  checkOAuthProvidersEnv,
  GOOGLE_SCOPES,
  MICROSOFT_SCOPES,
  type OAuthProvider,
  type OAuthProviderName,
  type OAuthProviders,
  type OAuthProvidersEnv,
  oauthProvidersEnv,
  oauthProvidersFromEnv,
} from './oauth-providers.js';
export {
  completeCodeSignIn,
  type DevicePollSummary,
  pollDeviceSignIns,
  SignInError,
  type SignInStart,
  startMailboxSignIn,
} from './sign-in.js';
