/**
 * An oauth2 mailbox through the fetch worker's own path: signed in with the device flow at the loopback test
 * authorization server, fetched from Dovecot over XOAUTH2 (checked by introspection), and disabled with its event
 * once the provider revokes the grant.
 */
import { getMailbox, outbox, rawMessages } from '@bounce/db';
import type { OAuthProviders } from '@bounce/mailbox-access';
import type { OAuthMailServers } from '@bounce/mailbox-access/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMailbox } from './fetch-mailbox.js';
import { type FetchTestEnv, setupFetchTestEnv, TENANT } from './testing/fetch-test-env.js';

let env: FetchTestEnv;
let oauth: OAuthMailServers;
let providers: OAuthProviders;

beforeAll(async () => {
  env = await setupFetchTestEnv({ oauth: {} });
  oauth = env.oauth!;
  providers = oauth.providers;
}, 60_000);

afterAll(async () => {
  await env?.close();
}, 30_000);

const deps = () => env.fetchDeps({ oauthProviders: providers });

describe('fetching an OAuth (Microsoft 365-style) mailbox', () => {
  it('fetches over XOAUTH2 after the device sign-in, and a revoked grant disables the mailbox with its event', async () => {
    const { servers } = env;
    await servers.clearMailbox();
    await servers.sendMail('bounces+oauth@mta.test', servers.addresses.unknownUser);
    await servers.waitForMessages(1);
    const mailbox = await env.createTestMailbox({ authMethod: 'oauth2', secret: undefined });
    // Not signed in yet: disabled, nothing fetched.
    expect((await fetchMailbox(mailbox.id, deps())).status).toBe('disabled');

    await oauth.signIn(env.t.db, env.secrets, mailbox);

    const fetched = await fetchMailbox(mailbox.id, deps());
    expect(fetched).toMatchObject({ status: 'fetched', fetched: 1, stored: 1 });
    const rows = await env.t.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailbox.id));
    expect(rows).toHaveLength(1);

    oauth.auth.revokeUser(servers.bounceUser);
    // Dovecot refuses the token (introspection: inactive); the refused token is forgotten.
    await expect(fetchMailbox(mailbox.id, deps())).rejects.toMatchObject({ kind: 'auth' });
    // The next poll refreshes, the provider refuses: revoked, disabled, one event.
    await expect(fetchMailbox(mailbox.id, deps())).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/connect the mailbox again/),
    });
    const after = await getMailbox(env.t.db, TENANT, mailbox.id);
    expect(after?.enabled).toBe(false);
    expect(after?.disabledReason).toMatch(/^OAuth sign-in with microsoft is no longer valid/);
    expect((await fetchMailbox(mailbox.id, deps())).status).toBe('disabled');
    const events = (await env.t.db.select().from(outbox)).filter((e) => e.type === 'mailbox.authorization_revoked');
    expect(events).toHaveLength(1);
  }, 60_000);
});
