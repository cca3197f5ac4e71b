/**
 * A real Prometheus (Debian's) on loopback scrapes every worker process of a running pipeline, evaluates the alert
 * rules of infra/prometheus, and proves that every metric the alerts, the Grafana dashboard and the autoscalers
 * select is exported by the processes: from its metadata (# HELP/# TYPE), which Prometheus keeps even for labelled
 * metrics that no event has touched yet.
 */
import { ALERT_RULES_FILE, familyOf, referencedMetrics } from '@bounce/deploy';
import { getFreePorts, type Prometheus, pollUntil, startPrometheus } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, startPipeline } from './pipeline.js';
import { WORKER_APPS, type WorkerName } from './worker-process.js';

const WORKERS = Object.keys(WORKER_APPS) as WorkerName[];
let p: Pipeline;
let prometheus: Prometheus;
const ports = new Map<WorkerName, number>();

beforeAll(async () => {
  const free = await getFreePorts(WORKERS.length);
  for (const [i, w] of WORKERS.entries()) ports.set(w, free[i]!);
  p = await startPipeline({
    label: 'scrape',
    env: Object.fromEntries([
      ['all', { DATABASE_POOL_SIZE: '2' }],
      ...WORKERS.map((w) => [w, { HEALTH_PORT: String(ports.get(w)) }]),
    ]),
  });
  await p.startWorkers();
  prometheus = await startPrometheus({
    jobs: WORKERS.map((w) => ({
      job: `bounce-${w}-worker`,
      targets: [`127.0.0.1:${ports.get(w)}`],
    })),
    ruleFiles: [ALERT_RULES_FILE],
  });
}, 240_000);

afterAll(async () => {
  await prometheus?.stop();
  await p?.close();
}, 120_000);

describe('Prometheus scraping every worker', () => {
  it('scrapes each worker process', async () => {
    const targets = await prometheus.waitForTargetsUp(60_000);
    expect(targets.map((t) => t.labels.job).sort()).toEqual(WORKERS.map((w) => `bounce-${w}-worker`).sort());
    const up = await prometheus.query('up');
    expect(up.every((s) => s.value[1] === '1')).toBe(true);
  });

  it('finds every metric the alerts, the dashboard and the autoscalers select', async () => {
    const references = referencedMetrics();
    const scraped = await pollUntil(
      async () => {
        const metadata = await prometheus.metadata();
        const names = new Set([...Object.keys(metadata), 'up']);
        const missing = references.filter((r) => familyOf(r.metric, names) === undefined);
        return missing.length === 0 ? names : false;
      },
      {
        timeoutMs: 60_000,
        what: 'every referenced metric in the scraped metadata',
        describe: async () => {
          const names = new Set([...Object.keys(await prometheus.metadata()), 'up']);
          const missing = references.filter((r) => familyOf(r.metric, names) === undefined);
          return `missing: ${missing.map((r) => `${r.metric} (${r.usedBy})`).join(', ')}`;
        },
      },
    );
    expect(scraped.size).toBeGreaterThan(20);
  }, 90_000);

  it('reports the depth of every queue a worker consumes, per queue and state', async () => {
    const series = await pollUntil(
      async () => {
        const s = await prometheus.query('bounce_queue_jobs{state="waiting"}');
        return s.length >= 6 ? s : false;
      },
      { timeoutMs: 60_000, what: 'bounce_queue_jobs series' },
    );
    const queues = new Set(series.map((s) => s.metric.queue));
    for (const q of ['fetch-mailbox', 'parse-messages', 'apply-bounces', 'notify-events', 'webhook-deliveries']) {
      expect(queues.has(q), q).toBe(true);
    }
  }, 90_000);

  it('loads and evaluates the alert rules without errors, none firing on a healthy pipeline', async () => {
    const groups = await pollUntil(
      async () => {
        const g = await prometheus.rules();
        const rules = g.flatMap((x) => x.rules);
        return rules.length > 0 && rules.every((r) => r.health === 'ok') ? g : false;
      },
      { timeoutMs: 60_000, what: 'rules evaluated with health ok' },
    );
    expect(groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting').length).toBeGreaterThanOrEqual(7);
    expect((await prometheus.alerts()).filter((a) => a.state === 'firing')).toEqual([]);
  }, 90_000);
});
