/**
 * Webhook subscriptions and their delivery log, over the @bounce/webhooks service (SSRF check of the URL, event
 * filter validation, secret generation and encryption, re-send through the queue). The signing secret is shown
 * once, in the response that creates it (creation, rotation); a rotation keeps the previous secret signing for a
 * window (default 24 h) so receivers can switch without dropping a delivery.
 */
import {
  deleteWebhookSubscription,
  getWebhookDelivery,
  listWebhookAttempts,
  listWebhookDeliveries,
  listWebhookSubscriptions,
} from '@bounce/db';
import {
  createWebhookSubscription,
  DEFAULT_PREVIOUS_SECRET_TTL_MS,
  EVENT_TYPES,
  eventFilterSchema,
  getWebhookSubscriptionView,
  resendDelivery,
  rotateWebhookSecret,
  type SubscriptionDeps,
  toWebhookSubscriptionView,
  updateWebhookSubscription,
} from '@bounce/webhooks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, timeRangeQuery, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import { type RouteDeps, requireQueues } from './route-deps.js';

const TAGS = ['webhooks'];

const payloadVersionSchema = z.union([z.literal(1), z.literal(2)]).meta({
  description:
    'The contract the receiver chose (WEBHOOKS.md): 1 = one signed POST per event; 2 = one signed POST carrying a batch of events (up to 100), retried as a batch under the same X-Bounce-Batch-Id',
});

const subscriptionSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()).meta({ description: 'Filter; empty = every event' }),
    enabled: z.boolean(),
    description: z.string().nullable(),
    previousSecretExpiresAt: z
      .date()
      .nullable()
      .meta({ description: 'Rotation in progress: the previous secret still signs until then' }),
    payloadVersion: payloadVersionSchema,
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'WebhookSubscription' });

const withSecret = z.object({
  subscription: subscriptionSchema,
  secret: z.string().meta({ description: 'Signing secret: shown only in this response' }),
});

const deliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed']);

const deliverySchema = z
  .object({
    id: z.uuid(),
    subscriptionId: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string().nullable(),
    address: z.string().nullable(),
    url: z.string(),
    status: z.string().meta({ description: 'pending, retrying, delivered or failed (after the last try)' }),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.date().nullable(),
    nextAttemptAt: z.date().nullable(),
    deliveredAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'WebhookDelivery' });

const attemptSchema = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  outcome: z.enum(['delivered', 'failed']),
  createdAt: z.date(),
});

const urlSchema = z.string().trim().min(1).max(2048);
const description = z.string().trim().max(500).nullable().optional();

export function webhookRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  const service: SubscriptionDeps = { db, secretBox: deps.secretBox, urlGuard: deps.urlGuard };

  return async (app) => {
    app.get(
      '/event-types',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The event types, their default priority and meaning (for subscription filters)',
          response: {
            200: z.object({
              items: z.array(
                z.object({ type: z.string(), priority: z.enum(['normal', 'high']), description: z.string() }),
              ),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async () => ({ items: [...EVENT_TYPES] }),
    );

    app.get(
      '/webhooks',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Webhook subscriptions',
          response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const rows = await listWebhookSubscriptions(db, authOf(request).tenantId);
        return { items: rows.map((r) => toWebhookSubscriptionView(r)) };
      },
    );

    app.post(
      '/webhooks',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Create a subscription; the response holds the signing secret, shown this once',
          description:
            'The URL must resolve to public addresses only (no loopback, private, link-local or metadata addresses).',
          body: z.object({
            url: urlSchema,
            eventTypes: eventFilterSchema.default([]),
            description,
            enabled: z.boolean().default(true),
            payloadVersion: payloadVersionSchema.default(1),
          }),
          response: { 201: withSecret, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const created = await createWebhookSubscription(service, {
          tenantId: authOf(request).tenantId,
          ...request.body,
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/webhooks/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One subscription',
          params: uuidParam,
          response: { 200: subscriptionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => getWebhookSubscriptionView(db, authOf(request).tenantId, request.params.id),
    );

    app.patch(
      '/webhooks/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            'Change URL (checked again; a new URL gets a new signing secret, shown once), filter, description, enabled or payload version',
          params: uuidParam,
          body: z.object({
            url: urlSchema.optional(),
            eventTypes: eventFilterSchema.optional(),
            description,
            enabled: z.boolean().optional(),
            payloadVersion: payloadVersionSchema.optional(),
          }),
          response: {
            200: subscriptionSchema.extend({
              secret: z.string().optional().meta({
                description:
                  'Only when the URL changed: the new signing secret, shown this once (the old ones stop signing)',
              }),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => updateWebhookSubscription(service, authOf(request).tenantId, request.params.id, request.body),
    );

    app.delete(
      '/webhooks/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Delete a subscription (and its delivery log)',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const deleted = await deleteWebhookSubscription(db, authOf(request).tenantId, request.params.id);
        if (!deleted) throw new ApiProblem('not-found', `webhook subscription ${request.params.id} not found`);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'New signing secret (shown once); the previous one keeps signing for a window',
          params: uuidParam,
          body: z
            .object({
              previousSecretTtlSeconds: z
                .number()
                .int()
                .min(0)
                .max(30 * 86_400)
                .default(DEFAULT_PREVIOUS_SECRET_TTL_MS / 1000)
                .meta({ description: 'How long the previous secret still signs. Default 24 h; 0 after a leak' }),
            })
            // No body at all (fastify passes null) means the defaults.
            .nullish()
            .transform((b) => b ?? { previousSecretTtlSeconds: DEFAULT_PREVIOUS_SECRET_TTL_MS / 1000 }),
          response: { 200: withSecret, ...PROBLEM_RESPONSES },
        },
      },
      async (request) =>
        rotateWebhookSecret(service, authOf(request).tenantId, request.params.id, {
          previousSecretTtlMs: request.body.previousSecretTtlSeconds * 1000,
        }),
    );

    app.get(
      '/webhook-deliveries',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Delivery log, newest first',
          querystring: z.object({
            subscriptionId: z.uuid().optional(),
            eventId: z.uuid().optional(),
            status: deliveryStatus.optional(),
            address: z.string().min(3).max(320).optional(),
            type: z.string().max(100).optional().meta({ description: 'Event type, exact or prefix (address.*)' }),
            ...timeRangeQuery,
            ...pagingQuery,
          }),
          response: { 200: pageOf(deliverySchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => listWebhookDeliveries(db, authOf(request).tenantId, request.query),
    );

    app.get(
      '/webhook-deliveries/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One delivery with every attempt',
          params: uuidParam,
          response: { 200: deliverySchema.extend({ attemptLog: z.array(attemptSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const delivery = await getWebhookDelivery(db, tenantId, request.params.id);
        if (!delivery) throw new ApiProblem('not-found', `webhook delivery ${request.params.id} not found`);
        return { ...delivery, attemptLog: await listWebhookAttempts(db, tenantId, request.params.id) };
      },
    );

    app.post(
      '/webhook-deliveries/:id/resend',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Re-send a failed (or delivered) delivery: a new attempt series, same event id',
          params: uuidParam,
          response: {
            202: z.object({ deliveryId: z.uuid(), status: z.string(), jobId: z.string() }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const queues = requireQueues(deps, 're-sending a webhook');
        const r = await resendDelivery(
          { db, queue: queues.webhookDeliveries },
          authOf(request).tenantId,
          request.params.id,
        );
        return reply.code(202).send({ deliveryId: r.delivery.id, status: r.delivery.status, jobId: r.jobId });
      },
    );
  };
}
