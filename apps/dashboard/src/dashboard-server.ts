import type { Logger } from '@bounce/config';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AuthResult } from './dashboard-auth.js';

/** Realm shown by the browser's login prompt. */
const REALM = 'bounce queues';

export type DashboardOptions = {
  /** Every queue to show (the whole catalog in production). */
  queues: Queue[];
  authenticate: (authorizationHeader: string | undefined) => Promise<AuthResult>;
  logger: Logger;
  /** Default "/". */
  basePath?: string;
};

/**
 * bull-board on fastify, every route behind authentication except `/healthz`. An unauthenticated request gets
 * 401 with a Basic challenge so the browser asks for credentials; a valid key without the admin scope gets 403.
 */
export async function buildDashboard(options: DashboardOptions): Promise<FastifyInstance> {
  const basePath = normaliseBasePath(options.basePath ?? '/');
  const app = Fastify({
    // pino's Logger and fastify's FastifyBaseLogger differ only in optional typing details.
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // The board polls its API every few seconds: per-request lines would drown everything else.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const result = await options.authenticate(request.headers.authorization);
    if (result.ok) return;
    request.log.warn({ reason: result.reason, url: request.url, ip: request.ip }, 'dashboard access refused');
    if (result.status === 401) reply.header('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
    return reply.code(result.status).send({ error: result.status === 401 ? 'unauthorized' : 'forbidden' });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Bounce queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
  return app;
}

function normaliseBasePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : '/';
}
