/**
 * A real Prometheus (Debian's prometheus) on a free loopback port that scrapes the given targets and evaluates the
 * given rule files, configured from infra/test-servers/prometheus. Its HTTP API answers the tests' queries.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_DIR } from './mail-servers.js';
import { getFreePort, waitForPort } from './ports.js';
import { tailFile } from './processes.js';
import { renderTemplateFile } from './render-template.js';
import { createServerGroup } from './server-group.js';

const BINARY = '/usr/bin/prometheus';

export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
}

export type ScrapeJob = {
  job: string;
  /** host:port of each `/metrics` endpoint. */
  targets: string[];
  labels?: Record<string, string>;
};

export type PrometheusOptions = {
  jobs: ScrapeJob[];
  /** Absolute paths of rule files to evaluate. */
  ruleFiles?: string[];
  /** Scrape and rule evaluation interval. Default 1 s (production: 15-30 s). */
  intervalSeconds?: number;
};

export type PromSample = { metric: Record<string, string>; value: [number, string] };
export type PromTarget = {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
};
export type PromAlert = { labels: Record<string, string>; state: 'pending' | 'firing' | 'inactive' };
export type PromRuleGroup = { name: string; rules: { name: string; type: string; health: string; query: string }[] };

export type Prometheus = {
  url: string;
  /** Instant query; rejects when Prometheus reports an error. */
  query: (expr: string) => Promise<PromSample[]>;
  targets: () => Promise<PromTarget[]>;
  /** Resolves once every configured target has been scraped successfully at least once. */
  waitForTargetsUp: (timeoutMs?: number) => Promise<PromTarget[]>;
  /** Metric names with metadata (# HELP / # TYPE) from the scrapes: includes metrics that have no series yet. */
  metadata: () => Promise<Record<string, { type: string; help: string }[]>>;
  alerts: () => Promise<PromAlert[]>;
  rules: () => Promise<PromRuleGroup[]>;
  logs: () => string;
  stop: () => Promise<void>;
};

export async function startPrometheus(options: PrometheusOptions): Promise<Prometheus> {
  if (!existsSync(BINARY)) throw new PrometheusError(`${BINARY} is missing: run scripts/install-system-deps.sh`);
  const group = await createServerGroup('prometheus');
  const port = await getFreePort();
  const interval = `${options.intervalSeconds ?? 1}s`;
  const config = join(group.dir, 'prometheus.yml');
  await writeFile(
    config,
    renderTemplateFile(join(TEMPLATE_DIR, 'prometheus/prometheus.yml.tmpl'), {
      SCRAPE_INTERVAL: JSON.stringify(interval),
      SCRAPE_TIMEOUT: JSON.stringify(interval),
      EVALUATION_INTERVAL: JSON.stringify(interval),
      RULE_FILES: JSON.stringify(options.ruleFiles ?? []),
      SCRAPE_CONFIGS: JSON.stringify(
        options.jobs.map((j) => ({
          job_name: j.job,
          static_configs: [{ targets: j.targets, labels: j.labels ?? {} }],
        })),
      ),
    }),
  );
  const proc = group.spawn(
    'prometheus',
    BINARY,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(group.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      '--log.level=warn',
    ],
    { ports: [port] },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForPort(port, { open: true, timeoutMs: 30_000, isAborted: () => proc.exited() });
  } catch (err) {
    const log = tailFile(proc.logFile);
    await group.stop();
    throw new PrometheusError(`Prometheus did not start: ${(err as Error).message}\n${log}`);
  }

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new PrometheusError(`${path}: ${body.error ?? res.status}`);
    return body.data;
  };
  const targets = async () =>
    (await api<{ activeTargets: PromTarget[] }>('/api/v1/targets?state=active')).activeTargets;
  const expected = options.jobs.reduce((n, j) => n + j.targets.length, 0);

  return {
    url,
    query: async (expr) =>
      (await api<{ result: PromSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    targets,
    async waitForTargetsUp(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = await targets();
        if (now.length === expected && now.every((t) => t.health === 'up')) return now;
        if (Date.now() > deadline) {
          throw new PrometheusError(
            `targets not all up after ${timeoutMs} ms: ${now.map((t) => `${t.scrapeUrl} ${t.health} ${t.lastError}`).join('; ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    metadata: () => api('/api/v1/metadata'),
    alerts: async () => (await api<{ alerts: PromAlert[] }>('/api/v1/alerts')).alerts,
    rules: async () => (await api<{ groups: PromRuleGroup[] }>('/api/v1/rules')).groups,
    logs: () => tailFile(proc.logFile),
    stop: () => group.stop(),
  };
}
