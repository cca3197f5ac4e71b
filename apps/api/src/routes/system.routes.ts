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

/**
 * How long one readiness check answers for (default; ApiConfig.readinessCacheMs). /readyz is public and unlimited (probes call it often), so without this
 * every anonymous call would run a query: at most one per second now, whatever the callers do, and concurrent calls
 * share the check in flight. Both outcomes are kept, so a struggling database is not probed harder either.
 */
export const READINESS_CACHE_MS = 1_000;

export function systemRoutes(deps: RouteDeps & { readinessCacheMs?: number }): FastifyPluginAsyncZod {
  const cacheMs = deps.readinessCacheMs ?? READINESS_CACHE_MS;
  let last: { at: number; ready: Promise<boolean> } | null = null;
  const readiness = (): Promise<boolean> => {
    const now = Date.now();
    if (!last || now - last.at >= cacheMs || now < last.at) {
      last = {
        at: now,
        ready: pingDatabase(deps.db).then(
          () => true,
          () => false,
        ),
      };
    }
    return last.ready;
  };
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
        if (!(await readiness())) throw new ApiProblem('unavailable', 'the database does not answer');
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
