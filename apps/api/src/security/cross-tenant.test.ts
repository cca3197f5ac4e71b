/**
 * Security regression suite (issue 12): a tenant's admin key reaches none of another tenant's resources by id,
 * neither to read nor to change or delete them, and the other tenant's resources are intact afterwards.
 */
import { readFileSync } from 'node:fs';
import { applyBounces, storeRawMessages } from '@bounce/db';
import { parseBounce } from '@bounce/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

const dsn = readFileSync(new URL('../../test/fixtures/dsn-user-unknown.eml', import.meta.url));

describe('cross-tenant access by id', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await createTestApi();
    const created = async (url: string, payload: Record<string, unknown>) => {
      const res = await api.call(api.acme.admin, { method: 'POST', url, payload });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 201 });
      return res.json() as Record<string, unknown>;
    };
    ids.webhook = (
      (await created('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', eventTypes: ['address.*'] })) as {
        subscription: { id: string };
      }
    ).subscription.id;
    ids.mailbox = (
      await created('/v1/mailboxes', {
        name: 'm',
        host: '127.0.0.1',
        port: 993,
        tlsMode: 'implicit',
        username: 'u',
        secret: 'p',
      })
    ).id as string;
    ids.operatorSubscription = (await created('/v1/operator-subscriptions', { email: 'ops@acme.example' }))
      .id as string;
    ids.apiKey = (await created('/v1/api-keys', { name: 'k', scopes: ['read'] })).id as string;
    ids.send = (
      await created('/v1/sends', {
        recipient: 'known@example.com',
        externalId: 'acme-1',
        sentAt: '2025-03-03T09:59:00Z',
      })
    ).id as string;
    const [raw] = await storeRawMessages(api.database.db, [
      { tenantId: 'acme', mailboxId: ids.mailbox, folder: 'INBOX', uidValidity: 1, uid: 1, content: dsn },
    ]);
    if (!raw) throw new Error('not stored');
    const applied = await applyBounces(api.database.db, 'acme', [
      { parsed: parseBounce(dsn), rawMessageId: raw.id, rawSha256: raw.sha256 },
    ]);
    ids.bounce = applied.results[0]?.bounceId ?? '';
  });
  afterAll(async () => {
    await api?.close();
  });

  it("answers 404 to another tenant's admin key on every route by id, and changes nothing", async () => {
    const attempts: [string, string, Record<string, unknown>?][] = [
      ['GET', `/v1/webhooks/${ids.webhook}`],
      ['PATCH', `/v1/webhooks/${ids.webhook}`, { enabled: false }],
      ['POST', `/v1/webhooks/${ids.webhook}/rotate-secret`, {}],
      ['DELETE', `/v1/webhooks/${ids.webhook}`],
      ['GET', `/v1/mailboxes/${ids.mailbox}`],
      ['PATCH', `/v1/mailboxes/${ids.mailbox}`, { name: 'taken' }],
      ['POST', `/v1/mailboxes/${ids.mailbox}/disable`],
      ['DELETE', `/v1/mailboxes/${ids.mailbox}`],
      ['GET', `/v1/operator-subscriptions/${ids.operatorSubscription}`],
      ['PATCH', `/v1/operator-subscriptions/${ids.operatorSubscription}`, { enabled: false }],
      ['DELETE', `/v1/operator-subscriptions/${ids.operatorSubscription}`],
      ['DELETE', `/v1/api-keys/${ids.apiKey}`],
      ['GET', `/v1/sends/${ids.send}`],
      ['GET', '/v1/sends/acme-1'],
      ['GET', `/v1/bounces/${ids.bounce}`],
      ['GET', `/v1/bounces/${ids.bounce}/raw`],
      ['GET', `/v1/bounces/${ids.bounce}/raw/source`],
      ['GET', `/v1/bounces/${ids.bounce}/raw/attachments/0`],
      ['POST', `/v1/bounces/${ids.bounce}/assign`, { recipient: 'someone@example.com' }],
    ];
    const answers = [];
    for (const [method, url, payload] of attempts) {
      const res = await api.call(api.globex.admin, { method: method as 'GET', url, ...(payload ? { payload } : {}) });
      answers.push(`${method} ${url} ${res.statusCode}`);
    }
    expect(answers).toEqual(attempts.map(([method, url]) => `${method} ${url} 404`));
    // Nothing of acme's changed.
    for (const url of [
      `/v1/webhooks/${ids.webhook}`,
      `/v1/mailboxes/${ids.mailbox}`,
      `/v1/operator-subscriptions/${ids.operatorSubscription}`,
    ]) {
      const res = await api.call(api.acme.admin, { method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(json<{ enabled?: boolean }>(res).enabled ?? true).toBe(true);
    }
    const keys = json<{ items: { id: string; revokedAt: string | null }[] }>(
      await api.call(api.acme.admin, { method: 'GET', url: '/v1/api-keys' }),
    );
    expect(keys.items.find((k) => k.id === ids.apiKey)?.revokedAt).toBeNull();
  });
});
