/**
 * Console accounts of the caller's tenant (admin scope): list, create (with a generated first password shown once
 * when none is given), change role/name/password, disable, delete; the activity log (who changed what); and the
 * names behind audit actors (read scope), so the console can show "anna@acme.example" instead of "user:<uuid>".
 */
import {
  countLiveSessions,
  createOperatorAccount,
  deleteOperatorAccount,
  listActivity,
  listApiKeys,
  listOperatorAccounts,
  OPERATOR_ROLES,
  updateOperatorAccount,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiKeyLabel, labelActivity, personLabel } from '../http/activity-labels.js';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, timeRangeQuery, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import { generatePassword, hashPassword, passwordSchema } from '../operators/passwords.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['operator accounts'];

const roleSchema = z.enum(OPERATOR_ROLES).meta({ description: 'viewer (read), operator (write), admin (admin)' });

const accountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: roleSchema,
    lastSignInAt: z.date().nullable(),
    passwordChangedAt: z.date(),
    disabledAt: z.date().nullable(),
    lockedUntil: z.date().nullable().meta({ description: 'Locked after failed sign-ins until then' }),
    liveSessions: z.number().int(),
    createdAt: z.date(),
  })
  .meta({ id: 'OperatorAccount' });

const activitySchema = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    action: z.string().meta({ description: 'e.g. "PATCH /v1/mailboxes/:id", "session.sign-in"' }),
    target: z.record(z.string(), z.unknown()).nullable(),
    status: z.number().int(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: z.date(),
    actorLabel: z.string().meta({ description: "Who, in words: a person's name and e-mail, an API key's name" }),
    targetLabel: z.string().nullable().meta({
      description:
        "What was changed, in words: the mailbox's name, the webhook's URL, the address, the account's e-mail",
    }),
  })
  .meta({ id: 'ActivityEntry' });

const nameSchema = z.string().trim().min(1).max(200).nullable();

export function operatorRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/operators',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: "The tenant's console accounts",
          response: { 200: z.object({ items: z.array(accountSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const [accounts, sessions] = await Promise.all([
          listOperatorAccounts(db, tenantId),
          countLiveSessions(db, tenantId),
        ]);
        return { items: accounts.map((a) => ({ ...a, liveSessions: sessions.get(a.id) ?? 0 })) };
      },
    );

    app.post(
      '/operators',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Create a console account; without a password, one is generated and shown in this response only',
          body: z.object({
            email: z.email().max(320),
            name: nameSchema.optional(),
            role: roleSchema,
            password: passwordSchema.optional(),
          }),
          response: {
            201: z.object({
              account: accountSchema,
              initialPassword: z
                .string()
                .nullable()
                .meta({ description: 'The generated password, shown only now; null when one was given' }),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const { email, name, role, password } = request.body;
        const initialPassword = password ? null : generatePassword();
        const account = await createOperatorAccount(db, {
          tenantId: authOf(request).tenantId,
          email,
          name: name ?? null,
          role,
          passwordHash: await hashPassword(password ?? (initialPassword as string)),
        });
        return reply.code(201).send({ account: { ...account, liveSessions: 0 }, initialPassword });
      },
    );

    app.patch(
      '/operators/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Change name, role, password or disable; a new password, role or disabling ends its sessions',
          params: uuidParam,
          body: z.object({
            name: nameSchema.optional(),
            role: roleSchema.optional(),
            disabled: z.boolean().optional(),
            password: passwordSchema.optional(),
          }),
          response: { 200: accountSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const { password, ...rest } = request.body;
        const account = await updateOperatorAccount(db, tenantId, request.params.id, {
          ...rest,
          ...(password ? { passwordHash: await hashPassword(password) } : {}),
        });
        const sessions = await countLiveSessions(db, tenantId);
        return { ...account, liveSessions: sessions.get(account.id) ?? 0 };
      },
    );

    app.delete(
      '/operators/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Delete a console account (its sessions end)',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const deleted = await deleteOperatorAccount(db, authOf(request).tenantId, request.params.id);
        if (!deleted) throw new ApiProblem('not-found', `operator account ${request.params.id} not found`);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/activity',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Activity log: every change made through the API and every sign-in, newest first',
          querystring: z.object({
            actor: z.string().max(200).optional(),
            action: z.string().max(200).optional().meta({ description: 'Exact, or a prefix ending in *' }),
            ...timeRangeQuery,
            ...pagingQuery,
          }),
          response: { 200: pageOf(activitySchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { from, to, ...rest } = request.query;
        const tenantId = authOf(request).tenantId;
        const page = await listActivity(db, tenantId, { ...rest, since: from, until: to });
        return { ...page, items: await labelActivity(db, tenantId, page.items) };
      },
    );

    app.get(
      '/actors',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Display names of the actors that appear in audit entries (people and API keys of the tenant)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  actor: z.string().meta({ description: 'user:<id> or operator:<api key id>' }),
                  label: z.string(),
                  kind: z.enum(['person', 'api-key']),
                }),
              ),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const [accounts, keys] = await Promise.all([listOperatorAccounts(db, tenantId), listApiKeys(db, tenantId)]);
        return {
          items: [
            ...accounts.map((a) => ({ actor: `user:${a.id}`, label: personLabel(a), kind: 'person' as const })),
            ...keys.map((k) => ({ actor: `operator:${k.id}`, label: apiKeyLabel(k), kind: 'api-key' as const })),
          ],
        };
      },
    );
  };
}
