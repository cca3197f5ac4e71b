/**
 * `pnpm bench:rules`: applying parsed bounces to the real PostgreSQL, batched, with 100,000 addresses (and their
 * sends) in the table. Creates its own database (dropped at the end), prints bounces/s and p50/p99 per batch.
 *
 * Options (environment): BENCH_BOUNCES (default 50000, per phase), BENCH_BATCH (500), BENCH_WORKERS (phases as a
 * list of worker counts, default "1,2": one applier, then two concurrent appliers on disjoint address sets),
 * TEST_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/test), BENCH_PROFILE=1 (server CPU and wall
 * time per statement), BENCH_EXPLAIN=<n> (EXPLAIN ANALYZE of batch n's writes, see explainOnce), BENCH_AUTO_EXPLAIN=<ms>
 * (with BENCH_PROFILE: the plan of every statement slower than <ms> goes to the server's log, auto_explain: the plans
 * the connections actually have cached, which EXPLAIN of a fresh statement does not show), BENCH_EXTRAS=0
 * (skip the canSendMany and import figures at the end), BENCH_AB_A / BENCH_AB_B (see below) with BENCH_AB_ENV=<name>
 * (the environment variable <name> set to 'A' or 'B' before each batch: a temporary switch in the code under test
 * compares two implementations batch by batch, under the same load), BENCH_SETUP_SQL (statements run on the bench database after
 * migration, before seeding: to measure a schema variant, e.g. "drop index bounces_send_idx", without editing the
 * migration).
 *
 * The mix follows what a bounce mailbox of a newsletter sender sees: mostly soft (mailbox full, expired) and hard
 * (user unknown) failures, a block of sender-side rejections from a few big providers, delivery reports, delays,
 * auto-replies, complaints, and some bounces for addresses we never sent to (unmatched).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { ParseResult } from '@bounce/parser';
import { makeReturnPath } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js';
import { applyBounces, type BounceItem } from '../src/bounces/apply-bounces.js';
import type { Database } from '../src/client.js';
import { loadRuleConfigResolver } from '../src/rule-sets/rule-sets.js';
import { queryRows } from '../src/sql/sql-util.js';
import { canSendMany } from '../src/suppressions/can-send.js';
import { importSuppressions } from '../src/suppressions/suppression-import.js';
import { createTenant } from '../src/tenants.js';
import { parsedBounce, type RecipientSpec, VERDICTS } from '../src/testing/bounce-fixtures.js';
import { createTestDatabase } from '../src/testing/test-database.js';

const ADDRESSES = 100_000;
const BOUNCES = Number(process.env.BENCH_BOUNCES ?? 50_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
/** Phases, one per entry: "1,2" applies BENCH_BOUNCES with one worker, then as many again with two. */
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map((w) => Math.max(1, Number(w) || 1));
const TENANT = 'bench';
const SECRET = 'bench-verp-secret-0123456789abcdef';

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nanoseconds of CPU the given server processes have used (/proc/<pid>/schedstat: exact, unlike tick counts). */
function schedNs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a backend that exited
    }
  }
  return total;
}

type StatementStats = { calls: number; wallMs: number; serverMs: number; bytes: number };

/**
 * BENCH_PROFILE=1: per statement kind (first 90 characters of its text), its calls, wall time, parameter bytes and
 * the server CPU it cost: the CPU of this database's backends (schedstat, ns) from before to after the statement.
 * Hooks drizzle's postgres.js statement class, so plain, prepared and transaction statements are all seen. Two
 * statements running at once (the correlation reads) are each charged the CPU of both. `refreshPids` re-reads the
 * backend list (the pool opens connections lazily). BEGIN/COMMIT are postgres.js's own: they are in the residue.
 */
