import { type Logger, SecretBox } from '@bounce/config';
import { type DatabaseHandle, listAllMailboxes, openDatabase } from '@bounce/db';
import type { ImapClientOptions } from '@bounce/mailbox-access';
import {
  closeQueues,
  closeWorker,
  createQueueMetrics,
  createRedis,
  createWorker,
  openQueues,
  type QueueSet,
  syncMailboxSchedules,
} from '@bounce/queue';
import {
  createMetricsRegistry,
  type HealthServer,
  type RunningProcess,
  runProcess,
  startHealthServer,
} from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { FetchWorkerEnv } from './env.js';
import { FetchCoordinator } from './fetch-coordinator.js';
import { createFetchMailboxHandler } from './fetch-mailbox.handler.js';
import { createFetchMetrics } from './fetch-metrics.js';
import { IdleManager } from './idle-watcher.js';

export type FetchWorkerProcess = RunningProcess & {
  healthPort: () => number;
  /** Mailbox ids whose IDLE connection this process holds (tests, diagnostics). */
  idleMailboxes: () => string[];
};

/**
 * The fetch worker process. Up, in order: PostgreSQL pool, Redis, producer queues (fetch-mailbox for schedules and
 * IDLE, parse-messages for fetched batches), health/metrics server, scheduler sync (at start, then every
 * MAILBOX_SYNC_INTERVAL), IDLE watchers, the fetch-mailbox worker. Down in reverse: the worker drains first, then
 * IDLE connections close, then Redis and the pool.
 */
export async function startFetchWorker(
  env: FetchWorkerEnv,
  options: { logger: Logger; handleSignals?: boolean },
): Promise<FetchWorkerProcess> {
  const { logger } = options;
  const registry = createMetricsRegistry({ app: 'fetch-worker' });
  const metrics = createFetchMetrics(registry);
  const secrets = new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS);
  const imap: ImapClientOptions = {
    allowInsecureRemote: env.IMAP_ALLOW_INSECURE_REMOTE,
    connectTimeoutMs: env.IMAP_CONNECT_TIMEOUT,
    socketTimeoutMs: env.IMAP_SOCKET_TIMEOUT,
  };
  let database!: DatabaseHandle;
  let redis!: Redis;
  let queues!: QueueSet<'fetchMailbox' | 'parseMessages'>;
  let health: HealthServer | undefined;
  let syncTimer: NodeJS.Timeout | undefined;
  let idle: IdleManager | undefined;
  let worker: Worker | undefined;

  const syncSchedules = async () => {
    try {
      const result = await syncMailboxSchedules(queues.fetchMailbox, await listAllMailboxes(database.db));
      if (result.created + result.updated + result.removed > 0) logger.info({ result }, 'mailbox schedules synced');
    } catch (err) {
      logger.error({ err }, 'mailbox schedule sync failed');
    }
  };

  const running = await runProcess({
    name: 'fetch-worker',
    logger,
    handleSignals: options.handleSignals,
    shutdownTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT + 10_000,
    subsystems: [
      {
        name: 'database',
        start: () => {
          database = openDatabase({ url: env.DATABASE_URL, maxConnections: env.DATABASE_POOL_SIZE });
        },
        stop: () => database.close(),
      },
      {
        name: 'redis',
        start: () => {
          redis = createRedis(env.REDIS_URL, 'worker');
        },
        stop: async () => {
          await redis.quit();
        },
      },
      {
        name: 'queues',
        start: () => {
          queues = openQueues(['fetchMailbox', 'parseMessages'], redis, env.QUEUE_PREFIX);
        },
        stop: () => closeQueues(queues),
      },
      {
        name: 'health',
        start: async () => {
          health = await startHealthServer({
            port: env.HEALTH_PORT,
            host: env.HEALTH_HOST,
            registry,
            checks: [
              { name: 'postgres', check: async () => void (await database.db.execute(sql`select 1`)) },
              { name: 'redis', check: async () => void (await redis.ping()) },
            ],
          });
        },
        stop: () => health?.close(),
      },
      {
        name: 'mailbox schedules',
        start: async () => {
          await syncSchedules();
          if (env.MAILBOX_SYNC_INTERVAL > 0) {
            syncTimer = setInterval(() => void syncSchedules(), env.MAILBOX_SYNC_INTERVAL);
            syncTimer.unref();
          }
        },
        stop: () => clearInterval(syncTimer),
      },
      {
        name: 'idle watchers',
        start: async () => {
          if (!env.IDLE_ENABLED) return;
          idle = new IdleManager({
            db: database.db,
            secrets,
            redis,
            prefix: env.QUEUE_PREFIX,
            fetchQueue: queues.fetchMailbox,
            logger,
            metrics,
            imap,
            lockTtlMs: env.IDLE_LOCK_TTL,
            rescanIntervalMs: env.IDLE_RESCAN_INTERVAL,
          });
          await idle.start();
        },
        stop: () => idle?.stop(),
      },
      {
        name: 'fetch-mailbox worker',
        start: () => {
          const handler = createFetchMailboxHandler({
            db: database.db,
            secrets,
            parseQueue: queues.parseMessages,
            metrics,
            batchSize: env.FETCH_BATCH_SIZE,
            batchMaxBytes: env.FETCH_BATCH_MAX_BYTES,
            imap,
            coordinator: new FetchCoordinator(redis, env.QUEUE_PREFIX, env.FETCH_LOCK_TTL),
          });
          worker = createWorker('fetchMailbox', handler, {
            connection: redis,
            prefix: env.QUEUE_PREFIX,
            concurrency: env.FETCH_CONCURRENCY,
            logger,
            metrics: createQueueMetrics(registry),
            autorun: false,
          });
          void worker.run().catch((err) => logger.error({ err }, 'fetch worker stopped with an error'));
        },
        stop: async () => {
          if (worker) await closeWorker(worker, { drainTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT, logger });
        },
      },
    ],
  });
  return { ...running, healthPort: () => health?.port ?? 0, idleMailboxes: () => idle?.watching() ?? [] };
}
