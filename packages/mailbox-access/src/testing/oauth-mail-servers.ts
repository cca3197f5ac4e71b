/**
 * Microsoft 365 on loopback, for the tests of OAuth mailboxes: the test authorization server plays Microsoft (device
 * flow, rotating refresh tokens, revocation), and the private Postfix + Dovecot check every XOAUTH2/OAUTHBEARER login
 * by token introspection at that server (Dovecot's oauth2 passdb), so expiry and revocation at the provider are
 * refused by the mail server as Exchange Online refuses them. One setup for mailbox-access's own tests, the fetch
 * worker's (fetching, IDLE) and whoever else signs a mailbox in.
 */
import type { SecretBox } from '@bounce/config';
import type { Executor, Mailbox } from '@bounce/db';
import {
  type MailServerOptions,
  type MailServers,
  startMailServers,
  startTestOAuthServer,
  type TestOAuthServer,
  type TestOAuthServerOptions,
} from '@bounce/test-servers';
import { MICROSOFT_SCOPES, type OAuthProviders } from '../oauth/oauth-providers.js';
import { pollDeviceSignIns, startMailboxSignIn } from '../oauth/sign-in.js';

export type OAuthMailServers = {
  auth: TestOAuthServer;
  servers: MailServers;
  /** `microsoft` (device flow) at the test authorization server. */
  providers: OAuthProviders;
  /**
   * Signs the mailbox in as the operator would: the device flow is started, the user (default the bounce user)
   * approves the code on their "other device", and the next poll connects the mailbox.
   */
  signIn: (db: Executor, secrets: SecretBox, mailbox: Mailbox, username?: string) => Promise<void>;
  stop: () => Promise<void>;
};

/** The test server as the Microsoft provider (device flow; plain http on loopback allowed). */
export function microsoftTestProviders(auth: TestOAuthServer): OAuthProviders {
  return {
    microsoft: {
      name: 'microsoft',
      flow: 'device',
      clientId: auth.clientId,
      scopes: MICROSOFT_SCOPES,
      deviceAuthorizationEndpoint: auth.endpoints.deviceAuthorization,
      tokenEndpoint: auth.endpoints.token,
      allowInsecureHttp: true,
    },
  };
}

/** Device sign-in of `mailbox` at the test server, approved by `username`. */
export async function signInWithDeviceFlow(
  db: Executor,
  secrets: SecretBox,
  auth: TestOAuthServer,
  providers: OAuthProviders,
  mailbox: Mailbox,
  username: string,
): Promise<void> {
  const start = await startMailboxSignIn(db, secrets, providers, mailbox, 'microsoft');
  if (start.flow !== 'device') throw new Error('expected the device flow');
  auth.approveDevice(start.userCode, username);
  // The poll is due after the interval the server asked for; pretend that time has passed.
  const summary = await pollDeviceSignIns(db, secrets, providers, { now: new Date(Date.now() + 60_000) });
  if (summary.connected < 1) throw new Error(`device sign-in of ${mailbox.id} did not connect`);
}

export async function startOAuthMailServers(
  options: { oauth?: TestOAuthServerOptions; mail?: Omit<MailServerOptions, 'oauth2IntrospectionUrl'> } = {},
): Promise<OAuthMailServers> {
  const auth = await startTestOAuthServer(options.oauth);
  let servers: MailServers;
  try {
    servers = await startMailServers({ ...options.mail, oauth2IntrospectionUrl: auth.endpoints.introspection });
  } catch (err) {
    await auth.stop();
    throw err;
  }
  const providers = microsoftTestProviders(auth);
  return {
    auth,
    servers,
    providers,
    signIn: (db, secrets, mailbox, username = servers.bounceUser) =>
      signInWithDeviceFlow(db, secrets, auth, providers, mailbox, username),
    stop: async () => {
      await Promise.allSettled([servers.stop(), auth.stop()]);
    },
  };
}