function profileStatements(): { stats: Map<string, StatementStats>; setPids: (pids: number[]) => void } {
  const stats = new Map<string, StatementStats>();
  let pids: number[] = [];
  const proto = PostgresJsPreparedQuery.prototype as unknown as {
    execute: (this: { queryString: string; params: unknown[] }, ...args: unknown[]) => Promise<unknown>;
  };
  const execute = proto.execute;
  proto.execute = async function (this: { queryString: string; params: unknown[] }, ...args: unknown[]) {
    const key = this.queryString.trim().replace(/\s+/g, ' ').slice(0, 90);
    await explainOnce(this as unknown as ExplainTarget, key);
    if (process.env.BENCH_AUTO_EXPLAIN) {
      const c = (this as unknown as ExplainTarget).client;
      await c.unsafe(`load 'auto_explain'`).simple();
      await c.unsafe(`set auto_explain.log_min_duration = ${Number(process.env.BENCH_AUTO_EXPLAIN)}`).simple();
    }
    const bytes = this.params.reduce<number>((n, p) => n + (typeof p === 'string' ? p.length : 8), 0);
    const s0 = performance.now();
    const c0 = schedNs(pids);
    try {
      return await execute.apply(this, args);
    } finally {
      const st = stats.get(key) ?? { calls: 0, wallMs: 0, serverMs: 0, bytes: 0 };
      st.calls++;
      st.wallMs += performance.now() - s0;
      st.serverMs += (schedNs(pids) - c0) / 1e6;
      st.bytes += bytes;
      stats.set(key, st);
    }
  };
  return {
    stats,
    setPids: (p) => {
      pids = p;
    },
  };
}

type ExplainTarget = {
  queryString: string;
  params: unknown[];
  client: {
    unsafe: (q: string, p?: unknown[]) => Promise<{ 'QUERY PLAN': string }[]> & { simple: () => Promise<unknown> };
  };
};
const explained = new Set<string>();
let explainBatches = 0;

/**
 * BENCH_EXPLAIN=<n>: for the apply path's writes (statements beginning with `with`) of batch n (counted from 1, by
 * statement), prints EXPLAIN (ANALYZE, BUFFERS) run in a savepoint rolled back before the real statement: where
 * each CTE's time goes. Only meaningful for the one-worker phase.
 */
