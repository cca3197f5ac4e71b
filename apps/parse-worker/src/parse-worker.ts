import type { Logger } from '@bounce/config';
import { type DatabaseHandle, failRawMessages, openDatabase } from '@bounce/db';
import {
  closeQueues,
  closeWorker,
  createQueueMetrics,
  createRedis,
  createWorker,
  openQueues,
  type QueueSet,
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
import type { ParseWorkerEnv } from './env.js';
import { createParseMessagesHandler } from './parse-messages.handler.js';
import { createParseMetrics } from './parse-metrics.js';

export type ParseWorkerProcess = RunningProcess & { healthPort: () => number };

/**
 * The parse worker process: PostgreSQL pool, Redis, the apply-bounces producer, the health/metrics server and the
 * parse-messages worker, started in that order and stopped in reverse (the worker drains first, the pool closes
 * last).
 */
export async function startParseWorker(
  env: ParseWorkerEnv,
  options: { logger: Logger; handleSignals?: boolean },
): Promise<ParseWorkerProcess> {
  const { logger } = options;
  const registry = createMetricsRegistry({ app: 'parse-worker' });
  let database!: DatabaseHandle;
  let redis!: Redis;
  let queues!: QueueSet<'applyBounces'>;
  let health: HealthServer | undefined;
  let worker: Worker | undefined;

  const running = await runProcess({
    name: 'parse-worker',
    logger,
    handleSignals: options.handleSignals,
    // Drain budget plus a margin for the hand-back and closing connections.
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
          queues = openQueues(['applyBounces'], redis, env.QUEUE_PREFIX);
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
        name: 'parse-messages worker',
        start: () => {
          const handler = createParseMessagesHandler({
            db: database.db,
            applyQueue: queues.applyBounces,
            parseOptions: {
              maxBytes: env.PARSE_MAX_BYTES,
              ...(env.CORRELATION_HEADERS.length > 0 ? { correlationHeaders: env.CORRELATION_HEADERS } : {}),
            },
            metrics: createParseMetrics(registry),
          });
          worker = createWorker('parseMessages', handler, {
            connection: redis,
            prefix: env.QUEUE_PREFIX,
            concurrency: env.PARSE_CONCURRENCY,
            logger,
            metrics: createQueueMetrics(registry),
            autorun: false,
            // Every attempt failed (e.g. PostgreSQL down for the whole backoff): the messages go to the manual list
            // rather than waiting forever, with a processing.failed event each for an operator (same statement); if
            // even this write fails, the reconciler re-enqueues them later.
            onFinalFailure: async ({ payload, error }) => {
              if (!payload) return;
              await failRawMessages(database.db, payload.tenantId, payload.rawMessageIds, {
                stage: 'parse',
                error: `parse failed: ${error.message}`,
              });
            },
          });
          void worker.run().catch((err) => logger.error({ err }, 'parse worker stopped with an error'));
        },
        stop: async () => {
          if (worker) await closeWorker(worker, { drainTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT, logger });
        },
      },
    ],
  });
  return { ...running, healthPort: () => health?.port ?? 0 };
}
