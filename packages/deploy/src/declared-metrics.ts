/**
 * The metric families the processes of this repository export: every prom-client metric declared in the sources of
 * apps/ and packages/ (`new Counter({ name: '...' })` and friends), plus Node's default metrics that
 * `createMetricsRegistry` collects, taken from prom-client itself. The scrape test (packages/e2e) checks the same
 * names against a real Prometheus scraping the running processes; this is the fast, static half.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { REPO_ROOT } from './repo.js';

const DECLARATION = /new (?:Counter|Gauge|Histogram|Summary)\(\{\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g;
/** Series Prometheus adds itself to every target. */
const SCRAPE_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

export type DeclaredMetric = { name: string; file: string };

export function declaredMetrics(root = REPO_ROOT): DeclaredMetric[] {
  const found: DeclaredMetric[] = [];
  for (const top of ['apps', 'packages']) {
    for (const file of sourceFiles(join(root, top))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(DECLARATION)) found.push({ name: match[1]!, file: file.slice(root.length) });
    }
  }
  return found;
}

/** Every family a query may select: declared ones, Node's defaults, Prometheus' own per-target series. */
export function knownMetricFamilies(root = REPO_ROOT): Set<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return new Set([
    ...declaredMetrics(root).map((m) => m.name),
    ...registry.getMetricsAsArray().map((m) => m.name),
    ...SCRAPE_SERIES,
  ]);
}

function* sourceFiles(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) yield path;
  }
}
