/**
 * `pnpm bench:partition [--rows N] [--part events|bounces|all]`: the online conversion of populated history tables
 * into monthly partitions (src/partitions/partitioning.ts), measured while writers write. Figures only; nothing is
 * asserted. Each part runs in a fresh database:
 * - events: N outbox events (default 1,000,000) over the past 12 months and N/4 webhook attempts, converted while 4
 *   writers insert one event each in a loop; then the retention purge of raw content on N/10 messages;
 * - bounces: N bounces and N/4 raw messages over the past 12 months, written as before migration 0010 (no keys in
 *   raw_message_keys / bounce_keys), converted (key fill, foreign key drop, prepared indexes, swap) while 4 writers
 *   each store a new raw message and apply its bounce through the store (storeRawMessages + applyBounces) in a loop.
 * Prints the conversion phases, the writers' latency during the conversion (the longest is the write stall a sending
 * system would see), and the lock waits sampled from pg_stat_activity every 50 ms.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { applyBounces } from '../src/bounces/apply-bounces.js';
import { openDatabase } from '../src/client.js';
import { type ConversionReport, convertToPartitioned } from '../src/partitions/partitioning.js';
import { storeRawMessages } from '../src/raw-messages/fetch-stage.js';
import { purgeExpiredRawContent } from '../src/raw-messages/retention.js';
import { parsedBounce, VERDICTS } from '../src/testing/bounce-fixtures.js';
import { createTestDatabase } from '../src/testing/test-database.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { rows: { type: 'string' }, part: { type: 'string' } },
});
const ROWS = Number(values.rows ?? 1_000_000);
const PART = values.part ?? 'all';
const WRITERS = 4;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function benchEvents(): Promise<void> {
  console.log(`rows: ${ROWS.toLocaleString('en')} outbox events; load average before: ${load()}`);
  const t = await createTestDatabase('bench_partition');
  const admin = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const seedStarted = performance.now();
    await admin.unsafe(`insert into tenants (id, name) values ('acme', 'Acme')`);
    await admin.unsafe(`
      insert into outbox (tenant_id, type, address, payload, created_at, published_at)
      select 'acme', 'bounce.recorded', 'user' || g || '@example.com',
             jsonb_build_object('n', g, 'reason', 'userunknown'),
             now() - (g % 360) * interval '1 day', now()
      from generate_series(1, ${ROWS}) g`);
    await admin.unsafe(`
      insert into webhook_subscriptions (id, tenant_id, url, secret_encrypted)
      values ('00000000-0000-4000-8000-000000000001', 'acme', 'https://example.com/h', 'v1:x')`);
    await admin.unsafe(`
      insert into webhook_deliveries (id, subscription_id, tenant_id, event_id)
      select gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'acme', gen_random_uuid()
      from generate_series(1, ${Math.ceil(ROWS / 4)})`);
    await admin.unsafe(`
      insert into webhook_attempts (delivery_id, attempt, status_code, duration_ms, created_at)
      select id, 1, 200, 12, created_at from webhook_deliveries`);
    await admin.unsafe('vacuum analyze outbox, webhook_attempts, webhook_deliveries');
    console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    // Writers: one insert at a time each, as the rules worker and the API write events.
    const writers = Array.from({ length: WRITERS }, () => postgres(t.url, { max: 1, onnotice: () => {} }));
    const latencies: number[] = [];
    let stop = false;
    const loops = writers.map(async (w) => {
      while (!stop) {
        const t0 = performance.now();
        await w`insert into outbox (tenant_id, type, payload) values ('acme', 'bench.write', '{}'::jsonb)`;
        latencies.push(performance.now() - t0);
      }
    });
    // Lock waits, sampled every 50 ms: how many sessions wait on a lock, and for how long the longest has waited.
    let maxWaiting = 0;
    let maxWaitMs = 0;
    const sampler = postgres(t.url, { max: 1, onnotice: () => {} });
    const sampling = (async () => {
      while (!stop) {
        const [row] = await sampler<{ waiting: number; longest: number | null }[]>`
          select count(*)::int as waiting,
                 max(extract(epoch from now() - a.query_start) * 1000)::float8 as longest
          from pg_stat_activity a where a.wait_event_type = 'Lock' and a.datname = current_database()`;
        maxWaiting = Math.max(maxWaiting, row?.waiting ?? 0);
        maxWaitMs = Math.max(maxWaitMs, row?.longest ?? 0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await new Promise((r) => setTimeout(r, 1000)); // writers warm
    const before = latencies.length;
    const reports = [];
    for (const table of ['outbox', 'webhook_attempts'] as const) reports.push(await convertToPartitioned(admin, table));
    const during = latencies.slice(before);
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all([...loops, sampling]);
    await Promise.all([...writers, sampler].map((c) => c.end({ timeout: 5 })));

    for (const r of reports) {
      if (!r) continue;
      console.log(
        `${r.table}: ~${r.rows.toLocaleString('en')} rows; online preparation ${(r.onlineMs / 1000).toFixed(1)} s ` +
          `(writes continue), swap ${r.swapMs.toFixed(0)} ms (writes wait), ${r.retries} lock retries`,
      );
    }
    const sorted = [...during].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    console.log(
      `inserts during the conversion: ${during.length.toLocaleString('en')} by ${WRITERS} writers; latency p50 ` +
        `${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms`,
    );
    console.log(`lock waits sampled: at most ${maxWaiting} sessions waiting, longest wait ${maxWaitMs.toFixed(0)} ms`);

    // Retention purge of raw content: N/10 settled messages of 8 KiB past their period.
    const raws = Math.ceil(ROWS / 10);
    await admin.unsafe(`update tenants set raw_retention_days = 30`);
    await admin.unsafe(`
      insert into raw_messages (tenant_id, sha256, size, content, status, received_at)
      select 'acme', md5(g::text) || md5((g + 1)::text), 8192, convert_to(repeat('x', 8192), 'UTF8'), 'applied',
             now() - interval '60 days'
      from generate_series(1, ${raws}) g`);
    const purgeStarted = performance.now();
    let purged = 0;
    for (;;) {
      const r = await purgeExpiredRawContent(t.db, { defaultDays: 0 });
      purged += r.purged;
      if (r.purged === 0) break;
    }
    const purgeMs = performance.now() - purgeStarted;
    console.log(
      `retention purge: ${purged.toLocaleString('en')} raw messages of 8 KiB in ${(purgeMs / 1000).toFixed(1)} s ` +
        `(${Math.round(purged / (purgeMs / 1000)).toLocaleString('en')} messages/s, batches of 1,000)`,
    );
    console.log(`load average after: ${load()}`);
  } finally {
    await admin.end({ timeout: 5 });
    await t.drop();
  }
}

type Sampled = { maxWaiting: number; maxWaitMs: number; longestQuery: string };

/**
 * Lock waits of the writers, sampled every 50 ms until `stop()`: how many sessions wait on a lock, the longest wait
 * seen and its statement. The conversion's own session (`excludePid`) is left out: its CREATE INDEX CONCURRENTLY
 * waits for older transactions by design, and that wait blocks nobody.
 */
