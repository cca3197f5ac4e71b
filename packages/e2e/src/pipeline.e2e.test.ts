/**
 * End to end through real servers: mail sent through Postfix to recipients that fail in every way Postfix knows
 * comes back as real DSNs into the Dovecot bounce mailbox; the worker processes (fetch with IMAP IDLE, parse, rules,
 * notify, each started from its main.ts with its environment) fetch, parse and apply them, and the events reach a
 * webhook receiver on 127.0.0.1. Nothing is mocked. The tests run in order and build on each other's state (the
 * address blocked in the first one receives the invoice in a later one).
 */
import {
  addresses,
  auditLog,
  bounces,
  canSend,
  getMailboxById,
  MAILBOX_DISABLED_EVENT,
  type Mailbox,
  outbox,
  rawMessages,
  sends,
  webhookDeliveries,
} from '@bounce/db';
import { type EventType, eventPriority, parseEventPayload } from '@bounce/events';
import { requestFetchNow } from '@bounce/queue';
import { pollUntil } from '@bounce/test-servers';
import { createWebhookSubscription } from '@bounce/webhooks';
import type { Job } from 'bullmq';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForApplied } from './idle-latency.js';
import { folderCounts } from './imap-folders.js';
import { MaildirArrivals, percentile } from './maildir-arrivals.js';
import { type Pipeline, type SentBounceProbe, startPipeline } from './pipeline.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const PROCESSED_FOLDER = 'Processed';

let p: Pipeline;
let receiver: WebhookReceiver;
let mailbox: Mailbox;
let arrivals: MaildirArrivals;
/** DSN → rule applied, per DSN that this file waited for (printed at the end; the benchmark measures properly). */
const latencies: number[] = [];
/** Addresses the tests expect to be blocked by the end, and why. */
const blocked = new Map<string, 'hard-bounce' | 'escalation'>();
let invoiceProbe: SentBounceProbe;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // Small pools: four workers and the test share the machine's PostgreSQL with other suites.
  // Four workers compiling TypeScript at once: at load 20 on 2 cores one took over 60 s to start (archive test: same).
  p = await startPipeline({ label: 'pipeline', env: { all: { DATABASE_POOL_SIZE: '4' } }, startTimeoutMs: 150_000 });
  const { secret } = await createWebhookSubscription(
    { db: p.db.db, secretBox: p.secrets, urlGuard: { allowLoopback: true } },
    { tenantId: p.tenantId, url: receiver.url, description: 'e2e receiver' },
  );
  receiver.setSecret(secret);
  // IDLE for new mail within a second; the 10 s poll (the shortest allowed) moves what the last fetch left behind.
  mailbox = await p.createBounceMailbox({
    name: 'bounces',
    useIdle: true,
    pollIntervalSeconds: 10,
    processedFolder: PROCESSED_FOLDER,
  });
  await p.startWorkers();
  await pollUntil(() => p.workers.fetch.logLinesMatching('"IDLE watching"').length > 0, {
    timeoutMs: 30_000,
    what: 'the fetch worker to watch the mailbox with IDLE',
    describe: () => p.workers.fetch.logs(),
  });
  arrivals = new MaildirArrivals(p.servers);
  await arrivals.mark();
}, 300_000);

afterAll(async () => {
  if (latencies.length > 0) {
    console.log(
      `e2e: DSN in mailbox → rule applied over ${latencies.length} DSNs: p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, max ${Math.round(Math.max(...latencies))} ms (measured properly by pnpm bench:pipeline)`,
    );
  }
  await p?.close();
  await receiver?.close();
}, 120_000);

/** The bounce rows of one send (VERP ties each DSN to exactly one send). */
async function bouncesOf(probe: Pick<SentBounceProbe, 'sendId'>) {
  return p.db.db.select().from(bounces).where(eq(bounces.sendId, probe.sendId));
}

async function addressRow(address: string) {
  const [row] = await p.db.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, p.tenantId), eq(addresses.address, address)));
  return row;
}

/**
 * Sends like `p.sendTracked` and records the DSN's latency: the first Maildir delivery after the send is its DSN
 * (callers use it only while no other DSN is on its way).
 */
async function sendMeasured(recipient: string, options: { category?: string; subject?: string } = {}) {
  await arrivals.mark();
  const probe = await p.sendTracked(recipient, options);
  const arrival = await arrivals.next(30_000);
  latencies.push((await waitForApplied(p, probe, arrival.deliveredAt)).latencyMs);
  return probe;
}

