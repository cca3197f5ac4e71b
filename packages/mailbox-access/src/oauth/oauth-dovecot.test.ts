/**
 * OAuth mailboxes end to end on loopback: the test authorization server plays Microsoft, Dovecot checks every
 * XOAUTH2/OAUTHBEARER login by token introspection at that server (its oauth2 passdb), so expiry and revocation
 * at the provider are refused by the mail server as Exchange Online would refuse them.
 */
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import { createMailbox, getMailbox, loadMailboxForConnection, outbox, tenants } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import type { MailServers, TestOAuthServer } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMailboxConnection } from '../connection-test.js';
import { closeImap, connectImap } from '../imap-client.js';
import { MailboxConnectionError } from '../mailbox-errors.js';
import { loopbackTestPolicy } from '../mailbox-network-policy.js';
import { connectPop3 } from '../pop3-client.js';
import { type OAuthMailServers, startOAuthMailServers } from '../testing/oauth-mail-servers.js';
import { getMailboxAccessToken } from './access-token.js';
import { forgetRefusedAccessToken, mailboxConnectionConfig } from './connection-credentials.js';
import type { OAuthProviders } from './oauth-providers.js';

let t: TestDatabase;
let oauth: OAuthMailServers;
let auth: TestOAuthServer;
let servers: MailServers;
let providers: OAuthProviders;
const secrets = new SecretBox(randomBytes(32).toString('base64'));
const TENANT = 'oauth-dovecot';
const LOCAL = { network: loopbackTestPolicy() };

beforeAll(async () => {
  [t, oauth] = await Promise.all([createTestDatabase('bounce_oauth_dovecot'), startOAuthMailServers()]);
  ({ auth, servers, providers } = oauth);
  await t.db.insert(tenants).values({ id: TENANT, name: 'OAuth Dovecot' });
}, 60_000);

afterAll(async () => {
  await Promise.all([t?.drop(), oauth?.stop()]);
}, 30_000);

/** A Microsoft-style mailbox on the local Dovecot, signed in through the device flow as the bounce user. */
async function signedInMailbox(name: string, protocol: 'imap' | 'pop3' = 'imap') {
  const box = await createMailbox(t.db, secrets, TENANT, {
    name,
    protocol,
    host: servers.host,
    port: protocol === 'imap' ? servers.imapPort : servers.pop3Port,
    tlsMode: 'starttls',
    tlsAllowInvalid: true,
    authMethod: 'oauth2',
    username: servers.bounceUser,
  });
  await oauth.signIn(t.db, secrets, box);
  return box;
}

async function connectionConfig(mailboxId: string) {
  const loaded = await loadMailboxForConnection(t.db, secrets, mailboxId);
  return mailboxConnectionConfig({ db: t.db, secrets, oauthProviders: providers }, loaded!);
}

/** Logs in over IMAP the way the fetch worker does, forgetting a refused token as it does. */
async function imapLogin(mailboxId: string): Promise<true | MailboxConnectionError> {
  const box = (await getMailbox(t.db, TENANT, mailboxId))!;
  try {
    const client = await connectImap(await connectionConfig(mailboxId), LOCAL);
    await closeImap(client);
    return true;
  } catch (err) {
    if (!(err instanceof MailboxConnectionError)) throw err;
    await forgetRefusedAccessToken(t.db, box, err);
    return err;
  }
}

describe('OAuth mailboxes against Dovecot with token introspection', () => {
  it('logs in over IMAP (XOAUTH2) and POP3 (SASL XOAUTH2) with the token of the sign-in', async () => {
    const imap = await signedInMailbox('dovecot-imap');
    const config = await connectionConfig(imap.id);
    expect(config).toMatchObject({ authMethod: 'xoauth2', username: servers.bounceUser });
    const before = auth.introspections();
    expect(await imapLogin(imap.id)).toBe(true);
    // Dovecot asked the authorization server: the login was checked, not just accepted.
    expect(auth.introspections()).toBeGreaterThan(before);

    const pop3 = await signedInMailbox('dovecot-pop3', 'pop3');
    const session = await connectPop3(await connectionConfig(pop3.id), LOCAL);
    expect((await session.messageCount()).count).toBeGreaterThanOrEqual(0);
    session.close();
  }, 30_000);

  it('the connection test signs in with the token and says so', async () => {
    const box = await signedInMailbox('dovecot-connection-test');
    const loaded = (await loadMailboxForConnection(t.db, secrets, box.id))!;
    const result = await testMailboxConnection(
      { ...loaded.mailbox, secret: loaded.secret },
      { ...LOCAL, accessToken: () => getMailboxAccessToken(t.db, secrets, providers, box.id) },
    );
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${servers.bounceUser} (OAuth sign-in, XOAUTH2)`,
    );
    // Without a sign-in the authentication step names the fix.
    const unsaved = await testMailboxConnection({ ...loaded.mailbox, secret: '' }, LOCAL);
    expect(unsaved.steps.find((s) => s.step === 'authentication')).toMatchObject({
      status: 'failed',
      message: 'not signed in: save the mailbox and connect it with its provider first',
    });
  }, 30_000);

  it('a token the server refuses before its time is refreshed at the next connection', async () => {
    const box = await signedInMailbox('dovecot-expiry');
    expect(await imapLogin(box.id)).toBe(true);
    const refreshes = auth.tokenRequests.refresh_token ?? 0;
    // The provider ends the token early (Dovecot's introspection now says inactive); our copy still looks valid.
    auth.expireAccessTokens(servers.bounceUser);
    const refused = await imapLogin(box.id);
    expect(refused).toMatchObject({ kind: 'auth' });
    expect(await imapLogin(box.id)).toBe(true);
    expect(auth.tokenRequests.refresh_token).toBe(refreshes + 1);
    expect((await getMailbox(t.db, TENANT, box.id))?.enabled).toBe(true);
  }, 30_000);

  it('a revoked grant: Dovecot refuses the token, the refresh is refused, the mailbox is disabled with its event', async () => {
    const box = await signedInMailbox('dovecot-revoked');
    expect(await imapLogin(box.id)).toBe(true);
    auth.revokeUser(servers.bounceUser);
    expect(await imapLogin(box.id)).toMatchObject({ kind: 'auth' });
    const second = await imapLogin(box.id);
    expect(second).toMatchObject({ kind: 'auth', message: expect.stringMatching(/connect the mailbox again/) });
    const mailbox = await getMailbox(t.db, TENANT, box.id);
    expect(mailbox?.enabled).toBe(false);
    expect(mailbox?.disabledReason).toMatch(/^OAuth sign-in with microsoft is no longer valid/);
    const events = (await t.db.select().from(outbox)).filter(
      (e) => e.type === 'mailbox.authorization_revoked' && (e.payload as { mailboxId: string }).mailboxId === box.id,
    );
    expect(events).toHaveLength(1);
  }, 30_000);
});
