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
  /**
   * Default true: the board only shows. When false the installation administrator may also add, retry, promote,
   * clean, empty, pause and obliterate (bull-board's mutating routes).
   */
  readOnly?: boolean;
};

/** Methods that read: everything else is a mutation of bull-board's API (POST/PUT/PATCH/DELETE). */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * bull-board on fastify, every route behind authentication except `/healthz`. An unauthenticated request gets
 * 401 with a Basic challenge so the browser asks for credentials; a tenant's API key gets 403 (the board is for the
 * installation administrator only, see dashboard-auth.ts). Read-only by default, enforced twice: bull-board's own
 * read-only mode (buttons hidden, queue routes answer 405) and a hook refusing every non-read method before it.
 */
export async function buildDashboard(options: DashboardOptions): Promise<FastifyInstance> {
  const basePath = normaliseBasePath(options.basePath ?? '/');
  const readOnly = options.readOnly ?? true;
  const app = Fastify({
    // pino's Logger and fastify's FastifyBaseLogger differ only in optional typing details.
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // The board polls its API every few seconds: per-request lines would drown everything else.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const result = await options.authenticate(request.headers.authorization);
    if (!result.ok) {
      request.log.warn({ reason: result.reason, url: request.url, ip: request.ip }, 'dashboard access refused');
      if (result.status === 401) reply.header('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
      return reply.code(result.status).send({
        error: result.status === 401 ? 'unauthorized' : 'forbidden',
        ...(result.reason === 'tenant-key' && {
          detail:
            'the queue dashboard is for the installation administrator (DASHBOARD_ADMIN_TOKEN), not for tenant keys',
        }),
      });
    }
    if (readOnly && !READ_METHODS.has(request.method)) {
      request.log.warn({ method: request.method, url: request.url }, 'dashboard mutation refused: read-only');
      return reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .send({ error: 'read-only', detail: 'the dashboard is read-only (DASHBOARD_READ_ONLY=false allows changes)' });
    }
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Bounce queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
  return app;
}

function normaliseBasePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : '/';
}
