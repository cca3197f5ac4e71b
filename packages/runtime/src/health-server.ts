import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

export type HealthCheck = { name: string; check: () => Promise<void> };

export type HealthServer = { server: Server; port: number; registry: Registry; close: () => Promise<void> };

/** A fresh registry per process (default Node metrics included), passed to every module that records metrics. */
export function createMetricsRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * `/healthz` (liveness: the event loop answers), `/readyz` (each dependency check passes within 2 s) and
 * `/metrics` (Prometheus text format). Port 0 picks a free port (tests).
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  checks?: HealthCheck[];
}): Promise<HealthServer> {
  const checks = options.checks ?? [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url === '/readyz') {
      void Promise.all(
        checks.map(async (c) => {
          try {
            await withTimeout(c.check(), 2_000);
            return { name: c.name, ok: true };
          } catch (err) {
            return { name: c.name, ok: false, error: (err as Error).message };
          }
        }),
      ).then((results) => {
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
