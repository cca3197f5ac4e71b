/**
 * The tenant's own SMTP server for the account test's sending half (POST /v1/mailboxes/{id}/test-sending): read,
 * create or replace, change, delete. The password is write-only (encrypted by the store, never in a response:
 * `hasPassword` says whether one is stored); an oauth2 server signs in with one of the tenant's oauth2 mailboxes.
 */
import {
  deleteTenantSmtpServer,
  getTenantSmtpServer,
  putTenantSmtpServer,
  tenantSmtpServerPatchSchema,
  tenantSmtpServerSchema,
  updateTenantSmtpServer,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['mailboxes'];
const PATH = '/smtp-server';

const smtpServerSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    tlsMode: z.enum(['implicit', 'starttls', 'none']).meta({
      description:
        'implicit: TLS from the first byte (port 465); starttls: STARTTLS required (port 587); none: cleartext, allowed to a loopback server or one listed in MAILBOX_ALLOWED_NETWORKS',
    }),
    tlsAllowInvalid: z.boolean(),
    authMethod: z.enum(['none', 'password', 'oauth2']).meta({
      description:
        'none: no login (a relay that trusts the installation); password: SASL PLAIN/LOGIN; oauth2: OAuth (OAUTHBEARER when the server offers it in EHLO, else XOAUTH2) with the sign-in (Microsoft 365 or Google) of the mailbox oauthMailboxId, whose token is refreshed before it expires',
    }),
    username: z.string().nullable(),
    hasPassword: z.boolean().meta({ description: 'A password is stored (it is never returned)' }),
    oauthMailboxId: z.uuid().nullable(),
    fromAddress: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({
    id: 'TenantSmtpServer',
    description: "The tenant's SMTP server for the account test's sending half; the password is write-only",
  });

export function smtpServerRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db, secretBox } = deps;
  return async (app) => {
    app.get(
      PATH,
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "The tenant's SMTP server (404 when none is configured)",
          response: { 200: smtpServerSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const server = await getTenantSmtpServer(db, authOf(request).tenantId);
        if (!server) throw new ApiProblem('not-found', 'no SMTP server is configured for this tenant');
        return server;
      },
    );

    app.put(
      PATH,
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "Set the tenant's SMTP server (create or replace). A password server keeps its stored password when none is given and host, port, TLS and user are unchanged",
          body: tenantSmtpServerSchema,
          response: { 200: smtpServerSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => putTenantSmtpServer(db, secretBox, authOf(request).tenantId, request.body),
    );

    app.patch(
      PATH,
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "Change settings of the tenant's SMTP server; changing host, port, TLS or user of a password server needs the password again",
          body: tenantSmtpServerPatchSchema,
          response: { 200: smtpServerSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => updateTenantSmtpServer(db, secretBox, authOf(request).tenantId, request.body),
    );

    app.delete(
      PATH,
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: "Remove the tenant's SMTP server (the account test then uses the installation's, if any)",
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        if (!(await deleteTenantSmtpServer(db, authOf(request).tenantId))) {
          throw new ApiProblem('not-found', 'no SMTP server is configured for this tenant');
        }
        return reply.code(204).send(null);
      },
    );
  };
}
