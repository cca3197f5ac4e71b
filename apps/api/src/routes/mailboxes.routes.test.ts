import { mailboxes, mailboxSecretContext } from '@bounce/db';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { QUEUES } from '@bounce/queue';
import { getFreePort, type MailServers, startMailServers, startRecordingImapServer } from '@bounce/test-servers';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounceMailboxSettings, createTestApi, json, type TestApi } from '../testing/test-api.js';

type Mailbox = { id: string; name: string; port: number; enabled: boolean; consecutiveFailures: number };
type TestResult = { ok: boolean; steps: { step: string; status: string; message: string }[] };

describe('bounce mailboxes', () => {
  let servers: MailServers;
  let api: TestApi;
  let mailbox: Mailbox;
  let settings: Record<string, unknown>;

  beforeAll(async () => {
    servers = await startMailServers();
    // The local Dovecot listens on loopback and random ports: allowed explicitly, as an installation would.
    api = await createTestApi({ redis: true, mailboxNetwork: loopbackTestPolicy() });
    settings = bounceMailboxSettings(servers);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await servers?.stop();
  });

  it('tests settings before saving: every step against a real Dovecot', async () => {
    const res = await api.call(api.acme.admin, { method: 'POST', url: '/v1/mailboxes/test', payload: settings });
    expect(res.statusCode).toBe(200);
    const result = json<TestResult>(res);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['dns', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'ok'],
      ['authentication', 'ok'],
      ['folders', 'ok'],
    ]);
    expect(res.body).not.toContain(servers.bouncePassword);
    const wrong = json<TestResult>(
      await api.call(api.acme.admin, {
        method: 'POST',
        url: '/v1/mailboxes/test',
        payload: { ...settings, secret: 'wrong-password' },
      }),
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.steps.find((s) => s.step === 'authentication')?.status).toBe('failed');
    const closedPort = await getFreePort();
    const closed = json<TestResult>(
      await api.call(api.acme.admin, {
        method: 'POST',
        url: '/v1/mailboxes/test',
        payload: { ...settings, port: closedPort },
      }),
    );
    expect(closed.steps.find((s) => s.step === 'tcp')?.status).toBe('failed');
    expect(await api.database.db.select().from(mailboxes)).toEqual([]);
  });

  it('creates a mailbox: the password is encrypted at rest and never returned', async () => {
    const res = await api.call(api.acme.admin, { method: 'POST', url: '/v1/mailboxes', payload: settings });
    expect(res.statusCode).toBe(201);
    mailbox = json<Mailbox>(res);
    expect(mailbox).toMatchObject({ name: 'bounces', enabled: true, sourceFolder: 'INBOX', pollIntervalSeconds: 1200 });
    expect(res.body).not.toContain(servers.bouncePassword);
    expect(res.body).not.toMatch(/secret/i);
    const [row] = await api.database.db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id));
    expect(row?.secretEncrypted).not.toContain(servers.bouncePassword);
    expect(api.secretBox.decrypt(row?.secretEncrypted ?? '', mailboxSecretContext(mailbox.id))).toBe(
      servers.bouncePassword,
    );
    for (const url of ['/v1/mailboxes', `/v1/mailboxes/${mailbox.id}`]) {
      const read = await api.call(api.acme.read, { method: 'GET', url });
      expect(read.statusCode).toBe(200);
      expect(read.body).not.toMatch(/secret/i);
      expect(read.body).not.toContain(servers.bouncePassword);
    }
  });

  it('refuses invalid settings (400) and a duplicate name (409), storing nothing', async () => {
    const bad = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/mailboxes',
      payload: { ...settings, name: 'x', port: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(bad).errors.map((e) => e.pointer)).toContain('/body/port');
    expect(bad.body).not.toContain(servers.bouncePassword);
    const dup = await api.call(api.acme.admin, { method: 'POST', url: '/v1/mailboxes', payload: settings });
    expect(dup.statusCode).toBe(409);
    expect(await api.database.db.select().from(mailboxes)).toHaveLength(1);
  });

  it('tests the saved mailbox with its stored secret', async () => {
    const res = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/test` });
    expect(json<TestResult>(res).ok).toBe(true);
  });

  it('the whole account test without any SMTP server: receiving passes, sending skipped with the reason', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: `/v1/mailboxes/${mailbox.id}/account-test`,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    const result = json<{
      ok: boolean;
      receiving: TestResult;
      sending: TestResult & { status: string; reason: string };
    }>(res);
    expect(result.receiving.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'dns:ok',
      'tcp:ok',
      'tls:ok',
      'authentication:ok',
      'folders:ok',
    ]);
    expect(result.sending.status).toBe('skipped');
    expect(result.sending.reason).toMatch(/^not run: no SMTP server is configured: set the tenant's/);
    expect(result.sending.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'connect:skipped',
      'tls:skipped',
      'authentication:skipped',
      'send:skipped',
      'delivery:skipped',
    ]);
    // Nothing to send through is not a failure of this mailbox.
    expect(result.ok).toBe(true);
  });

  it('never sends the stored password to a new host: re-pointing requires the secret again', async () => {
    // Another loopback port stands for a host the admin controls; it records every byte it receives.
    const catcher = await startRecordingImapServer();
    try {
      const repoint = { port: catcher.port, tlsMode: 'none' };
      const refused = await api.call(api.acme.admin, {
        method: 'PATCH',
        url: `/v1/mailboxes/${mailbox.id}`,
        payload: repoint,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(json<{ errors: { pointer: string }[] }>(refused).errors.map((e) => e.pointer)).toEqual(['/body/secret']);
      for (const change of [{ host: 'localhost' }, { username: 'someone-else' }, { tlsAllowInvalid: false }]) {
        const res = await api.call(api.acme.admin, {
          method: 'PATCH',
          url: `/v1/mailboxes/${mailbox.id}`,
          payload: change,
        });
        expect(res.statusCode).toBe(400);
      }
      // Unchanged values are no change: a form that sends every field back needs no secret.
      const same = await api.call(api.acme.admin, {
        method: 'PATCH',
        url: `/v1/mailboxes/${mailbox.id}`,
        payload: { host: settings.host, port: settings.port, name: 'bounces' },
      });
      expect(same.statusCode).toBe(200);
      // The refused change left the mailbox where it was: its test still reaches Dovecot, the catcher gets nothing.
      const stillDovecot = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/test` });
      expect(json<TestResult>(stillDovecot).ok).toBe(true);
      expect(catcher.received()).toBe('');

      const moved = await api.call(api.acme.admin, {
        method: 'PATCH',
        url: `/v1/mailboxes/${mailbox.id}`,
        payload: { ...repoint, secret: 'typed-for-the-new-host' },
      });
      expect(moved.statusCode).toBe(200);
      const tested = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/test` });
      expect(json<TestResult>(tested).ok).toBe(false);
      // The catcher saw a login, with the secret typed for it, never the old one (in clear or base64).
      expect(catcher.logins().join('\n')).toContain('typed-for-the-new-host');
      expect(catcher.received()).not.toContain(servers.bouncePassword);
      expect(catcher.received()).not.toContain(Buffer.from(servers.bouncePassword).toString('base64'));
    } finally {
      await catcher.stop();
      const back = await api.call(api.acme.admin, {
        method: 'PATCH',
        url: `/v1/mailboxes/${mailbox.id}`,
        payload: { port: settings.port, tlsMode: settings.tlsMode, secret: servers.bouncePassword },
      });
      expect(back.statusCode).toBe(200);
    }
  });

  it('updates settings and the secret (write-only)', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/mailboxes/${mailbox.id}`,
      payload: { pollIntervalSeconds: 300, secret: 'a-new-password' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ pollIntervalSeconds: 300 });
    expect(res.body).not.toContain('a-new-password');
    const [row] = await api.database.db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id));
    expect(api.secretBox.decrypt(row?.secretEncrypted ?? '', mailboxSecretContext(mailbox.id))).toBe('a-new-password');
    const failing = json<TestResult>(
      await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/test` }),
    );
    expect(failing.ok).toBe(false);
    await api.call(api.acme.admin, {
      method: 'PATCH',
      url: `/v1/mailboxes/${mailbox.id}`,
      payload: { secret: servers.bouncePassword },
    });
  });

  it('keeps the polling schedule in step: created with the mailbox, removed when disabled, back when enabled', async () => {
    const queue = new Queue(QUEUES.fetchMailbox.name, { connection: api.redis!, prefix: api.prefix });
    const scheduler = () => queue.getJobScheduler(`mailbox:${mailbox.id}`);
    expect((await scheduler())?.every).toBe(300_000);
    await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/disable` });
    expect(await scheduler()).toBeFalsy();
    await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/enable` });
    expect((await scheduler())?.every).toBe(300_000);
    await queue.close();
  });

  it('disables and enables; fetch now queues a manual fetch job only when enabled (double clicks: one job)', async () => {
    const disabled = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/disable` });
    expect(json(disabled)).toMatchObject({ enabled: false });
    const refused = await api.call(api.acme.write, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/fetch` });
    expect(refused.statusCode).toBe(409);
    const enabled = await api.call(api.acme.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/enable` });
    expect(json(enabled)).toMatchObject({ enabled: true, consecutiveFailures: 0 });

    const fetch = await api.call(api.acme.write, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/fetch` });
    expect(fetch.statusCode).toBe(202);
    const { jobId } = json<{ jobId: string }>(fetch);
    const queue = new Queue(QUEUES.fetchMailbox.name, { connection: api.redis!, prefix: api.prefix });
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ mailboxId: mailbox.id, trigger: 'manual' });
    // A second click while the first job still waits is absorbed: still one manual fetch job.
    const again = await api.call(api.acme.write, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/fetch` });
    expect(again.statusCode).toBe(202);
    const waiting = await queue.getJobs(['waiting', 'prioritized']);
    expect(waiting.filter((j) => j.data.trigger === 'manual')).toHaveLength(1);
    await queue.close();
  });

  it('needs admin to change a mailbox, write for fetch now', async () => {
    expect(
      (await api.call(api.acme.write, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/disable` })).statusCode,
    ).toBe(403);
    expect(
      (await api.call(api.acme.read, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/fetch` })).statusCode,
    ).toBe(403);
    expect(
      (await api.call(api.acme.write, { method: 'POST', url: '/v1/mailboxes', payload: settings })).statusCode,
    ).toBe(403);
  });

  it("hides one tenant's mailbox from another", async () => {
    expect((await api.call(api.globex.read, { method: 'GET', url: `/v1/mailboxes/${mailbox.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await api.call(api.globex.admin, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/test` })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(api.globex.write, { method: 'POST', url: `/v1/mailboxes/${mailbox.id}/fetch` })).statusCode,
    ).toBe(404);
    expect(
      (await api.call(api.globex.admin, { method: 'DELETE', url: `/v1/mailboxes/${mailbox.id}` })).statusCode,
    ).toBe(404);
    expect(
      json<{ items: unknown[] }>(await api.call(api.globex.read, { method: 'GET', url: '/v1/mailboxes' })).items,
    ).toEqual([]);
  });

  it('deletes a mailbox (204) and its schedule', async () => {
    expect((await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/mailboxes/${mailbox.id}` })).statusCode).toBe(
      204,
    );
    expect(await api.database.db.select().from(mailboxes)).toEqual([]);
    const queue = new Queue(QUEUES.fetchMailbox.name, { connection: api.redis!, prefix: api.prefix });
    expect(await queue.getJobScheduler(`mailbox:${mailbox.id}`)).toBeFalsy();
    await queue.close();
    expect((await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/mailboxes/${mailbox.id}` })).statusCode).toBe(
      404,
    );
  });
});
