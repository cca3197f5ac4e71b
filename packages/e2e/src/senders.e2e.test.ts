/**
 * Connecting a sender, end to end: the sample sender (sample-sender.ts) sends through each route (the nodemailer
 * plugin, the plain API, the SMTP relay) to a real local Postfix that bounces; the DSN comes back to the VERP return path the API
 * handed out, lands in the bounce mailbox, and the workers match it to the send by VERP. A recipient the remote MTA
 * refuses during the SMTP dialogue is reported by the plugin as a synchronous rejection and blocks the address.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { addresses, bounces, sends } from '@bounce/db';
import { getFreePort, pollUntil } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessBeside, startApiBeside } from './beside.js';
import { type Pipeline, startPipeline } from './pipeline.js';
import { createSampleSender } from './sample-sender.js';
import { WorkerProcess } from './worker-process.js';

let p: Pipeline;
let api: ProcessBeside;
let relay: WorkerProcess;
let sender: ReturnType<typeof createSampleSender>;
let apiUrl = '';

beforeAll(async () => {
  p = await startPipeline({ label: 'senders', env: { all: { DATABASE_POOL_SIZE: '4' } } });
  api = await startApiBeside(p, {
    // The same secret as the rules worker's: the API signs, the rules worker verifies.
    VERP_SECRETS: p.verpSecret,
    VERP_DOMAIN: p.servers.domain,
  });
  const relayPort = await getFreePort();
  const relayCredentials = { user: 'erp', password: randomBytes(16).toString('hex'), apiKey: api.key };
  relay = new WorkerProcess({
    name: 'smtp-relay',
    runDir: p.runDir,
    env: {
      RELAY_PORT: String(relayPort),
      RELAY_HOST: '127.0.0.1',
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      // The test Dovecot's self-signed certificate serves for STARTTLS.
      RELAY_TLS_CERT_FILE: join(p.servers.dir, 'dovecot', 'cert.pem'),
      RELAY_TLS_KEY_FILE: join(p.servers.dir, 'dovecot', 'key.pem'),
      RELAY_CREDENTIALS: JSON.stringify([relayCredentials]),
      BOUNCE_API_URL: api.url,
      SMARTHOST_URL: `smtp://${p.servers.host}:${p.servers.smtpPort}`,
      SMARTHOST_TLS_VERIFY: 'false',
      LOG_LEVEL: 'info',
    },
  });
  await relay.start();
  await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
  await p.startWorkers();
  apiUrl = api.url;
  sender = createSampleSender({
    apiUrl,
    apiKey: api.key,
    smtp: { host: p.servers.host, port: p.servers.smtpPort },
    relay: { host: '127.0.0.1', port: relayPort, user: relayCredentials.user, pass: relayCredentials.password },
  });
}, 180_000);

afterAll(async () => {
  sender?.close();
  await relay?.stop(15_000);
  await api?.process.stop(15_000);
  await p?.close();
}, 120_000);

/** Waits until the send's bounce is committed, and answers it. */
async function bounceOf(sendId: string) {
  return pollUntil(async () => (await p.db.db.select().from(bounces).where(eq(bounces.sendId, sendId)))[0], {
    timeoutMs: 60_000,
    what: `the bounce of send ${sendId}`,
    describe: () =>
      `${p.diagnostics()}\n--- api ---\n${api.process.logs(40)}\n--- relay ---\n${relay.logs(40)}\n--- postfix ---\n${p.servers.logs().postfix}`,
  });
}

async function addressState(address: string) {
  const [row] = await p.db.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, p.tenantId), eq(addresses.address, address)));
  return row;
}

describe('a sender connected through each route gets its bounces matched by VERP', () => {
  const mail = (to: string) => ({ to, from: 'Billing <billing@app.test>', subject: `Invoice for ${to}`, text: 'Hi' });

  it('the nodemailer plugin', async () => {
    const sendId = await sender.viaPlugin({ ...mail('nobody@mta.test'), category: 'newsletter' });
    const bounce = await bounceOf(sendId);
    expect(bounce).toMatchObject({ matchMethod: 'verp', class: 'hard', status: '5.1.1', recipient: 'nobody@mta.test' });
    const [send] = await p.db.db.select().from(sends).where(eq(sends.id, sendId));
    expect(send).toMatchObject({ status: 'bounced', category: 'newsletter' });
  }, 90_000);

  it('the plain API', async () => {
    const sendId = await sender.viaApi(mail(p.servers.addresses.unknownDomain));
    const bounce = await bounceOf(sendId);
    expect(bounce).toMatchObject({ matchMethod: 'verp', class: 'hard', status: '5.4.4' });
  }, 90_000);

  it('the SMTP relay (no code: SMTP credentials only)', async () => {
    const to = 'no-such-user@mta.test';
    const messageId = await sender.viaRelay({ ...mail(to), category: 'newsletter' });
    const [send] = await pollUntil(
      async () => {
        const rows = await p.db.db.select().from(sends).where(eq(sends.messageId, messageId));
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 30_000, what: 'the relayed send' },
    );
    expect(send).toMatchObject({ recipient: to, category: 'newsletter' });
    const bounce = await bounceOf(send?.id ?? '');
    expect(bounce).toMatchObject({ matchMethod: 'verp', class: 'hard', status: '5.1.1' });
  }, 90_000);

  it('the plugin reports a synchronous rejection by the remote MTA, which blocks the address', async () => {
    const direct = createSampleSender({
      apiUrl,
      apiKey: api.key,
      smtp: { host: p.servers.host, port: p.servers.remoteSmtpPort },
    });
    try {
      const to = p.servers.addresses.remoteReject;
      await expect(direct.viaPlugin(mail(to))).rejects.toMatchObject({ responseCode: 550 });
      const [send] = await p.db.db.select().from(sends).where(eq(sends.recipient, to));
      expect(send?.status).toBe('rejected');
      expect(await addressState(to)).toMatchObject({ state: 'blocked', suppressionReason: 'hard-bounce' });
    } finally {
      direct.close();
    }
  }, 60_000);
});
