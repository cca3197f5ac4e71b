/**
 * The tenant's SMTP server: its API (validation, write-only password, tenant isolation) and the account test's
 * sending half through it, against a real Postfix submission service whose SASL is Dovecot's (PLAIN/LOGIN from the
 * users file, XOAUTH2 by token introspection at the local OAuth server), delivering into the Dovecot mailbox the
 * test then searches. One set of servers and one API for the whole file. Like Microsoft 365 the servers offer XOAUTH2
 * only, so the OAuth login must choose it from EHLO (mailer's own test covers a server that offers OAUTHBEARER too).
 */
import { getMailbox, outbox } from '@bounce/db';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { type OAuthMailServers, startOAuthMailServers } from '@bounce/mailbox-access/testing';
import { getFreePort } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounceMailboxSettings, createTestApi, json, type TestApi } from '../testing/test-api.js';

type Step = { step: string; status: string; message: string };
type SendingTest = { ok: boolean; to: string; smtpServer: string; steps: Step[] };
type SmtpServer = Record<string, unknown> & { hasPassword: boolean; username: string | null };
type Problem = { detail: string; errors?: { pointer: string }[] };

describe("the tenant's SMTP server and the account test's sending half", () => {
  let oauth: OAuthMailServers;
  let api: TestApi;
  let bounceMailboxId: string;
  let oauthMailboxId: string;

  beforeAll(async () => {
    oauth = await startOAuthMailServers({ mail: { submission: true, oauth2Mechanisms: ['xoauth2'] } });
    api = await createTestApi({ mailboxNetwork: loopbackTestPolicy(), oauthProviders: oauth.providers });
    const { servers } = oauth;
    const box = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: { ...bounceMailboxSettings(servers), enabled: false },
    });
    bounceMailboxId = json<{ id: string }>(box).id;
    // A Microsoft-style mailbox signed in through the device flow as the bounce user: its grant serves SMTP too.
    const signedIn = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: {
        name: 'microsoft',
        host: servers.host,
        port: servers.imapPort,
        tlsMode: 'starttls',
        tlsAllowInvalid: true,
        authMethod: 'oauth2',
        username: servers.bounceUser,
      },
    });
    oauthMailboxId = json<{ id: string }>(signedIn).id;
    const mailbox = await getMailbox(api.database.db, 'acme', oauthMailboxId);
    await oauth.signIn(api.database.db, api.secretBox, mailbox!);
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await oauth?.stop();
  }, 30_000);

  const put = (payload: Record<string, unknown>, key = api.acme.admin) =>
    api.call(key, { method: 'PUT', url: '/v1/smtp-server', payload });
  const patch = (payload: Record<string, unknown>) =>
    api.call(api.acme.admin, { method: 'PATCH', url: '/v1/smtp-server', payload });
  const submission = (extra: Record<string, unknown> = {}) => ({
    host: oauth.servers.host,
    port: oauth.servers.submission!.starttlsPort,
    tlsMode: 'starttls',
    tlsAllowInvalid: true,
    authMethod: 'password',
    username: oauth.servers.bounceUser,
    secret: oauth.servers.bouncePassword,
    fromAddress: `Bounce test <${oauth.servers.bounceAddress}>`,
    ...extra,
  });
  const sendingTest = async (payload: Record<string, unknown> = {}) => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: `/v1/mailboxes/${bounceMailboxId}/test-sending`,
      payload: { to: oauth.servers.bounceAddress, waitSeconds: 20, ...payload },
    });
    expect(res.statusCode).toBe(200);
    return json<SendingTest>(res);
  };
  const step = (r: SendingTest, name: string) => r.steps.find((s) => s.step === name)!;
  const statuses = (r: SendingTest) => Object.fromEntries(r.steps.map((s) => [s.step, s.status]));

  describe('API', () => {
    it('is absent until set; PUT stores it with a write-only password; another tenant sees none', async () => {
      expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/smtp-server' })).statusCode).toBe(404);
      const res = await put(submission());
      expect(res.statusCode).toBe(200);
      const saved = json<SmtpServer>(res);
      expect(saved).toMatchObject({ authMethod: 'password', hasPassword: true, username: oauth.servers.bounceUser });
      expect(res.body).not.toContain(oauth.servers.bouncePassword);
      expect(saved).not.toHaveProperty('secret');
      expect(saved).not.toHaveProperty('secretEncrypted');
      const read = await api.call(api.acme.read, { method: 'GET', url: '/v1/smtp-server' });
      expect(json<SmtpServer>(read)).toMatchObject({ hasPassword: true });
      expect(read.body).not.toContain(oauth.servers.bouncePassword);
      // Tenant isolation: globex has none, cannot change or delete acme's.
      expect((await api.call(api.globex.read, { method: 'GET', url: '/v1/smtp-server' })).statusCode).toBe(404);
      expect((await api.call(api.globex.admin, { method: 'DELETE', url: '/v1/smtp-server' })).statusCode).toBe(404);
      expect(
        (await api.call(api.globex.admin, { method: 'PATCH', url: '/v1/smtp-server', payload: { port: 25 } }))
          .statusCode,
      ).toBe(404);
      // Writing needs the admin scope.
      expect((await put(submission(), api.acme.write)).statusCode).toBe(403);
    });

    it('refuses invalid settings with the field named, and never moves the password to a new target', async () => {
      const bad = async (payload: Record<string, unknown>, pointer: string, call = put) => {
        const res = await call(payload);
        expect(res.statusCode).toBe(400);
        const problem = json<Problem>(res);
        expect(JSON.stringify(problem)).toContain(pointer);
        expect(res.body).not.toContain(oauth.servers.bouncePassword);
      };
      await bad(submission({ port: 0 }), 'port');
      await bad(submission({ tlsMode: 'ssl' }), 'tlsMode');
      await bad(submission({ fromAddress: 'Evil\r\nBcc: x@y.test <a@b.test>' }), 'fromAddress');
      await bad(submission({ secret: undefined, username: undefined }), 'username');
      await bad(submission({ authMethod: 'none' }), 'secret');
      await bad(submission({ authMethod: 'oauth2', secret: undefined }), 'oauthMailboxId');
      // A password mailbox has no sign-in; globex's mailbox does not exist for acme.
      await bad(
        submission({ authMethod: 'oauth2', secret: undefined, oauthMailboxId: bounceMailboxId }),
        'oauthMailboxId',
      );
      const globexBox = await api.call(api.globex.admin, {
        method: 'POST',
        url: '/v1/mailboxes',
        payload: {
          name: 'g',
          host: 'imap.example.test',
          port: 993,
          tlsMode: 'implicit',
          authMethod: 'oauth2',
          username: 'g@x.test',
        },
      });
      await bad(
        submission({ authMethod: 'oauth2', secret: undefined, oauthMailboxId: json<{ id: string }>(globexBox).id }),
        'oauthMailboxId',
      );
      // The stored password goes nowhere new without being typed again.
      await bad({ host: 'smtp.elsewhere.test' }, 'secret', patch);
      const from = await patch({ fromAddress: oauth.servers.bounceAddress });
      expect(from.statusCode).toBe(200);
      expect(json<SmtpServer>(from)).toMatchObject({ hasPassword: true, fromAddress: oauth.servers.bounceAddress });
      const again = await put(submission({ secret: undefined }));
      expect(json<SmtpServer>(again)).toMatchObject({ hasPassword: true });
    });

    it('DELETE removes it; the account test then has no SMTP server', async () => {
      expect((await api.call(api.acme.admin, { method: 'DELETE', url: '/v1/smtp-server' })).statusCode).toBe(204);
      expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/smtp-server' })).statusCode).toBe(404);
      const res = await api.call(api.acme.admin, {
        method: 'POST',
        url: `/v1/mailboxes/${bounceMailboxId}/test-sending`,
        payload: {},
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('PUT /v1/smtp-server');
    });
  });

  describe('sending through Postfix submission (SASL by Dovecot)', () => {
    it('password over STARTTLS: every step passes and the message is found in the mailbox', async () => {
      await put(submission());
      const r = await sendingTest();
      expect(r.smtpServer).toBe('tenant');
      expect(statuses(r)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok', delivery: 'ok' });
      expect(step(r, 'tls').message).toBe('STARTTLS');
      expect(step(r, 'authentication').message).toBe(`logged in as ${oauth.servers.bounceUser}`);
      expect(await oauth.servers.countMessages()).toBe(0);
    }, 60_000);

    it('implicit TLS on the 465-style port works; the wrong password is said so', async () => {
      await put(submission({ port: oauth.servers.submission!.implicitTlsPort, tlsMode: 'implicit' }));
      const ok = await sendingTest();
      expect(statuses(ok)).toMatchObject({ tls: 'ok', authentication: 'ok', delivery: 'ok' });
      expect(step(ok, 'tls').message).toBe('implicit TLS');
      await put(submission({ secret: 'not-the-password' }));
      const wrong = await sendingTest();
      expect(step(wrong, 'authentication')).toMatchObject({ status: 'failed' });
      expect(step(wrong, 'authentication').message).toMatch(/are wrong \(wrong password\?\).*535/);
      expect(step(wrong, 'send').status).toBe('skipped');
      expect(step(wrong, 'delivery').status).toBe('skipped');
    }, 60_000);

    it('XOAUTH2 (all the server offers) with the mailbox sign-in; a token ended early is refreshed once and works', async () => {
      const res = await put(
        submission({ authMethod: 'oauth2', secret: undefined, username: undefined, oauthMailboxId }),
      );
      expect(json<SmtpServer>(res)).toMatchObject({
        authMethod: 'oauth2',
        username: oauth.servers.bounceUser,
        hasPassword: false,
      });
      const before = oauth.auth.introspections();
      const r = await sendingTest();
      expect(statuses(r)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok', delivery: 'ok' });
      expect(step(r, 'authentication').message).toBe(
        `logged in as ${oauth.servers.bounceUser} (OAuth sign-in, XOAUTH2)`,
      );
      // Dovecot checked the token at the authorization server for Postfix: the login was verified, not just accepted.
      expect(oauth.auth.introspections()).toBeGreaterThan(before);
      const refreshes = oauth.auth.tokenRequests.refresh_token ?? 0;
      oauth.auth.expireAccessTokens(oauth.servers.bounceUser);
      const renewed = await sendingTest();
      expect(statuses(renewed)).toMatchObject({ authentication: 'ok', delivery: 'ok' });
      expect(oauth.auth.tokenRequests.refresh_token).toBe(refreshes + 1);
    }, 60_000);

    it('a revoked grant: the token is refused, the refresh too; the step says to sign in again and the mailbox is disabled', async () => {
      oauth.auth.revokeUser(oauth.servers.bounceUser);
      const r = await sendingTest();
      expect(step(r, 'authentication').status).toBe('failed');
      expect(step(r, 'authentication').message).toMatch(
        /^no OAuth access token: sign-in no longer valid .*connect the mailbox again/,
      );
      const mailbox = await getMailbox(api.database.db, 'acme', oauthMailboxId);
      expect(mailbox?.enabled).toBe(false);
      const events = (await api.database.db.select().from(outbox)).filter(
        (e) => e.type === 'mailbox.authorization_revoked',
      );
      expect(events).toHaveLength(1);
    }, 60_000);

    it('cleartext (tls mode none) to the loopback relay, found in a POP3 mailbox', async () => {
      const pop3 = await api.call(api.acme.admin, {
        method: 'POST',
        url: '/v1/mailboxes',
        payload: {
          name: 'bounces-pop3',
          protocol: 'pop3',
          host: oauth.servers.host,
          port: oauth.servers.pop3sPort,
          tlsMode: 'implicit',
          tlsAllowInvalid: true,
          username: oauth.servers.bounceUser,
          secret: oauth.servers.bouncePassword,
          enabled: false,
        },
      });
      // The plain Postfix listener: no TLS, no login, local delivery.
      await put(
        submission({
          port: oauth.servers.smtpPort,
          tlsMode: 'none',
          authMethod: 'none',
          secret: undefined,
          username: undefined,
        }),
      );
      const res = await api.call(api.acme.admin, {
        method: 'POST',
        url: `/v1/mailboxes/${json<{ id: string }>(pop3).id}/test-sending`,
        payload: { to: oauth.servers.bounceAddress, waitSeconds: 20 },
      });
      const r = json<SendingTest>(res);
      expect(statuses(r)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok', delivery: 'ok' });
      expect(step(r, 'tls').message).toMatch(/^not used \(tls mode none/);
      expect(step(r, 'delivery').message).toMatch(/^found in maildrop after \d+ ms, then deleted$/);
      expect(await oauth.servers.countMessages()).toBe(0);
    }, 60_000);

    it('server gone, TLS mismatch, untrusted certificate, relay denied: each said in words, the rest skipped', async () => {
      await put(submission({ port: await getFreePort() }));
      const gone = await sendingTest();
      expect(step(gone, 'connect')).toMatchObject({ status: 'failed' });
      expect(step(gone, 'connect').message).toMatch(
        /^nothing accepts connections on 127\.0\.0\.1:\d+ \(server gone or wrong port\)/,
      );
      expect(step(gone, 'delivery').status).toBe('skipped');

      // Implicit TLS against the STARTTLS port: the server greets in clear.
      await put(submission({ tlsMode: 'implicit' }));
      const mismatch = await sendingTest();
      expect(step(mismatch, 'connect').status).toBe('failed');
      expect(step(mismatch, 'connect').message).toMatch(/TLS mismatch|does not speak TLS/);

      await put(submission({ tlsAllowInvalid: false }));
      const untrusted = await sendingTest();
      expect(step(untrusted, 'connect').status).toBe('failed');
      expect(step(untrusted, 'connect').message).toMatch(/certificate is not trusted|self-signed/);

      // Without a login the submission service relays nowhere but its own domain.
      await put(submission({ authMethod: 'none', secret: undefined, username: undefined }));
      const relay = await sendingTest({ to: 'someone@elsewhere.example' });
      expect(statuses(relay)).toMatchObject({ authentication: 'ok', send: 'failed', delivery: 'skipped' });
      expect(step(relay, 'authentication').message).toBe('not used: no user name configured');
      expect(step(relay, 'send').message).toMatch(/refuses to relay .*relay denied.*Relay access denied/);
    }, 60_000);
  });
});
