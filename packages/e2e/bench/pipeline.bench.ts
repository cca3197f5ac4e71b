/**
 * Pipeline benchmark, with the real worker processes.
 *
 * Throughput: BENCH_COUNT (default 20,000) distinct real bounces (the dev corpus replicated, each copy with its own
 * header and recipients, and a recorded send per recipient so the rules apply in full) are placed in the test
 * Dovecot's bounce mailbox. The clock starts with an operator's "fetch now" and stops when every message is applied:
 * the fetch worker reads them over IMAP into PostgreSQL, the parse worker parses them, the rules worker applies them
 * (and relays the events to the notify-events queue). Printed: the end-to-end rate, when each stage finished, CPU
 * time per process and service, peak memory (VmHWM) per worker, PostgreSQL bytes per message by table and Redis bytes
 * per retained job by queue (docs/capacity.md is built from these).
 *
 * Latency: then the mailbox switches to IMAP IDLE, and BENCH_LATENCY_COUNT (default 50) DSNs produced by Postfix,
 * one at a time, are timed from their Maildir delivery to their bounce being committed (p50/p95, with a breakdown).
 *
 *   pnpm bench:pipeline                                 # from the repository root
 *   BENCH_COUNT=5000 BENCH_PROGRESS=1 pnpm bench:pipeline
 *   BENCH_WORKERS=fetch,parse,rules pnpm bench:pipeline          # without the notification worker
 *   BENCH_WEBHOOK_EVENTS=address.*,invoice.* pnpm bench:pipeline  # the subscriber wants these types only
 *   BENCH_WEBHOOK_PAYLOAD=1 pnpm bench:pipeline                   # the subscriber takes one POST per event
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" pnpm bench:pipeline     # V8 profile of each worker
 *
 * Worker settings pass through: FETCH_BATCH_SIZE, FETCH_CONCURRENCY, PARSE_CONCURRENCY, RULES_CONCURRENCY,
 * DATABASE_POOL_SIZE, OUTBOX_RELAY_BATCH. Needs root (Postfix/Dovecot), PostgreSQL and Redis, like the tests.
 */
import { cpus, loadavg } from 'node:os';
import { rawMessages, recordSends, updateMailbox } from '@bounce/db';
import { requestFetchNow } from '@bounce/queue';
import { pollUntil } from '@bounce/test-servers';
import { createWebhookSubscription, matchesEventFilter } from '@bounce/webhooks';
import { count, sql } from 'drizzle-orm';
import { loadCorpus, makeDistinctBounces, sendsFor } from '../src/corpus.js';
import { cpuByLabel, cpuSnapshot, serviceOf } from '../src/cpu-usage.js';
import { measureIdleLatency } from '../src/idle-latency.js';
import { folderCounts } from '../src/imap-folders.js';
import { percentile } from '../src/maildir-arrivals.js';
import { applicationName, startPipeline, TENANT_ID } from '../src/pipeline.js';
import { startWebhookReceiver } from '../src/webhook-receiver.js';
import { WORKER_APPS, type WorkerName } from '../src/worker-process.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
const LATENCY_COUNT = Number(process.env.BENCH_LATENCY_COUNT ?? 50);
/**
 * Every worker as deployed, the notification worker included (it shares the cores with the others) and one webhook
 * subscriber on 127.0.0.1 for the event types in BENCH_WEBHOOK_EVENTS (comma-separated; default every event; `none`
 * for no subscriber). BENCH_WORKERS=fetch,parse,rules leaves the notification worker out.
 */
const WORKERS = (process.env.BENCH_WORKERS ?? 'fetch,parse,rules,notify')
  .split(',')
  .map((w) => w.trim())
  .filter((w): w is WorkerName => w in WORKER_APPS);
const WEBHOOK_EVENTS = (process.env.BENCH_WEBHOOK_EVENTS ?? '')
  .split(',')
  .map((t) => t.trim())
  .filter(Boolean);
const SUBSCRIBER = WORKERS.includes('notify') && !WEBHOOK_EVENTS.includes('none');
/** The contract the subscriber chooses (WEBHOOKS.md): 2 = batches of events (default), 1 = one POST per event. */
const WEBHOOK_PAYLOAD = process.env.BENCH_WEBHOOK_PAYLOAD === '1' ? 1 : 2;
const PASS_THROUGH = [
  'FETCH_BATCH_SIZE',
  'FETCH_CONCURRENCY',
  'PARSE_CONCURRENCY',
  'RULES_CONCURRENCY',
  'DATABASE_POOL_SIZE',
  'OUTBOX_RELAY_BATCH',
];

