/** Sender-side incidents (a provider rejects our mail), grouped by receiving domain and reason. */
import { listSenderAlerts, resolveSenderAlert } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { senderAlertSchema } from './views.js';

const TAGS = ['sender alerts'];

export function senderAlertRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/sender-alerts',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Sender-side incidents, most recent first',
          querystring: z.object({
            open: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .meta({ description: 'Only unresolved incidents' }),
          }),
          response: { 200: z.object({ items: z.array(senderAlertSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({
        items: await listSenderAlerts(db, authOf(request).tenantId, { openOnly: request.query.open }),
      }),
    );

    app.post(
      '/sender-alerts/:id/resolve',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Mark an incident resolved; the next rejection of that kind opens a new one',
          params: uuidParam,
          response: { 200: z.object({ id: z.uuid(), resolved: z.literal(true) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const resolved = await resolveSenderAlert(db, authOf(request).tenantId, request.params.id);
        if (!resolved) throw new ApiProblem('not-found', `no open sender alert ${request.params.id}`);
        return { id: request.params.id, resolved: true as const };
      },
    );
  };
}