async function explainOnce(target: ExplainTarget, key: string): Promise<void> {
  const wanted = Number(process.env.BENCH_EXPLAIN ?? 0);
  if (!wanted || !/^with /i.test(key)) return;
  if (key.startsWith('with new_bounces')) explainBatches++;
  if (explainBatches !== wanted || explained.has(key)) return;
  explained.add(key);
  await target.client.unsafe('savepoint bench_explain', []);
  // EXPLAIN of the text with its parameters would plan it as an unnamed statement, always with a custom plan; the
  // apply path's are prepared and follow the transaction's plan_cache_mode. So it is prepared here too, and its
  // EXECUTE explained: the plan the mode gives.
  const name = `bench_explain_${explained.size}`;
  // Parameter types as postgres.js sends them for these values (the statements' data are strings: JSON and ids).
  const types = target.params.map((p) =>
    typeof p === 'number' ? 'bigint' : typeof p === 'boolean' ? 'boolean' : 'text',
  );
  await target.client.unsafe(`prepare ${name}(${types.join(', ')}) as ${target.queryString}`).simple();
  // EXPLAIN EXECUTE takes no bind parameters: the values go in as literals.
  const literal = (p: unknown) => (p === null ? 'null' : `'${String(p).replace(/'/g, "''")}'`);
  const args = target.params.map((p, i) => `${literal(p)}::${types[i]}`).join(', ');
  const plan = (await target.client
    .unsafe(`explain (analyze, buffers, costs off) execute ${name}${args ? `(${args})` : ''}`)
    .simple()) as { 'QUERY PLAN': string }[];
  await target.client.unsafe('rollback to savepoint bench_explain', []);
  await target.client.unsafe(`deallocate ${name}`, []);
  console.log(`EXPLAIN ${key}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
}

/**
 * CPU seconds the server's backends for this database have used so far (Linux /proc, server on this machine):
 * unlike wall time, hardly affected by other load on a shared machine, so schema variants compare reliably.
 * Null when the server is remote or /proc is unreadable.
 */
async function serverCpuSeconds(db: Database): Promise<Map<number, number> | null> {
  const pids = await queryRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  try {
    for (const { pid } of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    }
  } catch {
    return null;
  }
  return out;
}

/** The 1-minute load average, printed with every figure: on a shared machine it decides wall times. */
const loadAverage = () => (loadavg()[0] ?? 0).toFixed(1);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const t = await createTestDatabase('bounce_bench');
  try {
    const db = t.db;
    if (process.env.BENCH_SETUP_SQL) {
      await db.execute(sql.raw(process.env.BENCH_SETUP_SQL));
      console.log(`schema variant: ${process.env.BENCH_SETUP_SQL}`);
    }
    await createTenant(db, { id: TENANT, name: 'Bench' });
    const t0 = performance.now();
    // Seed with set-based SQL: 100,000 addresses, one send each, sent over the last 20 days.
    await db.execute(sql`
      insert into addresses (tenant_id, address, domain)
      select ${TENANT}, 'user' || g || '@' || (array['gmail.example','outlook.example','yahoo.example','gmx.example','web.example','corp' || (g % 500) || '.example'])[1 + g % 6], 
        (array['gmail.example','outlook.example','yahoo.example','gmx.example','web.example','corp' || (g % 500) || '.example'])[1 + g % 6]
      from generate_series(1, ${ADDRESSES}) g`);
    await db.execute(sql`
      insert into sends (tenant_id, external_id, message_id, recipient, category, list_id, sent_at)
      select ${TENANT}, 'ext-' || a.id, '<' || a.id || '.bench@acme.example>', a.address,
        case when a.id % 10 = 0 then 'invoice' else 'newsletter' end,
        case when a.id % 10 = 0 then null else 'list-' || (a.id % 3) end,
        timestamptz '2025-03-01' + (a.id % 20) * interval '1 day'
      from addresses a where a.tenant_id = ${TENANT}`);
    // Vacuumed too, not only analysed: autovacuum would otherwise process the 200,000 seeded rows during the first
    // batches, and its CPU would be counted as theirs (the backends of this database).
    await db.execute(sql`vacuum analyze`);
    const sends = await queryRows<{ id: string; recipient: string; message_id: string; sent_at: unknown }>(
      db,
      // Ordered: the bounces pick sends by position, so the same seed must give the same bounces whatever the
      // table's physical layout (fillfactor, a parallel scan).
      sql`select id, recipient, message_id, sent_at from sends where tenant_id = ${TENANT} order by message_id`,
    );
    console.log(
      `seeded ${ADDRESSES} addresses and ${sends.length} sends in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Synthetic parsed bounces: BENCH_BOUNCES per phase. Each carries a lane (the index of its send, or of the
    // stranger address) so a phase with several workers can give each one a disjoint set of addresses, as
    // several workers draining different mailboxes mostly have.
    const random = rng(42);
    const base = Date.UTC(2025, 2, 22);
    const phases = WORKERS;
    const items: { item: BounceItem; lane: number }[] = [];
    const mix: Record<string, number> = {};
    for (let i = 0; i < BOUNCES * phases.length; i++) {
      // Skewed choice: a quarter of the bounces hit 2% of the addresses (repeat soft failures escalate).
      const hot = random() < 0.25;
      const sendIndex = hot ? Math.floor(random() * (ADDRESSES / 50)) : Math.floor(random() * sends.length);
      const send = sends[sendIndex]!;
      const at = new Date(base + i * 1000);
      const roll = random();
      let spec: Omit<RecipientSpec, 'recipient'>;
      let kind: ParseResult['kind'] = 'bounce';
      let label: string;
      let recipient = send.recipient;
      let lane = sendIndex;
      if (roll < 0.35) [spec, label] = [VERDICTS.mailboxFull, 'soft'];
      else if (roll < 0.55) [spec, label] = [VERDICTS.userUnknown, 'hard'];
      else if (roll < 0.7)
        [spec, label] = [VERDICTS.blocked, 'sender-side']; // a provider rejects us
      else if (roll < 0.8) [spec, label, kind] = [VERDICTS.delivered, 'delivered', 'delivery-report'];
      else if (roll < 0.85) [spec, label, kind] = [VERDICTS.complaint, 'complaint', 'complaint'];
      else if (roll < 0.9)
        [spec, label, kind] = [
          { ...VERDICTS.mailboxFull, action: 'delayed', class: 'soft', reason: 'expired' },
          'delayed',
          'delayed',
        ];
      else if (roll < 0.95)
        [spec, label, kind] = [{ class: 'auto-reply', reason: 'vacation' }, 'auto-reply', 'auto-reply'];
      else {
        recipient = `stranger${i}@nowhere.example`;
        lane = i;
        [spec, label] = [VERDICTS.userUnknown, 'unmatched'];
      }
      mix[label] = (mix[label] ?? 0) + 1;
      const how = random();
      const original =
        how < 0.5 && recipient === send.recipient
          ? {
              returnPath: makeReturnPath({
                localPart: 'bounces',
                domain: 'mail.acme.example',
                sendId: send.id,
                secret: SECRET,
              }),
            }
          : how < 0.75 && recipient === send.recipient
            ? { messageId: send.message_id }
            : {};
      items.push({
        item: { parsed: parsedBounce([{ ...spec, recipient, at }], original, kind), rawSha256: randomUUID() },
        lane,
      });
    }
    console.log(
      `mix: ${Object.entries(mix)
        .map(([k, v]) => `${k} ${((100 * v) / items.length).toFixed(0)}%`)
        .join(', ')}`,
    );

    const resolver = await loadRuleConfigResolver(db, TENANT);
    const profile = process.env.BENCH_PROFILE || process.env.BENCH_EXPLAIN ? profileStatements() : null;
    // BENCH_AB_A / BENCH_AB_B: SQL run before every other batch, A before the even ones and B before the odd ones
    // (e.g. adding an index as NOT VALID constraint or dropping it), CPU counted per variant. Alternating batch by
    // batch, both variants see the same load on a shared machine, which back-to-back runs do not.
    const ab =
      process.env.BENCH_AB_A && process.env.BENCH_AB_B
        ? {
            variants: [process.env.BENCH_AB_A, process.env.BENCH_AB_B].map((text, i) => ({
              name: 'AB'[i]!,
              sql: text,
              batches: 0,
              nodeMs: 0,
              serverMs: 0,
              wallMs: 0,
            })),
          }
        : null;
    const now = new Date(base + items.length * 1000);
    const rates: string[] = [];
    for (const [phase, workers] of phases.entries()) {
      // Worker w applies the bounces of lane % workers == w, in batches, one after the other.
      const phaseItems = items.slice(phase * BOUNCES, (phase + 1) * BOUNCES);
      const lanes = Array.from({ length: workers }, (_, w) =>
        phaseItems.filter((x) => x.lane % workers === w).map((x) => x.item),
      );
      const batchesPerLane = lanes.map((lane) => {
        const out: BounceItem[][] = [];
        for (let i = 0; i < lane.length; i += BATCH) out.push(lane.slice(i, i + BATCH));
        return out;
      });
      const batchCount = batchesPerLane.reduce((n, b) => n + b.length, 0);
      const latencies: number[] = [];
      let applied = 0;
      let unmatched = 0;
      let blocked = 0;
      // Every pooled connection open before the phase, so that the server processes counted are all there.
      await Promise.all(Array.from({ length: 10 }, () => db.execute(sql`select pg_sleep(0.05)`)));
      const server0 = await serverCpuSeconds(db);
      const load0 = loadAverage();
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      await Promise.all(
        batchesPerLane.map(async (laneBatches) => {
          for (const [n, batch] of laneBatches.entries()) {
            const pids = profile || ab ? [...((await serverCpuSeconds(db)) ?? new Map()).keys()] : [];
            profile?.setPids(pids);
            const variant = ab ? ab.variants[n % 2]! : null;
            if (variant) await db.execute(sql.raw(variant.sql));
            if (variant && process.env.BENCH_AB_ENV) process.env[process.env.BENCH_AB_ENV] = variant.name;
            const [c0, s0] = [process.cpuUsage(), schedNs(pids)];
            const b0 = performance.now();
            const r = await applyBounces(db, TENANT, batch, { verpSecrets: [SECRET], ruleConfig: resolver, now });
            latencies.push(performance.now() - b0);
            // The first batch of each variant warms up (JIT, statements prepared on the connection): not counted.
            if (variant && n >= 2) {
              const c = process.cpuUsage(c0);
              variant.batches++;
              variant.nodeMs += (c.user + c.system) / 1000;
              variant.serverMs += (schedNs(pids) - s0) / 1e6;
              variant.wallMs += performance.now() - b0;
            }
            applied += r.applied;
            unmatched += r.unmatched;
            blocked += r.blocked;
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const nodeCpuMs = (cpu.user + cpu.system) / 1000;
      const server1 = await serverCpuSeconds(db);
      const serverCpuMs =
        server0 && server1
          ? [...server1.entries()].reduce((sum, [pid, sec]) => sum + (sec - (server0.get(pid) ?? 0)), 0) * 1000
          : null;
      latencies.sort((a, b) => a - b);
      const rate = Math.round(phaseItems.length / seconds);
      rates.push(`${rate}/s with ${workers} worker${workers > 1 ? 's' : ''}`);
      console.log(
        `applied ${phaseItems.length} bounces in ${batchCount} batches of ${BATCH} (${workers} worker${workers > 1 ? 's' : ''}` +
          `${workers > 1 ? ' on disjoint addresses' : ''}): ${rate} bounces/s, ` +
          `batch p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms ` +
          `(load average ${load0} before, ${loadAverage()} after)`,
      );
      console.log(
        `  client (Node) CPU ${(nodeCpuMs / batchCount).toFixed(1)} ms per batch` +
          (serverCpuMs === null
            ? '; the rest is PostgreSQL and waiting'
            : `, PostgreSQL CPU ${(serverCpuMs / batchCount).toFixed(1)} ms per batch (steadier than wall time on a busy machine)`),
      );
      console.log(`  -> ${applied} applied, ${unmatched} unmatched, ${blocked} addresses blocked`);
    }
    for (const v of ab?.variants ?? []) {
      console.log(
        `variant ${v.name} (${v.batches} batches): wall ${(v.wallMs / v.batches).toFixed(1)} ms, client (Node) CPU ${(v.nodeMs / v.batches).toFixed(1)} ms, ` +
          `PostgreSQL CPU ${(v.serverMs / v.batches).toFixed(1)} ms per batch (${v.sql})`,
      );
    }
    const [{ audit, outbox, alerts }] = (await queryRows<{ audit: number; outbox: number; alerts: number }>(
      db,
      sql`select (select count(*)::int from audit_log) as audit, (select count(*)::int from outbox) as outbox,
                 (select count(*)::int from sender_alerts) as alerts`,
    )) as [{ audit: number; outbox: number; alerts: number }];
    console.log(`in total: ${audit} audit rows, ${outbox} outbox events, ${alerts} sender alerts; ${rates.join(', ')}`);
    const byType = await queryRows<{ type: string; n: number }>(
      db,
      sql`select type, count(*)::int as n from outbox group by type order by type`,
    );
    console.log(`  events by type: ${byType.map((r) => `${r.type} ${r.n}`).join(', ')}`);

    if (profile) {
      const batches = Math.max(1, Math.ceil(items.length / BATCH));
      const rows = [...profile.stats.entries()].sort((a, b) => b[1].serverMs - a[1].serverMs).slice(0, 25);
      console.log("per batch, by statement (server CPU of the database's backends while it ran; all phases):");
      console.log('  server ms   wall ms  calls  KiB  statement');
      for (const [text, st] of rows) {
        console.log(
          `  ${(st.serverMs / batches).toFixed(1).padStart(9)} ${(st.wallMs / batches).toFixed(1).padStart(9)}` +
            ` ${(st.calls / batches).toFixed(1).padStart(6)} ${(st.bytes / 1024 / batches).toFixed(0).padStart(4)}  ${text}`,
        );
      }
    }

    if (process.env.BENCH_EXTRAS === '0') return;
    // canSend for 1,000 addresses, one query.
    const sample = Array.from({ length: 1000 }, () => sends[Math.floor(random() * sends.length)]!.recipient);
    const c0 = performance.now();
    const answers = await canSendMany(db, TENANT, sample, 'newsletter', 'list-1', { ruleConfig: resolver });
    console.log(
      `canSendMany 1,000 addresses: ${(performance.now() - c0).toFixed(1)} ms (${answers.filter((a) => !a.allowed).length} not allowed)`,
    );

    // Bulk import of 100,000 suppressions.
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ address: `legacy${i}@import.example` }));
    const i0 = performance.now();
    const imported = await importSuppressions(db, TENANT, rows, { actor: 'import', reason: 'bench import' });
    console.log(
      `importSuppressions 100,000 rows: ${((performance.now() - i0) / 1000).toFixed(2)} s (${imported.suppressed} blocked)`,
    );
  } finally {
    await t.drop();
  }
}

await main();
