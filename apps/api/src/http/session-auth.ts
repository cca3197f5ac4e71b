/**
 * Console sessions on the API: the cookie that carries the session token, and the CSRF rule for cookie-authenticated
 * requests. A browser sends the cookie by itself, so every state-changing request of a session must also carry the
 * session's CSRF token in X-CSRF-Token (synchronizer token pattern), which another site cannot read. The cookie is
 * httpOnly (no script reads it) and SameSite=Strict (not sent on cross-site requests at all) on top.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SessionLifetime } from '@bounce/db';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'bounce_session';
export const CSRF_HEADER = 'x-csrf-token';

export type SessionConfig = SessionLifetime & {
  /** Secure cookie attribute: always, never, or when the request came over HTTPS (default). */
  cookieSecure: 'auto' | 'always' | 'never';
};

export const DEFAULT_SESSION_CONFIG: SessionConfig = {
  idleMs: 12 * 3600_000,
  absoluteMs: 7 * 24 * 3600_000,
  cookieSecure: 'auto',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The session token from the Cookie header (parsed by @fastify/cookie), or null. */
export function sessionTokenOf(request: FastifyRequest): string | null {
  const value = request.cookies?.[SESSION_COOKIE];
  return value && value.length > 0 ? value : null;
}

export function csrfTokenMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers[CSRF_HEADER];
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function secure(request: FastifyRequest, config: SessionConfig): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  return request.protocol === 'https';
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  expiresAt: Date,
  config: SessionConfig,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, config),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, config: SessionConfig): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: secure(request, config), path: '/' });
}
