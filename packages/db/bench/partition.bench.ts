/**
 * `pnpm bench:partition [--rows N]`: the online conversion of a populated history table into monthly partitions
 * (src/partitions/partitioning.ts), measured while writers insert. Seeds N outbox events (default 1,000,000) over
 * the past 12 months and N/4 webhook attempts in a fresh database, then converts both while 4 writers insert one
 * event each in a loop, and the retention purge of raw content on N/10 messages. Prints the conversion phases, the
 * writers' insert latency during the conversion (the longest wait is what a sending system would see), and the
 * lock waits logged by PostgreSQL's pg_locks sampling. Figures only; nothing is asserted.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { convertToPartitioned } from '../src/partitions/partitioning.js';
import { purgeExpiredRawContent } from '../src/raw-messages/retention.js';
import { createTestDatabase } from '../src/testing/test-database.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { rows: { type: 'string' } },
});
const ROWS = Number(values.rows ?? 1_000_000);
const WRITERS = 4;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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
