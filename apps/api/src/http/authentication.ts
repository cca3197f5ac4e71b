/**
 * API-key authentication, shared with the queue dashboard through `verifyApiKey` (@bounce/db): keys are stored as
 * SHA-256 only, belong to one tenant and carry scopes (admin implies write implies read). Every /v1 route declares
 * the scope it needs in `config.scope`; registering a /v1 route without one fails at start-up, so no route can be
 * public by omission. The tenant of every operation is the key's tenant: no route takes a tenant from the request.
 * A verified key is cached for a few seconds (CACHE_TTL): a revocation through this process applies at once, one
 * through another API process within that time.
 */
import {
  type ApiKeyScope,
  type Executor,
  hashApiKey,
  hasScope,
  ROLE_SCOPES,
  type VerifiedApiKey,
  type VerifiedSession,
  verifyApiKey,
  verifyOperatorSession,
} from '@bounce/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from './problem-details.js';
import { csrfTokenMatches, isSafeMethod, type SessionConfig, sessionTokenOf } from './session-auth.js';
import type { TtlCache } from './ttl-cache.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope the route needs; 'public' for health and documentation. Required for every /v1 route. */
    scope?: ApiKeyScope | 'public';
  }
  interface FastifyRequest {
    /**
     * The caller on authenticated routes, else null: the verified key, or for a console session the person's
     * account presented with the scope of their role (id = account id), so every route serves both alike.
     */
    apiKey: VerifiedApiKey | null;
    /** The console session when the caller signed in with a cookie (and sent no API key), else null. */
    operatorSession: VerifiedSession | null;
    /** Why authentication failed; raised before the body is read (see registerAuthentication). */
    authProblem: ApiProblem | null;
  }
}

/** Routes under this prefix must declare a scope. */
export const API_PREFIX = '/v1';

/** The key of `Authorization: Bearer <key>` (RFC 6750 §2.1), or null when absent or another scheme. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}

/** A person's session as the principal the routes see: the account, with the single scope of its role. */
export function sessionPrincipal(session: VerifiedSession): VerifiedApiKey {
  const { account } = session;
  return {
    id: account.id,
    tenantId: account.tenantId,
    name: account.email,
    prefix: 'session',
    scopes: [ROLE_SCOPES[account.role]],
  };
}

export function registerAuthentication(
  app: FastifyInstance,
  options: { db: Executor; keyCache: TtlCache<VerifiedApiKey>; session: SessionConfig },
): void {
  app.decorateRequest('apiKey', null);
  app.decorateRequest('operatorSession', null);
  app.decorateRequest('authProblem', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && !route.config?.scope) {
      throw new Error(`route ${route.method} ${route.url} declares no scope`);
    }
  });

  // Authentication runs first (instance-level onRequest) but only records a failure; the rate limiter (a route-level
  // onRequest hook, so it runs next) then counts the request under the key or, when the key was refused, under the
  // client IP, so guessing keys is rate-limited too. The failure is raised in preParsing, before any body is read.
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope || scope === 'public') return;
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      // No API key: a console session cookie, if any. A key always wins, so scripts never depend on cookies.
      const sessionToken = sessionTokenOf(request);
      if (sessionToken === null) {
        request.authProblem = new ApiProblem(
          'unauthorized',
          'send an API key as "Authorization: Bearer <key>" or sign in to the console',
          { reason: 'missing' },
        );
        return;
      }
      const session = await verifyOperatorSession(options.db, sessionToken, options.session);
      if (!session) {
        request.authProblem = new ApiProblem('unauthorized', 'the session has ended; sign in again', {
          reason: 'session-ended',
        });
        return;
      }
      request.operatorSession = session;
      request.apiKey = sessionPrincipal(session);
      if (!isSafeMethod(request.method) && !csrfTokenMatches(request, session.csrfToken)) {
        request.authProblem = new ApiProblem(
          'csrf',
          "a state-changing request of a console session needs the session's X-CSRF-Token header",
        );
        return;
      }
      if (!hasScope(request.apiKey, scope)) {
        request.authProblem = new ApiProblem(
          'forbidden',
          `this operation needs the ${scope} scope; the role ${session.account.role} grants ${request.apiKey.scopes.join(', ')}`,
          { requiredScope: scope },
        );
      }
      return;
    }
    // Cached by the key's hash (never the key itself); unknown keys are not cached and always reach the database.
    const key = await options.keyCache.get(hashApiKey(token), () => verifyApiKey(options.db, token));
    if (!key) {
      request.authProblem = new ApiProblem('unauthorized', 'the API key is unknown or revoked', { reason: 'invalid' });
      return;
    }
    if (!hasScope(key, scope)) {
      // Counted under the key: it is a real key, and its budget is the one to spend.
      request.apiKey = key;
      request.authProblem = new ApiProblem(
        'forbidden',
        `this operation needs the ${scope} scope; the key has ${key.scopes.join(', ') || 'none'}`,
        { requiredScope: scope },
      );
      return;
    }
    request.apiKey = key;
  });

  app.addHook('preParsing', async (request) => {
    if (request.authProblem) throw request.authProblem;
  });
}

/** The authenticated key of a request on a route with a scope (the hook guarantees it). */
export function authOf(request: FastifyRequest): VerifiedApiKey {
  if (!request.apiKey) throw new Error('authOf called on a route without authentication');
  return request.apiKey;
}

/**
 * Audit-trail actor for operations done through the API: `user:<account id>` for a person signed in to the console,
 * `operator:<api key id>` for a key (never the key's secret).
 */
export function actorOf(request: FastifyRequest): string {
  if (request.operatorSession) return `user:${request.operatorSession.account.id}`;
  return `operator:${authOf(request).id}`;
}