/** Waits until the send's bounce is committed. */
async function waitForBounce(probe: SentBounceProbe, options: { timeoutMs?: number } = {}) {
  return pollUntil(async () => (await bouncesOf(probe))[0], {
    timeoutMs: options.timeoutMs ?? 30_000,
    what: `the bounce of the mail to ${probe.recipient}`,
    describe: async () => {
      const stored = await p.db.db
        .select({ status: rawMessages.status, n: sql<number>`count(*)::int` })
        .from(rawMessages)
        .groupBy(rawMessages.status);
      return [
        p.diagnostics(),
        `--- raw messages by status: ${JSON.stringify(stored)}; bounce mailbox INBOX: ${await p.servers.countMessages()} message(s)`,
        `--- postfix, the mail to ${probe.recipient} and its notifications ---\n${p.servers.mailTrail(probe.recipient)}`,
        `--- postfix queue ---\n${await p.servers.queueState()}`,
        `--- postfix log tail ---\n${p.servers.logs().postfix}`,
        `--- dovecot-lda ---\n${p.servers.logs().lda}`,
      ].join('\n');
    },
  });
}

async function jobFinished(job: Job): Promise<string> {
  return pollUntil(
    async () => {
      const state = await job.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    },
    { timeoutMs: 30_000, what: `fetch job ${job.id} to finish`, describe: () => p.workers.fetch.logs() },
  );
}

