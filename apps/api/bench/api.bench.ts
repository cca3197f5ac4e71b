/**
 * API benchmark: `pnpm bench:api [--addresses N] [--requests N] [--duration S] [--connections C]` from the
 * repository root. Prints figures only; nothing here asserts on time.
 *
 * 1. Creates its own PostgreSQL database (createTestDatabase, dropped at the end) and seeds one tenant with N
 *    addresses (default 100,000): 10 % blocked (hard bounces, complaints, manual), 1 % removed from a list, and a
 *    few blocked domains, so canSend meets every kind of state.
 * 2. Starts the API in this process on 127.0.0.1 (port chosen by the OS), with an admin key and a rate limit far
 *    above what the benchmark sends.
 * 3. canSend batch: R sequential POST /v1/can-send requests (default 200) of 1,000 addresses each (known, blocked,
 *    unknown and domain-blocked mixed), over real HTTP, after a warm-up; p50/p95/p99 of the full round trip
 *    (target: p95 < 50 ms).
 * 4. canSend single: autocannon against GET /v1/can-send for D seconds (default 10) with C connections (default
 *    10), rotating addresses; requests/s and latency.
 *
 * On a shared machine the figures vary with what else runs; the database and the benchmark share the same cores.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger, SecretBox } from '@bounce/config';
import { blockDomain, createApiKey, createTenant } from '@bounce/db';
import { createTestDatabase } from '@bounce/db/testing';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    addresses: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const ADDRESSES = Number(values.addresses);
const BATCH_REQUESTS = Number(values.requests);
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const BATCH_SIZE = 1000;
const WARMUP_REQUESTS = 20;
const TENANT = 'bench';
const DEAD_DOMAINS = ['gone1.example', 'gone2.example', 'gone3.example'];

const address = (i: number) => `user${i}@domain${i % 500}.example`;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function seed(db: Awaited<ReturnType<typeof createTestDatabase>>['db']): Promise<void> {
  await createTenant(db, { id: TENANT, name: 'Benchmark' });
  // Set-based seeding: the benchmark measures reads, not the write path (the rules bench does that).
  await db.execute(sql`
    insert into addresses (tenant_id, address, domain, state, consecutive_soft_failures, suppression_reason,
      suppression_detail, suppressed_at, last_bounce_at)
    select ${TENANT}, 'user' || i || '@domain' || (i % 500) || '.example', 'domain' || (i % 500) || '.example',
      case when i % 10 = 0 then 'blocked' else 'active' end,
      case when i % 10 = 0 then 0 else i % 3 end,
      case when i % 10 = 0 then (array['hard-bounce', 'complaint', 'manual', 'escalation'])[1 + (i / 10) % 4] end,
      case when i % 10 = 0 then '550 5.1.1 User unknown' end,
      case when i % 10 = 0 then now() - (i || ' seconds')::interval end,
      case when i % 10 < 3 then now() - (i || ' seconds')::interval end
    from generate_series(0, ${ADDRESSES - 1}) as i`);
  await db.execute(sql`
    insert into list_suppressions (tenant_id, address, list_id, reason)
    select ${TENANT}, 'user' || i || '@domain' || (i % 500) || '.example', 'weekly', 'unsubscribed'
    from generate_series(0, ${ADDRESSES - 1}) as i where i % 100 = 7`);
  for (const domain of DEAD_DOMAINS) await blockDomain(db, TENANT, domain, { actor: 'bench', reason: 'domain gone' });
  await db.execute(sql`analyze`);
}

/** 1,000 addresses: 70 % known (10 % of those blocked), 25 % never seen, 5 % at blocked domains. */
function batch(): string[] {
  return Array.from({ length: BATCH_SIZE }, () => {
    const r = Math.random();
    if (r < 0.7) return address(Math.floor(Math.random() * ADDRESSES));
    if (r < 0.95) return `new-${randomBytes(4).toString('hex')}@fresh.example`;
    return `x${Math.floor(Math.random() * 1000)}@${DEAD_DOMAINS[Math.floor(Math.random() * DEAD_DOMAINS.length)]}`;
  });
}

