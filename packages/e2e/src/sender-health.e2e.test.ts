/**
 * Sender health end to end, every part a separate process: the sample sends go out through the real Postfix to a
 * "remote MTA" that refuses the sender ("Client host [203.0.113.6] blocked using bl.dnsbl.test"), the DSNs come back
 * to the bounce mailbox, the fetch, parse and rules workers apply them as sender-side (the recipient stays
 * deliverable), and the notification workers (two processes) diagnose them through a real DNS server (NSD on a
 * loopback port serving @bounce/sender-health's scenario zones, files in the repository) into one alert for the
 * provider and cause, announced by a signed webhook. The same setup is watched through the API process; once the
 * blocklist drops the IP, the setup tick announces sender_setup.changed and the alert closes by itself
 * (sender_alert.closed, check-passed), each event once although two workers run the ticks. Real bounces of the dev
 * corpus naming blocklists (matched to no send) go the same way to alerts of their own provider.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { addresses, bounces, rawMessages } from '@bounce/db';
import { SENDER_HEALTH_TEST_ZONES_DIR } from '@bounce/sender-health/testing';
import { type DnsServer, pollUntil, startDnsServer } from '@bounce/test-servers';
import { createWebhookSubscription } from '@bounce/webhooks';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessBeside, startApiBeside } from './beside.js';
import { CORPUS_DIR } from './corpus.js';
import { type Pipeline, startPipeline } from './pipeline.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { REPO_ROOT, WorkerProcess } from './worker-process.js';

const LISTED_IP = '203.0.113.6';
const LIST = 'bl.dnsbl.test';

type Alert = {
  id: string;
  groupKey: string;
  cause: string;
  subject: string | null;
  state: string;
  count: number;
  closeReason: string | null;
  diagnosis: {
    headline: { en: string; de: string };
    explanation: { en: string; de: string };
    actions: { en: string; de: string }[];
    checks: { check: string; list?: string; listed?: boolean; reason?: string | null; delistUrl?: string | null }[];
  };
};

let dns: DnsServer;
let p: Pipeline;
let api: ProcessBeside;
let secondNotify: WorkerProcess;
let receiver: WebhookReceiver;
let apiUrl = '';

beforeAll(async () => {
  dns = await startDnsServer({ zonesDir: SENDER_HEALTH_TEST_ZONES_DIR });
  const senderHealth = {
    SENDER_HEALTH_DNS_SERVERS: dns.address,
    SENDER_HEALTH_DNSBLS: LIST,
    SENDER_HEALTH_DNS_TIMEOUT: '2s',
    // The watched setup is checked every second (the API schedules the first recheck after its baseline with it).
    SENDER_SETUP_CHECK_INTERVAL: '1s',
  };
  p = await startPipeline({
    label: 'sender-health',
    env: {
      all: { DATABASE_POOL_SIZE: '4' },
      notify: {
        ...senderHealth,
        // The alert's own recheck is an hour away, so only the setup tick (every second) can close it in the test.
        SENDER_ALERT_RECHECK_INTERVAL: '1h',
      },
    },
  });
  api = await startApiBeside(
    p,
    {
      // The test polls the API while it waits.
      RATE_LIMIT_MAX: '100000',
      ...senderHealth,
    },
    // Started beside five other processes on a shared 2-core machine.
    { start: false, startTimeoutMs: 180_000 },
  );
  apiUrl = api.url;
  // A second notification worker: the ticks and the diagnoses are shared, nothing is done twice.
  secondNotify = new WorkerProcess({
    name: 'notify',
    runDir: p.runDir,
    startTimeoutMs: 180_000,
    env: { ...p.workers.notify.env },
  });

  receiver = await startWebhookReceiver();
  const { secret } = await createWebhookSubscription(
    { db: p.db.db, secretBox: p.secrets, urlGuard: { allowLoopback: true } },
    { tenantId: p.tenantId, url: receiver.url, eventTypes: ['sender_alert.*', 'sender_setup.changed'] },
  );
  receiver.setSecret(secret);
  await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
  // One after the other: six processes compiling at once on a loaded 2-core machine miss their start deadline.
  await p.startWorkers();
  await api.process.start();
  await secondNotify.start();
}, 240_000);

afterAll(async () => {
  await secondNotify?.stop(15_000);
  await api?.process.stop(15_000);
  await receiver?.close();
  await p?.close();
  await dns?.stop();
}, 120_000);

/** Polls of the API: a few a second are enough. */
const API_POLL = { intervalMs: 250 };

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await api.call(`/v1${path}`, { method, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: (await res.json()) as T };
}

