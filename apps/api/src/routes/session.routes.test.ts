import { createOperatorAccount, listActivity, recordFailedSignIn } from '@bounce/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../http/session-auth.js';
import { hashPassword } from '../operators/passwords.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';
import { LOCKOUT_POLICY } from './session.routes.js';

const PASSWORD = 'correct horse battery staple';

function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

describe('console sessions', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await createTestApi();
    const hash = await hashPassword(PASSWORD);
    for (const [email, role, tenantId] of [
      ['viewer@acme.example', 'viewer', 'acme'],
      ['operator@acme.example', 'operator', 'acme'],
      ['admin@acme.example', 'admin', 'acme'],
      ['admin@globex.example', 'admin', 'globex'],
      ['locked@acme.example', 'operator', 'acme'],
    ] as const) {
      const account = await createOperatorAccount(api.database.db, { tenantId, email, role, passwordHash: hash });
      ids[email] = account.id;
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  async function signIn(email: string, password = PASSWORD) {
    const res = await api.call(null, { method: 'POST', url: '/v1/session', payload: { email, password } });
    return res;
  }

  it('signs in with e-mail and password: httpOnly SameSite=Strict cookie, CSRF token, role scope', async () => {
    const res = await signIn('Operator@Acme.example');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = json<{ kind: string; tenantId: string; scopes: string[]; csrfToken: string; account: object }>(res);
    expect(body).toMatchObject({ kind: 'session', tenantId: 'acme', scopes: ['write'] });
    expect(body.account).toMatchObject({ email: 'operator@acme.example', role: 'operator' });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    // The cookie authenticates API calls; GET /session gives the same CSRF token back.
    const me = await api.call(null, {
      method: 'GET',
      url: '/v1/session',
      cookies: { [SESSION_COOKIE]: cookieOf(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ kind: 'session', csrfToken: body.csrfToken });
  });

  it('answers the same 401 for an unknown e-mail and a wrong password, and logs the refusal', async () => {
    const unknown = await signIn('nobody@acme.example');
    const wrong = await signIn('viewer@acme.example', 'wrong password!!');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(json(unknown).detail).toBe(json(wrong).detail);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const log = await listActivity(api.database.db, 'acme', { action: 'session.sign-in-failed' });
    expect(log.items.map((e) => e.actor)).toContain(`user:${ids['viewer@acme.example']}`);
  });

  it('state-changing requests of a session need the CSRF token; reads do not', async () => {
    const res = await signIn('operator@acme.example');
    const cookies = { [SESSION_COOKIE]: cookieOf(res) };
    const csrf = json<{ csrfToken: string }>(res).csrfToken;
    const read = await api.call(null, { method: 'GET', url: '/v1/suppressions', cookies });
    expect(read.statusCode).toBe(200);
    const block = { method: 'POST' as const, url: '/v1/addresses/a@example.com/block', payload: { reason: 'test' } };
    const without = await api.call(null, { ...block, cookies });
    expect(without.statusCode).toBe(403);
    expect(json(without).code).toBe('csrf');
    const wrongToken = await api.call(null, { ...block, cookies, headers: { 'x-csrf-token': `${csrf.slice(1)}x` } });
    expect(wrongToken.statusCode).toBe(403);
    const ok = await api.call(null, { ...block, cookies, headers: { 'x-csrf-token': csrf } });
    expect(ok.statusCode).toBe(200);
    // The audit trail names the person, and the activity log has the change.
    const history = await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/a@example.com/history' });
    expect(json<{ items: { actor: string }[] }>(history).items[0]?.actor).toBe(`user:${ids['operator@acme.example']}`);
    const activity = await listActivity(api.database.db, 'acme', { action: 'POST /v1/addresses/:address/block' });
    expect(activity.items[0]).toMatchObject({
      actor: `user:${ids['operator@acme.example']}`,
      status: 200,
      target: { address: 'a@example.com' },
    });
  });

  it('maps roles to scopes: a viewer reads but cannot block, an operator cannot change rules', async () => {
    const viewer = await signIn('viewer@acme.example');
    const vc = { [SESSION_COOKIE]: cookieOf(viewer) };
    const vcsrf = json<{ csrfToken: string }>(viewer).csrfToken;
    const blocked = await api.call(null, {
      method: 'POST',
      url: '/v1/addresses/b@example.com/block',
      payload: { reason: 'x' },
      cookies: vc,
      headers: { 'x-csrf-token': vcsrf },
    });
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked).code).toBe('forbidden');
    const operator = await signIn('operator@acme.example');
    const rules = await api.call(null, {
      method: 'PUT',
      url: '/v1/rule-sets/tenant',
      payload: { softBounceThreshold: 3 },
      cookies: { [SESSION_COOKIE]: cookieOf(operator) },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(operator).csrfToken },
    });
    expect(rules.statusCode).toBe(403);
  });

  it('keeps tenants apart: a session only sees its own tenant', async () => {
    const acme = await signIn('admin@acme.example');
    const globex = await signIn('admin@globex.example');
    const list = await api.call(null, {
      method: 'GET',
      url: '/v1/operators',
      cookies: { [SESSION_COOKIE]: cookieOf(globex) },
    });
    expect(json<{ items: { email: string }[] }>(list).items.map((a) => a.email)).toEqual(['admin@globex.example']);
    const other = await api.call(null, {
      method: 'PATCH',
      url: `/v1/operators/${ids['viewer@acme.example']}`,
      payload: { role: 'admin' },
      cookies: { [SESSION_COOKIE]: cookieOf(globex) },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(globex).csrfToken },
    });
    expect(other.statusCode).toBe(404);
    expect(acme.statusCode).toBe(200);
  });

  it('sign-out ends the session at once', async () => {
    const res = await signIn('viewer@acme.example');
    const cookies = { [SESSION_COOKIE]: cookieOf(res) };
    const out = await api.call(null, {
      method: 'DELETE',
      url: '/v1/session',
      cookies,
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(res).csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await api.call(null, { method: 'GET', url: '/v1/session', cookies });
    expect(after.statusCode).toBe(401);
    expect(json(after)).toMatchObject({ code: 'unauthorized', reason: 'session-ended' });
  });

  it('locks an account after repeated failures, even with the right password, with Retry-After', async () => {
    for (let i = 0; i < LOCKOUT_POLICY.freeTries; i++) {
      expect((await signIn('locked@acme.example', `wrong-${i}-password`)).statusCode).toBe(401);
    }
    const locked = await signIn('locked@acme.example');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The lock doubles with every further failure (recorded directly: the account is locked for attempts).
    const next = await recordFailedSignIn(api.database.db, ids['locked@acme.example'] as string, LOCKOUT_POLICY);
    expect(next.failedSignIns).toBe(LOCKOUT_POLICY.freeTries + 1);
    expect(next.lockedUntil?.getTime() ?? 0).toBeGreaterThan(Date.now() + LOCKOUT_POLICY.baseLockMs);
  });

  it('changing the own password needs the current one and ends the other sessions', async () => {
    const first = await signIn('admin@acme.example');
    const second = await signIn('admin@acme.example');
    const wrong = await api.call(null, {
      method: 'POST',
      url: '/v1/session/password',
      payload: { currentPassword: 'nope', newPassword: 'a brand new passphrase' },
      cookies: { [SESSION_COOKIE]: cookieOf(first) },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(first).csrfToken },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(wrong).errors[0]?.pointer).toBe('/body/currentPassword');
    const changed = await api.call(null, {
      method: 'POST',
      url: '/v1/session/password',
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      cookies: { [SESSION_COOKIE]: cookieOf(first) },
      headers: { 'x-csrf-token': json<{ csrfToken: string }>(first).csrfToken },
    });
    expect(changed.statusCode).toBe(204);
    const firstStill = await api.call(null, {
      method: 'GET',
      url: '/v1/session',
      cookies: { [SESSION_COOKIE]: cookieOf(first) },
    });
    const secondGone = await api.call(null, {
      method: 'GET',
      url: '/v1/session',
      cookies: { [SESSION_COOKIE]: cookieOf(second) },
    });
    expect(firstStill.statusCode).toBe(200);
    expect(secondGone.statusCode).toBe(401);
    expect((await signIn('admin@acme.example', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per client IP', async () => {
    const limited = await createTestApi({ signInRateLimit: { max: 10, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await limited.call(null, {
          method: 'POST',
          url: '/v1/session',
          payload: { email: `nobody${i}@example.com`, password: 'whatever-password' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('an API key still works and is not a session', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: '/v1/session' });
    expect(json(res)).toMatchObject({ kind: 'api-key', tenantId: 'acme', account: null, csrfToken: null });
  });
});
