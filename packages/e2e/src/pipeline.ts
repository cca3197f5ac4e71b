/**
 * The running system for one test file or benchmark run: a private Postfix + Dovecot (@bounce/test-servers), a
 * fresh PostgreSQL database, a tenant, a unique BullMQ prefix (on the shared Redis, or on a private redis-server),
 * and the worker apps as child processes configured through their environment. `close()` takes everything down
 * again (processes, servers, database, Redis keys, temp dirs), also after a failed test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import { createMailbox, createTenant, type Mailbox, type NewMailbox, recordSends } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import type { RedisConnection } from '@bounce/queue';
import {
  ALL_QUEUE_KEYS,
  closeQueues,
  createRedis,
  openQueues,
  type QueueKey,
  type QueueSet,
  type RedisTopology,
} from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { makeReturnPath } from '@bounce/rules';
import {
  type MailServerOptions,
  type MailServers,
  startMailServers,
  startTcpProxy,
  type TcpProxy,
  viaProxy,
} from '@bounce/test-servers';
import { createRunDir, type RunDir } from './run-dir.js';
import { WORKER_APPS, type WorkerName, WorkerProcess } from './worker-process.js';

/** The machine's Redis (shared with other test files: everything here lives under a unique prefix). */
export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TENANT_ID = 'acme';
/** Local part of the VERP return paths: DSNs to bounces+<token>@mta.test land in the bounce mailbox. */
const VERP_LOCAL_PART = 'bounces';

export type PipelineOptions = {
  /** Names the database, prefix and temp dir (e.g. "e2e", "faults", "bench"). */
  label: string;
  /** Redis for the workers and the test. Default the shared one. */
  redisUrl?: string;
  /** A Sentinel set or a Redis Cluster instead (the workers get REDIS_SENTINELS... or REDIS_CLUSTER_NODES). */
  redisTopology?: RedisTopology;
  /** Put a TCP proxy between the workers and PostgreSQL (the test's own connection stays direct). */
  proxyDatabase?: boolean;
  /** The workers' database URL from the test database's (e.g. through PgBouncer); the test's own stays direct. */
  databaseVia?: (databaseUrl: string) => string;
  /** Extra variables per worker (`all` applies to every worker). */
  env?: Partial<Record<WorkerName | 'all', Record<string, string>>>;
  mailServers?: MailServerOptions;
  /**
   * Worker LOG_LEVEL. Default info (kept in memory, shown when a test fails). Not above info: starting a worker
   * waits for its "process started" line.
   */
  logLevel?: string;
  /** A run directory made by the caller (to share it with a private Redis); default a new one. */
  runDir?: RunDir;
  /** Extra node flags for every worker (profiling: --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  /** How long each worker may take to start. Default WorkerProcess's (60 s). */
  startTimeoutMs?: number;
};

export type SentBounceProbe = { sendId: string; messageId: string; returnPath: string; recipient: string };

