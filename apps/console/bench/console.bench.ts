/**
 * The console's figures (printed, never asserted): first-page JS gzipped (what the browser loads for /console),
 * time to interactive of that page in Debian's chromium (production build, served pre-compressed by the real API),
 * and suppression-list paging over 1,000,000 blocked addresses (ms per page at the start, middle and end).
 *
 *   pnpm bench:console                          (from the repo root; builds the console first)
 *   BENCH_ADDRESSES=200000 pnpm bench:console   (a smaller list)
 *   BENCH_QUIET_WAIT_SECONDS=900 pnpm bench:console
 *       (the times to interactive on a quiet machine: waits up to that long for the 1-minute load average to fall
 *        below the number of cores before each series; says whether it did. The load is printed with every figure:
 *        on a shared 2-core machine at load 20 a page takes several times as long as alone.)
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CONSOLE_DIR, startStack } from '../e2e/stack';

const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 1_000_000);
const TTI_RUNS = 7;
const PAGE_SIZE = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number) => Math.round(x * 10) / 10;
const QUIET_WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT_SECONDS ?? 0);
const CORES = availableParallelism();
const load = () => loadavg()[0] ?? 0;

/** Waits (up to BENCH_QUIET_WAIT_SECONDS) for the machine to be quiet; returns what the series ran at. */
async function quietMachine(): Promise<string> {
  const deadline = Date.now() + QUIET_WAIT_SECONDS * 1000;
  while (load() >= CORES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5000));
  const quiet = load() < CORES ? 'quiet' : QUIET_WAIT_SECONDS > 0 ? 'NOT quiet after waiting' : 'not waited for quiet';
  return `load ${round(load())} on ${CORES} cores, ${quiet}`;
}

/** Where the time went: when each request started and ended (ms since navigation start), by file (hash removed). */
async function recordPhases(page: Page, phases: Map<string, [number, number][]>): Promise<void> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => [
        new URL(e.name).pathname.replace(/-[\w-]{8}\./, '.'),
        Math.round(e.startTime),
        Math.round((e as PerformanceResourceTiming).responseEnd),
      ]),
  );
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return [Math.round(n.responseEnd), Math.round(n.domContentLoadedEventEnd)];
  });
  for (const [name, start, end] of [['document', 0, nav[0]], ...entries, ['DOMContentLoaded', nav[1], nav[1]]]) {
    const key = String(name);
    phases.set(key, [...(phases.get(key) ?? []), [Number(start), Number(end)]]);
  }
}

function printPhases(title: string, phases: Map<string, [number, number][]>): void {
  console.log(`${title} (median start → end, ms since navigation):`);
  for (const [name, spans] of phases) {
    console.log(`  ${name}: ${median(spans.map((x) => x[0]))} → ${median(spans.map((x) => x[1]))}`);
  }
}

