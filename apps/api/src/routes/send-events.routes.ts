/**
 * The sending system reports sends, confirmed deliveries and synchronous rejections (the receiving server said
 * 4xx/5xx during the SMTP dialogue, so no bounce message will come), one at a time or in batches.
 *
 * Written synchronously through the store (not enqueued to the send-events queue): the caller gets the recorded
 * send ids and the rules' outcome in the response, a failure is an HTTP error it can retry (every operation is
 * idempotent: sends on `externalId`/`id`, deliveries on the send, rejections on their idempotency key), and the API
 * needs no Redis for its main job. A sender that prefers fire-and-forget can enqueue send-events jobs itself.
 */
import {
  MAX_SEND_EVENT_ITEMS,
  recordDeliveries,
  recordSends,
  recordSyncRejections,
  resolveSendRefs,
  type SendRef,
  sendEventDeliverySchema,
  sendEventRejectionSchema,
  sendEventSendSchema,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

// The item schemas of the send-events job, so the queue and the API accept exactly the same items.
export const sendItemSchema = sendEventSendSchema.meta({ id: 'SendReport' });
export const deliveryItemSchema = sendEventDeliverySchema.meta({ id: 'DeliveryReport' });
export const rejectionItemSchema = sendEventRejectionSchema.meta({ id: 'RejectionReport' });

const batchOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item).min(1).max(MAX_SEND_EVENT_ITEMS) });

/** What to put on the message of a send: the envelope sender and headers that tie its bounce to it. */
const sendInstructionFields = {
  returnPath: z.string().nullable().meta({
    description:
      'Envelope sender (MAIL FROM, becomes Return-Path) to send this message with: the signed VERP address that ties its bounce to this send. null when the installation has no VERP signing configured (VERP_SECRETS, VERP_DOMAIN).',
  }),
  headers: z.record(z.string(), z.string()).meta({
    description: 'Headers to set on the message (the send id, a correlation header returned in most bounces)',
  }),
};

const recordedSendSchema = z
  .object({
    index: z.number().int(),
    id: z.uuid(),
    externalId: z.string().nullable(),
    created: z.boolean().meta({ description: 'false when this send was reported before (idempotent replay)' }),
    ...sendInstructionFields,
  })
  .meta({ id: 'RecordedSend' });

const sendViewSchema = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    messageId: z.string().nullable(),
    recipient: z.string(),
    category: z.string(),
    listId: z.string().nullable(),
    campaignId: z.string().nullable(),
    sentAt: z.string().meta({ format: 'date-time' }),
    status: z.string().meta({ description: 'sent, delivered, bounced, deferred or rejected' }),
    ...sendInstructionFields,
  })
  .meta({ id: 'Send' });

const sendRefSchema = z.object({
  index: z.number().int(),
  sendId: z.string().nullable(),
  externalId: z.string().nullable(),
});

const deliveryResultSchema = z.object({
  confirmed: z.number().int(),
  duplicates: z.number().int().meta({ description: 'Deliveries already confirmed before' }),
  unknown: z.array(sendRefSchema).meta({ description: 'Items naming a send that was never reported' }),
});

const rejectionItemResultSchema = z.object({
  index: z.number().int(),
  bounceId: z.uuid().nullable(),
  outcome: z.enum(['applied', 'unmatched', 'duplicate', 'ignored']),
  address: z.string().nullable(),
  rule: z.string().nullable().meta({ description: 'Rule that fired, e.g. hard-bounce, soft-threshold' }),
});

const rejectionResultSchema = z.object({
  applied: z.number().int(),
  duplicates: z.number().int(),
  blocked: z.number().int().meta({ description: 'Addresses this report blocked' }),
  results: z.array(rejectionItemResultSchema),
  unknown: z.array(sendRefSchema),
});

const TAGS = ['send events'];

const refKey = (r: SendRef) => `${r.sendId ?? ''}\u0000${r.externalId ?? ''}`;

/** Marks the inputs whose send was unknown (the store lists them by reference, in input order). */
function unknownIndexes(inputs: readonly SendRef[], unknown: readonly SendRef[]): Set<number> {
  const keys = new Set(unknown.map((u) => refKey({ sendId: u.sendId ?? null, externalId: u.externalId ?? null })));
  const out = new Set<number>();
  inputs.forEach((r, i) => {
    if (keys.has(refKey({ sendId: r.sendId ?? null, externalId: r.externalId ?? null }))) out.add(i);
  });
  return out;
}