const describeAll = () =>
  `${p.diagnostics()}\n--- second notify ---\n${secondNotify.logs(40)}\n--- api ---\n${api.process.logs(20)}`;

const hooks = (type: string) => receiver.received().filter((r) => r.type === type);

describe('sender health across the processes', () => {
  it('diagnoses sender-side bounces into one grouped alert and closes it once the watched setup passes again', async () => {
    // The sending setup is watched through the API: its first report finds the IP listed.
    const watched = await call<{ id: string; status: string }>('POST', '/sender-health/setups', {
      domain: 'good.test',
      ips: [LISTED_IP],
      selectors: ['s2048'],
    });
    expect(watched.status).toBe(200);
    expect(watched.json.status).toBe('fail');
    // The command line (`bounce sender-health list`) shows the same watch through the API.
    const cli = await promisify(execFile)(
      join(REPO_ROOT, 'node_modules/.bin/bounce'),
      ['sender-health', 'list', '--json'],
      { env: { ...process.env, BOUNCE_API_URL: apiUrl, BOUNCE_API_KEY: api.key }, timeout: 120_000 },
    );
    expect((JSON.parse(cli.stdout) as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([watched.json.id]);

    // Three sends refused because of the sender: three DSNs through Postfix into the bounce mailbox.
    const recipient = p.servers.addresses.senderBlocked;
    for (let i = 0; i < 3; i++) await p.sendTracked(recipient, { category: 'invoice', subject: `Invoice ${i}` });

    const alert = await pollUntil(
      async () => {
        const { json } = await call<{ items: Alert[] }>('GET', '/sender-health/alerts?state=open');
        const found = json.items[0];
        return found && found.count === 3 ? found : undefined;
      },
      { ...API_POLL, timeoutMs: 120_000, what: 'one alert counting the three rejections', describe: describeAll },
    );
    const { json: all } = await call<{ items: Alert[] }>('GET', '/sender-health/alerts');
    expect(all.items).toHaveLength(1);
    expect(alert).toMatchObject({ cause: 'dnsbl', subject: LISTED_IP, state: 'open' });
    expect(alert.groupKey).toMatch(/\|dnsbl$/);
    const listing = alert.diagnosis.checks.find((c) => c.check === 'dnsbl' && c.list === LIST);
    expect(listing).toMatchObject({ listed: true, delistUrl: `https://dnsbl.test/lookup?ip=${LISTED_IP}` });
    expect(listing?.reason).toContain('spam trap hits');
    expect(alert.diagnosis.headline.en).toContain(LISTED_IP);
    expect(alert.diagnosis.explanation.de).toContain(LIST);
    expect(alert.diagnosis.actions.map((a) => a.en).join(' ')).toContain('https://dnsbl.test/lookup');
    // Aimed at the sender: the recipient is not blocked.
    const [address] = await p.db.db
      .select()
      .from(addresses)
      .where(and(eq(addresses.tenantId, p.tenantId), eq(addresses.address, recipient)));
    expect(address?.state).not.toBe('blocked');

    const opened = await pollUntil(() => hooks('sender_alert.opened')[0], {
      timeoutMs: 60_000,
      what: 'the sender_alert.opened webhook',
      describe: describeAll,
    });
    expect(opened.isSignatureValid).toBe(true);
    expect(opened.body.data).toMatchObject({ alertId: alert.id, cause: 'dnsbl' });

    // The list drops the IP (the repository's zone without its listing): the next setup tick sees the change.
    const zone = await readFile(join(SENDER_HEALTH_TEST_ZONES_DIR, `${LIST}.zone`), 'utf8');
    const delisted = zone
      .split('\n')
      .filter((line) => !line.startsWith('6.113.0.203 '))
      .join('\n')
      .replace(/(hostmaster\.bl\.dnsbl\.test\. )1 /, '$12 ');
    expect(delisted).not.toBe(zone);
    await dns.updateZone({ name: LIST, text: delisted });

    const closed = await pollUntil(
      async () => {
        const { json } = await call<Alert>('GET', `/sender-health/alerts/${alert.id}`);
        return json.state === 'closed' ? json : undefined;
      },
      { ...API_POLL, timeoutMs: 60_000, what: 'the alert to close by itself', describe: describeAll },
    );
    expect(closed).toMatchObject({ closeReason: 'check-passed', count: 3 });
    const closedHook = await pollUntil(() => hooks('sender_alert.closed')[0], {
      timeoutMs: 60_000,
      what: 'the sender_alert.closed webhook',
      describe: describeAll,
    });
    expect(closedHook.body.data).toMatchObject({ alertId: alert.id, closeReason: 'check-passed' });
    const changed = await pollUntil(() => hooks('sender_setup.changed')[0], {
      timeoutMs: 60_000,
      what: 'the sender_setup.changed webhook',
      describe: describeAll,
    });
    expect(changed.isSignatureValid).toBe(true);
    expect(changed.body.data).toMatchObject({
      setupCheckId: watched.json.id,
      domain: 'good.test',
      changes: expect.arrayContaining([{ key: `dnsbl:${LISTED_IP}:${LIST}`, from: 'fail', to: 'pass' }]),
    });
    // Two workers, one of each event.
    expect(hooks('sender_alert.opened')).toHaveLength(1);
    expect(hooks('sender_alert.closed')).toHaveLength(1);
    expect(hooks('sender_setup.changed')).toHaveLength(1);
  }, 300_000);

  it.skipIf(!existsSync(CORPUS_DIR))(
    'groups real bounces of the corpus that name blocklists, unmatched to any send, by provider and cause',
    async () => {
      // Two Amazon SES bounces from recipients at example.com: "blocked using mail.neko.example.com" (192.0.2.127)
      // and "blocked using dnsbl.sorbs.net" (203.0.113.225); the test zones list each IP on the list it names.
      // Same receiver, same cause: one alert counting both, its diagnosis the latest one's.
      const files = ['lhost-amazonses-15.eml', 'lhost-amazonses-16.eml'];
      await p.servers.placeMessages(await Promise.all(files.map((f) => readFile(join(CORPUS_DIR, f)))));
      const listOf = new Map([
        ['192.0.2.127', 'mail.neko.example.com'],
        ['203.0.113.225', 'dnsbl.sorbs.net'],
      ]);
      const alert = await pollUntil(
        async () => {
          const { status, json } = await call<{ items: Alert[] }>('GET', '/sender-health/alerts?state=open');
          expect(status).toBe(200);
          return json.items.find((a) => a.groupKey === 'domain:example.com|dnsbl' && a.count === 2);
        },
        {
          ...API_POLL,
          timeoutMs: 120_000,
          what: 'one alert for both corpus bounces',
          describe: async () => {
            const raws = await p.db.db.select({ status: rawMessages.status }).from(rawMessages);
            const rows = await p.db.db.select({ state: bounces.state, reason: bounces.reason }).from(bounces);
            const { json } = await call<unknown>('GET', '/sender-health/alerts');
            return `raw: ${JSON.stringify(raws)}\nbounces: ${JSON.stringify(rows)}\nalerts: ${JSON.stringify(json).slice(0, 2000)}\n${describeAll()}`;
          },
        },
      );
      const list = listOf.get(alert.subject ?? '');
      expect(list).toBeDefined();
      expect(alert.cause).toBe('dnsbl');
      expect(alert.diagnosis.checks.find((c) => c.check === 'dnsbl' && c.list === list)).toMatchObject({
        listed: true,
      });
      expect(alert.diagnosis.headline.de).toContain(alert.subject ?? '');
      await pollUntil(
        () => hooks('sender_alert.opened').some((h) => (h.body.data as { alertId: string }).alertId === alert.id),
        { timeoutMs: 60_000, what: 'its sender_alert.opened webhook', describe: describeAll },
      );
    },
    180_000,
  );
});
