/**
 * Sender health in the notification worker, on real PostgreSQL, Redis and a real DNS server (NSD on loopback):
 * sender-side bounces applied by the store → their bounce.recorded events fanned out → diagnosis jobs → one grouped
 * alert with its DNS evidence → sender_alert.opened as a signed webhook; a recheck while the IP is still listed keeps
 * it open, the recheck after delisting closes it (sender_alert.closed).
 */
import { createLogger } from '@bounce/config';
import {
  applyBounces,
  getSenderHealthAlert,
  listSenderHealthAlerts,
  listSenderSetupChecks,
  outbox,
  publishOutboxEvents,
  recordSends,
  senderHealthAlerts,
  senderSetupChecks,
  watchSenderSetup,
} from '@bounce/db';
import { storeTestRawMessages } from '@bounce/db/testing';
import { parseBounce } from '@bounce/parser';
import { createQueue, enqueue, enqueueMany } from '@bounce/queue';
import type { DnsblCheck, SenderHealthConfig } from '@bounce/sender-health';
import { type DnsServer, startDnsServer } from '@bounce/test-servers';
import { createWebhookSubscription } from '@bounce/webhooks';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  startHarness,
  startWebhookReceiver,
  type WebhookReceiver,
  waitUntil,
} from '../testing/harness.js';
import { type DiagnoseBounceResult, diagnoseBounce } from './diagnose-bounce.js';
import { senderSideBounceOf } from './intake.js';

const SOA = (origin: string, serial: number) =>
  `$ORIGIN ${origin}.\n$TTL 60\n@ IN SOA ns.${origin}. hostmaster.${origin}. ${serial} 3600 600 86400 60\n@ IN NS ns.${origin}.\nns IN A 127.0.0.1\n`;

const listing = (serial: number, listed: boolean, last = 6) =>
  SOA('bl.block.test', serial) +
  (listed
    ? `${last}.113.0.203 IN A 127.0.0.2\n${last}.113.0.203 IN TXT "Listed since 2026-11-30 for spam trap hits, see https://block.test/lookup?ip=203.0.113.${last}"\n`
    : '');

const ZONES = [
  {
    name: '.',
    text: '$ORIGIN .\n$TTL 60\n@ IN SOA ns.root.test. hostmaster.root.test. 1 3600 600 86400 60\n@ IN NS ns.root.test.\n',
  },
  {
    name: 'shop.test',
    text: `${SOA('shop.test', 1)}@ IN TXT "v=spf1 ip4:203.0.113.0/29 -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@shop.test"
mail IN A 203.0.113.6
bounces IN TXT "v=spf1 ip4:203.0.113.0/29 -all"
`,
  },
  { name: 'bl.block.test', text: listing(1, true) },
  { name: '113.0.203.in-addr.arpa', text: `${SOA('113.0.203.in-addr.arpa', 1)}6 IN PTR mail.shop.test.\n` },
];

/** A Postfix DSN for a rejection of our mail from `ip` by Outlook, naming the blocklist. */
function rejection(recipient: string, n: number, ip = '203.0.113.6'): Buffer {
  const reply = `550 5.7.1 Service unavailable; Client host [${ip}] blocked using bl.block.test`;
  return Buffer.from(`Return-Path: <>
Date: Mon, 30 Nov 2026 10:0${n}:05 +0000
From: MAILER-DAEMON@mail.shop.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces+t${n}@bounces.shop.test
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"
Message-Id: <bounce-${n}@mail.shop.test>

--b1
Content-Type: text/plain; charset=us-ascii

<${recipient}>: host outlook-com.olc.protection.outlook.com[52.101.42.17] said: ${reply} (in reply to MAIL FROM command)

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.shop.test
Arrival-Date: Mon, 30 Nov 2026 10:0${n}:00 +0000

Final-Recipient: rfc822; ${recipient}
Action: failed
Status: 5.7.1
Remote-MTA: dns; outlook-com.olc.protection.outlook.com
Diagnostic-Code: smtp; ${reply}

--b1
Content-Type: text/rfc822-headers

Return-Path: <bounces+t${n}@bounces.shop.test>
From: Billing <billing@shop.test>
To: ${recipient}
Subject: Invoice ${n}
Message-ID: <invoice-${n}@shop.test>
Date: Mon, 30 Nov 2026 10:00:00 +0000

--b1--
`);
}