const stack = await startStack();
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  // First page: every script the browser fetches for /console (signed out: the sign-in page), at its .gz size.
  const scripts = new Set<string>();
  const tti: number[] = [];
  const phases = new Map<string, [number, number][]>();
  const signInLoad = await quietMachine();
  for (let run = 0; run < TTI_RUNS; run++) {
    const context = await browser.newContext(); // cold cache every run
    const page = await context.newPage();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(`${stack.baseUrl}/console/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Interactive: the sign-in button is rendered and the main thread is free to handle input.
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))),
    );
    tti.push(ms);
    await recordPhases(page, phases);
    await context.close();
  }
  // Signed in (the page operators open every day): the overview with its first chart drawn, cold HTTP cache, the
  // session cookie and the signed-in hint of an earlier visit.
  const signIn = await browser.newContext();
  const signInPage = await signIn.newPage();
  await signInPage.goto(`${stack.baseUrl}/console/`);
  await signInPage.getByLabel('E-mail').fill(stack.email);
  await signInPage.getByRole('textbox', { name: 'Password' }).fill(stack.password);
  await signInPage.getByRole('button', { name: 'Sign in' }).click();
  await signInPage.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
  const storageState = await signIn.storageState();
  await signIn.close();
  const overviewTti: number[] = [];
  const overviewPhases = new Map<string, [number, number][]>();
  const overviewLoad = await quietMachine();
  for (let run = 0; run < TTI_RUNS; run++) {
    const context = await browser.newContext({ storageState });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/console/`);
    await page.locator('main canvas').first().waitFor();
    overviewTti.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
          ),
      ),
    );
    await recordPhases(page, overviewPhases);
    await context.close();
  }
  await browser.close();
  let jsGzip = 0;
  let jsRaw = 0;
  for (const path of scripts) {
    const file = join(CONSOLE_DIR, path.replace(/^\/console\//, ''));
    jsRaw += statSync(file).size;
    jsGzip += statSync(`${file}.gz`).size;
  }
  console.log(
    `first page JS: ${scripts.size} file(s), ${round(jsGzip / 1024)} kB gzipped (${round(jsRaw / 1024)} kB raw)`,
  );
  console.log(
    `first page time to interactive (cold cache, median of ${TTI_RUNS}): ${Math.round(median(tti))} ms (min ${Math.round(Math.min(...tti))}, max ${Math.round(Math.max(...tti))}); ${signInLoad}, after: load ${round(load())}`,
  );

  console.log(
    `signed in: overview with its first chart, interactive (cold cache, median of ${TTI_RUNS}): ${Math.round(median(overviewTti))} ms (min ${Math.round(Math.min(...overviewTti))}, max ${Math.round(Math.max(...overviewTti))}); ${overviewLoad}, after: load ${round(load())}`,
  );
  printPhases('first page requests', phases);
  printPhases('signed in, overview requests', overviewPhases);
  // BENCH_ADDRESSES=0: the first page only.
  if (ADDRESSES > 0) {
    // 1,000,000 blocked addresses for the tenant, written in one statement (psql: no client library needed).
    const seedStart = performance.now();
    await promisify(execFile)('psql', [
      stack.databaseUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `insert into addresses (tenant_id, address, domain, state, suppression_reason, suppression_detail, suppressed_at)
     select '${stack.tenant}', 'user' || g || '@d' || (g % 997) || '.example', 'd' || (g % 997) || '.example', 'blocked',
            'import', 'bench', now() - (g || ' seconds')::interval
     from generate_series(1, ${ADDRESSES}) g`,
      '-c',
      'analyze addresses',
    ]);
    console.log(`seeded ${ADDRESSES} blocked addresses in ${Math.round((performance.now() - seedStart) / 1000)} s`);

    const get = async (query: Record<string, string>) => {
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/v1/suppressions?${new URLSearchParams(query)}`, {
        headers: { authorization: `Bearer ${stack.apiKey}` },
      });
      const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    for (const sort of ['suppressedAt', 'address'] as const) {
      // Walk the whole list in pages of 500 to reach the middle (keyset: a cursor is a position, not an offset) and
      // time pages of the console's size (50) at the start, at the middle and at the end (the first page reversed).
      const timeAt = async (cursor: string | undefined, order?: 'asc' | 'desc') => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const { ms } = await get({
            sort,
            limit: String(PAGE_SIZE),
            ...(cursor ? { cursor } : {}),
            ...(order ? { order } : {}),
          });
          times.push(ms);
        }
        return median(times);
      };
      const start = await timeAt(undefined);
      let cursor: string | null = null;
      let seen = 0;
      const walkTimes: number[] = [];
      while (seen < ADDRESSES / 2) {
        const { ms, body } = await get({ sort, limit: '500', ...(cursor ? { cursor } : {}) });
        walkTimes.push(ms);
        seen += body.items.length;
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      const middle = await timeAt(cursor ?? undefined);
      const reverse = sort === 'address' ? 'desc' : 'asc';
      const end = await timeAt(undefined, reverse);
      console.log(
        `suppression list by ${sort}, ${PAGE_SIZE} per page (median of 5): start ${round(start)} ms, middle (row ${seen}) ${round(middle)} ms, end ${round(end)} ms; ` +
          `walk to the middle in pages of 500: first ${round(median(walkTimes.slice(0, 20)))} ms, last ${round(median(walkTimes.slice(-20)))} ms per page`,
      );
    }
  }
} finally {
  await stack.stop();
}
