import { SecretBox } from '@bounce/config';
import { isDatabaseUnavailable, listAllMailboxes } from '@bounce/db';
import {
  type ImapClientOptions,
  mailboxNetworkPolicyFromEnv,
  oauthProvidersFromEnv,
  pollDeviceSignIns,
} from '@bounce/mailbox-access';
import { closeWorker, createWorker, syncMailboxSchedules } from '@bounce/queue';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import type { Worker } from 'bullmq';
import { type FetchWorkerEnv, fetchWorkerEnvSchema } from './env.js';
import { FetchCoordinator } from './fetch-coordinator.js';
import { createFetchMailboxHandler } from './fetch-mailbox.handler.js';
import { createFetchMetrics } from './fetch-metrics.js';
import { IdleManager } from './idle-watcher.js';
import { ImapSessionPool } from './imap-sessions.js';

type FetchWorkerExtra = {
  /** Mailbox ids whose IDLE connection this process holds (tests, diagnostics). */
  idleMailboxes: () => string[];
};

export type FetchWorkerProcess = RunningService<FetchWorkerExtra>;

/**
 * The fetch worker process. Besides the shared database, Redis, producer queues (fetch-mailbox for schedules and
 * IDLE, parse-messages for fetched batches) and health server: scheduler sync (at start, then every
 * MAILBOX_SYNC_INTERVAL), IDLE watchers, the fetch-mailbox worker. Down in reverse: the worker drains first, then
 * IDLE connections close, then Redis and the pool.
 */
export const fetchWorkerService: ServiceDefinition<
  typeof fetchWorkerEnvSchema,
  'fetchMailbox' | 'parseMessages',
  FetchWorkerExtra
> = {
  name: 'fetch-worker',
  env: fetchWorkerEnvSchema,
  redis: { roles: ['worker'] },
  queues: { keys: ['fetchMailbox', 'parseMessages'], role: 'worker' },
  parts: (ctx) => {
    const { env, logger } = ctx;
    const metrics = createFetchMetrics(ctx.registry);
    const secrets = new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS);
    const imap: ImapClientOptions = {
      allowInsecureRemote: env.IMAP_ALLOW_INSECURE_REMOTE,
      network: mailboxNetworkPolicyFromEnv(env),
      connectTimeoutMs: env.IMAP_CONNECT_TIMEOUT,
      socketTimeoutMs: env.IMAP_SOCKET_TIMEOUT,
    };
    const oauthProviders = oauthProvidersFromEnv(env);
    let syncTimer: NodeJS.Timeout | undefined;
    let deviceTimer: NodeJS.Timeout | undefined;
    let worker: Worker | undefined;
    let idle: IdleManager | undefined;
    const sessions = new ImapSessionPool({ keepMs: Math.min(env.IMAP_SESSION_KEEP, env.IMAP_SOCKET_TIMEOUT / 2) });

    const syncSchedules = async () => {
      try {
        const mailboxes = await listAllMailboxes(ctx.database.db);
        const result = await syncMailboxSchedules(ctx.queues.fetchMailbox, mailboxes);
        if (result.created + result.updated + result.removed > 0) logger.info({ result }, 'mailbox schedules synced');
      } catch (err) {
        logger.error({ err }, 'mailbox schedule sync failed');
      }
    };

    const subsystems = [
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
        // Microsoft device sign-ins complete here: any number of processes poll, each sign-in claimed by one.
        name: 'oauth device sign-ins',
        start: () => {
          if (!oauthProviders.microsoft) return;
          let running = false;
          deviceTimer = setInterval(() => {
            if (running) return;
            running = true;
            pollDeviceSignIns(ctx.database.db, secrets, oauthProviders)
              .then((summary) => {
                if (summary.connected + summary.failed > 0) logger.info({ summary }, 'device sign-ins polled');
              })
              .catch((err) => logger.error({ err }, 'device sign-in polling failed'))
              .finally(() => {
                running = false;
              });
          }, env.OAUTH_DEVICE_POLL_INTERVAL);
          deviceTimer.unref();
        },
        stop: () => clearInterval(deviceTimer),
      },
      {
        name: 'idle watchers',
        start: async () => {
          if (!env.IDLE_ENABLED) return;
          idle = new IdleManager({
            db: ctx.database.db,
            secrets,
            redis: ctx.redis('worker'),
            prefix: ctx.queuePrefix,
            fetchQueue: ctx.queues.fetchMailbox,
            logger,
            metrics,
            imap,
            oauthProviders,
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
          const redis = ctx.redis('worker');
          const handler = createFetchMailboxHandler({
            db: ctx.database.db,
            secrets,
            parseQueue: ctx.queues.parseMessages,
            metrics,
            batchSize: env.FETCH_BATCH_SIZE,
            batchMaxBytes: env.FETCH_BATCH_MAX_BYTES,
            imap,
            oauthProviders,
            sessions,
            coordinator: new FetchCoordinator(redis, ctx.queuePrefix, env.FETCH_LOCK_TTL),
          });
          // A fetch job for a mailbox registered since the last IDLE rescan (the API schedules its first fetch at
          // once) starts its IDLE watcher now: its first bounce need not wait for the rescan.
          const handlerNoticingNewMailboxes: typeof handler = (payload, context) => {
            idle?.noticeMailbox(payload.mailboxId);
            return handler(payload, context);
          };
          worker = createWorker('fetchMailbox', handlerNoticingNewMailboxes, {
            connection: redis,
            prefix: ctx.queuePrefix,
            concurrency: env.FETCH_CONCURRENCY,
            logger,
            metrics: ctx.queueMetrics,
            autorun: false,
            isOutage: isDatabaseUnavailable,
          });
          void worker.run().catch((err) => logger.error({ err }, 'fetch worker stopped with an error'));
        },
        stop: async () => {
          if (worker) await closeWorker(worker, { drainTimeoutMs: ctx.drainTimeoutMs, logger });
          await sessions.close();
        },
      },
    ];
    return { subsystems, expose: { idleMailboxes: () => idle?.watching() ?? [] } };
  },
};

export function startFetchWorker(env: FetchWorkerEnv, options: StartOptions): Promise<FetchWorkerProcess> {
  return startService(fetchWorkerService, env, options);
}
