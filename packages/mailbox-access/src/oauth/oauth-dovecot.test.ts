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

let t: TestDatabase;
let oauth: OAuthMailServers;
/** A second Dovecot that, like Microsoft 365, offers XOAUTH2 only (the first offers both, like Google). */
let xoauth2Only: OAuthMailServers;
let auth: TestOAuthServer;
let servers: MailServers;
const secrets = new SecretBox(randomBytes(32).toString('base64'));
const TENANT = 'oauth-dovecot';
const LOCAL = { network: loopbackTestPolicy() };

beforeAll(async () => {
  [t, oauth, xoauth2Only] = await Promise.all([
    createTestDatabase('bounce_oauth_dovecot'),
    startOAuthMailServers(),
    startOAuthMailServers({ mail: { oauth2Mechanisms: ['xoauth2'] } }),
  ]);
  ({ auth, servers } = oauth);
  await t.db.insert(tenants).values({ id: TENANT, name: 'OAuth Dovecot' });
}, 60_000);

afterAll(async () => {
  await Promise.all([t?.drop(), oauth?.stop(), xoauth2Only?.stop()]);
}, 30_000);

/** A Microsoft-style mailbox on the local Dovecot, signed in through the device flow as the bounce user. */
async function signedInMailbox(name: string, protocol: 'imap' | 'pop3' = 'imap', on: OAuthMailServers = oauth) {
  const box = await createMailbox(t.db, secrets, TENANT, {
    name,
    protocol,
    host: on.servers.host,
    port: protocol === 'imap' ? on.servers.imapPort : on.servers.pop3Port,
    tlsMode: 'starttls',
    tlsAllowInvalid: true,
    authMethod: 'oauth2',
    username: on.servers.bounceUser,
  });
  await on.signIn(t.db, secrets, box);
  return box;
}

async function connectionConfig(mailboxId: string, on: OAuthMailServers = oauth) {
  const loaded = await loadMailboxForConnection(t.db, secrets, mailboxId);
  return mailboxConnectionConfig({ db: t.db, secrets, oauthProviders: on.providers }, loaded!);
}

/** The connection test of a signed-in mailbox, as POST /v1/mailboxes/{id}/test runs it. */
async function connectionTest(mailboxId: string, on: OAuthMailServers = oauth) {
  const loaded = (await loadMailboxForConnection(t.db, secrets, mailboxId))!;
  return testMailboxConnection(
    { ...loaded.mailbox, secret: loaded.secret },
    { ...LOCAL, accessToken: () => getMailboxAccessToken(t.db, secrets, on.providers, mailboxId) },
  );
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
  it('logs in over IMAP and POP3 with the token of the sign-in, by OAUTHBEARER where the server offers it', async () => {
    const imap = await signedInMailbox('dovecot-imap');
    const config = await connectionConfig(imap.id);
    expect(config).toMatchObject({ authMethod: 'xoauth2', username: servers.bounceUser });
    const before = auth.introspections();
    const client = await connectImap(config, LOCAL);
    // Dovecot offers both (as Google does): the standard mechanism wins.
    expect(client.oauthMechanism).toBe('OAUTHBEARER');
    await closeImap(client);
    // Dovecot asked the authorization server: the login was checked, not just accepted.
    expect(auth.introspections()).toBeGreaterThan(before);

    const pop3 = await signedInMailbox('dovecot-pop3', 'pop3');
    const session = await connectPop3(await connectionConfig(pop3.id), LOCAL);
    expect(session.oauthMechanism).toBe('OAUTHBEARER');
    expect((await session.messageCount()).count).toBeGreaterThanOrEqual(0);
    session.close();
  }, 30_000);

  it('a server offering XOAUTH2 only (as Microsoft 365) gets XOAUTH2, over IMAP and POP3, and the test says so', async () => {
    const other = xoauth2Only;
    const imap = await signedInMailbox('xoauth2-only-imap', 'imap', other);
    const before = other.auth.introspections();
    const imapResult = await connectionTest(imap.id, other);
    expect(imapResult.ok).toBe(true);
    expect(imapResult.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${other.servers.bounceUser} (OAuth sign-in, XOAUTH2)`,
    );
    expect(other.auth.introspections()).toBeGreaterThan(before);

    const pop3 = await signedInMailbox('xoauth2-only-pop3', 'pop3', other);
    const pop3Result = await connectionTest(pop3.id, other);
    expect(pop3Result.ok).toBe(true);
    expect(pop3Result.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${other.servers.bounceUser} (POP3, OAuth sign-in, XOAUTH2)`,
    );

    // A token the provider no longer honours: refused over XOAUTH2 too, with the usual diagnosis and no token in it.
    const token = await getMailboxAccessToken(t.db, secrets, other.providers, pop3.id);
    other.auth.expireAccessTokens(other.servers.bounceUser);
    for (const box of [imap, pop3]) {
      const refused = await connectionTest(box.id, other);
      const step = refused.steps.find((s) => s.step === 'authentication')!;
      expect(step).toMatchObject({ status: 'failed', message: expect.stringMatching(/^authentication failed: /) });
      expect(step.message).not.toContain(token);
    }
  }, 30_000);

  it('the connection test signs in with the token and says which mechanism (IMAP and POP3)', async () => {
    const box = await signedInMailbox('dovecot-connection-test');
    const loaded = (await loadMailboxForConnection(t.db, secrets, box.id))!;
    const result = await connectionTest(box.id);
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${servers.bounceUser} (OAuth sign-in, OAUTHBEARER)`,
    );
    const pop3 = await signedInMailbox('dovecot-connection-test-pop3', 'pop3');
    expect((await connectionTest(pop3.id)).steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${servers.bounceUser} (POP3, OAuth sign-in, OAUTHBEARER)`,
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