export function sendEventRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  const withInstructions = <T extends { id: string }>(send: T) => ({ ...send, ...deps.sendInstructions(send.id) });

  async function deliveries(tenantId: string, items: z.infer<typeof deliveryItemSchema>[]) {
    const r = await recordDeliveries(db, tenantId, items, { actor: 'api' });
    const missing = unknownIndexes(items, r.unknown);
    return {
      confirmed: r.confirmed,
      duplicates: r.duplicates,
      unknown: [...missing].map((index) => ({
        index,
        sendId: items[index]?.sendId ?? null,
        externalId: items[index]?.externalId ?? null,
      })),
    };
  }

  async function rejections(tenantId: string, items: z.infer<typeof rejectionItemSchema>[]) {
    const r = await recordSyncRejections(db, tenantId, items);
    const missing = unknownIndexes(items, r.unknown);
    // The store numbers its results among the known items only; map them back to input positions.
    const known = items.map((_, i) => i).filter((i) => !missing.has(i));
    return {
      applied: r.applied,
      duplicates: r.duplicates,
      blocked: r.blocked,
      results: r.results.map((x) => ({
        index: known[x.itemIndex] ?? x.itemIndex,
        bounceId: x.bounceId,
        outcome: x.outcome,
        address: x.address,
        rule: x.rule,
      })),
      unknown: [...missing].map((index) => ({
        index,
        sendId: items[index]?.sendId ?? null,
        externalId: items[index]?.externalId ?? null,
      })),
    };
  }

  return async (app) => {
    app.post(
      '/sends',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Report one send',
          description:
            'Record the send before sending, then send the message with the returned returnPath as envelope sender and the returned headers: its bounce is then matched to this send exactly. Idempotent on externalId (and on id when given): reporting the same send again answers 200 with created false (and the same returnPath).',
          body: sendItemSchema,
          response: { 200: recordedSendSchema, 201: recordedSendSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const [recorded] = await recordSends(db, authOf(request).tenantId, [request.body]);
        if (!recorded) throw new Error('recordSends returned nothing');
        return reply.code(recorded.created ? 201 : 200).send(withInstructions(recorded));
      },
    );

    app.post(
      '/sends/batch',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: `Report up to ${MAX_SEND_EVENT_ITEMS} sends`,
          body: batchOf(sendItemSchema),
          response: {
            200: z.object({
              recorded: z.number().int(),
              created: z.number().int(),
              items: z.array(recordedSendSchema),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const items = await recordSends(db, authOf(request).tenantId, request.body.items);
        return {
          recorded: items.length,
          created: items.filter((i) => i.created).length,
          items: items.map(withInstructions),
        };
      },
    );

    app.get(
      '/sends/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'A recorded send, with its return path and headers',
          description: "By our id (a UUID) or, when it is not one, by the sender's externalId.",
          params: z.object({ id: z.string().trim().min(1).max(200) }),
          response: { 200: sendViewSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { id } = request.params;
        const ref = z.uuid().safeParse(id).success ? { sendId: id } : { externalId: id };
        const [send] = await resolveSendRefs(db, authOf(request).tenantId, [ref]);
        if (!send) throw new ApiProblem('not-found', 'no send with this id');
        return withInstructions({ ...send, sentAt: send.sentAt.toISOString() });
      },
    );

    app.post(
      '/deliveries',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Report one confirmed delivery (resets the soft-bounce count)',
          body: deliveryItemSchema,
          response: { 200: deliveryResultSchema.omit({ unknown: true }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const r = await deliveries(authOf(request).tenantId, [request.body]);
        if (r.unknown.length > 0) throw new ApiProblem('not-found', 'no send with this sendId or externalId');
        return { confirmed: r.confirmed, duplicates: r.duplicates };
      },
    );

    app.post(
      '/deliveries/batch',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: `Report up to ${MAX_SEND_EVENT_ITEMS} confirmed deliveries`,
          body: batchOf(deliveryItemSchema),
          response: { 200: deliveryResultSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => deliveries(authOf(request).tenantId, request.body.items),
    );

    app.post(
      '/rejections',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Report one synchronous rejection (4xx/5xx during SMTP); applied like a bounce',
          body: rejectionItemSchema,
          response: { 200: rejectionResultSchema.omit({ unknown: true }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const r = await rejections(authOf(request).tenantId, [request.body]);
        if (r.unknown.length > 0) throw new ApiProblem('not-found', 'no send with this sendId or externalId');
        return { applied: r.applied, duplicates: r.duplicates, blocked: r.blocked, results: r.results };
      },
    );

    app.post(
      '/rejections/batch',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: `Report up to ${MAX_SEND_EVENT_ITEMS} synchronous rejections`,
          body: batchOf(rejectionItemSchema),
          response: { 200: rejectionResultSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => rejections(authOf(request).tenantId, request.body.items),
    );
  };
}
