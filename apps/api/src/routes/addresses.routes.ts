/**
 * One address: its state (with list suppressions and a domain block), its history (the audit trail), and the
 * operator's actions on it. Every action needs a reason, lands in the audit trail with the key as actor, emits its
 * event, and answers with the audit id that undoes it.
 */
import { blockAddress, getAddress, listAuditTrail, resetAddressCount, unblockAddress } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, reasonBody } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';
import { addressDetailsSchema, auditEntrySchema, manualOpResultSchema } from './views.js';

const TAGS = ['addresses'];
const addressParam = z.object({ address: z.string().min(3).max(320).meta({ description: 'E-mail address' }) });

export function addressRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/addresses/:address',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Status of an address',
          params: addressParam,
          response: { 200: addressDetailsSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const details = await getAddress(db, authOf(request).tenantId, request.params.address);
        return { ...details, known: details.record !== null };
      },
    );

    app.get(
      '/addresses/:address/history',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Audit trail of an address, newest first',
          params: addressParam,
          querystring: z.object(pagingQuery),
          response: { 200: pageOf(auditEntrySchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) =>
        listAuditTrail(db, authOf(request).tenantId, { address: request.params.address, ...request.query }),
    );

    const operations = [
      { path: 'block', fn: blockAddress, summary: 'Block an address (all non-exempt mail)' },
      { path: 'unblock', fn: unblockAddress, summary: 'Unblock an address; it starts clean' },
      { path: 'reset', fn: resetAddressCount, summary: 'Reset the soft-failure count' },
    ] as const;
    for (const op of operations) {
      app.post(
        `/addresses/:address/${op.path}`,
        {
          config: { scope: 'write' },
          schema: {
            tags: TAGS,
            summary: op.summary,
            params: addressParam,
            body: reasonBody,
            response: { 200: manualOpResultSchema, ...PROBLEM_RESPONSES },
          },
        },
        async (request) =>
          op.fn(db, authOf(request).tenantId, request.params.address, {
            actor: actorOf(request),
            reason: request.body.reason,
          }),
      );
    }
  };
}
