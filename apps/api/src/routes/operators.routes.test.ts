import { createOperatorAccount } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../operators/passwords.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

describe('console accounts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('creates an account with a generated password shown once, and it signs in', async () => {
    const res = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operators',
      payload: { email: 'new@acme.example', role: 'operator', name: 'New Person' },
    });
    expect(res.statusCode).toBe(201);
    const body = json<{ account: { id: string; role: string }; initialPassword: string }>(res);
    expect(body.account.role).toBe('operator');
    expect(body.initialPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const signIn = await api.call(null, {
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'new@acme.example', password: body.initialPassword },
    });
    expect(signIn.statusCode).toBe(200);
    const list = await api.call(api.acme.admin, { method: 'GET', url: '/v1/operators' });
    const listed = json<{ items: Record<string, unknown>[] }>(list).items;
    expect(listed[0]).toMatchObject({ email: 'new@acme.example', liveSessions: 1 });
    expect(JSON.stringify(listed)).not.toContain('argon2');
  });

  it('validates: a short password and a duplicate e-mail are problems with a pointer', async () => {
    const short = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operators',
      payload: { email: 'short@acme.example', role: 'viewer', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(short).errors[0]?.pointer).toBe('/body/password');
    const dup = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operators',
      payload: { email: 'NEW@acme.example', role: 'viewer' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('keeps the last admin: cannot demote or delete the only enabled admin', async () => {
    const admin = await createOperatorAccount(api.database.db, {
      tenantId: 'globex',
      email: 'only-admin@globex.example',
      role: 'admin',
      passwordHash: await hashPassword('some long password'),
    });
    const demote = await api.call(api.globex.admin, {
      method: 'PATCH',
      url: `/v1/operators/${admin.id}`,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    const del = await api.call(api.globex.admin, { method: 'DELETE', url: `/v1/operators/${admin.id}` });
    expect(del.statusCode).toBe(409);
  });

  it('needs the admin scope; actors resolve people and keys for readers', async () => {
    expect((await api.call(api.acme.write, { method: 'GET', url: '/v1/operators' })).statusCode).toBe(403);
    const actors = await api.call(api.acme.read, { method: 'GET', url: '/v1/actors' });
    const items = json<{ items: { actor: string; label: string; kind: string }[] }>(actors).items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'New Person <new@acme.example>', kind: 'person' }),
        expect.objectContaining({ actor: `operator:${api.acme.ids.read}`, kind: 'api-key' }),
      ]),
    );
    expect(items.some((i) => i.label.includes('globex'))).toBe(false);
  });

  it('records every change in the activity log, with the key as actor', async () => {
    await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/domain-blocks',
      payload: { domain: 'gone.example', reason: 'domain expired' },
    });
    await api.call(api.acme.read, { method: 'GET', url: '/v1/suppressions' });
    const entries = async () => {
      const res = await api.call(api.acme.admin, { method: 'GET', url: '/v1/activity?limit=50' });
      return json<{ items: { action: string; actor: string }[] }>(res).items;
    };
    // The log row is written after the response (http/activity-log.ts): read at once, the newest entry could still
    // be the sign-in of the first test. Asked until it is there.
    await expect
      .poll(async () => (await entries())[0])
      .toMatchObject({ action: 'POST /v1/domain-blocks', actor: `operator:${api.acme.ids.write}` });
    expect((await entries()).some((e) => e.action.startsWith('GET'))).toBe(false);
  });

  it('names who and what in the activity log: the key by its name, the account changed by name and e-mail', async () => {
    const created = await api.call(api.acme.admin, {
      method: 'POST',
      url: '/v1/operators',
      payload: { email: 'labelled@acme.example', role: 'viewer', name: 'Lab Elled' },
    });
    const id = json<{ account: { id: string } }>(created).account.id;
    await api.call(api.acme.admin, { method: 'PATCH', url: `/v1/operators/${id}`, payload: { role: 'operator' } });
    type Entry = { actor: string; actorLabel: string; target: Record<string, unknown>; targetLabel: string | null };
    const latest = async (action: string) => {
      const res = await api.call(api.acme.admin, {
        method: 'GET',
        url: `/v1/activity?action=${encodeURIComponent(action)}`,
      });
      return json<{ items: Entry[] }>(res).items[0];
    };
    // The log row is written after the response: asked until it is there.
    await expect
      .poll(() => latest('PATCH /v1/operators/:id'))
      .toMatchObject({
        actor: `operator:${api.acme.ids.admin}`,
        actorLabel: expect.stringMatching(/^admin key \(\S+…\)$/),
        target: { id },
        targetLabel: 'Lab Elled <labelled@acme.example>',
      });
    // Deleted since: the entry keeps the id.
    await api.call(api.acme.admin, { method: 'DELETE', url: `/v1/operators/${id}` });
    await expect.poll(() => latest('DELETE /v1/operators/:id')).toMatchObject({ targetLabel: id });
    expect(await latest('PATCH /v1/operators/:id')).toMatchObject({ targetLabel: id });
  });
});
