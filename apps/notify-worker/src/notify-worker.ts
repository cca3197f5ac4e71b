/**
 * The notification worker process: PostgreSQL pool, Redis, the producer queues (webhook deliveries, operator
 * e-mail), the SMTP mailer, the health/metrics server and three BullMQ workers — notify-events (fan-out),
 * webhook-deliveries (signed POSTs with retries) and operator-email (digests) — started in that order and stopped
 * in reverse (workers drain first, the pool closes last).
 */
import { type Logger, SecretBox } from '@bounce/config';
import { type Database, failWebhookDelivery, isDatabaseUnavailable, loadDeliveriesForAttempt } from '@bounce/db';
import { createMailer, type Mailer, smtpSettingsFromEnv } from '@bounce/mailer';
import type { RedisConnection } from '@bounce/queue';
import {
  closeQueues,
  closeWorker,
  createWorker,
  openQueues,
  type QueueMetrics,
  type QueueSet,
  scheduleDeliveryReconcile,
  scheduleSenderHealth,
} from '@bounce/queue';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import { senderHealthConfigFromEnv } from '@bounce/sender-health/env';
import { createWebhookBackoffStrategy, type RetryPolicy } from '@bounce/webhooks';
import type { Worker } from 'bullmq';
import { type DeliveryReconcileSettings, reconcileWebhookDeliveries } from './delivery-reconciler.js';
import { DigestBuffer, type DigestOptions } from './digest-buffer.js';
import { type NotifyWorkerEnv, notifyWorkerEnvSchema } from './env.js';
import { createNotifyMetrics, type NotifyMetrics } from './metrics.js';
import { fanOutEvents } from './notify-events.handler.js';
import { sendOperatorDigest } from './operator-email.handler.js';
import type { SenderHealthDeps } from './sender-health/diagnose-bounce.js';
import { createSenderHealthHandler } from './sender-health/sender-health.handler.js';
import {
  type BatchOutcome,
  type DeliveryOutcome,
  deliverWebhook,
  deliverWebhookBatch,
  deliverWebhookBatchRetry,
  type HttpSettings,
} from './webhook-delivery.handler.js';

export type NotifyWorkersOptions = {
  db: Database;
  /** A worker-role connection (`createRedis(url, 'worker')`). */
  redis: RedisConnection;
  prefix: string;
  secretBox: SecretBox;
  mailer: Mailer | null;
  policy: RetryPolicy;
  http: HttpSettings;
  digest: DigestOptions;
  concurrency: { notify: number; webhook: number; email: number };
  /** The delivery reconciler's settings (its tick is scheduled separately). Default: 10 min overdue. */
  reconcile?: DeliveryReconcileSettings;
  /** Diagnosis of sender-side bounces and rechecks of their alerts; null turns it off. */
  senderHealth?: (Omit<SenderHealthDeps, 'db' | 'log'> & { concurrency: number }) | null;
  logger: Logger;
  metrics?: NotifyMetrics;
  queueMetrics?: QueueMetrics;
};

export type NotifyWorkers = {
  workers: Worker[];
  queues: QueueSet<'webhookDeliveries' | 'operatorEmail' | 'senderHealth'>;
  digest: DigestBuffer;
  /** Starts consuming (workers are created paused so a lifecycle can order start-up). */
  run: () => void;
  close: (drainTimeoutMs?: number) => Promise<void>;
};

