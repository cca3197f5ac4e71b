/** The event log: every event the store emitted (the outbox, kept after relaying), by address, type and time. */
import { getEvent, listEvents } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, timeRangeQuery } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { eventSchema } from './views.js';

const TAGS = ['events'];

export function eventRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/events',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Event log, newest first',
          querystring: z.object({
            address: z.string().min(3).max(320).optional(),
            type: z.string().max(100).optional().meta({ description: 'Exact (address.blocked) or prefix (address.*)' }),
            ...timeRangeQuery,
            ...pagingQuery,
          }),
          response: { 200: pageOf(eventSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => listEvents(db, authOf(request).tenantId, request.query),
    );

    app.get(
      '/events/:eventId',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One event (the id webhook receivers see)',
          params: z.object({ eventId: z.uuid() }),
          response: { 200: eventSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const event = await getEvent(db, request.params.eventId, authOf(request).tenantId);
        if (!event) throw new ApiProblem('not-found', `event ${request.params.eventId} not found`);
        return event;
      },
    );
  };
}
