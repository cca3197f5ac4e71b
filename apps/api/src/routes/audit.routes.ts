/** The audit trail of a tenant (every state change: who, why, before and after) and undo of one entry. */
import { listAuditTrail, undoAuditEntry } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import {
  auditIdParam,
  PROBLEM_RESPONSES,
  pageOf,
  pagingQuery,
  reasonBody,
  timeRangeQuery,
} from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';
import { auditEntrySchema } from './views.js';

const TAGS = ['audit'];

export function auditRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Audit trail, newest first',
          querystring: z.object({
            address: z.string().min(3).max(320).optional(),
            action: z.string().max(100).optional(),
            actor: z.string().max(200).optional(),
            ...timeRangeQuery,
            ...pagingQuery,
          }),
          response: { 200: pageOf(auditEntrySchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { from, to, ...rest } = request.query;
        return listAuditTrail(db, authOf(request).tenantId, { ...rest, since: from, until: to });
      },
    );

    app.post(
      '/audit/:id/undo',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Undo one audit entry (the address gets its state before the entry back)',
          description:
            'The undo is itself a new audit entry (the trail stays append-only). An entry is undone at most once (409).',
          params: auditIdParam,
          body: reasonBody,
          response: {
            200: z.object({
              revertedId: z.number().int(),
              auditId: z.number().int().nullable(),
              changed: z.boolean(),
              overridesLaterChanges: z
                .boolean()
                .meta({ description: 'The address changed again after the entry: the undo overrode those changes' }),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) =>
        undoAuditEntry(db, authOf(request).tenantId, request.params.id, {
          actor: actorOf(request),
          reason: request.body.reason,
        }),
    );
  };
}
