/**
 * Manual processing: the messages the workers left to a person (see @bounce/db manual-messages). View one (readable
 * and as source), assign it (its unmatched bounce, or a verdict the person gives for a bounce that named no
 * recipient), mark it as not a bounce (optionally filed at an address), parse it again with the current parser
 * (after a parser upgrade), and the same actions in bulk. Re-parsing runs here, synchronously, through the same
 * `parseBounce` and `applyBounces` the workers use, so the person sees the outcome at once.
 */
import { createHash } from 'node:crypto';
import {
  applyBounces,
  archiveEntryOf,
  archiveMessageAt,
  assignBounce,
  getContactByExternalId,
  getManualMessage,
  getRawMessageContent,
  listManualMessages,
  type ManualMessageWithHead,
  markMessagesNotBounce,
  resolveManualMessageArchived,
  resolveManualMessageIfSettled,
  setManualMessageReason,
} from '@bounce/db';
import { type ParseResult, parseBounce, REASONS, type RecipientResult } from '@bounce/parser';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import { rawMessageView, throwIfPurged } from '../raw-message-view.js';
import { rawViewSchema } from './bounces.routes.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['manual processing'];

/** Messages per bulk request. */
export const MAX_BULK = 200;

const messageBounceSchema = z.object({
  id: z.uuid(),
  recipient: z.string().nullable(),
  class: z.string(),
  reason: z.string(),
  status: z.string().nullable(),
  state: z.string().meta({ description: 'unmatched (to assign), applied, ignored, ...' }),
  diagnosticCode: z.string().nullable(),
});

const manualMessageSchema = z
  .object({
    id: z.uuid(),
    mailboxId: z.uuid().nullable(),
    mailboxName: z.string().nullable(),
    receivedAt: z.date(),
    size: z.number().int(),
    status: z.string(),
    error: z.string().nullable().meta({ description: 'Why it needs a person, as the workers recorded it' }),
    subject: z.string().nullable(),
    from: z.string().nullable(),
    date: z.date().nullable(),
    resolution: z
      .string()
      .nullable()
      .meta({ description: "assigned, not-bounce, reparsed or archived (filed at a contact's archive) once resolved" }),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.date().nullable(),
    filedAddress: z.string().nullable(),
    bounces: z.array(messageBounceSchema),
  })
  .meta({ id: 'ManualMessage' });

const assignBody = z
  .object({
    bounceId: z.uuid().optional().meta({ description: 'Which unmatched bounce, when the message has several' }),
    sendId: z.uuid().optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    recipient: z.string().trim().min(3).max(320).optional(),
    class: z
      .enum(['hard', 'soft'])
      .optional()
      .meta({ description: 'For a message without bounces: the verdict the person gives (with recipient)' }),
    reason: z
      .enum(REASONS)
      .optional()
      .meta({ description: 'With class; default userunknown (hard), mailboxfull (soft)' }),
  })
  .refine((b) => [b.sendId, b.externalId, b.recipient].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of sendId, externalId or recipient',
  });

const notBounceBody = z.object({
  fileAt: z.string().trim().min(3).max(320).optional().meta({ description: 'File the message at this address' }),
  note: z.string().trim().min(1).max(1000).optional(),
});

const reparseResultSchema = z.object({
  id: z.uuid(),
  kind: z.string().meta({ description: 'What the parser sees now' }),
  recipients: z.number().int(),
  outcome: z
    .enum(['applied', 'unmatched', 'unchanged'])
    .meta({ description: 'applied: settled now; unmatched: bounces to assign; unchanged: still nothing to apply' }),
  resolved: z.boolean(),
});

function addressText(value: unknown): string | null {
  if (!value) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v: { text?: string }) => v.text ?? '').join(', ') || null;
}

