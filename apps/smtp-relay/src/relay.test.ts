/**
 * The relay with a real Postfix (@bounce/test-servers) as the smarthost and as the remote MTA that rejects, and the
 * recording stand-in of the API (@bounce/nodemailer/testing). The whole path with the real API, the workers and the
 * VERP-matched bounce is packages/e2e's senders test.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@bounce/config';
import { type RecordingApi, startRecordingApi } from '@bounce/nodemailer/testing';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';
import { type RelayProcess, startRelay } from './relay-process.js';

const CRM = { user: 'crm', password: 'crm-password-0123456789', apiKey: 'bk_crm_key_0123456789', listId: 'crm-list' };
const ERP = { user: 'erp', password: 'erp-password-0123456789', apiKey: 'bk_erp_key_0123456789', category: 'invoice' };

let servers: MailServers;
let api: RecordingApi;
/** Relays to Postfix's submission port (delivers, or bounces later). */
let relay: RelayProcess;
/** Relays straight to the "remote MTA" listener, which rejects during the dialogue. */
let rejectingRelay: RelayProcess;

async function start(smarthostPort: number, extra: Record<string, string> = {}): Promise<RelayProcess> {
  const tls = join(servers.dir, 'dovecot');
  return startRelay(
    loadEnv({
      RELAY_PORT: '0',
      RELAY_HOST: '127.0.0.1',
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      RELAY_TLS_CERT_FILE: join(tls, 'cert.pem'),
      RELAY_TLS_KEY_FILE: join(tls, 'key.pem'),
      RELAY_CREDENTIALS: JSON.stringify([CRM, ERP]),
      BOUNCE_API_URL: api.url,
      SMARTHOST_URL: `smtp://127.0.0.1:${smarthostPort}`,
      SMARTHOST_TLS_VERIFY: 'false',
      RELAY_MAX_MESSAGE_BYTES: '65536',
      LOG_LEVEL: 'silent',
      ...extra,
    }),
    { logger: createLogger({ name: 'relay-test', level: 'silent' }), handleSignals: false },
  );
}

beforeAll(async () => {
  servers = await startMailServers({ users: [{ name: 'alice', password: 'alice-pass' }] });
  api = await startRecordingApi({ returnPathDomain: servers.domain });
  relay = await start(servers.smtpPort);
  rejectingRelay = await start(servers.remoteSmtpPort, { RELAY_MAX_IN_FLIGHT: '1' });
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  await rejectingRelay?.stop();
  await api?.close();
  await servers?.stop();
});

beforeEach(() => {
  api.requests.length = 0;
  api.blocked.clear();
  api.canSendDelayMs = 0;
});

type Client = { user: string; password: string };

function client(target: RelayProcess, who: Client | null, options: { requireTLS?: boolean } = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: target.port(),
    secure: false,
    requireTLS: options.requireTLS ?? true,
    tls: { rejectUnauthorized: false },
    ...(who ? { auth: { user: who.user, pass: who.password } } : {}),
  });
}

