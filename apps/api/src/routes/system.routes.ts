/**
 * Unauthenticated endpoints: liveness, readiness (the database answers) and the way to the queue dashboard. The
 * dashboard (apps/dashboard) is its own process with bull-board; it accepts the same admin API keys through the
 * same `verifyApiKey`, so an operator uses one key for both. The API only redirects to it when DASHBOARD_URL is set.
 */
import { pingDatabase } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const PUBLIC = { scope: 'public', rateLimit: false } as const;

export function systemRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: PUBLIC,
        schema: { tags: ['system'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        config: PUBLIC,
        schema: {
          tags: ['system'],
          summary: 'Readiness: the database answers',
          response: { 200: z.object({ status: z.literal('ready') }) },
        },
      },
      async () => {
        try {
          await pingDatabase(deps.db);
        } catch {
          throw new ApiProblem('unavailable', 'the database does not answer');
        }
        return { status: 'ready' as const };
      },
    );

    app.get(
      '/dashboard',
      {
        config: PUBLIC,
        schema: {
          tags: ['system'],
          summary: 'Redirects to the queue dashboard (DASHBOARD_URL); it takes the same admin API key',
        },
      },
      async (_request, reply) => {
        if (!deps.dashboardUrl) throw new ApiProblem('not-found', 'no queue dashboard is configured (DASHBOARD_URL)');
        return reply.redirect(deps.dashboardUrl, 302);
      },
    );
  };
}
