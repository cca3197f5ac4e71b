import { loopbackTestPolicy } from '@bounce/mailbox-access';
import type { SmtpSettings } from '@bounce/mailer';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounceMailboxSettings, createTestApi, json, type TestApi } from '../testing/test-api.js';

type Step = { step: string; status: string; message: string };
type SendingTest = { ok: boolean; to: string; steps: Step[] };

/** The account test's sending half against the test Postfix (SMTP) delivering into the test Dovecot (IMAP). */
describe('account test: sending to the bounce mailbox', () => {
  let servers: MailServers;
  let api: TestApi;
  let smtp: SmtpSettings;
  let mailboxId: string;

  beforeAll(async () => {
    servers = await startMailServers({ users: [{ name: 'elsewhere', password: 'elsewhere-password' }] });
    smtp = {
      host: servers.host,
      port: servers.smtpPort,
      secure: false,
      from: `Bounce system <system@${servers.domain}>`,
      requireTls: false,
      allowInvalidTls: true,
      timeoutMs: 10_000,
    };
    api = await createTestApi({ mailboxNetwork: loopbackTestPolicy(), smtpSettings: smtp });
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: { ...bounceMailboxSettings(servers), enabled: false },
    });
    mailboxId = json<{ id: string }>(res).id;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await servers?.stop();
  }, 30_000);

  const run = (payload: Record<string, unknown>, testApi = api) =>
    testApi.call(testApi.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailboxId}/test-sending`, payload });
  const statuses = (r: SendingTest) => Object.fromEntries(r.steps.map((s) => [s.step, s.status]));

  it('connects, sends a marked test message, finds it in the mailbox and deletes it', async () => {
    await servers.clearMailbox();
    const res = await run({ to: servers.bounceAddress, waitSeconds: 20 });
    expect(res.statusCode).toBe(200);
    const result = json<SendingTest>(res);
    expect(statuses(result)).toEqual({
      connect: 'ok',
      tls: 'ok',
      authentication: 'ok',
      send: 'ok',
      delivery: 'ok',
    });
    expect(result.ok).toBe(true);
    // The test Postfix offers no STARTTLS and needs no login: both said in words, neither a failure.
    expect(result.steps.find((s) => s.step === 'tls')?.message).toMatch(/^not used: the server offered no STARTTLS/);
    expect(result.steps.find((s) => s.step === 'authentication')?.message).toBe('not used: no SMTP_USER configured');
    expect(result.steps.find((s) => s.step === 'send')?.message).toMatch(/^accepted for bounces@mta\.test: 250/);
    expect(result.steps.find((s) => s.step === 'delivery')?.message).toMatch(
      /^found in INBOX after \d+ ms, then deleted$/,
    );
    expect(await servers.countMessages()).toBe(0);
  }, 60_000);

  it('the whole account test in one call: receiving, then sending with the message found; a failed receiving skips sending', async () => {
    await servers.clearMailbox();
    const account = (id: string) =>
      api.call(api.acme.admin, {
        method: 'POST',
        url: `/v1/mailboxes/${id}/account-test`,
        payload: { to: servers.bounceAddress, waitSeconds: 20 },
      });
    const res = await account(mailboxId);
    expect(res.statusCode).toBe(200);
    type AccountTest = { ok: boolean; receiving: SendingTest; sending: SendingTest & { status: string } };
    const result = json<AccountTest>(res);
    expect(statuses(result.receiving)).toEqual({
      dns: 'ok',
      tcp: 'ok',
      tls: 'ok',
      authentication: 'ok',
      folders: 'ok',
    });
    expect(statuses(result.sending)).toEqual({
      connect: 'ok',
      tls: 'ok',
      authentication: 'ok',
      send: 'ok',
      delivery: 'ok',
    });
    expect(result).toMatchObject({ ok: true, sending: { status: 'ok', to: servers.bounceAddress } });
    expect(await servers.countMessages()).toBe(0);

    const wrong = json<{ id: string }>(
      await api.call(api.acme.admin, {
        method: 'POST',
        url: '/v1/mailboxes',
        payload: { ...bounceMailboxSettings(servers), name: 'wrong password', secret: 'wrong', enabled: false },
      }),
    );
    const failed = json<AccountTest & { sending: { reason: string } }>(await account(wrong.id));
    expect(failed.ok).toBe(false);
    expect(statuses(failed.receiving)).toMatchObject({ authentication: 'failed', folders: 'skipped' });
    expect(failed.sending).toMatchObject({
      status: 'skipped',
      reason: 'not run: receiving failed, fix that first (see above)',
    });
  }, 90_000);

  it('a message that goes elsewhere: accepted, but the delivery step says it never arrived', async () => {
    const result = json<SendingTest>(await run({ to: `elsewhere@${servers.domain}`, waitSeconds: 2 }));
    expect(result.ok).toBe(false);
    expect(statuses(result)).toMatchObject({ send: 'ok', delivery: 'failed' });
    expect(result.steps.find((s) => s.step === 'delivery')?.message).toMatch(
      /accepted the message but it did not arrive in 2 s: check that elsewhere@mta\.test delivers into this mailbox/,
    );
  }, 60_000);

  // A closed port, and no SMTP server at all (503), are checked through the tenant's SMTP server
  // (smtp-server.routes.test.ts): the same checkSmtpSending, without starting more APIs here.
  it('diagnoses a server without the TLS it must have (SMTP_REQUIRE_TLS), skipping the rest', async () => {
    const tlsRequired = await createTestApi({
      mailboxNetwork: loopbackTestPolicy(),
      smtpSettings: { ...smtp, requireTls: true },
    });
    try {
      const box = await tlsRequired.call(tlsRequired.acme.admin, {
        method: 'POST',
        url: '/v1/mailboxes',
        payload: {
          name: 'b',
          host: servers.host,
          port: servers.imapsPort,
          tlsMode: 'implicit',
          username: servers.bounceAddress,
          secret: 'x',
          enabled: false,
        },
      });
      const id = json<{ id: string }>(box).id;
      const result = json<SendingTest>(
        await tlsRequired.call(tlsRequired.acme.admin, {
          method: 'POST',
          url: `/v1/mailboxes/${id}/test-sending`,
          payload: {},
        }),
      );
      // No `to`: the user name is an address, so it is used.
      expect(result.to).toBe(servers.bounceAddress);
      expect(result).toMatchObject({ ok: false, smtpServer: 'installation' });
      const step = result.steps.find((s) => s.step === 'tls')!;
      expect(step.status).toBe('failed');
      expect(step.message).toMatch(/offers no STARTTLS but TLS is required \(SMTP_REQUIRE_TLS\)/);
      expect(result.steps.find((s) => s.step === 'delivery')?.status).toBe('skipped');
    } finally {
      await tlsRequired.close();
    }
  }, 60_000);
});
