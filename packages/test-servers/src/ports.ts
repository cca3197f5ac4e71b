import { createConnection, createServer } from 'node:net';

/**
 * A port the kernel considers free right now (bind to 0, read, close). Another process may take it before the
 * server binds it; `startMailServers` retries with fresh ports when a listener does not come up.
 */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Distinct free ports (a set, so one start never gets the same port twice). */
export async function getFreePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await getFreePort(host));
  return [...ports];
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until the port is open (`open: true`) or closed (`open: false`). Checking the port rather than the process
 * matters here: defunct processes may linger after a stop, so `kill -0` says little (pitfall 6 of the recipe).
 */
export async function waitForPort(
  port: number,
  options: {
    open: boolean;
    host?: string;
    timeoutMs?: number;
    intervalMs?: number;
    isAborted?: () => string | undefined;
  },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if ((await isPortOpen(port, options.host)) === options.open) return;
    const aborted = options.isAborted?.();
    if (aborted) throw new Error(aborted);
    if (Date.now() > deadline) {
      throw new Error(`port ${port} still ${options.open ? 'closed' : 'open'} after ${options.timeoutMs ?? 10_000} ms`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  }
}
