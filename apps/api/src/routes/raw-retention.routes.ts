/**
 * The tenant's raw-message retention over the API (docs/retention.md): how many days a raw bounce message keeps its
 * content once settled (the rules worker's history-retention task removes it after that; the row, its hash and the
 * verdicts stay). The same setting as `pnpm --filter @bounce/api set-retention`.
 */
import { getTenantRawRetention, MAX_RETENTION_DAYS, setTenantRawRetention } from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['manual processing'];

const rawRetentionSchema = z.object({
  days: z.number().int().min(0).max(MAX_RETENTION_DAYS).nullable().meta({
    description:
      "Days a settled raw message keeps its content; 0 keeps it for ever; null follows the installation's default (RAW_RETENTION_DAYS)",
  }),
});

export function rawRetentionRoutes({ db }: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/raw-messages/retention',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "The tenant's raw-message content retention",
          response: { 200: rawRetentionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ days: await getTenantRawRetention(db, authOf(request).tenantId) }),
    );

    app.put(
      '/raw-messages/retention',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "Set the tenant's raw-message content retention (days, 0 for ever, null for the installation's default)",
          body: rawRetentionSchema,
          response: { 200: rawRetentionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        await setTenantRawRetention(db, authOf(request).tenantId, request.body.days);
        return { days: request.body.days };
      },
    );
  };
}