/** The workers and their producer queues, on given connections (tests build them directly). */
export function createNotifyWorkers(o: NotifyWorkersOptions): NotifyWorkers {
  const log = o.logger;
  const queues = openQueues(['webhookDeliveries', 'operatorEmail', 'senderHealth'], o.redis, o.prefix);
  const digest = new DigestBuffer(o.redis, o.prefix, queues.operatorEmail, o.digest);
  const common = {
    connection: o.redis,
    prefix: o.prefix,
    logger: log,
    metrics: o.queueMetrics,
    autorun: false,
    isOutage: isDatabaseUnavailable,
  };

  const fanOut = createWorker(
    'notifyEvents',
    (payload, ctx) =>
      fanOutEvents(
        {
          db: o.db,
          webhookQueue: queues.webhookDeliveries,
          digest: o.mailer ? digest : null,
          metrics: o.metrics,
          log: ctx.log,
          senderHealthQueue: o.senderHealth ? queues.senderHealth : null,
        },
        payload,
      ),
    { ...common, concurrency: o.concurrency.notify },
  );

  const deliveryDeps = {
    db: o.db,
    secretBox: o.secretBox,
    policy: o.policy,
    http: o.http,
    metrics: o.metrics,
    webhookQueue: queues.webhookDeliveries,
  };
  const deliveries = createWorker(
    'webhookDeliveries',
    (payload, ctx): Promise<DeliveryOutcome | BatchOutcome | { reenqueued: number }> =>
      'task' in payload
        ? reconcileWebhookDeliveries({ ...deliveryDeps, log: ctx.log }, o.reconcile ?? { overdueMs: 600_000 })
        : 'deliveryIds' in payload
          ? payload.priorAttempts === undefined
            ? deliverWebhookBatch({ ...deliveryDeps, log: ctx.log }, payload.deliveryIds, { signal: ctx.signal })
            : deliverWebhookBatchRetry({ ...deliveryDeps, log: ctx.log }, payload.deliveryIds, {
                attemptsMade: ctx.job.attemptsMade,
                maxAttempts: ctx.job.opts.attempts ?? o.policy.attempts,
                priorAttempts: payload.priorAttempts,
                signal: ctx.signal,
              })
          : deliverWebhook({ ...deliveryDeps, log: ctx.log }, payload.deliveryId, {
              attemptsMade: ctx.job.attemptsMade,
              maxAttempts: ctx.job.opts.attempts ?? o.policy.attempts,
              priorAttempts: payload.priorAttempts,
              signal: ctx.signal,
            }),
    {
      ...common,
      concurrency: o.concurrency.webhook,
      // The delivery row must not stay "retrying" (or, for a batch, "pending") when every job attempt died before
      // reaching the receiver (database down).
      onFinalFailure: async ({ payload, error }) => {
        if (!payload || 'task' in payload) return;
        const reason = error.message.slice(0, 1000);
        if ('deliveryId' in payload) {
          await failWebhookDelivery(o.db, payload.deliveryId, reason);
          return;
        }
        // A batch: only the deliveries still waiting for their first attempt (the others have a job of their own);
        // the retries of a version-2 batch: every one still open (this job was their series).
        const isRetry = payload.priorAttempts !== undefined;
        for (const { delivery } of await loadDeliveriesForAttempt(o.db, payload.deliveryIds)) {
          const isOpen = delivery.status === 'pending' || delivery.status === 'retrying';
          if (isRetry ? isOpen : delivery.status === 'pending' && delivery.attempts === 0)
            await failWebhookDelivery(o.db, delivery.id, reason);
        }
      },
      workerOptions: { settings: { backoffStrategy: createWebhookBackoffStrategy(o.policy) } },
    },
  );

  const email = createWorker(
    'operatorEmail',
    (payload, ctx) =>
      sendOperatorDigest(
        { db: o.db, digest, mailer: o.mailer, metrics: o.metrics, log: ctx.log },
        payload,
        String(ctx.job.id),
      ),
    { ...common, concurrency: o.concurrency.email },
  );

  const workers = [fanOut, deliveries, email];
  if (o.senderHealth) {
    const { concurrency, ...settings } = o.senderHealth;
    const handler = createSenderHealthHandler(
      { ...settings, db: o.db, log: log.child({ component: 'sender-health' }) },
      { parallel: concurrency },
    );
    workers.push(createWorker('senderHealth', (payload) => handler(payload), { ...common, concurrency }));
  }
  return {
    workers,
    queues,
    digest,
    run: () => {
      for (const w of workers)
        void w.run().catch((err) => log.error({ err, queue: w.name }, 'worker stopped with an error'));
    },
    close: async (drainTimeoutMs) => {
      await Promise.all(workers.map((w) => closeWorker(w, { drainTimeoutMs, logger: log })));
      await closeQueues(queues);
    },
  };
}

export type NotifyWorkerProcess = RunningService<object>;

/**
 * The notification worker process: besides the shared database, Redis and health server, the SMTP mailer (optional)
 * and the three workers with their producer queues. `http` overrides the webhook HTTP settings (tests).
 */
