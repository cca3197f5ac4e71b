/**
 * Finding addresses and seeing their fate at a glance: search known addresses by prefix (or "@domain") with keyset
 * paging, and one address's canSend verdict per category and list it is sent in, with its soft-failure count and
 * window and the messages filed at it. The single-address routes (status, history, block/unblock) are in
 * addresses.routes.ts.
 */
import {
  canSendMany,
  getAddress,
  listFiledMessages,
  listRuleSets,
  loadRuleConfig,
  loadRuleConfigResolver,
  searchAddresses,
  sendContextsOf,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';
import { addressRecordSchema } from './views.js';

const TAGS = ['addresses'];

/** Categories every tenant has in practice; shown even before the first send of that category. */
const COMMON_CATEGORIES = ['invoice', 'transactional', 'newsletter'];

const verdictSchema = z.object({
  category: z.string(),
  listId: z.string().nullable(),
  allowed: z.boolean(),
  blocked: z.boolean(),
  exempt: z.boolean(),
  listSuppressed: z.boolean(),
  reason: z.string().meta({ description: 'Why, in words' }),
});

export function addressSearchRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/addresses',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Search known addresses by prefix ("anna", "anna@exa") or domain ("@example.com"), by address',
          querystring: z.object({
            q: z.string().trim().max(320).optional(),
            state: z.enum(['active', 'blocked']).optional(),
            minSoftFailures: z.coerce.number().int().min(1).max(10_000).optional(),
            ...pagingQuery,
          }),
          response: { 200: pageOf(addressRecordSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => searchAddresses(db, authOf(request).tenantId, request.query),
    );

    app.get(
      '/addresses/:address/verdicts',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'May we send to this address? Per category and list it is sent in, with the soft-failure window',
          params: z.object({ address: z.string().min(3).max(320) }),
          response: {
            200: z
              .object({
                address: z.string(),
                verdicts: z.array(verdictSchema),
                softFailures: z.object({
                  count: z.number().int(),
                  threshold: z
                    .number()
                    .int()
                    .meta({ description: 'The tenant-wide threshold (categories may differ)' }),
                  windowDays: z.number().int().nullable(),
                  firstAt: z.date().nullable(),
                  lastAt: z.date().nullable(),
                  windowEndsAt: z.date().nullable().meta({
                    description:
                      'When the running count restarts if no further failure comes (window after the last failure)',
                  }),
                }),
                filedMessages: z.array(
                  z.object({ id: z.uuid(), receivedAt: z.date(), resolvedBy: z.string().nullable() }),
                ),
              })
              .meta({ id: 'AddressVerdicts' }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const details = await getAddress(db, tenantId, request.params.address);
        const [ruleSets, sentIn, tenantConfig, resolver, filed] = await Promise.all([
          listRuleSets(db, tenantId),
          sendContextsOf(db, tenantId, details.address),
          loadRuleConfig(db, tenantId, null, null),
          loadRuleConfigResolver(db, tenantId),
          listFiledMessages(db, tenantId, details.address),
        ]);
        const contexts = new Map<string, { category: string; listId: string | null }>();
        const add = (category: string, listId: string | null) =>
          contexts.set(`${category}\u0000${listId ?? ''}`, { category: category.toLowerCase(), listId });
        for (const c of COMMON_CATEGORIES) add(c, null);
        for (const c of tenantConfig.exemptCategories) add(c, null);
        for (const r of ruleSets) if (r.scope.scope === 'category') add(r.scope.category, null);
        for (const s of sentIn) {
          add(s.category, null);
          if (s.listId) add(s.category, s.listId);
        }
        for (const l of details.listSuppressions) add('newsletter', l.listId);
        const verdicts = await Promise.all(
          [...contexts.values()].map(async (c) => {
            const [answer] = await canSendMany(db, tenantId, [details.address], c.category, c.listId, {
              ruleConfig: resolver,
            });
            return {
              category: c.category,
              listId: c.listId,
              allowed: answer?.allowed ?? false,
              blocked: answer?.blocked ?? false,
              exempt: answer?.exempt ?? false,
              listSuppressed: answer?.listSuppressed ?? false,
              reason: answer?.reason ?? 'unknown',
            };
          }),
        );
        const record = details.record;
        const windowDays = tenantConfig.softFailureWindowDays;
        const firstAt = record?.firstSoftFailureAt ?? null;
        const lastAt = record?.lastSoftFailureAt ?? null;
        return {
          address: details.address,
          verdicts: verdicts.sort(
            (a, b) => a.category.localeCompare(b.category) || (a.listId ?? '').localeCompare(b.listId ?? ''),
          ),
          softFailures: {
            count: record?.consecutiveSoftFailures ?? 0,
            threshold: tenantConfig.softBounceThreshold,
            windowDays,
            firstAt,
            lastAt,
            // The window is a gap rule (see the rules' decideSoft): the count restarts when the previous failure is
            // older than the window, so it runs from the last failure.
            windowEndsAt:
              lastAt && windowDays !== null && (record?.consecutiveSoftFailures ?? 0) > 0
                ? new Date(lastAt.getTime() + windowDays * 86_400_000)
                : null,
          },
          filedMessages: filed,
        };
      },
    );
  };
}
