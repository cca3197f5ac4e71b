/**
 * The plugin against a real Postfix (@bounce/test-servers): accepted copies carry the envelope sender and headers the
 * API handed out; a recipient the remote MTA rejects during the SMTP dialogue is reported as a rejection. The API is
 * a small recording HTTP server speaking the API's wire format here (the whole path through the real API, the
 * workers and a VERP-matched bounce is packages/e2e's senders test).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecipientsSuppressedError, type TrackedSentInfo, trackBounces } from './index.js';
import { type RecordingApi, startRecordingApi } from './testing/recording-api.js';

let servers: MailServers;
let api: RecordingApi;
let apiUrl: string;
let requests: RecordingApi['requests'];

beforeAll(async () => {
  servers = await startMailServers({
    users: [
      { name: 'alice', password: 'alice-pass' },
      { name: 'bob', password: 'bob-pass' },
    ],
  });
  api = await startRecordingApi({ returnPathDomain: servers.domain });
  apiUrl = api.url;
  requests = api.requests;
}, 60_000);

afterAll(async () => {
  await api?.close();
  await servers?.stop();
});

beforeEach(() => {
  requests.length = 0;
  api.blocked.clear();
});

/** The delivered copies in a user's Maildir (new/), as text. */
async function delivered(user: string): Promise<string[]> {
  const dir = join(servers.dir, 'mail', user, 'Maildir', 'new');
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
}

const transportTo = (port: number) =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

