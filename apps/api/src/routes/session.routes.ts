/**
 * Signing in to the console: e-mail and password → an httpOnly session cookie and the session's CSRF token. Sign-in
 * is throttled twice: per client IP (the rate limiter, shared through Redis by all API processes) and per account
 * (failed attempts lock the account for a time that doubles, so a distributed guesser gets nowhere either). The
 * answer never tells whether an e-mail exists: unknown e-mail, wrong password and disabled account all give the same
 * 401 after the same argon2 work.
 */
import {
  createOperatorSession,
  deleteOperatorSession,
  findOperatorCredentials,
  getOperatorPasswordHash,
  getTenant,
  ROLE_SCOPES,
  recordActivity,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  updateOperatorAccount,
} from '@bounce/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import { clearSessionCookie, type SessionConfig, setSessionCookie } from '../http/session-auth.js';
import { decoyHash, hashPassword, passwordSchema, verifyPassword } from '../operators/passwords.js';
import type { RouteDeps } from './route-deps.js';

const TAGS = ['session'];

/** Sign-in attempts per client IP per minute (all API processes together when Redis is configured). */
export const DEFAULT_SIGN_IN_RATE_LIMIT = { max: 10, windowMs: 60_000 } as const;

/** Per-account lock-out: 5 free failures, then 30 s doubling per failure up to 15 minutes. */
export const LOCKOUT_POLICY = { freeTries: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000 } as const;

const accountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(['viewer', 'operator', 'admin']),
  })
  .meta({ id: 'SessionAccount' });

const sessionSchema = z
  .object({
    kind: z.enum(['session', 'api-key']).meta({ description: 'How the caller authenticated' }),
    tenantId: z.string(),
    tenantName: z.string(),
    scopes: z.array(z.string()),
    account: accountSchema.nullable().meta({ description: 'The signed-in person; null for an API key' }),
    csrfToken: z
      .string()
      .nullable()
      .meta({ description: 'Send as X-CSRF-Token on every state-changing request of this session' }),
    expiresAt: z.date().nullable(),
    dashboardUrl: z.string().nullable().meta({ description: 'Where the queue dashboard is, when configured' }),
  })
  .meta({ id: 'Session' });

export function sessionRoutes(
  deps: RouteDeps & { session: SessionConfig; signInRateLimit: { max: number; windowMs: number } },
): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/session',
      {
        config: {
          scope: 'public',
          rateLimit: {
            max: deps.signInRateLimit.max,
            timeWindow: deps.signInRateLimit.windowMs,
            keyGenerator: (request) => `sign-in:${request.ip}`,
          },
        },
        schema: {
          tags: TAGS,
          summary: 'Sign in to the console (sets the session cookie)',
          description:
            'JSON only (a cross-site form cannot send it without a CORS preflight). Answers 401 for any wrong ' +
            'e-mail/password pair, 429 with Retry-After while the account is locked after repeated failures or the ' +
            'client IP has tried too often.',
          security: [],
          body: z.object({
            email: z.string().trim().min(3).max(320),
            password: z.string().min(1).max(1024),
          }),
          response: { 200: sessionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        const found = await findOperatorCredentials(db, email);
        const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), password);
        const base = { requestId: request.id, ip: request.ip };
        if (found?.lockedUntil && found.lockedUntil > new Date()) {
          const retryAfterSeconds = Math.ceil((found.lockedUntil.getTime() - Date.now()) / 1000);
          await recordActivity(db, {
            ...base,
            tenantId: found.tenantId,
            actor: `user:${found.id}`,
            action: 'session.sign-in-locked',
            target: null,
            status: 429,
          });
          reply.header('retry-after', String(retryAfterSeconds));
          throw new ApiProblem('rate-limited', `too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
            retryAfterSeconds,
          });
        }
        if (!found || !ok || found.disabledAt) {
          if (found) {
            if (!ok) await recordFailedSignIn(db, found.id, LOCKOUT_POLICY);
            await recordActivity(db, {
              ...base,
              tenantId: found.tenantId,
              actor: `user:${found.id}`,
              action: found.disabledAt ? 'session.sign-in-disabled' : 'session.sign-in-failed',
              target: null,
              status: 401,
            });
          }
          throw new ApiProblem('invalid-credentials', 'the e-mail or password is wrong');
        }
        await recordSuccessfulSignIn(db, found.id);
        const session = await createOperatorSession(
          db,
          {
            accountId: found.id,
            tenantId: found.tenantId,
            userAgent: request.headers['user-agent'] ?? null,
            ip: request.ip,
          },
          deps.session,
        );
        await recordActivity(db, {
          ...base,
          tenantId: found.tenantId,
          actor: `user:${found.id}`,
          action: 'session.sign-in',
          target: null,
          status: 200,
        });
        setSessionCookie(reply, request, session.token, session.expiresAt, deps.session);
        const tenant = await getTenant(db, found.tenantId);
        return {
          kind: 'session' as const,
          tenantId: found.tenantId,
          tenantName: tenant?.name ?? found.tenantId,
          scopes: [ROLE_SCOPES[found.role]],
          account: { id: found.id, email: found.email, name: found.name, role: found.role },
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt,
          dashboardUrl: deps.dashboardUrl,
        };
      },
    );

    app.get(
      '/session',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Who is calling: the signed-in person (with the CSRF token) or the API key',
          response: { 200: sessionSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const principal = authOf(request);
        const session = request.operatorSession;
        const tenant = await getTenant(db, principal.tenantId);
        return {
          kind: session ? ('session' as const) : ('api-key' as const),
          tenantId: principal.tenantId,
          tenantName: tenant?.name ?? principal.tenantId,
          scopes: principal.scopes,
          account: session ? session.account : null,
          csrfToken: session?.csrfToken ?? null,
          expiresAt: session?.expiresAt ?? null,
          dashboardUrl: deps.dashboardUrl,
        };
      },
    );

    app.delete(
      '/session',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Sign out: ends the session and clears the cookie',
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const session = request.operatorSession;
        if (!session) throw new ApiProblem('invalid-input', 'an API key has no session to end');
        await deleteOperatorSession(db, session.id);
        clearSessionCookie(reply, request, deps.session);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/session/password',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: "Change the signed-in person's password (other sessions of the account end)",
          body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: passwordSchema }),
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const session = request.operatorSession;
        if (!session) throw new ApiProblem('invalid-input', 'only a signed-in person has a password to change');
        const { account } = session;
        const stored = await getOperatorPasswordHash(db, account.tenantId, account.id);
        if (!stored || !(await verifyPassword(stored, request.body.currentPassword))) {
          throw new ApiProblem('validation', '/body/currentPassword: the current password is wrong', {
            errors: [{ pointer: '/body/currentPassword', detail: 'the current password is wrong' }],
          });
        }
        if (request.body.newPassword.toLowerCase() === account.email) {
          throw new ApiProblem('validation', '/body/newPassword: must not be the e-mail address', {
            errors: [{ pointer: '/body/newPassword', detail: 'must not be the e-mail address' }],
          });
        }
        await updateOperatorAccount(
          db,
          account.tenantId,
          account.id,
          { passwordHash: await hashPassword(request.body.newPassword) },
          { keepSessionId: session.id },
        );
        return reply.code(204).send(null);
      },
    );
  };
}
