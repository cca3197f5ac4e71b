import { GOOGLE_SCOPES, MICROSOFT_SCOPES, type OAuthProviders, pollDeviceSignIns } from '@bounce/mailbox-access';
import { startTestOAuthServer, type TestOAuthServer } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type Mailbox = { id: string; enabled: boolean; authMethod: string; protocol: string; provider: string | null };
type SignIn =
  | { flow: 'device'; userCode: string; verificationUri: string }
  | { flow: 'code'; authorizationUrl: string };
type Grant = { status: string; userCode: string | null; lastError: string | null };

const CALLBACK = 'http://api.example.test/v1/oauth/callback';

describe('mailbox sign-in with Microsoft 365 and Google', () => {
  let api: TestApi;
  let microsoft: TestOAuthServer;
  let google: TestOAuthServer;
  let providers: OAuthProviders;

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([
      startTestOAuthServer({ clientId: 'ms' }),
      startTestOAuthServer({ clientId: 'gg', clientSecret: 'gg-secret' }),
    ]);
    providers = {
      microsoft: {
        name: 'microsoft',
        flow: 'device',
        clientId: 'ms',
        scopes: MICROSOFT_SCOPES,
        deviceAuthorizationEndpoint: microsoft.endpoints.deviceAuthorization,
        tokenEndpoint: microsoft.endpoints.token,
        allowInsecureHttp: true,
      },
      google: {
        name: 'google',
        flow: 'code',
        clientId: 'gg',
        clientSecret: 'gg-secret',
        scopes: GOOGLE_SCOPES,
        authorizationEndpoint: google.endpoints.authorization,
        tokenEndpoint: google.endpoints.token,
        redirectUri: CALLBACK,
        allowInsecureHttp: true,
      },
    };
    api = await createTestApi({ oauthProviders: providers });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.close(), microsoft?.stop(), google?.stop()]);
  });

  const createMailbox = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: {
        name,
        host: 'outlook.office365.com',
        port: 993,
        tlsMode: 'implicit',
        authMethod: 'oauth2',
        username: `${name}@contoso.test`,
        ...extra,
      },
    });
    expect(res.statusCode).toBe(201);
    return json<Mailbox>(res);
  };
  const grantOf = async (id: string, key = api.acme.read) =>
    api.call(key, { method: 'GET', url: `/v1/mailboxes/${id}/oauth` });
  const signIn = (id: string, provider: string, key = api.acme.admin) =>
    api.call(key, { method: 'POST', url: `/v1/mailboxes/${id}/oauth/sign-in`, payload: { provider } });

  it('Microsoft: link and code, then the poller connects the mailbox and enables it', async () => {
    const box = await createMailbox('ms-box');
    expect(box).toMatchObject({ authMethod: 'oauth2', enabled: false, provider: null });

    const res = await signIn(box.id, 'microsoft');
    expect(res.statusCode).toBe(200);
    const start = json<SignIn>(res);
    if (start.flow !== 'device') throw new Error('expected the device flow');
    expect(start.verificationUri).toBe(`${microsoft.url}/activate`);
    expect(json<Grant>(await grantOf(box.id))).toMatchObject({ status: 'pending', userCode: start.userCode });

    microsoft.approveDevice(start.userCode, 'ms-box@contoso.test');
    // What the fetch worker's timer does.
    await pollDeviceSignIns(api.database.db, api.secretBox, providers, { now: new Date(Date.now() + 60_000) });
    const grant = await grantOf(box.id);
    expect(json<Grant>(grant)).toMatchObject({ status: 'connected', userCode: null });
    expect(grant.body).not.toMatch(/at_|rt_|dc_/);
    const mailbox = json<Mailbox>(await api.call(api.acme.read, { method: 'GET', url: `/v1/mailboxes/${box.id}` }));
    expect(mailbox.enabled).toBe(true);
    // The sign-in bound the mailbox to its provider: an IMAP account with Microsoft 365 sign-in.
    expect(mailbox).toMatchObject({ protocol: 'imap', authMethod: 'oauth2', provider: 'microsoft' });
  });

  it('the provider is stored per mailbox: chosen at creation (POP3 with Google here), rebound by a sign-in', async () => {
    const box = await createMailbox('pop-google', {
      protocol: 'pop3',
      host: 'pop.gmail.com',
      port: 995,
      provider: 'google',
    });
    expect(box).toMatchObject({ protocol: 'pop3', authMethod: 'oauth2', provider: 'google' });
    const listed = json<{ items: Mailbox[] }>(await api.call(api.acme.read, { method: 'GET', url: '/v1/mailboxes' }));
    expect(listed.items.find((m) => m.id === box.id)).toMatchObject({ provider: 'google' });
    expect((await signIn(box.id, 'microsoft')).statusCode).toBe(200);
    const rebound = json<Mailbox>(await api.call(api.acme.read, { method: 'GET', url: `/v1/mailboxes/${box.id}` }));
    expect(rebound.provider).toBe('microsoft');

    // Only an oauth2 mailbox has a provider; leaving oauth2 clears it.
    const refused = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: {
        name: 'pw',
        host: 'mail.example',
        port: 993,
        tlsMode: 'implicit',
        username: 'u',
        secret: 'p',
        provider: 'google',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('only an oauth2 mailbox has a sign-in provider');
    const toPassword = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/mailboxes/${box.id}`,
      payload: { authMethod: 'password', secret: 'app-password' },
    });
    expect(toPassword.statusCode).toBe(200);
    expect(json<Mailbox>(toPassword)).toMatchObject({ authMethod: 'password', provider: null });
  });

  it('Google: the authorization URL, the browser back at the public callback, once', async () => {
    const box = await createMailbox('google-box', { host: 'imap.gmail.com' });
    const start = json<SignIn>(await signIn(box.id, 'google'));
    if (start.flow !== 'code') throw new Error('expected the code flow');
    google.setConsentingUser('google-box@contoso.test');
    const consent = await fetch(start.authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);

    const callback = await api.call(null, { method: 'GET', url: `/v1/oauth/callback${back.search}` });
    expect(callback.statusCode).toBe(200);
    expect(callback.headers['content-type']).toContain('text/html');
    expect(callback.body).toContain('Mailbox connected');
    expect(json<Grant>(await grantOf(box.id))).toMatchObject({ status: 'connected' });

    const replay = await api.call(null, { method: 'GET', url: `/v1/oauth/callback${back.search}` });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('unknown or already used sign-in');
    const forged = await api.call(null, { method: 'GET', url: '/v1/oauth/callback?state=%3Cscript%3E&code=x' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).not.toContain('<script>');
  });

  it('refuses what cannot work: a password mailbox, an unconfigured provider, another tenant, a read key', async () => {
    const box = await createMailbox('refusals');
    const password = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: {
        name: 'password-box',
        host: 'imap.example.test',
        port: 993,
        tlsMode: 'implicit',
        username: 'u',
        secret: 'p',
      },
    });
    expect((await signIn(json<Mailbox>(password).id, 'microsoft')).statusCode).toBe(409);
    expect((await signIn(box.id, 'yahoo')).statusCode).toBe(400);
    expect((await signIn(box.id, 'microsoft', api.globex.admin)).statusCode).toBe(404);
    expect((await signIn(box.id, 'microsoft', api.acme.read)).statusCode).toBe(403);
    expect((await grantOf(box.id, api.globex.read)).statusCode).toBe(404);
    // A password mailbox still needs its secret.
    const noSecret = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: { name: 'no-secret', host: 'imap.example.test', port: 993, tlsMode: 'implicit', username: 'u' },
    });
    expect(noSecret.statusCode).toBe(400);
  });

  it('pointing a signed-in mailbox at another server drops its sign-in (the token never goes there)', async () => {
    const box = await createMailbox('moved');
    const start = json<SignIn>(await signIn(box.id, 'microsoft'));
    if (start.flow !== 'device') throw new Error('expected the device flow');
    microsoft.approveDevice(start.userCode, 'moved@contoso.test');
    await pollDeviceSignIns(api.database.db, api.secretBox, providers, { now: new Date(Date.now() + 60_000) });
    expect(json<Grant>(await grantOf(box.id)).status).toBe('connected');
    const patched = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/mailboxes/${box.id}`,
      payload: { host: 'imap.attacker.test' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await grantOf(box.id)).statusCode).toBe(404);
  });
});
