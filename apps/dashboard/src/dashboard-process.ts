import { ALL_QUEUE_KEYS, type QueueKey } from '@bounce/queue';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { createAuthenticator } from './dashboard-auth.js';
import { buildDashboard } from './dashboard-server.js';
import { type DashboardEnv, dashboardEnvSchema } from './env.js';

type DashboardExtra = { url: () => string };

export type DashboardProcess = RunningService<DashboardExtra>;

/**
 * The queue dashboard: every queue of the catalog on a fail-fast producer connection (the board reads queue state on
 * demand: page loads fail fast while Redis is down instead of hanging), API key lookups on a small pool.
 */
export const dashboardService: ServiceDefinition<typeof dashboardEnvSchema, QueueKey, DashboardExtra> = {
  name: 'dashboard',
  env: dashboardEnvSchema,
  database: (env) => (env.DATABASE_URL ? { url: env.DATABASE_URL, maxConnections: 2 } : null),
  redis: { roles: ['producer'] },
  queues: { keys: ALL_QUEUE_KEYS, role: 'producer' },
  parts: (ctx) => {
    const { env, logger } = ctx;
    let app: FastifyInstance | undefined;
    let url = '';
    const subsystems = [
      {
        name: 'http',
        start: async () => {
          app = await buildDashboard({
            queues: Object.values(ctx.queues) as Queue[],
            authenticate: createAuthenticator({
              db: ctx.optionalDatabase?.db,
              adminToken: env.DASHBOARD_ADMIN_TOKEN,
            }),
            readOnly: env.DASHBOARD_READ_ONLY,
            logger,
            basePath: env.BASE_PATH,
          });
          url = await app.listen({ port: env.PORT, host: env.HOST });
          logger.info({ url }, 'dashboard listening');
        },
        stop: () => app?.close(),
      },
    ];
    return { subsystems, expose: { url: () => url } };
  },
};

export function startDashboard(env: DashboardEnv, options: StartOptions): Promise<DashboardProcess> {
  return startService(dashboardService, env, options);
}
