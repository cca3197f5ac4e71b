/**
 * A TCP proxy between a client and a server (PostgreSQL in the fault tests), so a test can make the server
 * unavailable without touching the machine's server. `cut()` resets every open connection and refuses new ones
 * until `restore()`: what clients see when the server restarts or the network between them drops.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type TcpProxy = {
  port: number;
  /** Connections accepted so far (refused ones not counted). */
  connections: () => number;
  /** Reset every open connection and refuse new ones. */
  cut: () => void;
  /** Accept connections again. */
  restore: () => void;
  isCut: () => boolean;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let accepted = 0;

  const server: Server = createServer((client) => {
    if (isCut) {
      // RST rather than FIN: the client sees ECONNRESET at once, as with a server that is down.
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = createConnection({ host: target.host, port: target.port });
    open.add(client);
    open.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    connections: () => accepted,
    cut: () => {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore: () => {
      isCut = false;
    },
    isCut: () => isCut,
    close: async () => {
      for (const socket of open) socket.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same PostgreSQL URL, through the proxy. */
export function viaProxy(databaseUrl: string, proxy: Pick<TcpProxy, 'port'>): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}
