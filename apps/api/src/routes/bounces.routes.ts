/**
 * Bounces with filters, one bounce with its raw message made readable, and the manual-assignment list: bounces
 * whose recipient or send could not be matched, which an operator ties to a send or a recipient (the rules then
 * apply as if the bounce had matched on arrival).
 */
import { assignBounce, getBounce, getRawMessageContent, listBounces, listUnmatched } from '@bounce/db';
import { BOUNCE_CLASSES, REASONS } from '@bounce/parser';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, timeRangeQuery, uuidParam } from '../http/common-schemas.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiProblem } from '../http/problem-details.js';
import { rawMessageAttachment, rawMessageView, throwIfPurged, UnreadableMessageError } from '../raw-message-view.js';
import type { RouteDeps } from './route-deps.js';
import { bounceSchema } from './views.js';

const TAGS = ['bounces'];

const filterQuery = {
  class: z.enum(BOUNCE_CLASSES).optional(),
  reason: z.enum(REASONS).optional(),
  recipient: z.string().min(3).max(320).optional(),
  sendId: z.uuid().optional(),
  ...timeRangeQuery,
};

const fieldSchema = z.object({ name: z.string(), value: z.string() });

export const rawViewSchema = z
  .object({
    rawMessageId: z.uuid(),
    headers: z.array(fieldSchema).meta({ description: 'Top-level header fields, unfolded, in order' }),
    reports: z
      .array(z.object({ contentType: z.string(), groups: z.array(z.array(fieldSchema)) }))
      .meta({ description: 'Delivery-status / feedback-report parts as field groups (the DSN fields)' }),
    size: z.number().int(),
    receivedAt: z.date(),
    subject: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    date: z.date().nullable(),
    messageId: z.string().nullable(),
    text: z.string().nullable(),
    textTruncated: z.boolean(),
    attachments: z.array(
      z.object({
        index: z.number().int(),
        filename: z.string().nullable(),
        contentType: z.string(),
        size: z.number().int(),
        disposition: z.string().nullable(),
      }),
    ),
    unreadable: z.string().nullable().meta({
      description: 'Why the MIME structure could not be read (e.g. nested too deep); then only headers are given',
    }),
  })
  .meta({ id: 'RawMessageView' });

const assignBody = z
  .object({
    sendId: z.uuid().optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    recipient: z.string().trim().min(3).max(320).optional(),
  })
  .refine((b) => [b.sendId, b.externalId, b.recipient].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of sendId, externalId or recipient',
  });

export function bounceRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  async function rawOf(tenantId: string, bounceId: string) {
    const bounce = await getBounce(db, tenantId, bounceId);
    if (!bounce) throw new ApiProblem('not-found', `bounce ${bounceId} not found`);
    if (!bounce.rawMessageId) {
      throw new ApiProblem('not-found', `bounce ${bounceId} has no stored message (source ${bounce.source})`);
    }
    const raw = await getRawMessageContent(db, tenantId, bounce.rawMessageId);
    if (!raw) throw new ApiProblem('not-found', `the message of bounce ${bounceId} is no longer stored`);
    throwIfPurged(raw);
    return raw;
  }

  return async (app) => {
    app.get(
      '/bounces',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Bounces, most recently received first',
          querystring: z.object({
            ...filterQuery,
            state: z.enum(['pending', 'applied', 'unmatched', 'ignored', 'failed']).optional(),
            ...pagingQuery,
          }),
          response: { 200: pageOf(bounceSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { from, to, ...rest } = request.query;
        return listBounces(db, authOf(request).tenantId, { ...rest, since: from, until: to });
      },
    );

    app.get(
      '/bounces/unmatched',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The manual-assignment list: bounces not matched to an address or send',
          querystring: z.object({ ...filterQuery, ...pagingQuery }),
          response: { 200: pageOf(bounceSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { from, to, ...rest } = request.query;
        return listUnmatched(db, authOf(request).tenantId, { ...rest, since: from, until: to });
      },
    );

    app.get(
      '/bounces/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One bounce',
          params: uuidParam,
          response: { 200: bounceSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const bounce = await getBounce(db, authOf(request).tenantId, request.params.id);
        if (!bounce) throw new ApiProblem('not-found', `bounce ${request.params.id} not found`);
        return bounce;
      },
    );

    app.get(
      '/bounces/:id/raw',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The bounce message, readable: subject, from, to, text and the list of attached parts',
          params: uuidParam,
          response: { 200: rawViewSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const raw = await rawOf(authOf(request).tenantId, request.params.id);
        const view = await rawMessageView(raw.content);
        return { rawMessageId: raw.id, size: raw.size, receivedAt: raw.receivedAt, ...view };
      },
    );

    app.get(
      '/bounces/:id/raw/source',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The bounce message as received (message/rfc822 download)',
          params: uuidParam,
          response: {
            200: { description: 'RFC 5322 message', content: { 'message/rfc822': { schema: z.string() } } },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const raw = await rawOf(authOf(request).tenantId, request.params.id);
        return reply
          .type('message/rfc822')
          .header('content-disposition', `attachment; filename="${raw.id}.eml"`)
          .send(raw.content as unknown as string); // a Buffer goes out as is; the cast satisfies the typed reply
      },
    );

    app.get(
      '/bounces/:id/raw/attachments/:index',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "One attached part's bytes (index from the raw view), as a download",
          params: z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(10_000) }),
          response: {
            200: {
              description: 'The part, as application/octet-stream',
              content: { 'application/octet-stream': { schema: z.string() } },
            },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const raw = await rawOf(authOf(request).tenantId, request.params.id);
        const part = await rawMessageAttachment(raw.content, request.params.index).catch((err: unknown) => {
          if (err instanceof UnreadableMessageError)
            throw new ApiProblem('not-found', `${err.message}; download the source`);
          throw err;
        });
        if (!part) throw new ApiProblem('not-found', `the message has no attachment ${request.params.index}`);
        // Always octet-stream and attachment: a hostile text/html part must not render in the operator's browser.
        // The part's name and type come from the message's sender: encoded for the header, never written raw.
        const contentType = /^[\x21-\x7e]{1,255}$/.test(part.contentType)
          ? part.contentType
          : 'application/octet-stream';
        return reply
          .type('application/octet-stream')
          .header('content-disposition', attachmentDisposition(part.filename ?? `part-${request.params.index}`))
          .header('x-content-type-options', 'nosniff')
          .header('x-part-content-type', contentType)
          .send(part.content as unknown as string); // a Buffer goes out as is; the cast satisfies the typed reply
      },
    );

    app.post(
      '/bounces/:id/assign',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Assign an unmatched bounce to a send or a recipient; the rules then apply',
          params: uuidParam,
          body: assignBody,
          response: {
            200: z.object({
              bounceId: z.uuid(),
              address: z.string(),
              sendId: z.string().nullable(),
              rule: z.string().meta({ description: 'Rule that fired' }),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const { sendId, externalId, recipient } = request.body;
        const target = sendId ? { sendId } : externalId ? { externalId } : { recipient: recipient as string };
        return assignBounce(db, authOf(request).tenantId, request.params.id, target, actorOf(request));
      },
    );
  };
}
