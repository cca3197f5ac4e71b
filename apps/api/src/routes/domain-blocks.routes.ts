/**
 * Domain-wide blocks: every address at a domain (e.g. one that no longer exists) is refused by canSend with reason
 * 'domain', in one reversible step, without rewriting the address rows.
 */
import { blockDomain, listDomainBlocks, unblockDomain } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, reasonSchema } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';
import { domainBlockSchema } from './views.js';

const TAGS = ['domain blocks'];
const domain = z.string().trim().min(3).max(255);
const opResult = z.object({
  domain: z.string(),
  changed: z.boolean().meta({ description: 'false: the domain was already blocked (or not blocked)' }),
  auditId: z.number().int().nullable(),
});

export function domainBlockRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/domain-blocks',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Blocked domains',
          response: { 200: z.object({ items: z.array(domainBlockSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: await listDomainBlocks(db, authOf(request).tenantId) }),
    );

    app.post(
      '/domain-blocks',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Block every address at a domain',
          body: z.object({ domain, reason: reasonSchema }),
          response: { 200: opResult, 201: opResult, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const r = await blockDomain(db, authOf(request).tenantId, request.body.domain, {
          actor: actorOf(request),
          reason: request.body.reason,
        });
        return reply.code(r.changed ? 201 : 200).send(r);
      },
    );

    app.delete(
      '/domain-blocks/:domain',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Lift a domain block',
          params: z.object({ domain }),
          querystring: z.object({ reason: reasonSchema }),
          response: { 200: opResult, ...PROBLEM_RESPONSES },
        },
      },
      async (request) =>
        unblockDomain(db, authOf(request).tenantId, request.params.domain, {
          actor: actorOf(request),
          reason: request.query.reason,
        }),
    );
  };
}
