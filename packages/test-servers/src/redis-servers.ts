/**
 * Real Redis topologies for the scale tests: a 3-master Redis Cluster, and a master + replica watched by three
 * Sentinels. Debian's redis-server and redis-sentinel binaries on free loopback ports, config rendered from
 * infra/test-servers/redis, one temp directory per start. The machine's Redis on 6379 is never touched.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_DIR } from './mail-servers.js';
import { getFreePorts, waitForPort } from './ports.js';
import { run, tailFile } from './processes.js';
import { renderTemplateFile } from './render-template.js';
import { createServerGroup, type GroupProcess } from './server-group.js';

const HOST = '127.0.0.1';

export class RedisServerError extends Error {
  override readonly name = 'RedisServerError';
}

export type RedisNode = { host: string; port: number };

export type RedisCluster = {
  /** Seed nodes for `new Cluster(nodes)` (every master). */
  nodes: RedisNode[];
  dir: string;
  /** `redis-cli` against one node, e.g. `cli(port, 'cluster', 'info')`. */
  cli: (port: number, ...args: string[]) => Promise<string>;
  logs: () => string;
  stop: () => Promise<void>;
};

export type RedisSentinelSet = {
  /** Name the Sentinels monitor the master under (ioredis `name`). */
  masterName: string;
  /** The three Sentinels (ioredis `sentinels`). */
  sentinels: RedisNode[];
  /** The nodes as started: the first is the initial master, the second its replica. */
  nodes: RedisNode[];
  dir: string;
  /** Where the Sentinels say the master is now (the first Sentinel that answers). */
  currentMaster: () => Promise<RedisNode>;
  /** Crashes the node that is master now (SIGKILL) and returns it; the Sentinels then promote the replica. */
  killMaster: () => Promise<RedisNode>;
  /** Starts a killed node again on its port and data directory (it rejoins as a replica of the new master). */
  restart: (node: RedisNode) => Promise<void>;
  /** Resolves once the Sentinels report a master other than `previous`, with the time it took from the call. */
  waitForFailover: (previous: RedisNode, timeoutMs?: number) => Promise<{ master: RedisNode; ms: number }>;
  cli: (port: number, ...args: string[]) => Promise<string>;
  logs: () => string;
  stop: () => Promise<void>;
};

function preflight(binaries: string[]): void {
  for (const binary of binaries) {
    if (!existsSync(binary)) {
      throw new RedisServerError(
        `${binary} is missing: run scripts/install-system-deps.sh (redis-server, redis-sentinel, redis-tools)`,
      );
    }
  }
}

const cliFor = (port: number, ...args: string[]) =>
  run('redis-cli', ['-h', HOST, '-p', String(port), '--no-auth-warning', ...args], { timeoutMs: 10_000 });

function groupLogs(processes: GroupProcess[]): string {
  return processes.map((p) => `--- ${p.name} ---\n${tailFile(p.logFile, 20)}`).join('\n');
}

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (Date.now() > deadline) throw new RedisServerError(`${what} after ${timeoutMs} ms ${lastError}`.trim());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts three masters in cluster mode (no replicas: the slot ranges are split three ways by `redis-cli --cluster
 * create`) and waits until every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisCluster> {
  preflight(['/usr/bin/redis-server', '/usr/bin/redis-cli']);
  const count = options.masters ?? 3;
  const group = await createServerGroup('redis-cluster');
  const processes: GroupProcess[] = [];
  try {
    const ports = await getFreePorts(count * 2);
    const nodes: RedisNode[] = [];
    for (let i = 0; i < count; i++) {
      const port = ports[i]!;
      const busPort = ports[count + i]!;
      const dir = join(group.dir, `node-${port}`);
      await mkdir(dir, { recursive: true });
      const conf = join(dir, 'redis.conf');
      await writeFile(
        conf,
        renderTemplateFile(join(TEMPLATE_DIR, 'redis/cluster-node.conf'), { PORT: port, BUS_PORT: busPort, DIR: dir }),
      );
      processes.push(group.spawn(`redis-${port}`, '/usr/bin/redis-server', [conf], { ports: [port, busPort] }));
      nodes.push({ host: HOST, port });
    }
    await Promise.all(
      processes.map((p, i) =>
        waitForPort(nodes[i]!.port, { open: true, timeoutMs: 15_000, isAborted: () => p.exited() }),
      ),
    );
    await run(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => `${n.host}:${n.port}`), '--cluster-yes', '--cluster-replicas', '0'],
      { timeoutMs: 30_000 },
    );
    for (const node of nodes) {
      await poll(`node ${node.port} never reported cluster_state:ok`, 20_000, async () =>
        /cluster_state:ok/.test(await cliFor(node.port, 'cluster', 'info')) ? true : undefined,
      );
    }
    return {
      nodes,
      dir: group.dir,
      cli: cliFor,
      logs: () => groupLogs(processes),
      stop: () => group.stop(),
    };
  } catch (err) {
    const logs = groupLogs(processes);
    await group.stop();
    throw new RedisServerError(`Redis Cluster did not start: ${(err as Error).message}\n${logs}`);
  }
}

/**
 * Starts a master, one replica and three Sentinels (quorum 2) and waits until every Sentinel knows the replica and
 * its two peers, so a failover can start as soon as the master is down for `downAfterMs` (default 1 s).
 */