const passed = Object.fromEntries(PASS_THROUGH.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
// e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": a V8 profile per worker, written when it stops.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
console.log(
  `pipeline benchmark: ${COUNT} messages, workers ${WORKERS.join(', ')}, ${SUBSCRIBER ? `one webhook subscriber (${WEBHOOK_EVENTS.length ? WEBHOOK_EVENTS.join(', ') : 'every event'}, payload version ${WEBHOOK_PAYLOAD})` : 'no webhook subscriber'}, ${cpus().length} CPUs, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}${Object.keys(passed).length ? `, ${JSON.stringify(passed)}` : ''}`,
);

// LOG_LEVEL info (the default): the workers log per fetch and per start, not per message or job.
// Generous start: four workers compile TypeScript at once, over 60 s at load 20 on 2 cores.
const p = await startPipeline({ label: 'bench', env: { all: passed }, nodeArgs, startTimeoutMs: 180_000 });
const receiver = SUBSCRIBER ? await startWebhookReceiver() : null;
try {
  if (receiver) {
    const { secret } = await createWebhookSubscription(
      { db: p.db.db, secretBox: p.secrets, urlGuard: { allowLoopback: true } },
      {
        tenantId: TENANT_ID,
        url: receiver.url,
        eventTypes: WEBHOOK_EVENTS,
        description: 'bench receiver',
        payloadVersion: WEBHOOK_PAYLOAD,
      },
    );
    receiver.setSecret(secret);
  }
  let started = performance.now();
  const bounces = makeDistinctBounces(loadCorpus(), COUNT, 'b');
  const totalBytes = bounces.reduce((sum, b) => sum + b.content.length, 0);
  await recordSends(p.db.db, TENANT_ID, sendsFor(bounces, new Date(Date.now() - 3_600_000)));
  console.log(
    `prepared ${COUNT} distinct bounces (${(totalBytes / 1e6).toFixed(1)} MB) and their sends in ${ms(started)} ms`,
  );

  // No IDLE and no schedule while the mail is placed: the run starts with "fetch now", on a full mailbox.
  const mailbox = await p.createBounceMailbox({ name: 'bench', useIdle: false, pollIntervalSeconds: 0 });
  started = performance.now();
  await p.startWorkers(WORKERS);
  console.log(`workers started in ${ms(started)} ms`);
  const idleRss: Record<string, number> = {};
  for (const name of WORKERS) idleRss[name] = await p.workers[name].peakRssBytes();
  started = performance.now();
  await p.servers.placeMessages(bounces.map((b) => b.content));
  console.log(`placed ${COUNT} messages in the Maildir in ${ms(started)} ms`);
  bounces.length = 0;

  // ---- throughput -------------------------------------------------------------------------------------------------
  const cpuBefore = await cpuSnapshot();
  const t0 = performance.now();
  await requestFetchNow(p.queues.fetchMailbox, mailbox.id, 'manual');
  const stages: Record<string, number> = {};
  // One grouped count every 250 ms: the benchmark's own load on PostgreSQL stays negligible.
  const statusCounts = async () => {
    const rows = await p.db.db
      .select({ status: rawMessages.status, n: count() })
      .from(rawMessages)
      .groupBy(rawMessages.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  };
  let last = '';
  await pollUntil(
    async () => {
      const c = await statusCounts();
      const final = (c.applied ?? 0) + (c.manual ?? 0) + (c.failed ?? 0);
      const parsedOrLater = final + (c.parsed ?? 0);
      const stored = parsedOrLater + (c.received ?? 0);
      const now = performance.now() - t0;
      if (stored >= COUNT) stages.stored ??= now;
      if (parsedOrLater >= COUNT) stages.parsed ??= now;
      if (final >= COUNT) stages.applied ??= now;
      const line = `stored ${stored}, parsed ${parsedOrLater}, applied ${final}`;
      if (line !== last && process.env.BENCH_PROGRESS) console.log(`  ${(now / 1000).toFixed(1)} s: ${line}`);
      last = line;
      return final >= COUNT;
    },
    { timeoutMs: 30 * 60_000, intervalMs: 250, what: 'every message to be applied', describe: () => p.diagnostics() },
  );
  if (receiver) {
    // The webhooks are part of the work: CPU is measured until the subscriber has every event it wants.
    const wanted = (
      (await p.db.db.execute(sql`select type, count(*)::int as n from outbox group by type`)) as unknown as {
        type: string;
        n: number;
      }[]
    )
      .filter((r) => matchesEventFilter(WEBHOOK_EVENTS, r.type))
      .reduce((sum, r) => sum + r.n, 0);
    await pollUntil(() => receiver.received().length >= wanted, {
      timeoutMs: 30 * 60_000,
      intervalMs: 250,
      what: `the subscriber to receive ${wanted} webhooks`,
      describe: () => `${receiver.received().length} received`,
    });
    stages.webhooks = performance.now() - t0;
    console.log(`webhooks: ${wanted} delivered to the subscriber`);
  }
  const cpuWindow = (performance.now() - t0) / 1000;
  const cpuAfter = await cpuSnapshot();
  // PostgreSQL backends of this run's database (the workers' pools are long-lived): other databases on the shared
  // server are somebody else's load.
  const backends = new Map(
    (
      (await p.db.db.execute(
        sql`select pid, application_name from pg_stat_activity where datname = current_database()`,
      )) as unknown as { pid: number; application_name: string }[]
    ).map((r) => [Number(r.pid), r.application_name] as const),
  );
  const seconds = stages.applied! / 1000;
  const failed = (await statusCounts()).failed ?? 0;
  console.log(
    `\nstages (from "fetch now"): all stored ${fmt(stages.stored)}, all parsed ${fmt(stages.parsed)}, all applied ${fmt(stages.applied)}${receiver ? `, all webhooks received ${fmt(stages.webhooks)}` : ''}`,
  );
  console.log(
    `END-TO-END RATE: ${Math.round(COUNT / seconds)} messages/s (${COUNT} fetched, parsed and applied in ${seconds.toFixed(2)} s; target >= 2500)${failed ? `; ${failed} FAILED` : ''}`,
  );
  if (stages.webhooks !== undefined) {
    // The notification worker shares the cores and may lag behind the apply: the rate with its work done too.
    console.log(
      `END-TO-END RATE with the webhooks: ${Math.round(COUNT / (stages.webhooks / 1000))} messages/s (every webhook received ${fmt(stages.webhooks)} after "fetch now")`,
    );
  }

  const events = (await p.db.db.execute(
    sql`select type, count(*)::int as n from outbox group by type order by 2 desc`,
  )) as unknown as { type: string; n: number }[];
  console.log(
    `outbox events relayed to notify-events: ${events.map((e) => `${e.type} ${e.n}`).join(', ')}${WORKERS.includes('notify') ? ' (fanned out by the notification worker during the run)' : ' (left queued: the notification worker is not running, see BENCH_WORKERS)'}`,
  );

  const workerOf = new Map(WORKERS.map((name) => [p.workers[name].pid, name] as const));
  const cpu = cpuByLabel(cpuBefore, cpuAfter, (pid, comm, cmdline) => {
    const worker = workerOf.get(pid);
    if (worker) return `${worker} worker`;
    if (pid === process.pid) return 'benchmark process (polling)';
    const service = serviceOf(comm);
    if (service === 'postgresql') {
      const app = backends.get(pid);
      if (app === undefined) return 'postgresql (other databases, server)';
      const worker = WORKERS.find((w) => applicationName(w) === app);
      return worker ? `postgresql for the ${worker} worker` : 'postgresql for the benchmark';
    }
    if (service) return service;
    if (comm === 'node') return `other node (${cmdline.includes('/work/main/') ? 'this repository' : 'elsewhere'})`;
    return `other (${comm})`;
  });
  const busy = cpu.reduce((sum, [, s]) => sum + s, 0);
  console.log(
    `CPU seconds during the run${receiver ? ' and its webhooks' : ''} (${(cpuWindow * cpus().length).toFixed(1)} s available on ${cpus().length} cores, ${busy.toFixed(1)} s used):`,
  );
  for (const [label, secs] of cpu.filter(([, s]) => s >= 0.2)) {
    console.log(`  ${label.padEnd(40)} ${secs.toFixed(1).padStart(6)} s  ${((secs / COUNT) * 1e6).toFixed(0)} µs/msg`);
  }
  printCpuPerMessage(new Map(cpu), WORKERS, COUNT, cpus().length);
  console.log('\nPEAK MEMORY (VmHWM) per process:');
  for (const name of WORKERS) {
    const peak = await p.workers[name].peakRssBytes();
    console.log(`  ${name.padEnd(6)} ${mb(peak)} MB (after start, before the run: ${mb(idleRss[name]!)} MB)`);
  }

  // ---- storage ----------------------------------------------------------------------------------------------------
  // What one message costs at rest: PostgreSQL bytes per table (data, indexes and TOAST) divided by the messages, and
  // Redis bytes of a retained job of each queue (MEMORY USAGE of the job hash; a waiting backlog costs the same per
  // job). For docs/capacity.md.
  const tables = (await p.db.db.execute(
    sql`select c.relname as name, pg_total_relation_size(c.oid)::bigint as bytes
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = 'public' order by 2 desc`,
  )) as unknown as { name: string; bytes: string }[];
  const storedBytes = tables.reduce((sum, t) => sum + Number(t.bytes), 0);
  console.log(`
POSTGRESQL STORAGE after ${COUNT} messages: ${mb(storedBytes)} MB, ${Math.round(storedBytes / COUNT)} bytes/msg`);
  for (const t of tables.filter((t) => Number(t.bytes) >= 64 * 1024)) {
    console.log(
      `  ${t.name.padEnd(32)} ${Math.round(Number(t.bytes) / COUNT)
        .toString()
        .padStart(7)} bytes/msg`,
    );
  }
  console.log('REDIS bytes per retained job (MEMORY USAGE, mean of up to 20 completed jobs):');
  for (const key of ['fetchMailbox', 'parseMessages', 'applyBounces', 'notifyEvents', 'webhookDeliveries'] as const) {
    const jobs = await p.queues[key].getJobs(['completed'], 0, 19);
    const sizes: number[] = [];
    for (const job of jobs) {
      const bytes = await p.redis.call('MEMORY', 'USAGE', p.queues[key].toKey(job.id ?? ''), 'SAMPLES', '0');
      if (typeof bytes === 'number') sizes.push(bytes);
    }
    const mean = sizes.length > 0 ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0;
    console.log(`  ${key.padEnd(20)} ${String(mean).padStart(7)} bytes/job (${sizes.length} sampled)`);
  }

  // ---- latency ----------------------------------------------------------------------------------------------------
  // IDLE on: the watcher's first fetch moves the 20,000 finished messages to the processed folder.
  await updateMailbox(p.db.db, p.secrets, TENANT_ID, mailbox.id, { useIdle: true });
  await pollUntil(() => p.workers.fetch.logLinesMatching('"IDLE watching"').length > 0, {
    timeoutMs: 30_000,
    what: 'the fetch worker to watch the mailbox with IDLE',
  });
  started = performance.now();
  await pollUntil(async () => (await folderCounts(p.servers, ['INBOX'])).INBOX === 0, {
    timeoutMs: 10 * 60_000,
    intervalMs: 250,
    what: 'the inbox to be emptied into the processed folder',
  });
  console.log(`\nmoved ${COUNT} processed messages out of the inbox in ${ms(started)} ms`);
  if (LATENCY_COUNT > 0) {
    const samples = await measureIdleLatency(p, LATENCY_COUNT);
    const stat = (values: (number | null)[]) => {
      const v = values.filter((x): x is number => x !== null);
      return `p50 ${Math.round(percentile(v, 50))} ms, p95 ${Math.round(percentile(v, 95))} ms, max ${Math.round(Math.max(...v))} ms`;
    };
    console.log(
      `IDLE LATENCY, DSN delivered to the mailbox → bounce committed, ${samples.length} DSNs one at a time: ${stat(samples.map((s) => s.latencyMs))} (target p95 < 1000 ms)`,
    );
    console.log(
      `  delivered → raw message stored (Dovecot IDLE notice, fetch job, IMAP session): ${stat(samples.map((s) => (s.storedAt === null ? null : s.storedAt - s.deliveredAt)))}`,
    );
    console.log(
      `  stored → apply transaction starts (parse job, apply job): ${stat(samples.map((s) => (s.storedAt === null || s.applyStartedAt === null ? null : s.applyStartedAt - s.storedAt)))}`,
    );
    console.log(
      `  apply starts → commit seen: ${stat(samples.map((s) => (s.applyStartedAt === null ? null : s.appliedSeenAt - s.applyStartedAt)))}`,
    );
  }
} finally {
  await receiver?.close();
  await p.close();
}

/**
 * CPU per message of the pipeline's own processes, per stage (the worker and its PostgreSQL backends) and in all
 * (plus Redis and Dovecot, which every stage uses; the shared Redis also serves other people's tests, so its share is
 * an upper bound). Wall-clock rates on a loaded machine say little; this is what decides the rate 2 cores can carry.
 */
function printCpuPerMessage(cpu: Map<string, number>, workers: readonly WorkerName[], messages: number, cores: number) {
  const us = (secs: number) => Math.round((secs / messages) * 1e6);
  let total = 0;
  const parts: string[] = [];
  for (const w of workers) {
    const node = cpu.get(`${w} worker`) ?? 0;
    const pg = cpu.get(`postgresql for the ${w} worker`) ?? 0;
    total += node + pg;
    parts.push(`${w} ${us(node)} + ${us(pg)}`);
  }
  const shared = (cpu.get('redis') ?? 0) + (cpu.get('dovecot') ?? 0);
  total += shared;
  const perMessage = total / messages;
  console.log(
    `CPU PER MESSAGE (µs, Node + its PostgreSQL): ${parts.join(', ')}; Redis and Dovecot ${us(shared)}; in all ${us(total)} µs, i.e. at most ${Math.round(cores / perMessage)} messages/s on ${cores} cores (2,500/s needs <= ${Math.round((cores / 2500) * 1e6)} µs)`,
  );
}

function ms(from: number): number {
  return Math.round(performance.now() - from);
}

function fmt(msValue: number | undefined): string {
  return msValue === undefined ? 'n/a' : `${(msValue / 1000).toFixed(2)} s`;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
