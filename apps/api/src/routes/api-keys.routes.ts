/**
 * API keys of the caller's tenant (admin scope): list (never the key or its hash), create (the key is in the
 * response, once), revoke (the key fails from its next request on). The first key of an installation comes from
 * `pnpm --filter @bounce/api create-key` or BOOTSTRAP_ADMIN_KEY.
 */
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['api keys'];

const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: 'First characters of the key, to tell keys apart' }),
    scopes: z.array(z.string()),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable().meta({ description: 'Refreshed at most once a minute' }),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export function apiKeyRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/me',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The calling key: its tenant, name and scopes',
          response: {
            200: z.object({
              keyId: z.uuid(),
              tenantId: z.string(),
              name: z.string(),
              prefix: z.string(),
              scopes: z.array(z.string()),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const key = authOf(request);
        return { keyId: key.id, tenantId: key.tenantId, name: key.name, prefix: key.prefix, scopes: key.scopes };
      },
    );

    app.get(
      '/api-keys',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: "The tenant's API keys",
          response: { 200: z.object({ items: z.array(apiKeySchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: await listApiKeys(db, authOf(request).tenantId) }),
    );

    app.post(
      '/api-keys',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Create a key; the response holds the key, shown this once',
          body: z.object({
            name: z.string().trim().min(1).max(200),
            scopes: z
              .array(z.enum(API_KEY_SCOPES))
              .min(1)
              .max(API_KEY_SCOPES.length)
              .meta({ description: 'admin implies write implies read' }),
          }),
          response: {
            201: apiKeySchema
              .pick({ id: true, name: true, prefix: true, scopes: true })
              .extend({ key: z.string().meta({ description: 'The key: store it now, it is not shown again' }) }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const created = await createApiKey(db, {
          tenantId: authOf(request).tenantId,
          name: request.body.name,
          scopes: [...new Set(request.body.scopes)],
        });
        request.log.info({ keyId: created.id, prefix: created.prefix }, 'api key created');
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api-keys/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Revoke a key',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const revoked = await revokeApiKey(db, authOf(request).tenantId, request.params.id);
        if (!revoked) throw new ApiProblem('not-found', `no active API key ${request.params.id}`);
        deps.caches.apiKeys.deleteWhere((k) => k.id === request.params.id);
        request.log.info({ keyId: request.params.id }, 'api key revoked');
        return reply.code(204).send(null);
      },
    );
  };
}
