import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsRegistry, type HealthServer, startHealthServer } from './health-server.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('health server', () => {
  it('answers liveness, readiness with failing checks, and metrics', async () => {
    const registry = createMetricsRegistry({ app: 'test' });
    const jobs = new Counter({ name: 'jobs_total', help: 'jobs', registers: [registry] });
    jobs.inc(3);
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      checks: [
        { name: 'ok', check: async () => {} },
        {
          name: 'redis',
          check: async () => {
            throw new Error('connection refused');
          },
        },
      ],
    });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: { name: string; ok: boolean; error?: string }[] };
    expect(body.checks).toEqual([
      { name: 'ok', ok: true },
      { name: 'redis', ok: false, error: 'connection refused' },
    ]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('jobs_total{app="test"} 3');
    // The readiness checks again, as a metric for the alerts.
    expect(metrics).toContain('bounce_dependency_up{check="ok",app="test"} 1');
    expect(metrics).toContain('bounce_dependency_up{check="redis",app="test"} 0');
  });
});
