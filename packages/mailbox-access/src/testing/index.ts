export {
  microsoftTestProviders,
  type OAuthMailServers,
  signInWithDeviceFlow,
  startOAuthMailServers,
} from './oauth-mail-servers.js';
