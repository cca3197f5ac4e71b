import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Prometheus, startPrometheus } from './prometheus.js';

const EXPOSITION = `# HELP demo_jobs_total Jobs done
# TYPE demo_jobs_total counter
demo_jobs_total{queue="parse"} 42
# HELP demo_unused_total A labelled counter nothing incremented yet
# TYPE demo_unused_total counter
`;

describe('Prometheus', () => {
  let target: Server;
  let prom: Prometheus;
  const rules = join(tmpdir(), `bounce-prom-test-${process.pid}.yml`);
  beforeAll(async () => {
    target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(EXPOSITION));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    await writeFile(
      rules,
      'groups:\n- name: demo\n  rules:\n  - alert: DemoJobsDone\n    expr: demo_jobs_total > 10\n',
    );
    prom = await startPrometheus({ jobs: [{ job: 'demo', targets: [`127.0.0.1:${port}`] }], ruleFiles: [rules] });
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await new Promise((r) => target?.close(r));
  });

  it('scrapes a target, answers queries, keeps metadata of series-less metrics and evaluates rules', async () => {
    const [up] = await prom.waitForTargetsUp();
    expect(up!.labels.job).toBe('demo');
    let samples = await prom.query('demo_jobs_total');
    for (let i = 0; samples.length === 0 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 200));
      samples = await prom.query('demo_jobs_total');
    }
    expect(samples[0]!.metric.queue).toBe('parse');
    expect(samples[0]!.value[1]).toBe('42');
    const metadata = await prom.metadata();
    expect(metadata.demo_unused_total?.[0]?.type).toBe('counter');
    const deadline = Date.now() + 20_000;
    let firing = false;
    while (!firing && Date.now() < deadline) {
      firing = (await prom.alerts()).some((a) => a.labels.alertname === 'DemoJobsDone' && a.state === 'firing');
      if (!firing) await new Promise((r) => setTimeout(r, 200));
    }
    expect(firing).toBe(true);
  }, 60_000);
});