async function main(): Promise<void> {
  const database = await createTestDatabase('api_bench');
  try {
    const t0 = performance.now();
    await seed(database.db);
    console.log(
      `seeded ${ADDRESSES.toLocaleString('en')} addresses in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const key = (await createApiKey(database.db, { tenantId: TENANT, name: 'bench', scopes: ['read'] })).key;
    const app = await buildApp({
      db: database.db,
      logger: createLogger({ name: 'api-bench', level: 'warn' }),
      config: {
        secretBox: new SecretBox(randomBytes(32).toString('hex')),
        queuePrefix: `api-bench-${randomBytes(4).toString('hex')}`,
        rateLimit: { max: 100_000_000, windowMs: 60_000 },
      },
    });
    // Server-side handling time of each batch (request received → response sent), next to the client's round trip:
    // the client runs in this same process and its fetch and JSON parsing of a 200 KB answer share the CPU.
    const serverMs: number[] = [];
    app.addHook('onResponse', async (request, reply) => {
      if (request.method === 'POST' && request.url === '/v1/can-send') serverMs.push(reply.elapsedTime);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    try {
      // canSend batch of 1,000, sequential round trips over HTTP.
      const bodies = Array.from({ length: WARMUP_REQUESTS + BATCH_REQUESTS }, () =>
        JSON.stringify({ addresses: batch(), category: 'newsletter', list: 'weekly' }),
      );
      const latencies: number[] = [];
      let refused = 0;
      for (const [i, body] of bodies.entries()) {
        const start = performance.now();
        const res = await fetch(`${base}/v1/can-send`, { method: 'POST', headers, body });
        const answer = (await res.json()) as { refused: number };
        const elapsed = performance.now() - start;
        if (res.status !== 200) throw new Error(`canSend batch answered ${res.status}`);
        if (i >= WARMUP_REQUESTS) {
          latencies.push(elapsed);
          refused += answer.refused;
        }
      }
      latencies.sort((a, b) => a - b);
      const server = serverMs.slice(WARMUP_REQUESTS).sort((a, b) => a - b);
      const mean = latencies.reduce((s, v) => s + v, 0) / latencies.length;
      const p95 = percentile(latencies, 95);
      console.log(
        `\ncanSend batch (${BATCH_SIZE} addresses, ${BATCH_REQUESTS} requests after ${WARMUP_REQUESTS} warm-up)`,
      );
      console.log(
        `  p50 ${ms(percentile(latencies, 50))}  p95 ${ms(p95)}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? 0)}  mean ${ms(mean)}`,
      );
      console.log(
        `  server side: p50 ${ms(percentile(server, 50))}  p95 ${ms(percentile(server, 95))}  p99 ${ms(percentile(server, 99))}`,
      );
      console.log(
        `  ${((BATCH_SIZE * 1000) / mean).toFixed(0)} addresses/s per connection; ${(refused / BATCH_REQUESTS).toFixed(0)} refused per batch`,
      );
      console.log(
        `  target p95 < 50 ms (round trip): ${p95 < 50 ? 'met' : 'NOT met'}; load average ${loadavg()[0]?.toFixed(2)}`,
      );

      // canSend single with autocannon.
      let n = 0;
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { authorization: `Bearer ${key}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              n++;
              const a = n % 20 === 0 ? `new${n}@fresh.example` : address((n * 7919) % ADDRESSES);
              return { ...req, path: `/v1/can-send?address=${encodeURIComponent(a)}&category=newsletter` };
            },
          },
        ],
      });
      console.log(`\ncanSend single (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s)`);
      console.log(
        `  ${result.requests.average.toFixed(0)} requests/s (mean), ${result.requests.total.toLocaleString('en')} requests, ` +
          `${result.non2xx} non-2xx, ${result.errors} errors`,
      );
      console.log(
        `  latency p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms`,
      );
      // autocannon stops on time with requests still in the server: let them finish before the database goes.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
  }
}

await main();
