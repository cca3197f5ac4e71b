/**
 * Contacts (the CRM's people, with several addresses): bulk idempotent upsert by external id, lookup by external id
 * or address. A contact's view lists the replacement addresses read from auto-replies to its addresses ("my new
 * address is X", "I have left the company, write to X") as suggestions, which an operator accepts (the suggested
 * address becomes the primary one) or dismisses; only the tenant's rule setting applySuggestedAddresses applies one
 * by itself. It also shows each address's delivery state and the absence window an auto-reply announced.
 */
import {
  contactAddressStates,
  contactUpsertSchema,
  decideAddressSuggestion,
  findContactsByAddress,
  getContactByExternalId,
  listContactSuggestions,
  MIN_CONTACT_SEARCH_LENGTH,
  searchContacts,
  upsertContacts,
  withBlockedAddresses,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['contacts'];

const contactSchema = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    name: z.string().nullable(),
    addresses: z.array(z.object({ address: z.string(), primary: z.boolean() })),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Contact' });

const foundContactSchema = contactSchema
  .extend({
    blockedAddresses: z.array(z.string()).meta({ description: "The contact's addresses the rules have blocked" }),
  })
  .meta({ id: 'FoundContact', description: 'A contact found by a search, with its blocked addresses' });

const suggestionSchema = z
  .object({
    id: z.uuid(),
    address: z.string(),
    suggested: z.string(),
    reason: z.enum(['new-address', 'successor']),
    evidence: z.string(),
    rawMessageId: z.uuid().nullable(),
    status: z.enum(['suggested', 'applied', 'accepted', 'dismissed']).meta({
      description:
        "suggested: waiting for an operator; applied: by the tenant's rule applySuggestedAddresses; accepted or dismissed by an operator",
    }),
    decidedBy: z.string().nullable(),
    decidedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({
    id: 'AddressSuggestion',
    description: "A replacement address read from an auto-reply; applied only by an operator or the tenant's rule",
  });

const addressStateSchema = z
  .object({
    address: z.string(),
    state: z.enum(['active', 'blocked']),
    suppressionReason: z.string().nullable(),
    absentFrom: z.date().nullable(),
    absentUntil: z.date().nullable(),
  })
  .meta({
    id: 'ContactAddressState',
    description: "Delivery state of one of the contact's addresses and the absence window an auto-reply announced",
  });

const externalIdParam = z.string().min(1).max(200);

export function contactRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.put(
      '/contacts',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            "Create or update contacts by external id (idempotent; a contact's addresses are replaced by those sent)",
          body: contactUpsertSchema,
          response: {
            200: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => upsertContacts(db, authOf(request).tenantId, request.body.contacts),
    );

    app.get(
      '/contacts',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary:
            'Find contacts: by part of the name, external id or an address (q, by name, paged), or the contacts having one address (address)',
          querystring: z
            .object({
              q: z
                .string()
                .trim()
                .min(MIN_CONTACT_SEARCH_LENGTH, 'give a text to search for')
                .max(200)
                .optional()
                .meta({
                  description:
                    'Part of the name, external id or an address (case-insensitive); one or two characters find the words of names and external ids that start with them',
                }),
              address: z.string().trim().min(3).max(320).optional().meta({ description: 'One whole address' }),
              ...pagingQuery,
            })
            .refine((query) => (query.q === undefined) !== (query.address === undefined), {
              message: 'give either q (a search) or address (one whole address)',
              path: ['q'],
            }),
          response: {
            200: pageOf(foundContactSchema),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const { q, address, cursor, limit } = request.query;
        if (q !== undefined) return searchContacts(db, tenantId, { q, cursor: cursor ?? null, limit });
        const found = await findContactsByAddress(db, tenantId, address ?? '');
        return { items: await withBlockedAddresses(db, tenantId, found), nextCursor: null };
      },
    );

    app.get(
      '/contacts/:externalId',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One contact by external id, with the replacement addresses suggested by auto-replies',
          params: z.object({ externalId: externalIdParam }),
          response: {
            200: contactSchema.extend({
              suggestions: z.array(suggestionSchema),
              addressStates: z.array(addressStateSchema),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const contact = await getContactByExternalId(db, tenantId, request.params.externalId);
        if (!contact) throw new ApiProblem('not-found', `contact ${request.params.externalId} not found`);
        const [suggestions, addressStates] = await Promise.all([
          listContactSuggestions(db, tenantId, contact),
          contactAddressStates(db, tenantId, contact),
        ]);
        return { ...contact, suggestions, addressStates };
      },
    );

    for (const decision of ['accept', 'dismiss'] as const) {
      app.post(
        `/contacts/:externalId/suggestions/:suggestionId/${decision}`,
        {
          config: { scope: 'write' },
          schema: {
            tags: TAGS,
            summary:
              decision === 'accept'
                ? "Accept a suggested address: it becomes the contact's primary address (the old one stays, secondary; contact.address_replaced)"
                : 'Dismiss a suggested address (nothing changes on the contact)',
            params: z.object({ externalId: externalIdParam, suggestionId: z.uuid() }),
            response: {
              200: z.object({
                id: z.uuid(),
                status: z.enum(['accepted', 'dismissed', 'suggested', 'applied']),
                suggested: z.string(),
                decidedBy: z.string().nullable(),
                decidedAt: z.date().nullable(),
              }),
              ...PROBLEM_RESPONSES,
            },
          },
        },
        async (request) => {
          const tenantId = authOf(request).tenantId;
          const contact = await getContactByExternalId(db, tenantId, request.params.externalId);
          if (!contact) throw new ApiProblem('not-found', `contact ${request.params.externalId} not found`);
          return decideAddressSuggestion(db, tenantId, {
            contactId: contact.id,
            suggestionId: request.params.suggestionId,
            decision,
            actor: actorOf(request),
          });
        },
      );
    }
  };
}
