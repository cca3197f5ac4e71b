/**
 * The message archive over the API (issue 18's grabber): a contact's archived mail (auto-replies and answers filed
 * at it), searchable by subject and date, the original (.eml) and each attachment as downloads, the GDPR erasure of
 * a contact's archive, and the tenant's archive retention.
 */
import {
  eraseContactArchive,
  getArchivedAttachment,
  getArchivedOriginal,
  getArchiveRetention,
  getContactByExternalId,
  listArchivedMessages,
  setArchiveRetention,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['contacts'];

const archivedMessageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['auto-reply', 'reply']),
    address: z.string(),
    subject: z.string().nullable(),
    messageDate: z.date().nullable(),
    size: z.number().int(),
    sha256: z.string(),
    archivedAt: z.date(),
    rawMessageId: z.uuid().nullable(),
    attachments: z.array(
      z.object({
        position: z.number().int(),
        filename: z.string().nullable(),
        contentType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        stored: z.boolean().meta({ description: 'False when over the size or count limit: listed, not kept' }),
      }),
    ),
  })
  .meta({ id: 'ArchivedMessage', description: 'Mail that is not a bounce, filed at a contact' });

const externalIdParam = z.object({ externalId: z.string().min(1).max(200) });

export function archiveRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    async function contactOf(tenantId: string, externalId: string) {
      const contact = await getContactByExternalId(db, tenantId, externalId);
      if (!contact) throw new ApiProblem('not-found', `contact ${externalId} not found`);
      return contact;
    }

    app.get(
      '/contacts/:externalId/messages',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "A contact's archived mail (auto-replies and answers), newest first",
          params: externalIdParam,
          querystring: z.object({
            subject: z.string().trim().min(1).max(200).optional().meta({ description: 'Part of the subject' }),
            from: z.coerce
              .date()
              .optional()
              .meta({ description: "The message's date (Date header, else when archived) at or after" }),
            to: z.coerce
              .date()
              .optional()
              .meta({ description: "The message's date (Date header, else when archived) at or before" }),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: { 200: z.object({ items: z.array(archivedMessageSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const contact = await contactOf(tenantId, request.params.externalId);
        const { subject, from, to, limit, offset } = request.query;
        const items = await listArchivedMessages(db, tenantId, contact.id, {
          ...(subject ? { subject } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          limit,
          offset,
        });
        return { items: items.map(({ contactId: _c, ...m }) => m) };
      },
    );

    app.delete(
      '/contacts/:externalId/messages',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            "Erase a contact's archived mail (GDPR): messages, attachments no one else's archive uses, raw content",
          params: externalIdParam,
          response: {
            200: z.object({ messages: z.number().int(), blobs: z.number().int(), rawContents: z.number().int() }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const contact = await contactOf(tenantId, request.params.externalId);
        const erased = await eraseContactArchive(db, tenantId, contact.id);
        if (!erased) throw new ApiProblem('not-found', `contact ${request.params.externalId} not found`);
        return erased;
      },
    );

    app.get(
      '/archived-messages/:id/source',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'An archived message as received (message/rfc822 download)',
          params: z.object({ id: z.uuid() }),
          response: {
            200: { description: 'RFC 5322 message', content: { 'message/rfc822': { schema: z.string() } } },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const original = await getArchivedOriginal(db, authOf(request).tenantId, request.params.id);
        if (!original) throw new ApiProblem('not-found', `archived message ${request.params.id} not found`);
        return reply
          .type('message/rfc822')
          .header('content-disposition', `attachment; filename="${request.params.id}.eml"`)
          .send(original.content as unknown as string); // a Buffer goes out as is
      },
    );

    app.get(
      '/archived-messages/:id/attachments/:position',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One attachment of an archived message (position from the listing), as a download',
          params: z.object({ id: z.uuid(), position: z.coerce.number().int().min(0).max(10_000) }),
          response: {
            200: {
              description: 'The attachment, as application/octet-stream (its type in X-Part-Content-Type)',
              content: { 'application/octet-stream': { schema: z.string() } },
            },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const { id, position } = request.params;
        const part = await getArchivedAttachment(db, authOf(request).tenantId, id, position);
        if (!part) throw new ApiProblem('not-found', `archived message ${id} has no stored attachment ${position}`);
        // Always a download: a hostile text/html attachment must not render in the operator's browser.
        return reply
          .type('application/octet-stream')
          .header('content-disposition', attachmentDisposition(part.filename ?? `attachment-${position}`))
          .header('x-content-type-options', 'nosniff')
          .header('x-part-content-type', part.contentType)
          .send(part.content as unknown as string);
      },
    );

    const retentionSchema = z.object({
      days: z
        .number()
        .int()
        .min(1)
        .max(36_500)
        .nullable()
        .meta({ description: 'Days archived mail is kept; null keeps it until erased' }),
    });

    app.get(
      '/archive/retention',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "The tenant's archive retention",
          response: { 200: retentionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ days: await getArchiveRetention(db, authOf(request).tenantId) }),
    );

    app.put(
      '/archive/retention',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: "Set the tenant's archive retention (days, or null to keep archived mail until erased)",
          body: retentionSchema,
          response: { 200: retentionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        await setArchiveRetention(db, tenantId, request.body.days);
        return { days: request.body.days };
      },
    );
  };
}
