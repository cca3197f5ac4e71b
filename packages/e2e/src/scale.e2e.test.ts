/**
 * The pipeline on the engines operators run at scale, with the real worker processes configured only through their
 * environment, as deployed:
 *
 * 1. A real 3-master Redis Cluster (REDIS_CLUSTER_NODES): every queue in its own hash slot. Fetch, parse, rules and
 *    notification workers take a load from the IMAP mailbox to signed webhooks.
 * 2. A master + replica watched by three Sentinels (REDIS_SENTINELS + REDIS_SENTINEL_NAME), every worker talking to
 *    PostgreSQL through a real PgBouncer in transaction pooling mode (`?pgbouncer=true`). In the middle of a load the
 *    Redis master is killed (SIGKILL): the Sentinels promote the replica, the workers follow, writes the replica had
 *    not received are lost, and the rules worker's reconciler re-enqueues from PostgreSQL what Redis lost. How long
 *    processing paused is printed (no timed assertion).
 *
 * Both end with the same check as the fault tests: every message final, and the committed effects equal to those
 * of a reference database where the same bounces were applied once without faults (no bounce lost, none counted
 * twice). Loads are small (a few hundred messages) so the file costs tens of seconds.
 */
import { cpus, loadavg } from 'node:os';
import { bounces, type Mailbox, outbox, rawMessages, recordSends } from '@bounce/db';
import {
  type PgBouncer,
  type RedisCluster,
  type RedisSentinelSet,
  startPgBouncer,
  startRedisCluster,
  startRedisSentinel,
} from '@bounce/test-servers';
import { createWebhookSubscription } from '@bounce/webhooks';
import { count, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DistinctBounce, loadCorpus, makeDistinctBounces, sendsFor } from './corpus.js';
import { type Pipeline, startPipeline, TENANT_ID } from './pipeline.js';
import { pollUntil } from './poll.js';
import { asStored, referenceRun } from './reference-run.js';
import { snapshotState } from './state-snapshot.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** When the sends were made: before the test, so the rules know every recipient. */
const SENT_AT = new Date(Date.now() - 3_600_000);
/** Small fetch batches: many parse and apply jobs, so the master dies in the middle of some. */
const FETCH_BATCH = '10';
/** The reconciler as the fault tests run it: a message unfinished 5 s after receipt has lost its job. */
const RECONCILER = { RECONCILE_INTERVAL: '1s', RECONCILE_AFTER: '5s' };

const FINAL = ['applied', 'manual'] as const;

async function countRaw(p: Pipeline, statuses?: readonly ('applied' | 'manual' | 'failed')[]): Promise<number> {
  const [row] = await p.db.db
    .select({ n: count() })
    .from(rawMessages)
    .where(statuses ? inArray(rawMessages.status, [...statuses]) : undefined);
  return row?.n ?? 0;
}

async function statusCounts(p: Pipeline): Promise<string> {
  const rows = await p.db.db
    .select({ status: rawMessages.status, n: count() })
    .from(rawMessages)
    .groupBy(rawMessages.status);
  return JSON.stringify(Object.fromEntries(rows.map((r) => [r.status, r.n])));
}

async function waitAllFinal(p: Pipeline, total: number, what: string): Promise<void> {
  await pollUntil(
    async () => {
      if ((await countRaw(p, ['failed'])) > 0) throw new Error(`a message ended "failed"\n${p.diagnostics(30)}`);
      return (await countRaw(p, FINAL)) === total;
    },
    {
      timeoutMs: 150_000,
      what,
      describe: async () => `statuses: ${await statusCounts(p)}\n${p.diagnostics(30)}`,
    },
  );
}

/** One bounce row per recipient placed, none twice, and the effects of a fault-free run. */
async function expectAppliedOnce(p: Pipeline, label: string, pool: DistinctBounce[], placed: DistinctBounce[]) {
  const expectedRecipients = placed.flatMap((b) => b.recipients.map(asStored));
  const [rows] = await p.db.db.select({ n: count() }).from(bounces);
  expect(rows?.n).toBe(expectedRecipients.length);
  const repeatedKeys = await p.db.db
    .select({ key: bounces.idempotencyKey })
    .from(bounces)
    .groupBy(bounces.idempotencyKey)
    .having(gt(count(), 1));
  expect(repeatedKeys).toEqual([]);
  const reference = await referenceRun({ label, tenantId: TENANT_ID, sent: pool, placed, sentAt: SENT_AT });
  try {
    const [actual, expected] = await Promise.all([
      snapshotState(p.db.db, TENANT_ID),
      snapshotState(reference.db, TENANT_ID),
    ]);
    expect(Object.keys(actual.bouncesPerRecipient).sort()).toEqual([...expectedRecipients].sort());
    expect(actual.bouncesPerRecipient).toEqual(expected.bouncesPerRecipient);
    expect(actual.addresses).toEqual(expected.addresses);
    expect(actual.audit).toEqual(expected.audit);
    // The reference applies bounces only; sender_alert.* events come from the notification worker's diagnosis of
    // sender-side bounces, which runs here and not in the reference.
    expect(withoutSenderAlerts(actual.outbox)).toEqual(expected.outbox);
    expect(actual.senderAlerts).toEqual(expected.senderAlerts);
    expect(actual.sends).toEqual(expected.sends);
  } finally {
    await reference.drop();
  }
}

