import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export type HealthCheck = { name: string; check: () => Promise<void> };

export type HealthServer = { server: Server; port: number; registry: Registry; close: () => Promise<void> };

/** A fresh registry per process (default Node metrics included), passed to every module that records metrics. */
export function createMetricsRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** A dependency check that does not answer within this time has failed. */
const CHECK_TIMEOUT_MS = 2_000;

type CheckResult = { name: string; ok: boolean; error?: string };

function runChecks(checks: HealthCheck[]): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(c.check(), CHECK_TIMEOUT_MS);
        return { name: c.name, ok: true };
      } catch (err) {
        return { name: c.name, ok: false, error: (err as Error).message };
      }
    }),
  );
}

/**
 * `/healthz` (liveness: the event loop answers), `/readyz` (each dependency check passes within 2 s) and
 * `/metrics` (Prometheus text format), where `bounce_dependency_up{check}` repeats the readiness checks at each
 * scrape: a dependency that stays down, or comes and goes (a reconnect loop), is visible to alerts. Port 0 picks a
 * free port (tests).
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  checks?: HealthCheck[];
}): Promise<HealthServer> {
  const checks = options.checks ?? [];
  if (checks.length > 0 && !options.registry.getSingleMetric('bounce_dependency_up')) {
    new Gauge({
      name: 'bounce_dependency_up',
      help: '1 when the readiness check of a dependency (postgres, redis) passes within 2 s, else 0; run at each scrape',
      labelNames: ['check'],
      registers: [options.registry],
      async collect() {
        for (const r of await runChecks(checks)) this.set({ check: r.name }, r.ok ? 1 : 0);
      },
    });
  }
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url === '/readyz') {
      void runChecks(checks).then((results) => {
        const ok = results.every((r) => r.ok);
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks: results }));
      });
      return;
    }
    if (url === '/metrics') {
      void options.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    registry: options.registry,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