/** Subject, From and Date from the first bytes of the message (enough for any header). */
async function headOf(head: Buffer): Promise<{ subject: string | null; from: string | null; date: Date | null }> {
  try {
    const mail = await simpleParser(head, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    return { subject: mail.subject ?? null, from: addressText(mail.from), date: mail.date ?? null };
  } catch {
    return { subject: null, from: null, date: null };
  }
}

async function present(m: ManualMessageWithHead) {
  const { head, ...rest } = m;
  return { ...rest, ...(await headOf(head)) };
}

export function manualMessageRoutes(deps: RouteDeps & { correlationHeaders: string[] }): FastifyPluginAsyncZod {
  const { db } = deps;
  const parseOptions = deps.correlationHeaders.length > 0 ? { correlationHeaders: deps.correlationHeaders } : {};

  async function found(tenantId: string, id: string): Promise<ManualMessageWithHead> {
    const message = await getManualMessage(db, tenantId, id);
    if (!message) throw new ApiProblem('not-found', `message ${id} not found`);
    return message;
  }

  async function contentOf(tenantId: string, id: string): Promise<Buffer> {
    const raw = await getRawMessageContent(db, tenantId, id);
    if (!raw) throw new ApiProblem('not-found', `message ${id} not found`);
    throwIfPurged(raw);
    return raw.content;
  }

  /** Parse again with the current parser; apply what it finds (idempotent: bounces already recorded stay as they are). */
  async function reparse(request: FastifyRequest, tenantId: string, id: string) {
    const message = await found(tenantId, id);
    if (message.resolvedAt) throw new ApiProblem('conflict', `message ${id} is already resolved`);
    const content = await contentOf(tenantId, id);
    const parsed = parseBounce(content, parseOptions);
    if (parsed.recipients.length === 0 || parsed.kind === 'not-bounce' || parsed.kind === 'parse-error') {
      // Keep the newest reason on the message, so the list shows what the current parser says.
      const why = parsed.kind === 'not-bounce' ? 'not a bounce' : `${parsed.kind} without a recipient (re-parsed)`;
      await setManualMessageReason(db, tenantId, id, why);
      return { id, kind: parsed.kind, recipients: 0, outcome: 'unchanged' as const, resolved: false };
    }
    const result = await applyBounces(
      db,
      tenantId,
      [{ parsed, rawMessageId: id, rawSha256: createHash('sha256').update(content).digest('hex') }],
      { actor: actorOf(request) },
    );
    const resolved = await resolveManualMessageIfSettled(db, tenantId, id, 'reparsed', actorOf(request));
    return {
      id,
      kind: parsed.kind,
      recipients: parsed.recipients.length,
      outcome: result.unmatched > 0 ? ('unmatched' as const) : ('applied' as const),
      resolved,
    };
  }

  return async (app) => {
    app.get(
      '/manual-messages',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Messages that need a person (open), or the ones already resolved, newest first',
          querystring: z.object({
            resolved: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
            ...pagingQuery,
          }),
          response: { 200: pageOf(manualMessageSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const page = await listManualMessages(db, authOf(request).tenantId, request.query);
        return { items: await Promise.all(page.items.map(present)), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/manual-messages/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One message with its bounces and the readable view (headers, text, DSN fields, parts)',
          params: uuidParam,
          response: {
            200: z.object({ message: manualMessageSchema, view: rawViewSchema }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const message = await found(tenantId, request.params.id);
        const raw = await getRawMessageContent(db, tenantId, request.params.id);
        if (!raw) throw new ApiProblem('not-found', `message ${request.params.id} not found`);
        throwIfPurged(raw);
        const view = await rawMessageView(raw.content);
        return {
          message: await present(message),
          view: { rawMessageId: raw.id, size: raw.size, receivedAt: raw.receivedAt, ...view },
        };
      },
    );

    app.get(
      '/manual-messages/:id/source',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The message as received (message/rfc822 download)',
          params: uuidParam,
          response: {
            200: { description: 'RFC 5322 message', content: { 'message/rfc822': { schema: z.string() } } },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const content = await contentOf(authOf(request).tenantId, request.params.id);
        return reply
          .type('message/rfc822')
          .header('content-disposition', `attachment; filename="${request.params.id}.eml"`)
          .header('x-content-type-options', 'nosniff')
          .send(content as unknown as string);
      },
    );

    app.post(
      '/manual-messages/:id/assign',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            'Assign the message: its unmatched bounce to a send or address, or a verdict for a bounce without recipient',
          params: uuidParam,
          body: assignBody,
          response: {
            200: z.object({
              id: z.uuid(),
              bounceId: z.uuid().nullable(),
              address: z.string(),
              rule: z.string().nullable(),
              resolved: z.boolean(),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const actor = actorOf(request);
        const message = await found(tenantId, request.params.id);
        if (message.resolvedAt) throw new ApiProblem('conflict', `message ${message.id} is already resolved`);
        const { bounceId, sendId, externalId, recipient } = request.body;
        const target = sendId ? { sendId } : externalId ? { externalId } : { recipient: recipient as string };
        const unmatched = message.bounces.filter((b) => b.state === 'unmatched');
        if (unmatched.length > 0) {
          const chosen = bounceId
            ? unmatched.find((b) => b.id === bounceId)
            : unmatched.length === 1
              ? unmatched[0]
              : null;
          if (!chosen) {
            throw new ApiProblem('validation', '/body/bounceId: name which unmatched bounce of the message to assign', {
              errors: [{ pointer: '/body/bounceId', detail: 'name which unmatched bounce of the message to assign' }],
            });
          }
          const assigned = await assignBounce(db, tenantId, chosen.id, target, actor);
          const resolved = await resolveManualMessageIfSettled(db, tenantId, message.id, 'assigned', actor);
          return {
            id: message.id,
            bounceId: assigned.bounceId,
            address: assigned.address,
            rule: assigned.rule,
            resolved,
          };
        }
        if (message.bounces.length > 0) {
          throw new ApiProblem(
            'conflict',
            'the message has no unmatched bounce left; resolve it or mark it not a bounce',
          );
        }
        // No bounce at all (the parser found no recipient): the person gives the recipient and the verdict.
        if (!recipient || !request.body.class) {
          throw new ApiProblem('validation', '/body/class: a message without bounces needs recipient and class', {
            errors: [{ pointer: '/body/class', detail: 'a message without bounces needs a recipient and a class' }],
          });
        }
        const content = await contentOf(tenantId, message.id);
        const parsed = parseBounce(content, parseOptions);
        const klass = request.body.class;
        const verdict: RecipientResult = {
          recipient: recipient.toLowerCase(),
          originalRecipient: null,
          action: 'failed',
          status: klass === 'hard' ? '5.0.0' : '4.0.0',
          replyCode: null,
          reason: request.body.reason ?? (klass === 'hard' ? 'userunknown' : 'mailboxfull'),
          class: klass,
          diagnosticCode: `assigned by a person (${actor})`,
          remoteMta: null,
          reportingMta: null,
          feedbackType: null,
          lastAttemptAt: null,
          detectedBy: 'manual',
        };
        const result = await applyBounces(
          db,
          tenantId,
          [
            {
              parsed: { ...parsed, kind: 'bounce', recipients: [verdict] } as ParseResult,
              rawMessageId: message.id,
              rawSha256: createHash('sha256').update(content).digest('hex'),
            },
          ],
          { actor },
        );
        const item = result.results[0];
        if (item?.outcome === 'unmatched') {
          // Not known to the tenant and no send: assign the new bounce to the address the person named.
          const assigned = await assignBounce(db, tenantId, item.bounceId as string, { recipient }, actor);
          const resolved = await resolveManualMessageIfSettled(db, tenantId, message.id, 'assigned', actor);
          return {
            id: message.id,
            bounceId: assigned.bounceId,
            address: assigned.address,
            rule: assigned.rule,
            resolved,
          };
        }
        const resolved = await resolveManualMessageIfSettled(db, tenantId, message.id, 'assigned', actor);
        return {
          id: message.id,
          bounceId: item?.bounceId ?? null,
          address: item?.address ?? recipient,
          rule: item?.rule ?? null,
          resolved,
        };
      },
    );

    app.post(
      '/manual-messages/:id/not-bounce',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Mark as not a bounce (nothing is applied); optionally file it at an address',
          params: uuidParam,
          body: notBounceBody,
          response: { 200: z.object({ id: z.uuid(), resolved: z.literal(true) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        await found(tenantId, request.params.id);
        const result = await markMessagesNotBounce(db, tenantId, [request.params.id], {
          actor: actorOf(request),
          fileAt: request.body.fileAt ?? null,
          note: request.body.note ?? null,
        });
        if (result.resolved.length === 0) throw new ApiProblem('conflict', `message ${request.params.id} is not open`);
        return { id: request.params.id, resolved: true as const };
      },
    );

    app.post(
      '/manual-messages/:id/archive',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            'File a message that matched no contact (a reply, an automatic reply) in the archive of the contact a person chose; it leaves the list (resolution archived) and message.archived tells the CRM',
          params: uuidParam,
          body: z.object({ externalId: z.string().trim().min(1).max(200) }),
          response: {
            200: z.object({
              id: z.uuid(),
              resolved: z.literal(true),
              archivedMessageId: z.uuid().nullable().meta({ description: 'null when it was filed there before' }),
              externalId: z.string(),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const { id } = request.params;
        const message = await found(tenantId, id);
        if (message.resolvedAt) throw new ApiProblem('conflict', `message ${id} is already resolved`);
        const contact = await getContactByExternalId(db, tenantId, request.body.externalId);
        if (!contact) throw new ApiProblem('not-found', `contact ${request.body.externalId} not found`);
        const content = await contentOf(tenantId, id);
        // The sender the workers would have matched by: an automatic reply's replying address, a reply's From.
        const parsed = parseBounce(content, parseOptions);
        const entry = archiveEntryOf(id, parsed);
        const primaryAddress = contact.addresses.find((a) => a.primary)?.address ?? contact.addresses[0]?.address ?? '';
        const outcome = await archiveMessageAt(
          db,
          tenantId,
          { kind: entry?.kind ?? 'reply', address: entry?.address ?? null, content, rawMessageId: id },
          { id: contact.id, externalId: contact.externalId, primaryAddress },
          { inTransaction: (tx) => resolveManualMessageArchived(tx, tenantId, id, actorOf(request)) },
        );
        if (outcome.outcome === 'too-large') {
          throw new ApiProblem('conflict', `message ${id} is over the archive's size limit (${outcome.size} bytes)`);
        }
        if (outcome.outcome !== 'archived') throw new ApiProblem('conflict', `message ${id} was not filed`);
        return {
          id,
          resolved: true as const,
          archivedMessageId: outcome.archived[0]?.id ?? null,
          externalId: contact.externalId,
        };
      },
    );

    app.post(
      '/manual-messages/:id/reparse',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Parse again with the current parser and apply what it finds',
          params: uuidParam,
          response: { 200: reparseResultSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => reparse(request, authOf(request).tenantId, request.params.id),
    );

    app.post(
      '/manual-messages/bulk',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            'One action on many messages: not-bounce, reparse, or assign-recipient (each unmatched bounce to its own recipient)',
          body: z.object({
            ids: z.array(z.uuid()).min(1).max(MAX_BULK),
            action: z.enum(['not-bounce', 'reparse', 'assign-recipient']),
            note: z.string().trim().min(1).max(1000).optional(),
          }),
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  id: z.uuid(),
                  ok: z.boolean(),
                  resolved: z.boolean(),
                  detail: z.string().meta({ description: 'What happened, or why not' }),
                }),
              ),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const actor = actorOf(request);
        const ids = [...new Set(request.body.ids)];
        if (request.body.action === 'not-bounce') {
          const r = await markMessagesNotBounce(db, tenantId, ids, { actor, note: request.body.note ?? null });
          return {
            results: [
              ...r.resolved.map((id) => ({ id, ok: true, resolved: true, detail: 'marked not a bounce' })),
              ...r.skipped.map((s) => ({ id: s.id, ok: false, resolved: false, detail: s.why })),
            ],
          };
        }
        // One at a time: each its own transaction, and one message's problem never stops the others.
        const results = [];
        for (const id of ids) {
          try {
            if (request.body.action === 'reparse') {
              const r = await reparse(request, tenantId, id);
              results.push({
                id,
                ok: r.outcome !== 'unchanged',
                resolved: r.resolved,
                detail: `${r.kind}: ${r.outcome}`,
              });
            } else {
              const message = await found(tenantId, id);
              const unmatched = message.bounces.filter((b) => b.state === 'unmatched' && b.recipient);
              if (unmatched.length === 0) {
                results.push({ id, ok: false, resolved: false, detail: 'no unmatched bounce with a recipient' });
                continue;
              }
              for (const b of unmatched)
                await assignBounce(db, tenantId, b.id, { recipient: b.recipient as string }, actor);
              const resolved = await resolveManualMessageIfSettled(db, tenantId, id, 'assigned', actor);
              results.push({
                id,
                ok: true,
                resolved,
                detail: `${unmatched.length} bounce(s) assigned to their recipient`,
              });
            }
          } catch (err) {
            const detail = err instanceof ApiProblem ? err.detail : err instanceof Error ? err.message : String(err);
            results.push({ id, ok: false, resolved: false, detail });
          }
        }
        return { results };
      },
    );
  };
}
