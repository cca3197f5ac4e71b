/**
 * Rule configuration per tenant, narrowed per category or list: each scope holds an override layer, validated with
 * the rules package's schema (unknown settings are a 400 naming the known ones); the most specific layer wins
 * (defaults < tenant < category < list). `effective` shows the resolved configuration a send would get.
 */
import {
  deleteRuleSet,
  getRuleSetOverrides,
  listRuleSets,
  loadRuleConfig,
  type RuleScope,
  setRuleSetOverrides,
} from '@bounce/db';
import { ruleConfigOverridesSchema } from '@bounce/rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { jsonObject, PROBLEM_RESPONSES } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['rule sets'];

const scopeSchema = z.union([
  z.object({ scope: z.literal('tenant') }),
  z.object({ scope: z.literal('category'), category: z.string() }),
  z.object({ scope: z.literal('list'), listId: z.string() }),
]);

const ruleSetSchema = z
  .object({ scope: scopeSchema, config: jsonObject, version: z.number().int(), updatedAt: z.date() })
  .meta({ id: 'RuleSet' });

const overridesBody = ruleConfigOverridesSchema.meta({
  id: 'RuleConfigOverrides',
  description: 'Settings to override at this scope; absent settings fall back to the less specific scope',
});

const name = z.string().trim().min(1).max(200);

/** The three scope paths and how each maps its path parameters to a RuleScope. */
const SCOPES = [
  { path: '/rule-sets/tenant', params: z.object({}), toScope: (): RuleScope => ({ scope: 'tenant' }) },
  {
    path: '/rule-sets/categories/:category',
    params: z.object({ category: name }),
    toScope: (p: { category?: string }): RuleScope => ({ scope: 'category', category: p.category ?? '' }),
  },
  {
    path: '/rule-sets/lists/:listId',
    params: z.object({ listId: name }),
    toScope: (p: { listId?: string }): RuleScope => ({ scope: 'list', listId: p.listId ?? '' }),
  },
] as const;

export function ruleSetRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/rule-sets',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Every override layer of the tenant',
          response: { 200: z.object({ items: z.array(ruleSetSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: await listRuleSets(db, authOf(request).tenantId) }),
    );

    app.get(
      '/rule-sets/effective',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The resolved configuration for a category and list',
          querystring: z.object({ category: name.optional(), list: name.optional() }),
          response: { 200: jsonObject, ...PROBLEM_RESPONSES },
        },
      },
      async (request) =>
        loadRuleConfig(db, authOf(request).tenantId, request.query.category ?? null, request.query.list ?? null),
    );

    for (const s of SCOPES) {
      app.get(
        s.path,
        {
          config: { scope: 'read' },
          schema: {
            tags: TAGS,
            summary: 'One override layer',
            params: s.params,
            response: { 200: ruleSetSchema, ...PROBLEM_RESPONSES },
          },
        },
        async (request) => {
          const found = await getRuleSetOverrides(db, authOf(request).tenantId, s.toScope(request.params as never));
          if (!found) throw new ApiProblem('not-found', 'no rule set at this scope (the defaults apply)');
          return found;
        },
      );

      app.put(
        s.path,
        {
          config: { scope: 'admin' },
          schema: {
            tags: TAGS,
            summary: 'Replace the override layer of this scope',
            params: s.params,
            body: overridesBody,
            response: { 200: ruleSetSchema, ...PROBLEM_RESPONSES },
          },
        },
        async (request) => {
          const tenantId = authOf(request).tenantId;
          const saved = await setRuleSetOverrides(
            db,
            tenantId,
            s.toScope(request.params as never),
            request.body,
            actorOf(request),
          );
          deps.caches.ruleConfig.delete(tenantId);
          return saved;
        },
      );

      app.delete(
        s.path,
        {
          config: { scope: 'admin' },
          schema: {
            tags: TAGS,
            summary: 'Remove the override layer of this scope',
            params: s.params,
            response: { 204: z.null().meta({ description: 'Removed' }), ...PROBLEM_RESPONSES },
          },
        },
        async (request, reply) => {
          const tenantId = authOf(request).tenantId;
          const deleted = await deleteRuleSet(db, tenantId, s.toScope(request.params as never), actorOf(request));
          if (!deleted) throw new ApiProblem('not-found', 'no rule set at this scope');
          deps.caches.ruleConfig.delete(tenantId);
          return reply.code(204).send(null);
        },
      );
    }
  };
}
