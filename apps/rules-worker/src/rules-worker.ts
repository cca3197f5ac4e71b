import { isDatabaseUnavailable } from '@bounce/db';
import { closeWorker, createWorker, scheduleMaintenance } from '@bounce/queue';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { createApplyBouncesHandler, createApplyFinalFailureHandler } from './apply-bounces.handler.js';
import { type RulesWorkerEnv, rulesWorkerEnvSchema } from './env.js';
import { createEventRecorderHandler } from './event-recorder.handler.js';
import { createMaintenanceHandler } from './maintenance.handler.js';
import { OutboxRelay } from './outbox-relay.js';
import { reconcileRawMessages } from './raw-reconciler.js';
import { createRulesMetrics } from './rules-metrics.js';
import { createSendEventsHandler } from './send-events.handler.js';

export type RulesWorkerProcess = RunningService<object>;

type ProducerQueue = 'applyBounces' | 'parseMessages' | 'notifyEvents' | 'maintenance';

/**
 * The rules worker process: apply-bounces and send-events consumers, the outbox relay, the maintenance tasks
 * (relay fallback tick, reconciler, grace confirmation) and, behind a flag, the notify-events recorder. Workers
 * consume on a blocking connection that waits out Redis restarts; producers (relay, reconciler, batch splitting) use
 * a fail-fast one, so e.g. the relay's transaction rolls back instead of waiting on a dead Redis.
 */
export const rulesWorkerService: ServiceDefinition<typeof rulesWorkerEnvSchema, ProducerQueue, object> = {
  name: 'rules-worker',
  env: rulesWorkerEnvSchema,
  redis: { roles: ['worker', 'producer'] },
  queues: { keys: ['applyBounces', 'parseMessages', 'notifyEvents', 'maintenance'], role: 'producer' },
  parts: (ctx) => {
    const { env, logger } = ctx;
    const metrics = createRulesMetrics(ctx.registry);
    let relay: OutboxRelay | undefined;
    const workers: Worker[] = [];
    const common = () => ({
      connection: ctx.redis('worker'),
      prefix: ctx.queuePrefix,
      logger,
      metrics: ctx.queueMetrics,
      autorun: false,
      isOutage: isDatabaseUnavailable,
    });
    return [
      {
        name: 'outbox relay',
        start: async () => {
          relay = new OutboxRelay(ctx.database.db, ctx.queues.notifyEvents, {
            batchSize: env.OUTBOX_RELAY_BATCH,
            publishAll: env.NOTIFY_EVENTS_RECORDER,
            logger: logger.child({ component: 'outbox-relay' }),
            metrics,
          });
          if (env.SCHEDULE_MAINTENANCE) {
            const periods = await scheduleMaintenance(ctx.queues.maintenance, {
              'outbox-relay': env.OUTBOX_RELAY_INTERVAL,
              'reconcile-raw-messages': env.RECONCILE_INTERVAL,
              'confirm-deliveries-by-grace': env.GRACE_INTERVAL,
              'history-retention': env.RETENTION_INTERVAL,
            });
            logger.info({ periods }, 'maintenance scheduled');
          }
        },
        stop: () => relay?.idle(),
      },
      {
        name: 'workers',
        start: () => {
          const db = ctx.database.db;
          const outboxRelay = relay as OutboxRelay;
          const applyOptions = {
            ...(env.VERP_SECRETS.length > 0 ? { verpSecrets: env.VERP_SECRETS } : {}),
            ...(env.CORRELATION_HEADERS.length > 0 ? { correlationHeaders: env.CORRELATION_HEADERS } : {}),
          };
          const onApplied = () => outboxRelay.kick();
          workers.push(
            createWorker('applyBounces', createApplyBouncesHandler({ db, applyOptions, metrics, onApplied }), {
              ...common(),
              concurrency: env.RULES_CONCURRENCY,
              onFinalFailure: createApplyFinalFailureHandler({ db, applyQueue: ctx.queues.applyBounces, logger }),
            }),
            createWorker('sendEvents', createSendEventsHandler({ db, metrics, onApplied }), {
              ...common(),
              concurrency: env.SEND_EVENTS_CONCURRENCY,
            }),
            createWorker(
              'maintenance',
              createMaintenanceHandler({
                db,
                relay: outboxRelay,
                metrics,
                logger,
                rawRetentionDays: env.RAW_RETENTION_DAYS,
                historyRetentionMonths: env.HISTORY_RETENTION_MONTHS,
                outboxRepublishAfterSeconds: env.OUTBOX_REPUBLISH_AFTER_SECONDS,
                reconcile: () =>
                  reconcileRawMessages({
                    db,
                    redis: ctx.redis('producer'),
                    parseQueue: ctx.queues.parseMessages,
                    prefix: ctx.queuePrefix,
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
              createWorker('notifyEvents', createEventRecorderHandler({ db, logger, metrics }), {
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
          await Promise.all(workers.map((w) => closeWorker(w, { drainTimeoutMs: ctx.drainTimeoutMs, logger })));
        },
      },
    ];
  },
};

export function startRulesWorker(env: RulesWorkerEnv, options: StartOptions): Promise<RulesWorkerProcess> {
  return startService(rulesWorkerService, env, options);
}
