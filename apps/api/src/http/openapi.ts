/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas (fastify-type-provider-zod), served as JSON at
 * /docs/json and through swagger-ui at /docs. Both are public (the document holds no data, and operators need it
 * before they have a key) and rate-limited per client IP.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_VERSION = '1.0.0';

const DESCRIPTION = `Operator API of the bounce-processing service.

Authenticate with a per-tenant API key: \`Authorization: Bearer bk_...\`. Scopes: **read** (queries, canSend),
**write** (report sends, block/unblock, import, assign, undo), **admin** (rule sets, mailboxes, webhooks, operator
e-mail, API keys); admin implies write implies read. A key only ever sees its own tenant's data.

Errors are RFC 9457 problem details (\`application/problem+json\`) with a stable \`type\` URN and \`code\`; validation
failures list every problem in \`errors\` with a JSON pointer. Listings are paged by an opaque \`cursor\`
(\`nextCursor\` of the previous page). Requests are rate-limited per API key (429 with Retry-After).`;

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Bounce processing API', version: API_VERSION, description: DESCRIPTION },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key (bk_...)' } },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/**
 * /docs and /docs/json. Registered after the rate limit (which only covers routes added after it), so the public
 * document counts per client IP like any refused request: building it is not free, and it is no free amplifier.
 */
export async function registerOpenApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
