/**
 * Every change made through the API lands in the activity log: one row per successful state-changing request on a
 * write or admin route, by person or key, with the route's parameters as target. Reads (including POST /can-send,
 * a read scope route) are not recorded. Written after the response, so a change never waits on its log row; a
 * failure to write is logged, never turned into a failed request that already succeeded.
 */
import { type Executor, recordActivity } from '@bounce/db';
import type { FastifyInstance } from 'fastify';
import { actorOf } from './authentication.js';
import { isSafeMethod } from './session-auth.js';

export function registerActivityLog(app: FastifyInstance, options: { db: Executor }): void {
  app.addHook('onResponse', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (scope !== 'write' && scope !== 'admin') return;
    if (isSafeMethod(request.method) || reply.statusCode >= 400 || !request.apiKey) return;
    const params = request.params as Record<string, unknown> | undefined;
    try {
      await recordActivity(options.db, {
        tenantId: request.apiKey.tenantId,
        actor: actorOf(request),
        action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        target: params && Object.keys(params).length > 0 ? params : null,
        status: reply.statusCode,
        requestId: request.id,
        ip: request.ip,
      });
    } catch (err) {
      request.log.error({ err }, 'activity log entry not written');
    }
  });
}