function withoutSenderAlerts(outboxCounts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(outboxCounts).filter(([key]) => !key.startsWith('sender_alert.')));
}

/** A webhook receiver subscribed to the address events of the tenant (signed deliveries, checked on arrival). */
async function subscribeReceiver(p: Pipeline): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  const { secret } = await createWebhookSubscription(
    { db: p.db.db, secretBox: p.secrets, urlGuard: { allowLoopback: true } },
    { tenantId: TENANT_ID, url: receiver.url, eventTypes: ['address.*'], description: 'scale test receiver' },
  );
  receiver.setSecret(secret);
  return receiver;
}

async function addressEventIds(p: Pipeline): Promise<string[]> {
  const rows = await p.db.db.select({ eventId: outbox.eventId, type: outbox.type }).from(outbox);
  return rows.filter((r) => r.type.startsWith('address.')).map((r) => r.eventId);
}

describe('on a 3-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let p: Pipeline;
  let receiver: WebhookReceiver;
  let mailbox: Mailbox;
  const pool = makeDistinctBounces(loadCorpus(), 120, 'k', { verifyAll: true });

  beforeAll(async () => {
    cluster = await startRedisCluster();
    p = await startPipeline({
      label: 'cluster',
      redisTopology: { mode: 'cluster', url: 'redis://127.0.0.1', nodes: cluster.nodes },
      env: { fetch: { FETCH_BATCH_SIZE: FETCH_BATCH }, rules: RECONCILER },
    });
    await recordSends(p.db.db, TENANT_ID, sendsFor(pool, SENT_AT));
    receiver = await subscribeReceiver(p);
    mailbox = await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
    await p.startWorkers();
  }, 240_000);

  afterAll(async () => {
    await p?.close();
    await receiver?.close();
    await cluster?.stop();
  }, 120_000);

  it('takes every bounce from the mailbox to webhooks once, each queue in its own slot', async () => {
    expect(mailbox.id).toBeTruthy();
    await p.servers.placeMessages(pool.map((b) => b.content));
    await waitAllFinal(p, pool.length, 'every message applied on the cluster');
    await expectAppliedOnce(p, 'cluster', pool, pool);

    // The notification worker delivered every address event, signed (notify-events and webhook-deliveries on
    // their own slots too).
    const expected = await addressEventIds(p);
    expect(expected.length).toBeGreaterThan(0);
    const delivered = await pollUntil(
      () => {
        const ids = new Set(receiver.received().map((r) => r.eventId));
        return expected.every((id) => ids.has(id)) ? ids : undefined;
      },
      { timeoutMs: 90_000, what: 'every address event delivered', describe: () => p.diagnostics(30) },
    );
    expect(delivered.size).toBe(expected.length);
    expect(receiver.received().every((r) => r.isSignatureValid)).toBe(true);

    // The queues' keys are spread over the masters by their tags, not piled in one slot.
    const keySlots = new Set<string>();
    for (const node of cluster.nodes) {
      for (const key of (await cluster.cli(node.port, 'keys', `${p.prefix}:*`)).split('\n').filter(Boolean)) {
        keySlots.add(key.slice(key.indexOf('{'), key.indexOf('}') + 1));
      }
    }
    expect(keySlots.size).toBeGreaterThanOrEqual(4);
  }, 300_000);
});

