/**
 * Signing a mailbox in with Microsoft 365 or Google (mailboxes with authMethod oauth2; docs/oauth-mailboxes.md):
 *
 * - `POST /v1/mailboxes/{id}/oauth/sign-in` starts it. Microsoft (device flow): the answer carries the link and the
 *   code to show the operator, who signs in on any device; the fetch worker polls the provider and connects the
 *   mailbox (`GET .../oauth` shows the state). Google (code flow): the answer carries the URL to open; Google sends
 *   the browser back to `GET /v1/oauth/callback`, which connects the mailbox.
 * - The callback is public (the browser carries no API key): it is bound to the pending sign-in by the `state` the
 *   sign-in generated (stored as a hash, single use, 15 minutes) and to the PKCE verifier only this server holds.
 */
import { getMailbox, getMailboxOAuthGrant, type MailboxOAuthGrant } from '@bounce/db';
import { completeCodeSignIn, SignInError, startMailboxSignIn } from '@bounce/mailbox-access';
import { syncMailboxSchedule } from '@bounce/queue';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['mailboxes'];

const providerSchema = z.enum(['microsoft', 'google']);

const signInSchema = z
  .discriminatedUnion('flow', [
    z.object({
      flow: z.literal('device'),
      provider: providerSchema,
      userCode: z.string().meta({ description: 'The code the person enters at verificationUri' }),
      verificationUri: z.string(),
      verificationUriComplete: z.string().nullable(),
      expiresAt: z.date(),
      message: z.string().nullable().meta({ description: "The provider's own instruction text, if it sent one" }),
    }),
    z.object({
      flow: z.literal('code'),
      provider: providerSchema,
      authorizationUrl: z.string().meta({ description: 'Open this URL in a browser to sign in' }),
      expiresAt: z.date(),
    }),
  ])
  .meta({ id: 'MailboxSignIn' });

const grantSchema = z
  .object({
    mailboxId: z.uuid(),
    provider: providerSchema,
    status: z.enum(['pending', 'connected', 'revoked', 'failed']),
    userCode: z.string().nullable(),
    verificationUri: z.string().nullable(),
    flowExpiresAt: z.date().nullable(),
    accessTokenExpiresAt: z.date().nullable(),
    scope: z.string().nullable(),
    lastError: z.string().nullable(),
    connectedAt: z.date().nullable(),
    updatedAt: z.date(),
  })
  .meta({ id: 'MailboxOAuthGrant', description: 'The sign-in of an oauth2 mailbox; tokens are never returned' });

const SIGN_IN_PROBLEMS: Record<SignInError['code'], 'invalid-input' | 'conflict' | 'unavailable'> = {
  'provider-not-configured': 'invalid-input',
  'provider-unavailable': 'unavailable',
  'unknown-state': 'invalid-input',
  expired: 'invalid-input',
  refused: 'invalid-input',
};

export function mailboxOAuthRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db, secretBox } = deps;
  return async (app) => {
    app.post(
      '/mailboxes/:id/oauth/sign-in',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Sign an oauth2 mailbox in with Microsoft 365 (device code) or Google (browser)',
          params: uuidParam,
          body: z.object({ provider: providerSchema }),
          response: { 200: signInSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { tenantId } = authOf(request);
        const mailbox = await getMailbox(db, tenantId, request.params.id);
        if (!mailbox) throw new ApiProblem('not-found', `mailbox ${request.params.id} not found`);
        if (mailbox.authMethod !== 'oauth2') {
          throw new ApiProblem('conflict', 'the mailbox does not use OAuth sign-in: set authMethod to oauth2 first');
        }
        try {
          return await startMailboxSignIn(db, secretBox, deps.oauthProviders, mailbox, request.body.provider);
        } catch (err) {
          if (err instanceof SignInError) throw new ApiProblem(SIGN_IN_PROBLEMS[err.code], err.message);
          throw err;
        }
      },
    );

    app.get(
      '/mailboxes/:id/oauth',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "State of an oauth2 mailbox's sign-in (pending with its code, connected, revoked, failed)",
          params: uuidParam,
          response: { 200: grantSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request): Promise<MailboxOAuthGrant> => {
        const grant = await getMailboxOAuthGrant(db, authOf(request).tenantId, request.params.id);
        if (!grant) throw new ApiProblem('not-found', `mailbox ${request.params.id} has no sign-in`);
        return grant;
      },
    );

    app.get(
      '/oauth/callback',
      {
        config: { scope: 'public' },
        schema: {
          tags: TAGS,
          summary: "The provider's redirect after a browser sign-in (Google); answers a short HTML page",
          querystring: z.object({
            state: z.string().max(512).optional(),
            code: z.string().max(4096).optional(),
            error: z.string().max(256).optional(),
            error_description: z.string().max(1024).optional(),
            scope: z.string().max(2048).optional(),
            iss: z.string().max(512).optional(),
          }),
        },
      },
      async (request, reply) => {
        const query = new URLSearchParams();
        for (const [k, v] of Object.entries(request.query)) if (typeof v === 'string') query.set(k, v);
        reply.header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'");
        try {
          const { mailboxId, tenantId } = await completeCodeSignIn(db, secretBox, deps.oauthProviders, query);
          const mailbox = await getMailbox(db, tenantId, mailboxId);
          if (mailbox && deps.queues) {
            await syncMailboxSchedule(deps.queues.fetchMailbox, mailbox).catch((err: unknown) =>
              request.log.warn({ mailboxId, err: (err as Error).message }, 'mailbox schedule not synced'),
            );
          }
          return reply
            .type('text/html; charset=utf-8')
            .send(
              page('Mailbox connected', `The mailbox ${mailbox?.name ?? ''} is signed in. You can close this window.`),
            );
        } catch (err) {
          if (!(err instanceof SignInError)) throw err;
          return reply.code(400).type('text/html; charset=utf-8').send(page('Sign-in not completed', err.message));
        }
      },
    );
  };
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
