/**
 * Operators who receive e-mail for chosen events (batched into digests by the notify worker), and "send test mail"
 * to check the SMTP settings, which goes through the notify worker's own mailer code (`sendTestMail`) so the test
 * exercises exactly what the digests use.
 */
import {
  createOperatorSubscription,
  deleteOperatorSubscription,
  getOperatorSubscription,
  listOperatorSubscriptions,
  updateOperatorSubscription,
} from '@bounce/db';
import { sendTestMail } from '@bounce/mailer';
import { eventFilterSchema } from '@bounce/webhooks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['operator e-mail'];

const subscriptionSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    eventTypes: z.array(z.string()).meta({ description: 'Filter; empty = every event' }),
    minPriority: z.string().meta({ description: 'normal (all events) or high (high-priority events only)' }),
    enabled: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'OperatorSubscription' });

const fields = {
  email: z.email().max(320),
  eventTypes: eventFilterSchema,
  minPriority: z.enum(['normal', 'high']),
  enabled: z.boolean(),
};

const testMailResultSchema = z.object({
  ok: z.boolean(),
  messageId: z.string().optional(),
  accepted: z.array(z.string()).optional(),
  response: z.string().optional(),
  code: z
    .string()
    .optional()
    .meta({ description: 'On failure: connection-failed, tls-failed, auth-failed, rejected, ...' }),
  message: z.string().optional(),
  smtpResponse: z.string().optional(),
  durationMs: z.number(),
});

export function operatorSubscriptionRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/operator-subscriptions',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Operator e-mail subscriptions',
          response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: await listOperatorSubscriptions(db, authOf(request).tenantId) }),
    );

    app.post(
      '/operator-subscriptions',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Subscribe an operator to events by e-mail',
          body: z.object({
            email: fields.email,
            eventTypes: fields.eventTypes.default([]),
            minPriority: fields.minPriority.default('normal'),
            enabled: fields.enabled.default(true),
          }),
          response: { 201: subscriptionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createOperatorSubscription(db, { tenantId: authOf(request).tenantId, ...request.body })),
    );

    app.get(
      '/operator-subscriptions/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One subscription',
          params: uuidParam,
          response: { 200: subscriptionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const row = await getOperatorSubscription(db, authOf(request).tenantId, request.params.id);
        if (!row) throw new ApiProblem('not-found', `operator subscription ${request.params.id} not found`);
        return row;
      },
    );

    app.patch(
      '/operator-subscriptions/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Change a subscription',
          params: uuidParam,
          body: z.object(fields).partial(),
          response: { 200: subscriptionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const row = await updateOperatorSubscription(db, authOf(request).tenantId, request.params.id, request.body);
        if (!row) throw new ApiProblem('not-found', `operator subscription ${request.params.id} not found`);
        return row;
      },
    );

    app.delete(
      '/operator-subscriptions/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Remove a subscription',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const deleted = await deleteOperatorSubscription(db, authOf(request).tenantId, request.params.id);
        if (!deleted) throw new ApiProblem('not-found', `operator subscription ${request.params.id} not found`);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/operator-subscriptions/test-mail',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Send a test mail with the SMTP settings; reports what the server said',
          description: 'ok false with a code when the server refused or could not be reached (still HTTP 200).',
          body: z.object({ to: z.email().max(320) }),
          response: { 200: testMailResultSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        if (!deps.mailer) throw new ApiProblem('unavailable', 'SMTP is not configured (SMTP_URL or SMTP_HOST)');
        return sendTestMail(deps.mailer, request.body.to, {
          tenantId: authOf(request).tenantId,
          logger: request.log as never,
        });
      },
    );
  };
}
