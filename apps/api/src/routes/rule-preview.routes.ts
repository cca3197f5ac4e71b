/**
 * The preview of a rule change before it is saved: what the effective configuration becomes at that scope and how
 * many addresses change fate (see @bounce/db previewRuleChange). Read scope: it changes nothing.
 */
import { previewRuleChange, type RuleScope } from '@bounce/db';
import { ruleConfigOverridesSchema } from '@bounce/rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { jsonObject, PROBLEM_RESPONSES } from '../http/common-schemas.js';
import type { RouteDeps } from './route-deps.js';

const name = z.string().trim().min(1).max(200);

const scopeBody = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('tenant') }),
  z.object({ scope: z.literal('category'), category: name }),
  z.object({ scope: z.literal('list'), listId: name }),
]);

export function rulePreviewRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/rule-sets/preview',
      {
        config: { scope: 'read' },
        schema: {
          tags: ['rule sets'],
          summary: 'Preview a rule change: the effective settings before and after, and how many addresses it affects',
          description:
            'Counts two effects: active addresses whose next soft failure would block them (threshold, window, ' +
            'action) and blocked addresses that a category exemption change releases or blocks for that category. ' +
            'Other settings apply to bounces from now on (listed in futureOnly); past bounces are never re-judged.',
          body: z.object({
            target: scopeBody,
            config: ruleConfigOverridesSchema
              .nullable()
              .meta({ description: 'The proposed override layer at this scope; null previews removing it' }),
          }),
          response: {
            200: z
              .object({
                before: jsonObject,
                after: jsonObject,
                changes: z.array(z.object({ setting: z.string(), before: z.unknown(), after: z.unknown() })),
                nextSoftFailureBlocks: z.object({ before: z.number().int(), after: z.number().int() }),
                exemptions: z.array(
                  z.object({
                    category: z.string(),
                    exemptBefore: z.boolean(),
                    exemptAfter: z.boolean(),
                    addresses: z.number().int(),
                  }),
                ),
                wouldBlock: z.number().int(),
                wouldRelease: z.number().int(),
                futureOnly: z.array(z.string()),
              })
              .meta({ id: 'RulePreview' }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const preview = await previewRuleChange(
          db,
          authOf(request).tenantId,
          request.body.target as RuleScope,
          request.body.config,
        );
        const { scope: _, ...rest } = preview;
        return rest;
      },
    );
  };
}
