import { randomBytes } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import {
  createMailbox,
  getMailbox,
  getMailboxOAuthGrant,
  invalidateAccessToken,
  mailboxOAuthGrants,
  outbox,
  tenants,
} from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { startTestOAuthServer, type TestOAuthServer } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxConnectionError } from '../mailbox-errors.js';
import { microsoftTestProviders, signInWithDeviceFlow } from '../testing/oauth-mail-servers.js';
import { getMailboxAccessToken } from './access-token.js';
import { GOOGLE_SCOPES, type OAuthProviders } from './oauth-providers.js';
import { completeCodeSignIn, pollDeviceSignIns, SignInError, startMailboxSignIn } from './sign-in.js';

let t: TestDatabase;
let microsoft: TestOAuthServer;
let google: TestOAuthServer;
let providers: OAuthProviders;
const secrets = new SecretBox(randomBytes(32).toString('base64'));
const TENANT = 'oauth-tenant';
const REDIRECT = 'https://bounce.example.test/v1/oauth/callback';
/** Device polls are due after the provider's interval: poll "a minute later" instead of sleeping. */
const later = () => new Date(Date.now() + 60_000);

beforeAll(async () => {
  [t, microsoft, google] = await Promise.all([
    createTestDatabase('bounce_oauth'),
    startTestOAuthServer({ clientId: 'ms-client' }),
    startTestOAuthServer({ clientId: 'google-client', clientSecret: 'google-secret' }),
  ]);
  await t.db.insert(tenants).values({ id: TENANT, name: 'OAuth' });
  providers = {
    ...microsoftTestProviders(microsoft),
    google: {
      name: 'google',
      flow: 'code',
      clientId: 'google-client',
      clientSecret: 'google-secret',
      scopes: GOOGLE_SCOPES,
      authorizationEndpoint: google.endpoints.authorization,
      tokenEndpoint: google.endpoints.token,
      redirectUri: REDIRECT,
      authorizationParameters: { access_type: 'offline', prompt: 'consent' },
      allowInsecureHttp: true,
    },
  };
}, 60_000);

afterAll(async () => {
  await Promise.all([t?.drop(), microsoft?.stop(), google?.stop()]);
});

async function oauthMailbox(name: string, username: string) {
  return createMailbox(t.db, secrets, TENANT, {
    name,
    host: 'outlook.office365.com',
    port: 993,
    tlsMode: 'implicit',
    authMethod: 'oauth2',
    username,
  });
}

/** Device sign-in of `username` through the Microsoft test server, approved at once. */
async function connectWithDeviceFlow(name: string, username: string) {
  const box = await oauthMailbox(name, username);
  await signInWithDeviceFlow(t.db, secrets, microsoft, providers, box, username);
  return box;
}