describe('on a Sentinel-managed master, every worker through PgBouncer in transaction mode', () => {
  let sentinel: RedisSentinelSet;
  let bouncer: PgBouncer;
  let p: Pipeline;
  let receiver: WebhookReceiver;
  const pool = makeDistinctBounces(loadCorpus(), 300, 's', { verifyAll: true });

  beforeAll(async () => {
    [sentinel, bouncer] = await Promise.all([
      startRedisSentinel({ downAfterMs: 1_000 }),
      // Fewer server connections than the workers' pools hold: consecutive transactions of one client land on
      // different server connections, as in production.
      startPgBouncer({ poolMode: 'transaction', poolSize: 6 }),
    ]);
    p = await startPipeline({
      label: 'sentinel',
      redisTopology: {
        mode: 'sentinel',
        url: 'redis://127.0.0.1',
        sentinels: sentinel.sentinels,
        name: sentinel.masterName,
      },
      databaseVia: (url) => {
        const pooled = new URL(bouncer.viaPgBouncer(url));
        pooled.searchParams.set('pgbouncer', 'true');
        return pooled.toString();
      },
      env: { all: { DATABASE_POOL_SIZE: '4' }, fetch: { FETCH_BATCH_SIZE: FETCH_BATCH }, rules: RECONCILER },
    });
    await recordSends(p.db.db, TENANT_ID, sendsFor(pool, SENT_AT));
    receiver = await subscribeReceiver(p);
    await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
    await p.startWorkers();
  }, 240_000);

  afterAll(async () => {
    await p?.close();
    await receiver?.close();
    await Promise.all([sentinel?.stop(), bouncer?.stop()]);
  }, 120_000);

  it('kill -9 of the Redis master mid-batch: the Sentinels fail over, no bounce is lost or counted twice', async () => {
    const total = pool.length;
    await p.servers.placeMessages(pool.map((b) => b.content));
    // Mid-batch: some messages applied, most still in flight.
    await pollUntil(
      async () => {
        const done = await countRaw(p, FINAL);
        return done >= 20 && done < total / 2;
      },
      { timeoutMs: 120_000, intervalMs: 20, what: 'the load to be partly applied', describe: () => p.diagnostics(30) },
    );
    const doneAtKill = await countRaw(p, FINAL);
    const killedAt = performance.now();
    const oldMaster = await sentinel.killMaster();
    // Progress samples from the kill on: the longest stretch without a message reaching its final status is how
    // long processing paused.
    let lastProgressAt = killedAt;
    let lastDone = doneAtKill;
    let longestPauseMs = 0;
    let firstProgressAfterFailoverMs: number | undefined;
    const failover = sentinel.waitForFailover(oldMaster, 60_000);
    let failoverMs: number | undefined;
    void failover.then((f) => {
      failoverMs = f.ms;
    });
    await pollUntil(
      async () => {
        if ((await countRaw(p, ['failed'])) > 0) throw new Error(`a message ended "failed"\n${p.diagnostics(30)}`);
        const done = await countRaw(p, FINAL);
        const now = performance.now();
        if (done > lastDone) {
          longestPauseMs = Math.max(longestPauseMs, now - lastProgressAt);
          if (failoverMs !== undefined && firstProgressAfterFailoverMs === undefined) {
            firstProgressAfterFailoverMs = now - killedAt;
          }
          lastProgressAt = now;
          lastDone = done;
        }
        return done === total;
      },
      {
        timeoutMs: 150_000,
        intervalMs: 50,
        what: 'every message applied after the failover',
        describe: async () => `statuses: ${await statusCounts(p)}\n${p.diagnostics(30)}`,
      },
    );
    const { master } = await failover;
    expect(master.port).not.toBe(oldMaster.port);
    for (const worker of Object.values(p.workers))
      expect(worker.isRunning(), `${worker.name} still running`).toBe(true);
    console.log(
      `FAILOVER (load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores): master killed with ${doneAtKill}/${total} messages final; ` +
        `Sentinels promoted the replica in ${failoverMs} ms; first message finished after the promotion ${Math.round(firstProgressAfterFailoverMs ?? Number.NaN)} ms after the kill; ` +
        `longest pause in processing ${Math.round(longestPauseMs)} ms; all ${total} final ${Math.round(performance.now() - killedAt)} ms after the kill`,
    );

    await expectAppliedOnce(p, 'sentinel', pool, pool);

    // The notification worker works through the same Sentinel set and PgBouncer: address events arrive, signed. An
    // event whose notify-events job was among the writes the replica never received is not re-sent (the outbox row
    // is already marked published): counted, not asserted.
    const expected = await addressEventIds(p);
    await pollUntil(() => receiver.received().length > 0, {
      timeoutMs: 60_000,
      what: 'address events delivered through Sentinel and PgBouncer',
      describe: () => p.diagnostics(30),
    });
    expect(receiver.received().every((r) => r.isSignatureValid)).toBe(true);
    const ids = new Set(receiver.received().map((r) => r.eventId));
    console.log(
      `webhooks after the failover: ${expected.filter((id) => ids.has(id)).length}/${expected.length} address events delivered so far`,
    );
  }, 400_000);
});
