/**
 * canSend: may the sending system send a message of this category (and list) to this address now? Blocked addresses
 * are refused except for exempt categories (default: invoice), which are sent anyway and their failures reported.
 * The batch form answers up to 1,000 addresses with one query (the store's canSendMany).
 */
import { canSendMany, loadRuleConfigResolver } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';

/** Addresses per batch request: one query, answered well under 50 ms p95 (see bench/api.bench.ts). */
export const MAX_CAN_SEND_BATCH = 1000;

const category = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .default('transactional')
  .meta({ description: 'Message category, e.g. invoice, newsletter. Default transactional' });
const list = z.string().trim().min(1).max(200).optional().meta({ description: 'List id, for list-only removals' });

export const canSendAnswerSchema = z
  .object({
    input: z.string().meta({ description: 'The address as given' }),
    address: z.string().nullable().meta({ description: 'Normalised; null when not a usable address (never allowed)' }),
    allowed: z.boolean(),
    reason: z.string().meta({ description: 'Why, in words' }),
    blocked: z.boolean().meta({ description: 'Blocked (own state or domain), whether or not this send is allowed' }),
    blockReason: z.string().nullable(),
    blockDetail: z.string().nullable().meta({ description: 'The diagnostic or operator text that caused the block' }),
    exempt: z.boolean().meta({ description: 'The category is exempt: sent even when blocked' }),
    listSuppressed: z.boolean(),
  })
  .meta({ id: 'CanSendAnswer' });

export function canSendRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  /** canSend runs on every send: the tenant's rule layers come from the short-lived cache (one query less). */
  async function answer(tenantId: string, addresses: string[], category: string, list: string | undefined) {
    const ruleConfig = await deps.caches.ruleConfig.get(tenantId, () => loadRuleConfigResolver(db, tenantId));
    return canSendMany(db, tenantId, addresses, category, list ?? null, ruleConfig ? { ruleConfig } : {});
  }

  return async (app) => {
    app.get(
      '/can-send',
      {
        config: { scope: 'read' },
        schema: {
          tags: ['can send'],
          summary: 'May we send to this address?',
          querystring: z.object({ address: z.string().min(1).max(320), category, list }),
          response: { 200: canSendAnswerSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { address, category, list } = request.query;
        const [result] = await answer(authOf(request).tenantId, [address], category, list);
        if (!result) throw new Error('canSend returned no answer');
        return result;
      },
    );

    app.post(
      '/can-send',
      {
        config: { scope: 'read' },
        schema: {
          tags: ['can send'],
          summary: `May we send to these addresses? (up to ${MAX_CAN_SEND_BATCH}, answers in input order)`,
          body: z.object({
            addresses: z.array(z.string().max(320)).min(1).max(MAX_CAN_SEND_BATCH),
            category,
            list,
          }),
          response: {
            200: z.object({
              allowed: z.number().int(),
              refused: z.number().int(),
              results: z.array(canSendAnswerSchema),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const { addresses, category, list } = request.body;
        const results = await answer(authOf(request).tenantId, addresses, category, list);
        const allowed = results.filter((r) => r.allowed).length;
        return { allowed, refused: results.length - allowed, results };
      },
    );
  };
}
