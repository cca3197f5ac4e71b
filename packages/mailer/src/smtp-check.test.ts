/**
 * The account test's SMTP login with an OAuth access token, by OAUTHBEARER (RFC 7628) as the server offers it (or
 * XOAUTH2 when required), against the real chain: Postfix
 * submission (STARTTLS) whose SASL is Dovecot's, Dovecot's oauth2 passdb asking the local OAuth server to introspect
 * the token. The token comes from that server's device flow, as a Microsoft 365 sign-in would give it.
 */

import { parseCaBundle } from '@bounce/config';
import { type MailServers, startMailServers, startTestOAuthServer, type TestOAuthServer } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from './mailer.js';
import { checkSmtpSending } from './smtp-check.js';

describe('checkSmtpSending with an OAuth access token', () => {
  let oauth: TestOAuthServer;
  let servers: MailServers;
  let settings: SmtpSettings;

  /** A fresh access token of `username` through the device flow (approved at once). */
  async function signIn(username: string): Promise<string> {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const device = (await (
      await fetch(oauth.endpoints.deviceAuthorization, form({ client_id: oauth.clientId, scope: 'SMTP.Send' }))
    ).json()) as { device_code: string; user_code: string };
    oauth.approveDevice(device.user_code, username);
    const token = (await (
      await fetch(
        oauth.endpoints.token,
        form({
          client_id: oauth.clientId,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
          device_code: device.device_code,
        }),
      )
    ).json()) as { access_token: string };
    return token.access_token;
  }

  beforeAll(async () => {
    oauth = await startTestOAuthServer();
    // A certificate of a test authority for mail.example.org (and 127.0.0.1), for the trust and mismatch test.
    servers = await startMailServers({
      submission: true,
      oauth2IntrospectionUrl: oauth.endpoints.introspection,
      certificateFor: { dnsNames: ['mail.example.org'], ipAddresses: ['127.0.0.1'] },
    });
    settings = {
      host: servers.host,
      port: servers.submission!.starttlsPort,
      secure: false,
      user: servers.bounceUser,
      from: `Bounce test <${servers.bounceAddress}>`,
      requireTls: true,
      allowInvalidTls: true,
      timeoutMs: 10_000,
    };
  }, 90_000);
  afterAll(async () => {
    await servers?.stop();
    await oauth?.stop();
  }, 30_000);

  const statuses = (steps: { step: string; status: string }[]) =>
    Object.fromEntries(steps.map((s) => [s.step, s.status]));

  it('logs in with the token by OAUTHBEARER, offered with XOAUTH2 in EHLO, and sends; a token ended early is refreshed once', async () => {
    const token = await signIn(servers.bounceUser);
    const asked: boolean[] = [];
    // No mechanism asked for: chosen from EHLO AUTH (Dovecot's SASL offers both, as Google does).
    const ok = await checkSmtpSending(settings, servers.bounceAddress, {
      accessToken: async (renew) => {
        asked.push(renew);
        return token;
      },
    });
    expect(statuses(ok.steps)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok' });
    expect(ok.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${servers.bounceUser} (OAuth sign-in, OAUTHBEARER)`,
    );
    expect(asked).toEqual([false]);

    // Ended early at the provider: refused by Dovecot's introspection, then the renewed token works.
    oauth.expireAccessTokens(servers.bounceUser);
    const fresh = await signIn(servers.bounceUser);
    const renewedAsked: boolean[] = [];
    const renewed = await checkSmtpSending(settings, servers.bounceAddress, {
      accessToken: async (renew) => {
        renewedAsked.push(renew);
        return renew ? fresh : token;
      },
    });
    expect(statuses(renewed.steps)).toMatchObject({ authentication: 'ok', send: 'ok' });
    expect(renewedAsked).toEqual([false, true]);
  }, 60_000);

  it('XOAUTH2 when required, on the same server', async () => {
    const token = await signIn(servers.bounceUser);
    const result = await checkSmtpSending(settings, servers.bounceAddress, {
      oauthMechanism: 'XOAUTH2',
      accessToken: async () => token,
    });
    expect(statuses(result.steps)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok' });
    expect(result.steps.find((s) => s.step === 'authentication')?.message).toBe(
      `logged in as ${servers.bounceUser} (OAuth sign-in, XOAUTH2)`,
    );
  }, 60_000);

  it('a revoked grant: both tokens refused, said in words with the server reply, the rest skipped', async () => {
    const token = await signIn(servers.bounceUser);
    oauth.revokeUser(servers.bounceUser);
    const result = await checkSmtpSending(settings, servers.bounceAddress, {
      configuredBy: 'tenant',
      accessToken: async () => token,
    });
    expect(statuses(result.steps)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'failed', send: 'skipped' });
    const message = result.steps.find((s) => s.step === 'authentication')!.message;
    expect(message).toMatch(/^the server refused the OAuth access token, and a freshly refreshed one too/);
    expect(message).toMatch(/server said: 535/);
    expect(message).not.toContain(token);
  }, 60_000);

  it('TLS: an extra trusted authority verifies; a certificate for another name or from an unknown authority is said in words', async () => {
    const named = (host: string) => ({ ...settings, host, allowInvalidTls: false, pass: servers.bouncePassword });
    // The name typed resolves (here) to the loopback server; the certificate is checked against the name.
    const options = { configuredBy: 'tenant' as const, resolveHost: async () => servers.host };
    const ca = parseCaBundle(servers.caCertificatePem!);
    const trusted = await checkSmtpSending(named('mail.example.org'), servers.bounceAddress, {
      ...options,
      extraCaCertificates: ca,
    });
    expect(statuses(trusted.steps)).toEqual({ connect: 'ok', tls: 'ok', authentication: 'ok', send: 'ok' });

    const mismatch = await checkSmtpSending(named('smtp.example.com'), servers.bounceAddress, {
      ...options,
      extraCaCertificates: ca,
    });
    expect(statuses(mismatch.steps)).toEqual({
      connect: 'failed',
      tls: 'skipped',
      authentication: 'skipped',
      send: 'skipped',
    });
    expect(mismatch.steps[0]!.message).toBe(
      "The server's certificate is for mail.example.org, 127.0.0.1, not smtp.example.com: check the host name (use the name on the certificate) or ask the server's administrator for a certificate that names smtp.example.com",
    );
    expect(mismatch.steps[0]!.message).not.toMatch(/ERR_TLS/);

    const unknown = await checkSmtpSending(named('mail.example.org'), servers.bounceAddress, options);
    expect(unknown.steps[0]!.message).toMatch(
      /^The server's certificate is issued by an authority this installation does not trust \(.*\): add that authority's certificate to MAILBOX_TLS_CA_FILE/,
    );
  }, 60_000);
});
