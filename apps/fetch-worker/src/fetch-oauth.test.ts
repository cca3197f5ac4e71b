/**
 * An oauth2 mailbox through the fetch worker's own path: signed in with the device flow at the loopback test
 * authorization server, fetched from Dovecot over OAUTHBEARER (offered with XOAUTH2; checked by introspection), the
 * mechanism named in the fetch's log line, and disabled with its event
 * once the provider revokes the grant.
 */
import { createLogger } from '@bounce/config';
import { getMailbox, outbox, rawMessages } from '@bounce/db';
import { getMailboxAccessToken, type OAuthProviders } from '@bounce/mailbox-access';
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
  it('fetches over OAuth after the device sign-in, and a revoked grant disables the mailbox with its event', async () => {
    const { servers } = env;
    await servers.clearMailbox();
    await servers.sendMail('bounces+oauth@mta.test', servers.addresses.unknownUser);
    await servers.waitForMessages(1);
    const mailbox = await env.createTestMailbox({ authMethod: 'oauth2', secret: undefined });
    // Not signed in yet: disabled, nothing fetched.
    expect((await fetchMailbox(mailbox.id, deps())).status).toBe('disabled');

    await oauth.signIn(env.t.db, env.secrets, mailbox);

    // The fetch's lines, captured: the one that says it fetched names the mechanism, and no line holds the token.
    const lines: unknown[][] = [];
    const logger = createLogger({
      name: 'test',
      level: 'debug',
      hooks: {
        logMethod(args) {
          lines.push(args);
        },
      },
    });
    const fetched = await fetchMailbox(mailbox.id, { ...deps(), logger });
    expect(fetched).toMatchObject({ status: 'fetched', fetched: 1, stored: 1 });
    expect(lines.filter((args) => args.includes('mailbox fetched'))).toEqual([
      [expect.objectContaining({ oauthMechanism: 'OAUTHBEARER', fetched: 1 }), 'mailbox fetched'],
    ]);
    const token = await getMailboxAccessToken(env.t.db, env.secrets, providers, mailbox.id);
    expect(JSON.stringify(lines)).not.toContain(token);
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