export function notifyWorkerService(
  overrides: { http?: Partial<HttpSettings> } = {},
): ServiceDefinition<typeof notifyWorkerEnvSchema, never, object> {
  return {
    name: 'notify-worker',
    env: notifyWorkerEnvSchema,
    // SMTP_FROM missing with SMTP configured is a configuration error, reported at start like the schema's.
    validate: (env) => void smtpSettingsFromEnv(env),
    redis: { roles: ['worker'] },
    parts: (ctx) => {
      const { env, logger } = ctx;
      let mailer: Mailer | null = null;
      let notify: NotifyWorkers | undefined;
      return [
        {
          name: 'mailer',
          start: () => {
            if (env.WEBHOOK_ALLOW_LOOPBACK) {
              logger.warn('WEBHOOK_ALLOW_LOOPBACK is on: webhooks may call this host (development only)');
            }
            const smtp = smtpSettingsFromEnv(env);
            if (smtp) mailer = createMailer(smtp);
            else logger.warn('SMTP not configured: operator e-mail is off (set SMTP_URL or SMTP_HOST and SMTP_FROM)');
          },
          stop: () => mailer?.close(),
        },
        {
          name: 'workers',
          start: async () => {
            notify = createNotifyWorkers({
              db: ctx.database.db,
              redis: ctx.redis('worker'),
              prefix: ctx.queuePrefix,
              secretBox: new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS),
              mailer,
              policy: {
                attempts: env.WEBHOOK_MAX_ATTEMPTS,
                baseDelayMs: env.WEBHOOK_RETRY_BASE_DELAY,
                jitter: env.WEBHOOK_RETRY_JITTER,
              },
              http: {
                allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK,
                connectTimeoutMs: env.WEBHOOK_CONNECT_TIMEOUT,
                timeoutMs: env.WEBHOOK_TIMEOUT,
                maxResponseBytes: env.WEBHOOK_MAX_RESPONSE_BYTES,
                ...overrides.http,
              },
              digest: { windowMs: env.OPERATOR_DIGEST_WINDOW, maxEvents: env.OPERATOR_DIGEST_MAX_EVENTS },
              concurrency: {
                notify: env.NOTIFY_CONCURRENCY,
                webhook: env.WEBHOOK_CONCURRENCY,
                email: env.EMAIL_CONCURRENCY,
              },
              reconcile: { overdueMs: env.WEBHOOK_RECONCILE_AFTER },
              senderHealth: env.SENDER_HEALTH_ENABLED
                ? {
                    config: senderHealthConfigFromEnv(env),
                    recheckIntervalMs: env.SENDER_ALERT_RECHECK_INTERVAL || 900_000,
                    quietPeriodMs: env.SENDER_ALERT_QUIET_PERIOD,
                    setupCheckIntervalMs: env.SENDER_SETUP_CHECK_INTERVAL || 3_600_000,
                    concurrency: env.SENDER_HEALTH_CONCURRENCY,
                  }
                : null,
              logger,
              metrics: createNotifyMetrics(ctx.registry),
              queueMetrics: ctx.queueMetrics,
            });
            if (env.SENDER_HEALTH_ENABLED && env.SENDER_HEALTH_SCHEDULE) {
              const periods = await scheduleSenderHealth(notify.queues.senderHealth, {
                'recheck-alerts': env.SENDER_ALERT_RECHECK_INTERVAL,
                'check-setups': env.SENDER_SETUP_CHECK_INTERVAL,
              });
              logger.info({ periods }, 'sender health scheduled');
            }
            // Idempotent (one scheduler entry): every notification worker may upsert it.
            const reconcile = await scheduleDeliveryReconcile(
              notify.queues.webhookDeliveries,
              env.WEBHOOK_RECONCILE_INTERVAL,
            );
            logger.info({ periods: reconcile }, 'webhook delivery reconciler scheduled');
            notify.run();
          },
          stop: () => notify?.close(ctx.drainTimeoutMs),
        },
      ];
    },
  };
}

export function startNotifyWorker(
  env: NotifyWorkerEnv,
  options: StartOptions & { http?: Partial<HttpSettings> },
): Promise<NotifyWorkerProcess> {
  return startService(notifyWorkerService({ http: options.http }), env, options);
}