let dns: DnsServer;
let h: Harness;
let receiver: WebhookReceiver;
let config: SenderHealthConfig;
const RECHECK_MS = 400;

beforeAll(async () => {
  dns = await startDnsServer({ zones: ZONES });
  config = {
    dnsServers: [dns.address],
    dnsTimeoutMs: 2000,
    dnsTries: 2,
    dnsbls: [{ zone: 'bl.block.test', name: 'Block List' }],
    queryNamedLists: true,
  };
  h = await startHarness({
    senderHealth: { config, recheckIntervalMs: RECHECK_MS, quietPeriodMs: 86_400_000, concurrency: 2 },
  });
  receiver = await startWebhookReceiver();
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await h?.close();
  await dns?.stop();
});

/** What the rules worker's relay does: committed outbox rows become notify-events jobs (job id = event id). */
async function relay(): Promise<void> {
  const queue = createQueue('notifyEvents', h.redis, h.prefix);
  try {
    await publishOutboxEvents(h.db.db, 500, async (rows) => {
      await enqueueMany(
        queue,
        'notifyEvents',
        rows.map((r) => ({
          payload: { outboxId: r.id, eventId: r.eventId, tenantId: r.tenantId, type: r.type },
          opts: { jobId: r.eventId },
        })),
      );
      return rows.map((r) => r.id);
    });
  } finally {
    await queue.close();
  }
}

async function alertEvents(type: string) {
  return h.db.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.type, type)));
}