async function submit(target: RelayProcess, who: Client | null, mail: SendMailOptions) {
  const transport = client(target, who);
  try {
    return await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => err as { responseCode?: number; response?: string; code?: string },
  );

async function delivered(user: string): Promise<string[]> {
  const dir = join(servers.dir, 'mail', user, 'Maildir', 'new');
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
}

describe('smtp relay', () => {
  it('after STARTTLS and AUTH: records the send, relays with the VERP envelope sender, category from the header', async () => {
    const info = await submit(relay, CRM, {
      from: 'crm@app.test',
      to: 'alice@mta.test',
      subject: 'Hello from the CRM',
      text: 'Hi Alice',
      messageId: '<crm-1@app.test>',
      headers: { 'X-Bounce-Category': 'newsletter' },
    });
    expect(info.response).toMatch(/^250 OK relayed to 1 of 1/);
    const record = api.requests.find((r) => r.path === '/v1/sends/batch');
    expect(record?.authorization).toBe(`Bearer ${CRM.apiKey}`);
    expect(record?.body.items).toEqual([
      expect.objectContaining({
        recipient: 'alice@mta.test',
        category: 'newsletter',
        listId: 'crm-list',
        messageId: '<crm-1@app.test>',
        externalId: 'relay:<crm-1@app.test>',
      }),
    ]);
    await servers.waitForMessages(1, { user: 'alice' });
    const [copy] = await delivered('alice');
    expect(copy).toContain(`Return-Path: <bounces+t${api.sendCount()}@${servers.domain}>`);
    expect(copy).toMatch(new RegExp(`^X-Send-Id: ${api.sendId(api.sendCount())}$`, 'mi'));
    expect(copy).toContain('Subject: Hello from the CRM');
  }, 60_000);

  it('refuses mail without AUTH, with a wrong password, and AUTH before STARTTLS', async () => {
    expect(
      (await failureOf(submit(relay, null, { from: 'x@app.test', to: 'alice@mta.test', text: 'x' })))?.responseCode,
    ).toBe(530);
    const wrong = await failureOf(
      submit(
        relay,
        { user: 'crm', password: 'not-the-password-123' },
        { from: 'x@app.test', to: 'alice@mta.test', text: 'x' },
      ),
    );
    expect(wrong?.responseCode).toBe(535);
    const plain = nodemailer.createTransport({
      host: '127.0.0.1',
      port: relay.port(),
      secure: false,
      ignoreTLS: true,
      auth: { user: CRM.user, pass: CRM.password },
    });
    const clear = await failureOf(plain.sendMail({ from: 'x@app.test', to: 'alice@mta.test', text: 'x' }));
    plain.close();
    expect(clear?.responseCode).toBe(538);
    expect(api.requests).toHaveLength(0);
  }, 30_000);

  it("answers the remote MTA's synchronous rejection to the client and reports it as a rejection", async () => {
    const failure = await failureOf(
      submit(rejectingRelay, CRM, {
        from: 'crm@app.test',
        to: servers.addresses.remoteReject,
        subject: 's',
        text: 'x',
      }),
    );
    expect(failure?.responseCode).toBe(550);
    expect(failure?.response).toContain('5.1.1');
    const report = api.requests.find((r) => r.path === '/v1/rejections');
    expect(report?.body).toMatchObject({
      sendId: api.sendId(api.sendCount()),
      replyCode: 550,
      enhancedStatus: '5.1.1',
    });
  }, 30_000);

  it('can-send per category: a blocked recipient is refused, but an invoice (per credential) to it passes', async () => {
    api.blocked.add('alice@mta.test');
    const refused = await failureOf(submit(relay, CRM, { from: 'crm@app.test', to: 'alice@mta.test', text: 'news' }));
    expect(refused?.responseCode).toBe(550);
    expect(refused?.response).toContain('5.7.1');
    expect(api.requests.some((r) => r.path === '/v1/sends/batch')).toBe(false);

    const before = (await delivered('alice')).length;
    const invoice = await submit(relay, ERP, {
      from: 'erp@app.test',
      to: 'alice@mta.test',
      subject: 'Invoice',
      text: 'pay',
    });
    expect(invoice.response).toMatch(/^250/);
    const canSend = api.requests.findLast((r) => r.path === '/v1/can-send');
    expect(canSend?.body).toMatchObject({ addresses: ['alice@mta.test'], category: 'invoice' });
    await servers.waitForMessages(before + 1, { user: 'alice' });
  }, 60_000);

  it('refuses a message over the size limit with 552 and records nothing', async () => {
    const failure = await failureOf(
      submit(relay, CRM, { from: 'crm@app.test', to: 'alice@mta.test', text: 'x'.repeat(70_000) }),
    );
    expect(failure?.responseCode).toBe(552);
    expect(api.requests).toHaveLength(0);
  }, 30_000);

  it('back-pressure: past RELAY_MAX_IN_FLIGHT a second client is told to come back later (451)', async () => {
    api.canSendDelayMs = 1_500;
    const first = submit(rejectingRelay, CRM, { from: 'crm@app.test', to: servers.addresses.remoteReject, text: 'a' });
    // The first message is held at the can-send check; wait until the relay has it in flight.
    while (rejectingRelay.stats().inFlight === 0) await new Promise((r) => setTimeout(r, 20));
    const second = await failureOf(
      submit(rejectingRelay, CRM, { from: 'crm@app.test', to: servers.addresses.remoteReject, text: 'b' }),
    );
    expect(second?.responseCode).toBe(451);
    expect((await failureOf(first))?.responseCode).toBe(550);
  }, 30_000);
});