describe('trackBounces', () => {
  it('records the send, then sends with the handed-out return path and header (one line of set-up)', async () => {
    const transporter = trackBounces(transportTo(servers.smtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const info = await transporter.sendMail({
      from: 'Billing <billing@app.test>',
      to: 'Alice <alice@mta.test>',
      subject: 'Invoice 42',
      text: 'Please pay.',
      bounce: { category: 'invoice', externalId: 'inv-42' },
    });
    expect(info.accepted).toEqual(['alice@mta.test']);
    expect(requests.map((r) => r.path)).toEqual(['/v1/can-send', '/v1/sends/batch']);
    const record = requests[1];
    expect(record?.body.items).toEqual([
      expect.objectContaining({
        recipient: 'alice@mta.test',
        category: 'invoice',
        externalId: 'inv-42',
        messageId: info.messageId,
      }),
    ]);
    const send = info.sends[0];
    await servers.waitForMessages(1, { user: 'alice' });
    const [copy] = await delivered('alice');
    expect(copy).toContain(`Return-Path: <${send?.returnPath}>`);
    // Header names are case-insensitive; nodemailer writes X-Send-ID.
    expect(copy).toMatch(new RegExp(`^X-Send-Id: ${send?.sendId}$`, 'mi'));
    expect(copy).toContain(`Message-ID: ${info.messageId}`);
  }, 60_000);

  it('reports a recipient rejected during the SMTP dialogue as a rejection, and still throws like nodemailer', async () => {
    const transporter = trackBounces(transportTo(servers.remoteSmtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const failure = await transporter
      .sendMail({ from: 'news@app.test', to: servers.addresses.remoteReject, subject: 'News', text: 'Hi' })
      .then(
        () => null,
        (err: unknown) => err as { responseCode?: number },
      );
    expect(failure?.responseCode).toBe(550);
    const rejection = requests.find((r) => r.path === '/v1/rejections');
    expect(rejection?.body).toMatchObject({
      sendId: api.sendId(api.sendCount()),
      replyCode: 550,
      enhancedStatus: '5.1.1',
      willRetry: false,
      remoteMta: '127.0.0.1',
    });
    expect(String(rejection?.body.text)).toContain('does not exist');
  }, 60_000);

  it('sends each recipient its own copy with its own return path (callback style)', async () => {
    const transporter = trackBounces(transportTo(servers.smtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const info = await new Promise<TrackedSentInfo>((resolve, reject) =>
      transporter.sendMail(
        {
          from: 'news@app.test',
          to: '"Doe, Jane" <alice@mta.test>',
          cc: ['bob@mta.test', 'ALICE@mta.test'],
          subject: 'Two copies',
          text: 'Hi',
          bounce: { category: 'newsletter', listId: 'weekly', externalId: 'nl-1' },
        },
        (err, result) => (err || !result ? reject(err) : resolve(result)),
      ),
    );
    expect(info.accepted).toEqual(['alice@mta.test', 'bob@mta.test']);
    const items = requests.find((r) => r.path === '/v1/sends/batch')?.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.externalId)).toEqual(['nl-1/alice@mta.test', 'nl-1/bob@mta.test']);
    expect(items.every((i) => i.listId === 'weekly' && i.category === 'newsletter')).toBe(true);
    await servers.waitForMessages(1, { user: 'bob' });
    const [bobCopy] = await delivered('bob');
    const bobSend = info.sends.find((s) => s.recipient === 'bob@mta.test');
    expect(bobCopy).toContain(`Return-Path: <${bobSend?.returnPath}>`);
    expect(bobCopy).toMatch(/^Subject: Two copies$/m);
  }, 60_000);

  it('every copy rejected: each reported once, and the first error thrown', async () => {
    const transporter = trackBounces(transportTo(servers.remoteSmtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const { remoteReject, remoteMailboxFull } = servers.addresses;
    const failure = await transporter
      .sendMail({ from: 'news@app.test', to: [remoteReject, remoteMailboxFull], subject: 'x', text: 'x' })
      .then(
        () => null,
        (err: unknown) => err as { responseCode?: number; sends?: { rejection?: { replyCode: number } }[] },
      );
    expect(failure?.responseCode).toBe(550);
    expect(failure?.sends?.map((s) => s.rejection?.replyCode)).toEqual([550, 552]);
    const reports = requests.filter((r) => r.path === '/v1/rejections').map((r) => r.body);
    expect(reports.map((r) => [r.replyCode, r.enhancedStatus])).toEqual(
      expect.arrayContaining([
        [550, '5.1.1'],
        [552, '5.2.2'],
      ]),
    );
  }, 60_000);

  it('sends nothing when the API refuses to record (the caller retries)', async () => {
    const transporter = trackBounces(transportTo(servers.smtpPort), { baseUrl: `${apiUrl}/nowhere`, apiKey: 'k' });
    const before = (await delivered('alice')).length;
    await expect(
      transporter.sendMail({ from: 'a@app.test', to: 'alice@mta.test', subject: 'x', text: 'x' }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect((await delivered('alice')).length).toBe(before);
  }, 30_000);
});

describe('the can-send check', () => {
  it('refuse (default): a blocked recipient gets no copy and no send; the others are sent; invoices pass', async () => {
    api.blocked.add('bob@mta.test');
    const transporter = trackBounces(transportTo(servers.smtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const bobBefore = (await delivered('bob')).length;
    const info = await transporter.sendMail({
      from: 'news@app.test',
      to: ['alice@mta.test', 'bob@mta.test'],
      subject: 'Weekly',
      text: 'Hi',
      bounce: { category: 'newsletter', listId: 'weekly' },
    });
    expect(info.accepted).toEqual(['alice@mta.test']);
    expect(info.suppressed).toEqual([{ recipient: 'bob@mta.test', reason: 'blocked (hard-bounce)' }]);
    const check = requests.find((r) => r.path === '/v1/can-send');
    expect(check?.body).toEqual({
      addresses: ['alice@mta.test', 'bob@mta.test'],
      category: 'newsletter',
      list: 'weekly',
    });
    const recorded = requests.find((r) => r.path === '/v1/sends/batch')?.body.items as { recipient: string }[];
    expect(recorded.map((i) => i.recipient)).toEqual(['alice@mta.test']);

    // An invoice to the same blocked address is sent (the API exempts the category).
    const invoice = await transporter.sendMail({
      from: 'billing@app.test',
      to: 'bob@mta.test',
      subject: 'Invoice 7',
      text: 'Please pay.',
      bounce: { category: 'invoice' },
    });
    expect(invoice.accepted).toEqual(['bob@mta.test']);
    expect(invoice.suppressed).toEqual([]);
    await servers.waitForMessages(bobBefore + 1, { user: 'bob' });
    const bobCopies = await delivered('bob');
    expect(bobCopies.some((c) => c.includes('Subject: Weekly'))).toBe(false);
    expect(bobCopies.some((c) => c.includes('Subject: Invoice 7'))).toBe(true);
  }, 60_000);

  it('refuse: every recipient blocked throws RecipientsSuppressedError before recording anything', async () => {
    api.blocked.add('alice@mta.test');
    const transporter = trackBounces(transportTo(servers.smtpPort), { baseUrl: apiUrl, apiKey: 'bk_test' });
    const failure = await transporter
      .sendMail({ from: 'news@app.test', to: 'alice@mta.test', subject: 'x', text: 'x' })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(RecipientsSuppressedError);
    expect((failure as RecipientsSuppressedError).refused).toEqual([
      { recipient: 'alice@mta.test', reason: 'blocked (hard-bounce)' },
    ]);
    expect(requests.map((r) => r.path)).toEqual(['/v1/can-send']);
  }, 30_000);

  it('tag: the blocked recipient is recorded and sent a copy marked X-Bounce-Suppressed; send: no check', async () => {
    api.blocked.add('bob@mta.test');
    const tagging = trackBounces(transportTo(servers.smtpPort), { baseUrl: apiUrl, apiKey: 'bk_test', blocked: 'tag' });
    const bobBefore = (await delivered('bob')).length;
    const info = await tagging.sendMail({ from: 'news@app.test', to: 'bob@mta.test', subject: 'Tagged', text: 'x' });
    expect(info.accepted).toEqual(['bob@mta.test']);
    expect(info.sends[0]?.suppressed).toEqual({ recipient: 'bob@mta.test', reason: 'blocked (hard-bounce)' });
    await servers.waitForMessages(bobBefore + 1, { user: 'bob' });
    const tagged = (await delivered('bob')).find((c) => c.includes('Subject: Tagged'));
    expect(tagged).toMatch(/^X-Bounce-Suppressed: yes$/m);

    requests.length = 0;
    const unchecked = trackBounces(transportTo(servers.smtpPort), {
      baseUrl: apiUrl,
      apiKey: 'bk_test',
      blocked: 'send',
    });
    await unchecked.sendMail({ from: 'news@app.test', to: 'bob@mta.test', subject: 'Unchecked', text: 'x' });
    expect(requests.map((r) => r.path)).toEqual(['/v1/sends/batch']);
  }, 60_000);
});