describe('sender health in the notification worker', () => {
  it('groups sender-side bounces into one diagnosed alert, announces it by webhook, and closes it once delisted', async () => {
    const { secret } = await createWebhookSubscription(
      { db: h.db.db, secretBox: h.secretBox, urlGuard: { allowLoopback: true } },
      { tenantId: 'acme', url: receiver.url('/alerts'), eventTypes: ['sender_alert.*'] },
    );
    receiver.secrets.push(secret);
    const recipients = ['alice@outlook.com', 'bob@outlook.com', 'carol@outlook.com'];
    await recordSends(
      h.db.db,
      'acme',
      recipients.map((recipient) => ({ recipient, sentAt: new Date('2026-11-30T09:59:00Z') })),
    );
    const raws = recipients.map((r, i) => rejection(r, i));
    const ids = await storeTestRawMessages(h.db.db, 'acme', raws);
    await applyBounces(
      h.db.db,
      'acme',
      raws.map((raw, i) => ({ parsed: parseBounce(raw), rawMessageId: ids[i] ?? null, rawSha256: `sh-${i}` })),
      { now: new Date('2026-11-30T10:05:00Z') },
    );
    await relay();

    await waitUntil(async () => {
      const page = await listSenderHealthAlerts(h.db.db, 'acme');
      return page.items[0]?.count === 3;
    }, 30_000);
    const [alert, ...others] = (await listSenderHealthAlerts(h.db.db, 'acme')).items;
    expect(others).toEqual([]);
    if (!alert) throw new Error('no alert');
    // Diagnosed by diagnose-bounces jobs, one per fan-out job (here one per event: this test's relay).
    const healthQueue = createQueue('senderHealth', h.redis, h.prefix);
    const diagnosed = (await healthQueue.getCompleted()).filter((j) => j.data.task === 'diagnose-bounces');
    await healthQueue.close();
    expect(diagnosed.flatMap((j) => (j.data as { bounceIds: string[] }).bounceIds)).toHaveLength(3);
    expect(alert).toMatchObject({ groupKey: 'microsoft|dnsbl', cause: 'dnsbl', state: 'open', subject: '203.0.113.6' });
    expect(alert.firstSeenAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(alert.lastSeenAt.toISOString()).toBe('2026-11-30T10:02:00.000Z');
    const listed = (alert.diagnosis.checks as DnsblCheck[]).find(
      (c) => c.check === 'dnsbl' && c.list === 'bl.block.test',
    );
    expect(listed).toMatchObject({ listed: true, namedInReply: true, listedSince: '2026-11-30T00:00:00.000Z' });
    expect(listed?.reason).toContain('spam trap hits');
    expect((alert.diagnosis.headline as { en: string }).en).toContain('203.0.113.6');
    expect((alert.diagnosis.explanation as { de: string }).de).toContain('Block List');
    expect(await alertEvents('sender_alert.opened')).toHaveLength(1);

    // The opening reaches the subscriber, signed.
    await relay();
    await receiver.waitFor((all) => all.some((r) => r.json.type === 'sender_alert.opened'), 20_000);
    const opened = receiver.received.find((r) => r.json.type === 'sender_alert.opened');
    expect(opened?.verification.ok).toBe(true);
    expect(opened?.json.data).toMatchObject({ groupKey: 'microsoft|dnsbl', provider: { name: 'Microsoft' } });

    // Still listed: the recheck keeps it open with a fresh check time.
    const queue = createQueue('senderHealth', h.redis, h.prefix);
    try {
      await new Promise((r) => setTimeout(r, RECHECK_MS + 100));
      const before = alert.lastCheckedAt.getTime();
      await enqueue(queue, 'senderHealth', { task: 'recheck-alerts' });
      await waitUntil(async () => {
        const [row] = await h.db.db.select().from(senderHealthAlerts).where(eq(senderHealthAlerts.id, alert.id));
        return (row?.lastCheckedAt.getTime() ?? 0) > before;
      }, 20_000);
      const [still] = await h.db.db.select().from(senderHealthAlerts).where(eq(senderHealthAlerts.id, alert.id));
      expect(still?.state).toBe('open');
      expect(still?.diagnosis.resolved).toBe(false);

      // Delisted: the next recheck closes it, and says so.
      await dns.updateZone({ name: 'bl.block.test', text: listing(2, false) });
      await new Promise((r) => setTimeout(r, RECHECK_MS + 100));
      await enqueue(queue, 'senderHealth', { task: 'recheck-alerts' });
      await waitUntil(async () => {
        const [row] = await h.db.db.select().from(senderHealthAlerts).where(eq(senderHealthAlerts.id, alert.id));
        return row?.state === 'closed';
      }, 20_000);
    } finally {
      await queue.close();
    }
    const [closed] = await h.db.db.select().from(senderHealthAlerts).where(eq(senderHealthAlerts.id, alert.id));
    expect(closed).toMatchObject({ closeReason: 'check-passed', count: 3 });
    expect(closed?.nextCheckAt).toBeNull();
    await relay();
    await receiver.waitFor((all) => all.some((r) => r.json.type === 'sender_alert.closed'), 20_000);
    const closedHook = receiver.received.find((r) => r.json.type === 'sender_alert.closed');
    expect(closedHook?.json.data).toMatchObject({ state: 'closed', closeReason: 'check-passed', count: 3 });
    expect((await alertEvents('sender_alert.closed')).length).toBe(1);

    // A repeated diagnosis of a counted bounce changes nothing.
    const bounceIds = (
      await h.db.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.type, 'bounce.recorded'))
    ).map((r) => (r.payload as { bounce: { id: string } }).bounce.id);
    const again = await diagnoseBounce(
      {
        db: h.db.db,
        config,
        recheckIntervalMs: RECHECK_MS,
        quietPeriodMs: 86_400_000,
        log: createLogger({ name: 't', level: 'silent' }),
      },
      { tenantId: 'acme', bounceId: bounceIds[0] ?? '' },
    );
    expect(again).toBe('duplicate');
  }, 120_000);

  it('checks a watched setup on its tick, announces a changed result, and closes the alert the change resolves', async () => {
    const ip = '203.0.113.5';
    await dns.updateZone({ name: 'bl.block.test', text: listing(3, true, 5) });
    const setup = await watchSenderSetup(h.db.db, 'acme', {
      domain: 'shop.test',
      request: { domain: 'shop.test', ips: [ip], selectors: [], bounceDomain: 'bounces.shop.test' },
    });
    const queue = createQueue('senderHealth', h.redis, h.prefix);
    let alert: Awaited<ReturnType<typeof getSenderHealthAlert>> | undefined;
    const setupRow = async () => (await listSenderSetupChecks(h.db.db, 'acme')).find((s) => s.id === setup.id);
    const changed = () =>
      h.db.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.tenantId, 'acme'), eq(outbox.type, 'sender_setup.changed')));
    try {
      // The first check is the baseline: stored, not announced.
      await enqueue(queue, 'senderHealth', { task: 'check-setups' });
      await waitUntil(async () => (await setupRow())?.lastCheckedAt != null, 20_000);
      const baseline = await setupRow();
      expect(baseline?.status).toBe('fail');
      const listedCheck = (baseline?.report as { dnsbl: DnsblCheck[] } | undefined)?.dnsbl[0];
      expect(listedCheck).toMatchObject({ ip, list: 'bl.block.test', listed: true, status: 'fail' });
      expect(await changed()).toEqual([]);

      // A rejection of mail from the listed IP opens its alert.
      await recordSends(h.db.db, 'acme', [{ recipient: 'dave@outlook.com', sentAt: new Date('2026-11-30T09:59:00Z') }]);
      const raw = rejection('dave@outlook.com', 7, ip);
      const [rawId] = await storeTestRawMessages(h.db.db, 'acme', [raw]);
      const applied = await applyBounces(
        h.db.db,
        'acme',
        [{ parsed: parseBounce(raw), rawMessageId: rawId ?? null, rawSha256: 'sh-setup-7' }],
        { now: new Date('2026-11-30T10:08:00Z') },
      );
      const bounceId = String(applied.results[0]?.bounceId);
      const outcome: DiagnoseBounceResult = await diagnoseBounce(
        {
          db: h.db.db,
          config,
          recheckIntervalMs: 3_600_000,
          quietPeriodMs: 86_400_000,
          log: createLogger({ name: 't', level: 'silent' }),
        },
        { tenantId: 'acme', bounceId },
      );
      expect(outcome).toBe('opened');
      alert = (await listSenderHealthAlerts(h.db.db, 'acme', { state: 'open' })).items.find((a) => a.subject === ip);
      expect(alert).toMatchObject({ groupKey: 'microsoft|dnsbl', state: 'open' });

      // Delisted: the next setup tick announces the change and the alert closes without waiting for its own slot.
      await dns.updateZone({ name: 'bl.block.test', text: listing(4, false) });
      await h.db.db
        .update(senderSetupChecks)
        .set({ nextCheckAt: new Date(Date.now() - 1000) })
        .where(eq(senderSetupChecks.id, setup.id));
      await enqueue(queue, 'senderHealth', { task: 'check-setups' });
      await waitUntil(async () => (await changed()).length > 0, 20_000);
    } finally {
      await queue.close();
    }
    const [event, ...more] = await changed();
    expect(more).toEqual([]);
    expect(event?.payload).toMatchObject({
      setupCheckId: setup.id,
      domain: 'shop.test',
      changes: [{ key: `dnsbl:${ip}:bl.block.test`, from: 'fail', to: 'pass' }],
    });
    const alertId = alert?.id ?? '';
    await waitUntil(async () => (await getSenderHealthAlert(h.db.db, 'acme', alertId))?.state === 'closed', 20_000);
    expect(await getSenderHealthAlert(h.db.db, 'acme', alertId)).toMatchObject({ closeReason: 'check-passed' });
  }, 120_000);

  it('hands over only sender-side bounces', () => {
    const bounce = { id: 'b1', kind: 'bounce', class: 'soft', reason: 'blocked', status: '5.7.1', replyCode: 550 };
    expect(
      senderSideBounceOf({ type: 'bounce.recorded', payload: { bounce, decision: { rule: 'sender-side' } } }),
    ).toBe('b1');
    expect(
      senderSideBounceOf({ type: 'bounce.recorded', payload: { bounce, decision: { rule: 'hard-bounce' } } }),
    ).toBe(null);
    expect(senderSideBounceOf({ type: 'bounce.unmatched', payload: { bounce, address: 'x@outlook.com' } })).toBe('b1');
    expect(
      senderSideBounceOf({
        type: 'bounce.unmatched',
        payload: { bounce: { ...bounce, class: 'hard', reason: 'userunknown', status: '5.1.1' } },
      }),
    ).toBe(null);
    expect(senderSideBounceOf({ type: 'address.blocked', payload: { bounce } })).toBe(null);
  });
});
