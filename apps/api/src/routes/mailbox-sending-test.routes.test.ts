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

  it('the account test of unsaved settings (the add/edit dialog): receiving and sending with the message found; no address: sending skipped with why, streamed too', async () => {
    await servers.clearMailbox();
    type AccountTest = {
      ok: boolean;
      receiving: SendingTest;
      sending: SendingTest & { status: string; reason: string };
    };
    const saved = async () =>
      json<{ items: unknown[] }>(await api.call(api.acme.admin, { method: 'GET', url: '/v1/mailboxes' })).items.length;
    const before = await saved();
    const unsaved = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      api.call(api.acme.admin, { method: 'POST', url: '/v1/mailboxes/account-test', payload, headers });
    const res = await unsaved({ ...bounceMailboxSettings(servers), to: servers.bounceAddress, waitSeconds: 20 });
    expect(res.statusCode).toBe(200);
    const result = json<AccountTest>(res);
    expect(statuses(result.receiving)).toMatchObject({ authentication: 'ok', folders: 'ok' });
    expect(statuses(result.sending)).toEqual({
      connect: 'ok',
      tls: 'ok',
      authentication: 'ok',
      send: 'ok',
      delivery: 'ok',
    });
    expect(result).toMatchObject({ ok: true, sending: { status: 'ok', to: servers.bounceAddress } });
    expect(await servers.countMessages()).toBe(0);
    // The user name is not an address and no `to`: receiving is tested, sending says why it did not run; streamed.
    const streamed = await unsaved({ ...bounceMailboxSettings(servers) }, { accept: 'application/x-ndjson' });
    const lines = streamed.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; part?: string; status?: string } & Partial<AccountTest>);
    expect(lines.map((l) => `${l.type}:${l.part ?? ''}:${l.status ?? ''}`)).toEqual([
      ...Array(5).fill('step:receiving:ok'),
      ...Array(5).fill('step:sending:skipped'),
      'result::',
    ]);
    expect(lines.at(-1)).toMatchObject({ ok: true, sending: { status: 'skipped' } });
    expect(lines.at(-1)?.sending?.reason).toMatch(/its user name is not an address/);
    expect(streamed.body).not.toContain(servers.bouncePassword);
    // Nothing was saved.
    expect(await saved()).toBe(before);
  }, 90_000);

  it('streams the account test with Accept: application/x-ndjson, each step as it finishes; a message that goes elsewhere never arrives', async () => {
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.app.server.address() as { port: number };
    // To an address delivered elsewhere, so the delivery step waits (2 s) while the earlier lines are already out.
    const res = await fetch(`http://127.0.0.1:${port}/v1/mailboxes/${mailboxId}/account-test`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${api.acme.admin}`,
        accept: 'application/x-ndjson',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ to: `elsewhere@${servers.domain}`, waitSeconds: 2 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    type Line = { type: string; part?: string; step?: string; status?: string } & Record<string, unknown>;
    const lines: Line[] = [];
    // What had arrived when the send step's line was read: the result line must not be there yet (true streaming).
    let resultBeforeSendLine: boolean | undefined;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      lines.push(...complete.map((l) => JSON.parse(l) as Line));
      if (resultBeforeSendLine === undefined && lines.some((l) => l.step === 'send')) {
        resultBeforeSendLine = lines.some((l) => l.type === 'result');
      }
    }
    expect(buffered).toBe('');
    expect(resultBeforeSendLine).toBe(false);
    const result = lines.at(-1) as Line & { receiving: { steps: object[] }; sending: { steps: object[] } };
    expect(result).toMatchObject({ type: 'result', ok: false, sending: { status: 'failed' } });
    // Accepted, but it went elsewhere: the delivery step says it never arrived.
    expect(lines.find((l) => l.step === 'delivery')?.message).toMatch(
      /accepted the message but it did not arrive in 2 s: check that elsewhere@mta\.test delivers into this mailbox/,
    );
    // The step lines are exactly the result's steps, in its order, each tagged with its part.
    expect(lines.slice(0, -1)).toEqual([
      ...result.receiving.steps.map((s) => ({ type: 'step', part: 'receiving', ...s })),
      ...result.sending.steps.map((s) => ({ type: 'step', part: 'sending', ...s })),
    ]);
    expect(lines.slice(0, -1).map((l) => `${l.part}:${l.step}:${l.status}`)).toEqual([
      'receiving:dns:ok',
      'receiving:tcp:ok',
      'receiving:tls:ok',
      'receiving:authentication:ok',
      'receiving:folders:ok',
      'sending:connect:ok',
      'sending:tls:ok',
      'sending:authentication:ok',
      'sending:send:ok',
      'sending:delivery:failed',
    ]);
    // Never a secret in the stream.
    expect(JSON.stringify(lines)).not.toContain(servers.bouncePassword);
  }, 60_000);

  it('streamed tests: skipped steps streamed too; auth, scope, tenant and not-found answered before any line', async () => {
    const ndjson = { accept: 'application/x-ndjson' };
    const parse = (body: string) =>
      body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; part?: string; step?: string; status?: string });
    // The unsaved settings of the add/edit dialog, with a wrong password: authentication fails, folders skipped.
    const unsaved = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes/test',
      headers: ndjson,
      payload: { ...bounceMailboxSettings(servers), secret: 'wrong-password' },
    });
    expect(unsaved.statusCode).toBe(200);
    expect(unsaved.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = parse(unsaved.body);
    expect(lines.map((l) => `${l.type}:${l.step ?? ''}:${l.status ?? ''}`)).toEqual([
      'step:dns:ok',
      'step:tcp:ok',
      'step:tls:ok',
      'step:authentication:failed',
      'step:folders:skipped',
      'result::',
    ]);
    expect(lines.every((l) => l.type === 'result' || l.part === 'receiving')).toBe(true);
    expect(unsaved.body).not.toContain('wrong-password');
    // A saved mailbox's connection test streams the same way.
    const saved = parse(
      (await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailboxId}/test`, headers: ndjson }))
        .body,
    );
    expect(saved.at(-1)).toMatchObject({ type: 'result', ok: true });
    expect(saved).toHaveLength(6);

    const account = (key: string | null, id = mailboxId) =>
      api.call(key, { method: 'POST', url: `/v1/mailboxes/${id}/account-test`, headers: ndjson, payload: {} });
    for (const [res, status] of [
      [await account(null), 401],
      [await account(api.acme.read), 403],
      // Another tenant's mailbox does not exist for this key.
      [await account(api.globex.admin), 404],
      [await account(api.acme.admin, '00000000-0000-4000-8000-000000000000'), 404],
    ] as const) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
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