describe('Microsoft 365 device sign-in (RFC 8628)', () => {
  it('shows a link and a code, keeps polling while the user has not approved, then connects the mailbox', async () => {
    const box = await oauthMailbox('ms-device', 'anna@contoso.test');
    const start = await startMailboxSignIn(t.db, secrets, providers, box, 'microsoft');
    expect(start).toMatchObject({ flow: 'device', verificationUri: `${microsoft.url}/activate` });
    if (start.flow !== 'device') return;
    expect(start.userCode).toMatch(/^[0-9A-F]{8}$/);

    // Not due yet: the provider asked for an interval between polls.
    expect((await pollDeviceSignIns(t.db, secrets, providers)).polled).toBe(0);
    expect(await pollDeviceSignIns(t.db, secrets, providers, { now: later() })).toMatchObject({ pending: 1 });
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({
      status: 'pending',
      userCode: start.userCode,
    });

    microsoft.approveDevice(start.userCode, 'anna@contoso.test');
    expect(await pollDeviceSignIns(t.db, secrets, providers, { now: later() })).toMatchObject({ connected: 1 });
    const grant = await getMailboxOAuthGrant(t.db, TENANT, box.id);
    expect(grant).toMatchObject({ status: 'connected', userCode: null, lastError: null });
    expect(grant!.scope).toContain('IMAP.AccessAsUser.All');

    // Tokens at rest are ciphertext only; the device code is forgotten.
    const row = (await t.db.select().from(mailboxOAuthGrants)).find((r) => r.mailboxId === box.id);
    expect(row!.refreshTokenEncrypted).toMatch(/^v2:/);
    expect(row!.accessTokenEncrypted).toMatch(/^v2:/);
    expect(row!.flowSecretEncrypted).toBeNull();
    const token = await getMailboxAccessToken(t.db, secrets, providers, box.id);
    expect(token).toMatch(/^at_/);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('records a declined sign-in for the operator', async () => {
    const box = await oauthMailbox('ms-declined', 'bert@contoso.test');
    const start = await startMailboxSignIn(t.db, secrets, providers, box, 'microsoft');
    if (start.flow !== 'device') throw new Error('expected the device flow');
    microsoft.denyDevice(start.userCode);
    expect(await pollDeviceSignIns(t.db, secrets, providers, { now: later() })).toMatchObject({ failed: 1 });
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({
      status: 'failed',
      lastError: 'the sign-in was declined: start the sign-in again',
    });
    await expect(getMailboxAccessToken(t.db, secrets, providers, box.id)).rejects.toMatchObject({ kind: 'auth' });
  });

  it('fails a sign-in whose code expired before anyone approved it', async () => {
    const box = await oauthMailbox('ms-expired-code', 'cleo@contoso.test');
    await startMailboxSignIn(t.db, secrets, providers, box, 'microsoft');
    await pollDeviceSignIns(t.db, secrets, providers, { now: new Date(Date.now() + 3_600_000) });
    expect((await getMailboxOAuthGrant(t.db, TENANT, box.id))?.lastError).toMatch(/code expired/);
  });
});

describe('access tokens', () => {
  it('reuses a fresh token and refreshes one about to expire, storing the rotated refresh token', async () => {
    const box = await connectWithDeviceFlow('ms-refresh', 'dora@contoso.test');
    const first = await getMailboxAccessToken(t.db, secrets, providers, box.id);
    const refreshes = microsoft.tokenRequests.refresh_token ?? 0;
    expect(await getMailboxAccessToken(t.db, secrets, providers, box.id)).toBe(first);
    expect(microsoft.tokenRequests.refresh_token ?? 0).toBe(refreshes);

    // 4 minutes before expiry is inside the 5-minute margin.
    const nearExpiry = () => new Date(Date.now() + 3_600_000 - 4 * 60_000);
    const second = await getMailboxAccessToken(t.db, secrets, providers, box.id, { now: nearExpiry });
    expect(second).not.toBe(first);
    expect(microsoft.tokenRequests.refresh_token).toBe(refreshes + 1);
    // The test server rotates refresh tokens and refuses a spent one: a third refresh works only if the rotated
    // token was stored.
    await invalidateAccessToken(t.db, box.id);
    const third = await getMailboxAccessToken(t.db, secrets, providers, box.id);
    expect(third).not.toBe(second);
    expect((await getMailbox(t.db, TENANT, box.id))?.enabled).toBe(true);
  });

  it('refreshes once when many processes ask for an expired token at the same moment', async () => {
    const box = await connectWithDeviceFlow('ms-concurrent', 'emil@contoso.test');
    await invalidateAccessToken(t.db, box.id);
    const before = microsoft.tokenRequests.refresh_token ?? 0;
    const tokens = await Promise.all(
      Array.from({ length: 6 }, () => getMailboxAccessToken(t.db, secrets, providers, box.id)),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(microsoft.tokenRequests.refresh_token).toBe(before + 1);
  });

  it('a revoked grant disables the mailbox with a clear reason and one operator event', async () => {
    const box = await connectWithDeviceFlow('ms-revoked', 'finn@contoso.test');
    microsoft.revokeUser('finn@contoso.test');
    await invalidateAccessToken(t.db, box.id);
    const err = await getMailboxAccessToken(t.db, secrets, providers, box.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxConnectionError);
    expect(err).toMatchObject({ kind: 'auth', message: expect.stringMatching(/connect the mailbox again/) });

    const mailbox = await getMailbox(t.db, TENANT, box.id);
    expect(mailbox).toMatchObject({ enabled: false });
    expect(mailbox!.disabledReason).toMatch(/OAuth sign-in with microsoft is no longer valid .*invalid_grant/);
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({ status: 'revoked' });
    // Asking again neither calls the provider nor writes a second event.
    const refreshes = microsoft.tokenRequests.refresh_token;
    await expect(getMailboxAccessToken(t.db, secrets, providers, box.id)).rejects.toMatchObject({ kind: 'auth' });
    expect(microsoft.tokenRequests.refresh_token).toBe(refreshes);
    const events = (await t.db.select().from(outbox)).filter(
      (e) => e.tenantId === TENANT && e.type === 'mailbox.authorization_revoked',
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.priority).toBe('high');
    expect(events[0]!.payload).toMatchObject({
      mailboxId: box.id,
      provider: 'microsoft',
      username: 'finn@contoso.test',
    });
  });

  it('a provider that cannot be reached is a transient failure, not a revocation', async () => {
    const box = await connectWithDeviceFlow('ms-unreachable', 'gina@contoso.test');
    await invalidateAccessToken(t.db, box.id);
    const down: OAuthProviders = {
      microsoft: { ...providers.microsoft!, tokenEndpoint: 'http://127.0.0.1:1/token' },
    };
    await expect(getMailboxAccessToken(t.db, secrets, down, box.id)).rejects.toMatchObject({ kind: 'tcp' });
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({ status: 'connected' });
  });
});

describe('Google authorization-code sign-in (PKCE)', () => {
  async function followAuthorization(url: string): Promise<URLSearchParams> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    return back.searchParams;
  }

  it('connects the mailbox from the callback, once', async () => {
    const box = await oauthMailbox('google-code', 'hanna@example.test');
    const start = await startMailboxSignIn(t.db, secrets, providers, box, 'google');
    if (start.flow !== 'code') throw new Error('expected the code flow');
    const url = new URL(start.authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('login_hint')).toBe('hanna@example.test');

    google.setConsentingUser('hanna@example.test');
    const callback = await followAuthorization(start.authorizationUrl);
    expect(await completeCodeSignIn(t.db, secrets, providers, callback)).toEqual({
      mailboxId: box.id,
      tenantId: TENANT,
    });
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({ status: 'connected' });
    expect(await getMailboxAccessToken(t.db, secrets, providers, box.id)).toMatch(/^at_/);

    // The same answer again (a reload, or a replay) finds no pending sign-in.
    await expect(completeCodeSignIn(t.db, secrets, providers, callback)).rejects.toMatchObject({
      code: 'unknown-state',
    });
  });

  it('records a refused consent and an unknown state', async () => {
    const box = await oauthMailbox('google-refused', 'ivo@example.test');
    const start = await startMailboxSignIn(t.db, secrets, providers, box, 'google');
    if (start.flow !== 'code') throw new Error('expected the code flow');
    google.setConsentingUser(undefined);
    const callback = await followAuthorization(start.authorizationUrl);
    expect(callback.get('error')).toBe('access_denied');
    const err = await completeCodeSignIn(t.db, secrets, providers, callback).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect(err).toMatchObject({ code: 'refused' });
    expect(await getMailboxOAuthGrant(t.db, TENANT, box.id)).toMatchObject({ status: 'failed' });

    await expect(
      completeCodeSignIn(t.db, secrets, providers, new URLSearchParams({ state: 'forged', code: 'x' })),
    ).rejects.toMatchObject({ code: 'unknown-state' });
  });

  it('refuses a provider that is not configured', async () => {
    const box = await oauthMailbox('not-configured', 'jo@example.test');
    await expect(startMailboxSignIn(t.db, secrets, {}, box, 'google')).rejects.toMatchObject({
      code: 'provider-not-configured',
    });
  });
});
