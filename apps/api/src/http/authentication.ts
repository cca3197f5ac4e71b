/**
 * API-key authentication, shared with the queue dashboard through `verifyApiKey` (@bounce/db): keys are stored as
 * SHA-256 only, belong to one tenant and carry scopes (admin implies write implies read). Every /v1 route declares
 * the scope it needs in `config.scope`; registering a /v1 route without one fails at start-up, so no route can be
 * public by omission. The tenant of every operation is the key's tenant: no route takes a tenant from the request.
 * A verified key is cached for a few seconds (CACHE_TTL): a revocation through this process applies at once, one
 * through another API process within that time.
 */
import { type ApiKeyScope, type Executor, hashApiKey, hasScope, type VerifiedApiKey, verifyApiKey } from '@bounce/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from './problem-details.js';
import type { TtlCache } from './ttl-cache.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope the route needs; 'public' for health and documentation. Required for every /v1 route. */
    scope?: ApiKeyScope | 'public';
  }
  interface FastifyRequest {
    /** The verified key on authenticated routes, else null. */
    apiKey: VerifiedApiKey | null;
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

export function registerAuthentication(
  app: FastifyInstance,
  options: { db: Executor; keyCache: TtlCache<VerifiedApiKey> },
): void {
  app.decorateRequest('apiKey', null);
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
      request.authProblem = new ApiProblem('unauthorized', 'send an API key as "Authorization: Bearer <key>"', {
        reason: 'missing',
      });
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

/** Audit-trail actor for operations done through the API: the key, never the key's secret. */
export function actorOf(request: FastifyRequest): string {
  return `operator:${authOf(request).id}`;
}