export async function startRedisSentinel(
  options: { masterName?: string; downAfterMs?: number } = {},
): Promise<RedisSentinelSet> {
  preflight(['/usr/bin/redis-server', '/usr/bin/redis-sentinel', '/usr/bin/redis-cli']);
  const masterName = options.masterName ?? 'bounce';
  const group = await createServerGroup('redis-sentinel');
  const processes: GroupProcess[] = [];
  const byPort = new Map<number, { conf: string; process: GroupProcess }>();
  try {
    const [masterPort, replicaPort, ...sentinelPorts] = await getFreePorts(5);
    const nodes: RedisNode[] = [
      { host: HOST, port: masterPort! },
      { host: HOST, port: replicaPort! },
    ];
    const startNode = (port: number, conf: string) => {
      const proc = group.spawn(`redis-${port}`, '/usr/bin/redis-server', [conf], { ports: [port] });
      processes.push(proc);
      byPort.set(port, { conf, process: proc });
      return waitForPort(port, { open: true, timeoutMs: 15_000, isAborted: () => proc.exited() });
    };
    for (const [i, node] of nodes.entries()) {
      const dir = join(group.dir, `node-${node.port}`);
      await mkdir(dir, { recursive: true });
      const conf = join(dir, 'redis.conf');
      let text = renderTemplateFile(join(TEMPLATE_DIR, 'redis/sentinel-node.conf'), { PORT: node.port, DIR: dir });
      if (i === 1) text += `replicaof ${HOST} ${masterPort}\n`;
      await writeFile(conf, text);
      await startNode(node.port, conf);
    }
    const sentinels: RedisNode[] = sentinelPorts.map((port) => ({ host: HOST, port }));
    for (const sentinel of sentinels) {
      const dir = join(group.dir, `sentinel-${sentinel.port}`);
      await mkdir(dir, { recursive: true });
      const conf = join(dir, 'sentinel.conf');
      await writeFile(
        conf,
        renderTemplateFile(join(TEMPLATE_DIR, 'redis/sentinel.conf'), {
          PORT: sentinel.port,
          DIR: dir,
          MASTER_NAME: masterName,
          MASTER_PORT: masterPort!,
          DOWN_AFTER_MS: options.downAfterMs ?? 1_000,
        }),
      );
      const proc = group.spawn(`sentinel-${sentinel.port}`, '/usr/bin/redis-sentinel', [conf], {
        ports: [sentinel.port],
      });
      processes.push(proc);
      await waitForPort(sentinel.port, { open: true, timeoutMs: 15_000, isAborted: () => proc.exited() });
    }
    // Replication link up, and every Sentinel sees the replica and both peers (hello messages every 2 s).
    await poll('the replica never synced', 20_000, async () =>
      /master_link_status:up/.test(await cliFor(replicaPort!, 'info', 'replication')) ? true : undefined,
    );
    for (const sentinel of sentinels) {
      await poll(`sentinel ${sentinel.port} never saw its peers and the replica`, 30_000, async () => {
        const info = parseFlatReply(await cliFor(sentinel.port, 'sentinel', 'master', masterName));
        return info['num-other-sentinels'] === '2' && info['num-slaves'] === '1' ? true : undefined;
      });
    }

    const currentMaster = async (): Promise<RedisNode> => {
      let lastError: unknown;
      for (const sentinel of sentinels) {
        try {
          const [host, port] = (await cliFor(sentinel.port, 'sentinel', 'get-master-addr-by-name', masterName)).split(
            '\n',
          );
          if (host && port) return { host: host.trim(), port: Number(port.trim()) };
        } catch (err) {
          lastError = err;
        }
      }
      throw new RedisServerError(`no Sentinel knows the master: ${String(lastError)}`);
    };

    return {
      masterName,
      sentinels,
      nodes,
      dir: group.dir,
      currentMaster,
      async killMaster() {
        const master = await currentMaster();
        const entry = byPort.get(master.port);
        if (!entry) throw new RedisServerError(`the master ${master.port} is not one of this set's nodes`);
        await group.kill(entry.process);
        return master;
      },
      async restart(node) {
        const entry = byPort.get(node.port);
        if (!entry) throw new RedisServerError(`${node.port} is not one of this set's nodes`);
        await startNode(node.port, entry.conf);
      },
      async waitForFailover(previous, timeoutMs = 30_000) {
        const started = Date.now();
        const master = await poll('the Sentinels never promoted a new master', timeoutMs, async () => {
          const now = await currentMaster();
          if (now.port === previous.port) return undefined;
          // Promoted, and accepting writes (no longer a read-only replica).
          return /role:master/.test(await cliFor(now.port, 'info', 'replication')) ? now : undefined;
        });
        return { master, ms: Date.now() - started };
      },
      cli: cliFor,
      logs: () => groupLogs(processes),
      stop: () => group.stop(),
    };
  } catch (err) {
    const logs = groupLogs(processes);
    await group.stop();
    throw new RedisServerError(`Redis Sentinel set did not start: ${(err as Error).message}\n${logs}`);
  }
}

/** `SENTINEL MASTER` answers field, value, field, value... one per line in redis-cli's raw output. */
function parseFlatReply(text: string): Record<string, string> {
  const lines = text.trim().split('\n');
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) out[lines[i]!.trim()] = lines[i + 1]!.trim();
  return out;
}