function sampleLockWaits(url: string, excludePid: number): { stop: () => Promise<Sampled> } {
  const sampler = postgres(url, { max: 1, onnotice: () => {} });
  const seen: Sampled = { maxWaiting: 0, maxWaitMs: 0, longestQuery: '' };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await sampler<{ ms: number; query: string }[]>`
        select extract(epoch from now() - a.query_start)::float8 * 1000 as ms, left(a.query, 60) as query
        from pg_stat_activity a
        where a.wait_event_type = 'Lock' and a.datname = current_database() and a.pid <> ${excludePid}`;
      seen.maxWaiting = Math.max(seen.maxWaiting, rows.length);
      for (const r of rows) {
        if (r.ms > seen.maxWaitMs) {
          seen.maxWaitMs = r.ms;
          seen.longestQuery = r.query.replace(/\s+/g, ' ');
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      await sampler.end({ timeout: 5 });
      return seen;
    },
  };
}

const quantiles = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return `p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms`;
};

async function benchBounces(): Promise<void> {
  const raws = Math.ceil(ROWS / 4);
  console.log(
    `rows: ${ROWS.toLocaleString('en')} bounces, ${raws.toLocaleString('en')} raw messages; load average before: ${load()}`,
  );
  const t = await createTestDatabase('bench_partition_bounces');
  const admin = postgres(t.url, { max: 1, onnotice: () => {} });
  try {
    const seedStarted = performance.now();
    await admin.unsafe(`insert into tenants (id, name) values ('acme', 'Acme')`);
    // As before migration 0010: rows only, their keys in the tables' own unique indexes.
    await admin.unsafe(`
      insert into raw_messages (tenant_id, mailbox_id, folder, uid_validity, uid, sha256, size, content, status,
                                received_at, processed_at)
      select 'acme', '00000000-0000-4000-8000-0000000000aa', 'Processed', 1, g, md5(g::text) || md5((g + 1)::text), 512,
             convert_to(repeat('x', 512), 'UTF8'), 'applied', now() - (g % 360) * interval '1 day',
             now() - (g % 360) * interval '1 day'
      from generate_series(1, ${raws}) g`);
    await admin.unsafe(`
      insert into bounces (tenant_id, idempotency_key, raw_message_id, kind, recipient, action, status, reason, class,
                           occurred_at, received_at, state, applied_at)
      select 'acme', r.sha256 || ':' || k, r.id, 'bounce', 'user' || r.uid || '.' || k || '@example.com', 'failed',
             '5.1.1', 'userunknown', 'hard', r.received_at, r.received_at, 'applied', r.received_at
      from raw_messages r cross join generate_series(0, 3) k`);
    await admin.unsafe('vacuum analyze raw_messages, bounces');
    console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; load average: ${load()}`);

    // Writers: a new raw message stored and its bounce applied, through the store, as fetch and rules workers do.
    const writers = Array.from({ length: WRITERS }, () => openDatabase({ url: t.url, maxConnections: 1 }));
    const latencies: { at: number; ms: number }[] = [];
    let stop = false;
    let n = 0;
    const loops = writers.map(async (w) => {
      while (!stop) {
        const i = n++;
        const t0 = performance.now();
        const [stored] = await storeRawMessages(w.db, [
          {
            tenantId: 'acme',
            mailboxId: '00000000-0000-4000-8000-0000000000aa',
            folder: 'INBOX',
            uidValidity: 2,
            uid: i,
            content: Buffer.from(`bench message ${i} ${Math.random()}`),
          },
        ]);
        await applyBounces(w.db, 'acme', [
          {
            parsed: parsedBounce([{ recipient: `new${i}@example.com`, ...VERDICTS.userUnknown, at: new Date() }]),
            rawSha256: stored!.sha256,
            rawMessageId: stored!.id,
          },
        ]);
        latencies.push({ at: t0, ms: performance.now() - t0 });
      }
    });
    const [{ pid } = { pid: 0 }] = await admin<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const sampler = sampleLockWaits(t.url, pid);
    await new Promise((r) => setTimeout(r, 2000)); // writers warm
    const convertStarted = performance.now();
    const reports: (ConversionReport | null)[] = [];
    for (const table of ['raw_messages', 'bounces'] as const) reports.push(await convertToPartitioned(admin, table));
    const convertMs = performance.now() - convertStarted;
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await Promise.all(loops);
    const locks = await sampler.stop();
    await Promise.all(writers.map((w) => w.close()));

    const before = latencies.filter((l) => l.at < convertStarted).map((l) => l.ms);
    const during = latencies
      .filter((l) => l.at >= convertStarted && l.at < convertStarted + convertMs)
      .map((l) => l.ms);
    for (const r of reports) {
      if (!r) continue;
      console.log(
        `${r.table}: ~${r.rows.toLocaleString('en')} rows; keys filled ${r.keysFilled.toLocaleString('en')} in ` +
          `${(r.keysMs / 1000).toFixed(1)} s; online preparation (keys, indexes, CHECK) ${(r.onlineMs / 1000).toFixed(1)} s ` +
          `(writes continue); swap ${r.swapMs.toFixed(0)} ms (writes wait); ${r.retries} lock retries; foreign keys ` +
          `dropped: ${r.foreignKeysDropped.join(', ') || 'none'}`,
      );
    }
    console.log(`conversion of both tables: ${(convertMs / 1000).toFixed(1)} s; load average: ${load()}`);
    console.log(`writes (store + apply) before the conversion: ${before.length}; ${quantiles(before)}`);
    console.log(`writes during the conversion: ${during.length} by ${WRITERS} writers; ${quantiles(during)}`);
    console.log(
      `writers' lock waits sampled: at most ${locks.maxWaiting} sessions waiting, longest wait ` +
        `${locks.maxWaitMs.toFixed(0)} ms${locks.longestQuery ? ` (${locks.longestQuery})` : ''}`,
    );
    const [counts] = await admin<{ raws: number; bounces: number; rawKeys: number; bounceKeys: number }[]>`
      select (select count(*) from raw_messages)::int as raws, (select count(*) from bounces)::int as bounces,
             (select count(*) from raw_message_keys)::int as "rawKeys", (select count(*) from bounce_keys)::int as "bounceKeys"`;
    console.log(
      `after: ${counts?.raws} raw messages / ${counts?.rawKeys} keys, ${counts?.bounces} bounces / ${counts?.bounceKeys} keys`,
    );
    console.log(`load average after: ${load()}`);
  } finally {
    await admin.end({ timeout: 5 });
    await t.drop();
  }
}

if (PART === 'events' || PART === 'all') await benchEvents();
if (PART === 'bounces' || PART === 'all') await benchBounces();