export type Pipeline = {
  servers: MailServers;
  db: TestDatabase;
  /** Worker-role connection of the test itself (inspection, fetch-now requests). */
  redis: RedisConnection;
  redisUrl: string;
  prefix: string;
  queues: QueueSet<QueueKey>;
  tenantId: string;
  secrets: SecretBox;
  /** SECRETS_KEY of the workers (base64), for another process beside them (the API). */
  secretsKey: string;
  verpSecret: string;
  /** REDIS_URL, the topology's variables and QUEUE_PREFIX: what another process needs to share the queues. */
  queueEnv: Record<string, string>;
  /** The URL the workers use (through the proxy when there is one). */
  workerDatabaseUrl: string;
  proxy: TcpProxy | undefined;
  runDir: RunDir;
  workers: Record<WorkerName, WorkerProcess>;
  /** A mailbox on the test Dovecot's bounce account (STARTTLS, self-signed certificate allowed). */
  createBounceMailbox: (overrides?: Partial<NewMailbox>) => Promise<Mailbox>;
  /** Signed VERP return path for a send id (the rules package's makeReturnPath with the workers' secret). */
  returnPathFor: (sendId: string) => string;
  /**
   * What a sending system does: record the send (with its own id, so the return path can carry it), then submit
   * the message to Postfix with the VERP return path, so the DSN comes back to bounces+token@mta.test.
   */
  sendTracked: (recipient: string, options?: { category?: string; subject?: string }) => Promise<SentBounceProbe>;
  startWorkers: (names?: readonly WorkerName[]) => Promise<void>;
  /** The last log lines of every worker (for failure messages). */
  diagnostics: (lines?: number) => string;
  close: () => Promise<void>;
};

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const runDir = options.runDir ?? (await createRunDir(options.label));
  const cleanups: (() => Promise<unknown>)[] = [];
  // In reverse order of setup, one after the other: workers stop before their database, Redis and mail servers go.
  const cleanup = async () => {
    const errors: unknown[] = [];
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    }
    if (!options.runDir) await runDir.remove();
    if (errors.length > 0) throw new AggregateError(errors, 'pipeline cleanup failed');
  };

  try {
    const [servers, db] = await Promise.all([
      startMailServers(options.mailServers),
      createTestDatabase(`bounce_e2e_${options.label.replace(/\W/g, '_')}`),
    ]);
    cleanups.push(
      () => servers.stop(),
      () => db.drop(),
    );
    await createTenant(db.db, { id: TENANT_ID, name: 'Acme' });

    const proxy = options.proxyDatabase ? await startTcpProxy({ host: '127.0.0.1', port: portOf(db.url) }) : undefined;
    if (proxy) cleanups.push(() => proxy.close());
    const workerDatabaseUrl = options.databaseVia
      ? options.databaseVia(db.url)
      : proxy
        ? viaProxy(db.url, proxy)
        : db.url;

    const redisUrl = options.redisTopology?.url ?? options.redisUrl ?? SHARED_REDIS_URL;
    const redis = createRedis(options.redisTopology ?? redisUrl, 'worker');
    const prefix = `e2e-${options.label}-${randomUUID()}`;
    const queues = openQueues(ALL_QUEUE_KEYS, redis, prefix);
    // Connection errors are expected while a fault test has Redis down; ioredis reconnects by itself.
    redis.on('error', () => {});
    for (const queue of Object.values(queues)) queue.on('error', () => {});
    cleanups.push(async () => {
      await closeQueues(queues);
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    });

    const secretsKey = randomBytes(32).toString('base64');
    const secrets = new SecretBox(secretsKey);
    const verpSecret = randomBytes(24).toString('base64url');
    const queueEnv = {
      ...redisTopologyEnv(options.redisTopology ?? { mode: 'single', url: redisUrl }),
      QUEUE_PREFIX: prefix,
    };
    const common: Record<string, string> = {
      DATABASE_URL: workerDatabaseUrl,
      ...queueEnv,
      LOG_LEVEL: options.logLevel ?? 'info',
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      // Tests stop workers at the end: no need to wait 20 s for a job that the next run would not finish anyway.
      SHUTDOWN_DRAIN_TIMEOUT: '5s',
    };
    const perWorker: Record<WorkerName, Record<string, string>> = {
      fetch: {
        SECRETS_KEY: secretsKey,
        // Seconds instead of the production 30-60 s, so a new or crashed mailbox watcher is picked up quickly.
        IDLE_RESCAN_INTERVAL: '1s',
        IDLE_LOCK_TTL: '6s',
        FETCH_LOCK_TTL: '6s',
        MAILBOX_SYNC_INTERVAL: '2s',
        // The local Dovecot listens on loopback and random ports: allowed explicitly, as an installation would.
        MAILBOX_ALLOWED_NETWORKS: '127.0.0.1',
      },
      // The parse worker files replies delivered to a VERP return path at the send's contact.
      parse: { VERP_SECRETS: verpSecret },
      rules: { VERP_SECRETS: verpSecret, OUTBOX_RELAY_INTERVAL: '500ms' },
      notify: { SECRETS_KEY: secretsKey, WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_RETRY_BASE_DELAY: '1s' },
    };
    const workers = {} as Record<WorkerName, WorkerProcess>;
    for (const name of Object.keys(WORKER_APPS) as WorkerName[]) {
      // Each worker's connections carry its name (pg_stat_activity.application_name): the benchmark attributes
      // PostgreSQL's CPU to the worker that caused it.
      const databaseUrl = withApplicationName(workerDatabaseUrl, applicationName(name));
      workers[name] = new WorkerProcess({
        name,
        runDir,
        nodeArgs: options.nodeArgs,
        ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
        env: { ...common, DATABASE_URL: databaseUrl, ...perWorker[name], ...options.env?.all, ...options.env?.[name] },
      });
    }
    cleanups.push(() => Promise.all(Object.values(workers).map((w) => w.stop(15_000))));

    let mailboxCounter = 0;
    const returnPathFor = (sendId: string) =>
      makeReturnPath({ localPart: VERP_LOCAL_PART, domain: servers.domain, sendId, secret: verpSecret });

    return {
      servers,
      db,
      redis,
      redisUrl,
      prefix,
      queues,
      tenantId: TENANT_ID,
      secrets,
      secretsKey,
      verpSecret,
      queueEnv,
      workerDatabaseUrl,
      proxy,
      runDir,
      workers,
      createBounceMailbox: (overrides = {}) =>
        createMailbox(db.db, secrets, TENANT_ID, {
          name: `bounces-${++mailboxCounter}`,
          host: servers.host,
          port: servers.imapPort,
          tlsMode: 'starttls',
          tlsAllowInvalid: true,
          username: servers.bounceUser,
          secret: servers.bouncePassword,
          ...overrides,
        }),
      returnPathFor,
      sendTracked: async (recipient, opts = {}) => {
        const sendId = randomUUID();
        const messageId = `<${sendId}@app.test>`;
        await recordSends(db.db, TENANT_ID, [
          { id: sendId, messageId, recipient, category: opts.category ?? 'newsletter', sentAt: new Date() },
        ]);
        const returnPath = returnPathFor(sendId);
        await servers.sendMail(returnPath, recipient, {
          messageId,
          subject: opts.subject ?? `${opts.category ?? 'newsletter'} for ${recipient}`,
        });
        return { sendId, messageId, returnPath, recipient };
      },
      startWorkers: async (names = Object.keys(WORKER_APPS) as WorkerName[]) => {
        await Promise.all(names.map((n) => workers[n].start()));
      },
      diagnostics: (lines = 40) =>
        Object.values(workers)
          .map((w) => w.logs(lines))
          .filter(Boolean)
          .join('\n'),
      close: cleanup,
    };
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}

/** The environment that names a Redis topology to a process (the inverse of the runtime's `redisTopologyOf`). */
export function redisTopologyEnv(topology: RedisTopology): Record<string, string> {
  const list = (nodes: readonly { host: string; port: number }[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  switch (topology.mode) {
    case 'single':
      return { REDIS_URL: topology.url };
    case 'sentinel':
      return {
        REDIS_URL: topology.url,
        REDIS_SENTINELS: list(topology.sentinels),
        REDIS_SENTINEL_NAME: topology.name,
        ...(topology.sentinelPassword ? { REDIS_SENTINEL_PASSWORD: topology.sentinelPassword } : {}),
      };
    case 'cluster':
      return { REDIS_URL: topology.url, REDIS_CLUSTER_NODES: list(topology.nodes) };
  }
}

/** application_name of a worker's PostgreSQL connections. */
export function applicationName(worker: WorkerName): string {
  return `${worker}-worker`;
}

function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

function portOf(url: string): number {
  return Number(new URL(url).port || 5432);
}