describe('bounce pipeline end to end (Postfix → Dovecot → fetch → parse → rules → notify)', () => {
  let delayed: SentBounceProbe[] = [];

  it('blocks hard-bounced addresses with the right reason, matched to their send by the VERP return path', async () => {
    const { unknownUser, unknownDomain, remoteReject, deferred, overQuotaTemporary } = p.servers.addresses;
    // The deferrals first: their "delayed" DSN comes with Postfix's first failed attempt (delay_warning_time 1 s in
    // @bounce/test-servers), while the hard bounces are checked.
    delayed = [await p.sendTracked(deferred), await p.sendTracked(overQuotaTemporary)];
    const cases = [
      { to: unknownUser, reason: 'userunknown', status: '5.1.1' },
      { to: unknownDomain, reason: 'hostunknown', status: '5.4.4' },
      { to: remoteReject, reason: 'userunknown', status: '5.1.1' },
    ];
    for (const c of cases) {
      const probe = await p.sendTracked(c.to);
      const bounce = await waitForBounce(probe);
      expect(bounce).toMatchObject({
        recipient: c.to,
        sendId: probe.sendId,
        matchMethod: 'verp',
        class: 'hard',
        reason: c.reason,
        status: c.status,
        action: 'failed',
        state: 'applied',
        originalMessageId: probe.messageId,
      });
      expect(bounce.rawMessageId).not.toBeNull();
      const address = await addressRow(c.to);
      expect(address).toMatchObject({ state: 'blocked', suppressionReason: 'hard-bounce', lastBounceId: bounce.id });
      const [send] = await p.db.db.select().from(sends).where(eq(sends.id, probe.sendId));
      expect(send?.status).toBe('bounced');
      const audit = await p.db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.address, c.to), eq(auditLog.rule, 'hard-bounce')));
      expect(audit).toHaveLength(1);
      blocked.set(c.to, 'hard-bounce');
    }
    // The remote reject passed through a real SMTP dialogue: the DSN names the remote MTA and its reply.
    const [remote] = await p.db.db.select().from(bounces).where(eq(bounces.recipient, remoteReject));
    expect(remote?.replyCode).toBe(550);
    expect(remote?.remoteMta).toMatch(/127\.0\.0\.1|remote\.test/);
  }, 90_000);

  it('records "delayed" DSNs without counting them as failures', async () => {
    for (const probe of delayed) {
      const bounce = await waitForBounce(probe, { timeoutMs: 45_000 });
      expect(bounce).toMatchObject({ recipient: probe.recipient, action: 'delayed', matchMethod: 'verp' });
      expect((bounce.decision as { rule?: string } | null)?.rule).toBe('delayed-ignored');
      const address = await addressRow(probe.recipient);
      expect(address).toMatchObject({ state: 'active', consecutiveSoftFailures: 0, suppressionReason: null });
      const [send] = await p.db.db.select().from(sends).where(eq(sends.id, probe.sendId));
      expect(send?.status).toBe('sent');
    }
    // Postfix keeps retrying the deferred mail for an hour: drop it, nothing else is expected from it.
    await p.servers.clearQueue();
  }, 90_000);

  it('escalates five consecutive soft failures (over quota) to a block, not four', async () => {
    const { overQuota } = p.servers.addresses;
    for (let n = 1; n <= 5; n++) {
      // One at a time: each DSN must be applied before the next mail goes out, as real retries days apart would be.
      const probe = await sendMeasured(overQuota, { subject: `statement ${n}` });
      const bounce = await waitForBounce(probe);
      expect(bounce).toMatchObject({ class: 'soft', reason: 'mailboxfull', matchMethod: 'verp', state: 'applied' });
      const address = await addressRow(overQuota);
      if (n < 5) {
        expect(address).toMatchObject({ state: 'active', consecutiveSoftFailures: n });
      } else {
        expect(address).toMatchObject({
          state: 'blocked',
          suppressionReason: 'escalation',
          consecutiveSoftFailures: 5,
        });
      }
    }
    blocked.set(overQuota, 'escalation');
  }, 120_000);

  it('still allows an invoice to a blocked address and raises invoice.undeliverable when it fails', async () => {
    const { unknownUser } = p.servers.addresses;
    const invoice = await canSend(p.db.db, p.tenantId, unknownUser, 'invoice');
    expect(invoice).toMatchObject({ allowed: true, blocked: true, exempt: true, blockReason: 'hard-bounce' });
    const newsletter = await canSend(p.db.db, p.tenantId, unknownUser, 'newsletter');
    expect(newsletter).toMatchObject({ allowed: false, blocked: true });

    invoiceProbe = await sendMeasured(unknownUser, { category: 'invoice', subject: 'Invoice 2026-0042' });
    const bounce = await waitForBounce(invoiceProbe);
    expect(bounce).toMatchObject({ sendId: invoiceProbe.sendId, matchMethod: 'verp', class: 'hard' });
    expect((bounce.decision as { rule?: string } | null)?.rule).toBe('already-blocked');
    const events = await p.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'invoice.undeliverable'), eq(outbox.address, unknownUser)));
    expect(events).toHaveLength(1);
    expect(events[0]?.priority).toBe('high');
    expect(events[0]?.payload).toMatchObject({ send: { id: invoiceProbe.sendId, category: 'invoice' } });
  }, 60_000);

  it('publishes every outbox event once and delivers signed webhooks for blocks and the undeliverable invoice', async () => {
    await pollUntil(
      async () => (await p.db.db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.publishedAt))).length === 0,
      { timeoutMs: 30_000, what: 'every outbox event to be published', describe: () => p.workers.rules.logs() },
    );
    const events = await p.db.db.select().from(outbox).where(eq(outbox.tenantId, p.tenantId));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    // Every payload has the shape and priority its type declares in the event registry.
    for (const e of events) {
      expect(parseEventPayload(e.type, e.payload), `${e.type} ${JSON.stringify(e.payload)}`).toEqual({ success: true });
      expect(e.priority).toBe(eventPriority(e.type as EventType));
    }
    const watched = events.filter((e) => e.type === 'address.blocked' || e.type === 'invoice.undeliverable');
    expect(
      events
        .filter((e) => e.type === 'address.blocked')
        .map((e) => e.address)
        .sort(),
    ).toEqual([...blocked.keys()].sort());

    const received = await pollUntil(
      () => {
        const got = receiver.received();
        return watched.every((e) => got.some((w) => w.eventId === e.eventId)) ? got : undefined;
      },
      {
        timeoutMs: 30_000,
        what: 'webhooks for every address.blocked and invoice.undeliverable event',
        describe: () => `${receiver.received().length} webhooks received\n${p.workers.notify.logs()}`,
      },
    );
    for (const event of watched) {
      const copies = received.filter((w) => w.eventId === event.eventId);
      expect(copies).toHaveLength(1);
      const webhook = copies[0]!;
      expect(webhook.isSignatureValid).toBe(true);
      expect(webhook.type).toBe(event.type);
      expect(webhook.body).toMatchObject({ id: event.eventId, type: event.type, tenantId: p.tenantId });
      expect(webhook.body.address).toBe(event.address);
    }
    const invoiceHook = received.find((w) => w.type === 'invoice.undeliverable')!;
    expect(invoiceHook.body.priority).toBe('high');
    expect(invoiceHook.body.data.send).toMatchObject({ id: invoiceProbe.sendId, category: 'invoice' });
    const escalationHook = received.find(
      (w) => w.type === 'address.blocked' && w.body.address === p.servers.addresses.overQuota,
    )!;
    expect(escalationHook.body.data).toMatchObject({ bounce: { reason: 'mailboxfull', matchMethod: 'verp' } });
    // Every delivery row reached "delivered" on its first attempt.
    const deliveries = await p.db.db.select().from(webhookDeliveries);
    expect(deliveries.length).toBeGreaterThanOrEqual(watched.length);
    await pollUntil(
      async () =>
        (await p.db.db.select().from(webhookDeliveries)).every((d) => d.status === 'delivered') ? true : undefined,
      { timeoutMs: 30_000, what: 'every webhook delivery to be delivered' },
    );
  }, 90_000);

  it('moves every processed DSN to the processed folder (checked over IMAP) and leaves the inbox empty', async () => {
    const stored = await p.db.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailbox.id));
    // 3 hard + 2 delayed + 5 over quota + 1 invoice: every DSN stored once.
    expect(stored).toHaveLength(11);
    expect(stored.every((r) => r.status === 'applied')).toBe(true);
    // The last messages move at the next fetch: the 10 s poll (no new mail arrives to wake IDLE).
    const counts = await pollUntil(
      async () => {
        const c = await folderCounts(p.servers, ['INBOX', PROCESSED_FOLDER]);
        return c.INBOX === 0 && c[PROCESSED_FOLDER] === stored.length ? c : undefined;
      },
      {
        timeoutMs: 40_000,
        what: 'the inbox to be empty and the processed folder full',
        describe: () => p.workers.fetch.logs(),
      },
    );
    expect(counts).toEqual({ INBOX: 0, [PROCESSED_FOLDER]: 11 });
    const moved = await p.db.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailbox.id));
    expect(moved.every((r) => r.folder === PROCESSED_FOLDER)).toBe(true);
  }, 60_000);

  it('disables a mailbox after its set number of failed logins (wrong password) and raises mailbox.disabled', async () => {
    const wrong = await p.createBounceMailbox({
      name: 'wrong-password',
      secret: 'not-the-password',
      useIdle: false,
      pollIntervalSeconds: 0,
      maxConsecutiveFailures: 3,
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await jobFinished(await requestFetchNow(p.queues.fetchMailbox, wrong.id, 'manual'))).toBe('failed');
      const row = await getMailboxById(p.db.db, wrong.id);
      expect(row).toMatchObject({ consecutiveFailures: attempt, enabled: attempt < 3 });
      expect(row?.lastError).toMatch(/^auth: /);
    }
    const disabled = await getMailboxById(p.db.db, wrong.id);
    expect(disabled?.disabledReason).toMatch(/disabled after 3 consecutive connection failures; last: auth/);
    // Disabled means disabled: a further request neither connects nor counts.
    expect(await jobFinished(await requestFetchNow(p.queues.fetchMailbox, wrong.id, 'manual'))).toBe('completed');
    expect((await getMailboxById(p.db.db, wrong.id))?.consecutiveFailures).toBe(3);

    const events = await p.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, MAILBOX_DISABLED_EVENT), sql`${outbox.payload}->>'mailboxId' = ${wrong.id}`));
    expect(events).toHaveLength(1);
    expect(events[0]?.priority).toBe('high');
    expect(parseEventPayload(MAILBOX_DISABLED_EVENT, events[0]?.payload)).toEqual({ success: true });
    const hook = await pollUntil(() => receiver.received().find((w) => w.eventId === events[0]!.eventId), {
      timeoutMs: 30_000,
      what: 'the mailbox.disabled webhook',
      describe: () => p.workers.notify.logs(),
    });
    expect(hook.isSignatureValid).toBe(true);
    expect(hook.body.data).toMatchObject({ mailboxId: wrong.id, failureKind: 'auth', consecutiveFailures: 3 });
    // The password never leaves the database in clear: not in the event, not in the worker's logs.
    expect(JSON.stringify(events[0]?.payload)).not.toContain('not-the-password');
    expect(p.workers.fetch.logs(300)).not.toContain('not-the-password');
    expect(p.workers.fetch.logs(300)).not.toContain(p.servers.bouncePassword);
    // The healthy mailbox was not affected.
    expect((await getMailboxById(p.db.db, mailbox.id))?.enabled).toBe(true);
  }, 90_000);
});
