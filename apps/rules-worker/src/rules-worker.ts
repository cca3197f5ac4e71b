import type { Logger } from '@bounce/config';
import { type DatabaseHandle, openDatabase } from '@bounce/db';
import {
  closeQueues,
  closeWorker,
  createQueueMetrics,
  createRedis,
  createWorker,
  openQueues,
  type QueueSet,
  scheduleMaintenance,
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
import { createApplyBouncesHandler, createApplyFinalFailureHandler } from './apply-bounces.handler.js';
import type { RulesWorkerEnv } from './env.js';
import { createEventRecorderHandler } from './event-recorder.handler.js';
import { createMaintenanceHandler } from './maintenance.handler.js';
import { OutboxRelay } from './outbox-relay.js';
import { reconcileRawMessages } from './raw-reconciler.js';
import { createRulesMetrics } from './rules-metrics.js';
import { createSendEventsHandler } from './send-events.handler.js';

type ProducerQueues = QueueSet<'applyBounces' | 'parseMessages' | 'notifyEvents' | 'maintenance'>;

export type RulesWorkerProcess = RunningProcess & { healthPort: () => number };

/**
 * The rules worker process: apply-bounces and send-events consumers, the outbox relay, the maintenance tasks
 * (relay fallback tick, reconciler, grace confirmation) and, behind a flag, the stand-in notify-events recorder.
 * Workers consume on a blocking connection that waits out Redis restarts; producers (relay, reconciler, batch
 * splitting) use a fail-fast one, so e.g. the relay's transaction rolls back instead of waiting on a dead Redis.
 */
export async function startRulesWorker(
  env: RulesWorkerEnv,
  options: { logger: Logger; handleSignals?: boolean },
): Promise<RulesWorkerProcess> {
  const { logger } = options;
  const registry = createMetricsRegistry({ app: 'rules-worker' });
  const queueMetrics = createQueueMetrics(registry);
  const metrics = createRulesMetrics(registry);
  let database!: DatabaseHandle;
  let workerRedis!: Redis;
  let producerRedis!: Redis;
  let queues!: ProducerQueues;
  let relay!: OutboxRelay;
  let health: HealthServer | undefined;
  const workers: Worker[] = [];
  const common = () => ({
    connection: workerRedis,
    prefix: env.QUEUE_PREFIX,
    logger,
    metrics: queueMetrics,
    autorun: false,
  });

  const running = await runProcess({
    name: 'rules-worker',
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
          workerRedis = createRedis(env.REDIS_URL, 'worker');
          producerRedis = createRedis(env.REDIS_URL, 'producer');
        },
        stop: async () => {
          await Promise.all([workerRedis.quit(), producerRedis.quit()]);
        },
      },
      {
        name: 'queues',
        start: async () => {
          queues = openQueues(
            ['applyBounces', 'parseMessages', 'notifyEvents', 'maintenance'],
            producerRedis,
            env.QUEUE_PREFIX,
          );
          relay = new OutboxRelay(database.db, queues.notifyEvents, {
            batchSize: env.OUTBOX_RELAY_BATCH,
            logger: logger.child({ component: 'outbox-relay' }),
            metrics,
          });
          if (env.SCHEDULE_MAINTENANCE) {
            const periods = await scheduleMaintenance(queues.maintenance, {
              'outbox-relay': env.OUTBOX_RELAY_INTERVAL,
              'reconcile-raw-messages': env.RECONCILE_INTERVAL,
              'confirm-deliveries-by-grace': env.GRACE_INTERVAL,
            });
            logger.info({ periods }, 'maintenance scheduled');
          }
        },
        stop: async () => {
          await relay?.idle();
          await closeQueues(queues);
        },
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
              { name: 'redis', check: async () => void (await workerRedis.ping()) },
            ],
          });
        },
        stop: () => health?.close(),
      },
      {
        name: 'workers',
        start: () => {
          const applyOptions = {
            ...(env.VERP_SECRETS.length > 0 ? { verpSecrets: env.VERP_SECRETS } : {}),
            ...(env.CORRELATION_HEADERS.length > 0 ? { correlationHeaders: env.CORRELATION_HEADERS } : {}),
          };
          const onApplied = () => relay.kick();
          workers.push(
            createWorker(
              'applyBounces',
              createApplyBouncesHandler({ db: database.db, applyOptions, metrics, onApplied }),
              {
                ...common(),
                concurrency: env.RULES_CONCURRENCY,
                onFinalFailure: createApplyFinalFailureHandler({
                  db: database.db,
                  applyQueue: queues.applyBounces,
                  logger,
                }),
              },
            ),
            createWorker('sendEvents', createSendEventsHandler({ db: database.db, metrics, onApplied }), {
              ...common(),
              concurrency: env.SEND_EVENTS_CONCURRENCY,
            }),
            createWorker(
              'maintenance',
              createMaintenanceHandler({
                db: database.db,
                relay,
                metrics,
                logger,
                reconcile: () =>
                  reconcileRawMessages({
                    db: database.db,
                    redis: producerRedis,
                    parseQueue: queues.parseMessages,
                    prefix: env.QUEUE_PREFIX,
                    afterMs: env.RECONCILE_AFTER,
                    limit: env.RECONCILE_LIMIT,
                    logger,
                    metrics,
                  }),
              }),
              // Two at once so a long grace run never holds up the 1 s relay tick.
              { ...common(), concurrency: 2 },
            ),
          );
          if (env.NOTIFY_EVENTS_RECORDER) {
            workers.push(
              createWorker('notifyEvents', createEventRecorderHandler({ db: database.db, logger, metrics }), {
                ...common(),
                concurrency: 4,
              }),
            );
          }
          for (const w of workers) {
            void w.run().catch((err) => logger.error({ err, queue: w.name }, 'worker stopped with an error'));
          }
        },
        stop: async () => {
          await Promise.all(workers.map((w) => closeWorker(w, { drainTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT, logger })));
        },
      },
    ],
  });
  return { ...running, healthPort: () => health?.port ?? 0 };
}
