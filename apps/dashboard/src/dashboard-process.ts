import type { Logger } from '@bounce/config';
import { type DatabaseHandle, openDatabase } from '@bounce/db';
import { ALL_QUEUE_KEYS, closeQueues, createRedis, openQueues, type QueueKey } from '@bounce/queue';
import { type RunningProcess, runProcess } from '@bounce/runtime';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createAuthenticator } from './dashboard-auth.js';
import { buildDashboard } from './dashboard-server.js';
import type { DashboardEnv } from './env.js';

export type DashboardProcess = RunningProcess & { url: () => string };

export async function startDashboard(
  env: DashboardEnv,
  options: { logger: Logger; handleSignals?: boolean },
): Promise<DashboardProcess> {
  const { logger } = options;
  let database: DatabaseHandle | undefined;
  let redis!: Redis;
  let queues!: Record<QueueKey, Queue>;
  let app: FastifyInstance | undefined;
  let url = '';

  const running = await runProcess({
    name: 'dashboard',
    logger,
    handleSignals: options.handleSignals,
    subsystems: [
      {
        name: 'database',
        start: () => {
          // API key lookups only: a small pool.
          if (env.DATABASE_URL) database = openDatabase({ url: env.DATABASE_URL, maxConnections: 2 });
        },
        stop: () => database?.close(),
      },
      {
        name: 'redis',
        // The board reads queue state on demand: fail fast when Redis is down instead of hanging page loads.
        start: () => {
          redis = createRedis(env.REDIS_URL, 'producer');
          queues = openQueues(ALL_QUEUE_KEYS, redis, env.QUEUE_PREFIX) as unknown as Record<QueueKey, Queue>;
        },
        stop: async () => {
          await closeQueues(queues);
          await redis.quit();
        },
      },
      {
        name: 'http',
        start: async () => {
          app = await buildDashboard({
            queues: Object.values(queues),
            authenticate: createAuthenticator({ db: database?.db, adminToken: env.DASHBOARD_ADMIN_TOKEN }),
            readOnly: env.DASHBOARD_READ_ONLY,
            logger,
            basePath: env.BASE_PATH,
          });
          url = await app.listen({ port: env.PORT, host: env.HOST });
          logger.info({ url }, 'dashboard listening');
        },
        stop: () => app?.close(),
      },
    ],
  });
  return { ...running, url: () => url };
}
