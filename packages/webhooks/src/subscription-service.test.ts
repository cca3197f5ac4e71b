import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import {
  createWebhookDeliveries,
  getWebhookDelivery,
  outbox,
  recordWebhookAttempt,
  tenants,
  webhookSecretContext,
  webhookSubscriptions,
} from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { createQueue, createRedis } from '@bounce/queue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_PREFIX } from './signature.js';
import {
  activeSigningSecrets,
  createWebhookSubscription,
  resendDelivery,
  rotateWebhookSecret,
  updateWebhookSubscription,
  WebhookServiceError,
} from './subscription-service.js';
import type { HostResolver } from './url-guard.js';
import { WebhookUrlError } from './url-guard.js';

let t: TestDatabase;
const secretBox = new SecretBox(randomBytes(32).toString('base64'));
const resolve: HostResolver = async (host) => {
  if (host === 'hooks.example.com') return [{ address: '93.184.215.14', family: 4 }];
  if (host === 'internal.example.com') return [{ address: '10.0.0.5', family: 4 }];
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
};
const deps = () => ({ db: t.db, secretBox, urlGuard: { resolve } });

beforeAll(async () => {
  t = await createTestDatabase('webhooks_svc');
  await t.db.insert(tenants).values([
    { id: 'acme', name: 'Acme' },
    { id: 'other', name: 'Other' },
  ]);
});

afterAll(async () => {
  await t?.drop();
});

describe('webhook subscription service', () => {
  it('creates a subscription with a secret shown once and stored encrypted', async () => {
    const { subscription, secret } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: 'https://HOOKS.example.com/bounce',
      eventTypes: ['address.*', 'invoice.undeliverable', 'address.*'],
      description: 'CRM',
    });
    expect(secret.startsWith(SECRET_PREFIX)).toBe(true);
    expect(subscription).toMatchObject({
      tenantId: 'acme',
      url: 'https://hooks.example.com/bounce',
      eventTypes: ['address.*', 'invoice.undeliverable'],
      enabled: true,
      description: 'CRM',
      previousSecretExpiresAt: null,
    });
    expect(JSON.stringify(subscription)).not.toContain(secret);
    expect(Object.keys(subscription)).not.toContain('secretEncrypted');
    const [row] = await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscription.id));
    expect(row!.secretEncrypted).not.toContain(secret.slice(SECRET_PREFIX.length));
    expect(secretBox.decrypt(row!.secretEncrypted, webhookSecretContext(row!.id))).toBe(secret);
  });

  it('refuses forbidden URLs and bad filters without storing anything', async () => {
    const before = (await t.db.select().from(webhookSubscriptions)).length;
    await expect(
      createWebhookSubscription(deps(), { tenantId: 'acme', url: 'https://internal.example.com/' }),
    ).rejects.toMatchObject({
      name: 'WebhookUrlError',
      code: 'forbidden-address',
    });
    await expect(
      createWebhookSubscription(deps(), { tenantId: 'acme', url: 'http://127.0.0.1/' }),
    ).rejects.toBeInstanceOf(WebhookUrlError);
    await expect(
      createWebhookSubscription(deps(), {
        tenantId: 'acme',
        url: 'https://hooks.example.com/',
        eventTypes: ['address blocked'],
      }),
    ).rejects.toMatchObject({ name: 'WebhookServiceError', code: 'invalid-input' });
    expect(await t.db.select().from(webhookSubscriptions)).toHaveLength(before);
  });

  it('re-checks the URL on update and hides other tenants', async () => {
    const { subscription } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: 'https://hooks.example.com/a',
    });
    await expect(
      updateWebhookSubscription(deps(), 'acme', subscription.id, { url: 'http://169.254.169.254/' }),
    ).rejects.toBeInstanceOf(WebhookUrlError);
    await expect(updateWebhookSubscription(deps(), 'other', subscription.id, { enabled: false })).rejects.toMatchObject(
      {
        code: 'not-found',
      },
    );
    const updated = await updateWebhookSubscription(deps(), 'acme', subscription.id, {
      url: 'https://hooks.example.com/b',
      enabled: false,
    });
    expect(updated).toMatchObject({ url: 'https://hooks.example.com/b', enabled: false });
  });

  it('a new URL gets a new secret at once: the old secrets never sign for the new receiver', async () => {
    const { subscription, secret: first } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: 'https://hooks.example.com/old-receiver',
    });
    // A rotation in progress leaves a previous secret signing too: both must stop.
    const { secret: second } = await rotateWebhookSecret(deps(), 'acme', subscription.id);
    const unchanged = await updateWebhookSubscription(deps(), 'acme', subscription.id, {
      url: 'https://hooks.example.com/old-receiver',
      description: 'same url',
    });
    expect(unchanged.secret).toBeUndefined();
    const row = async () =>
      (await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscription.id)))[0]!;
    expect(activeSigningSecrets(secretBox, await row())).toEqual([second, first]);

    const moved = await updateWebhookSubscription(deps(), 'acme', subscription.id, {
      url: 'https://hooks.example.com/new-receiver',
    });
    expect(moved.secret?.startsWith(SECRET_PREFIX)).toBe(true);
    expect(moved.previousSecretExpiresAt).toBeNull();
    const signing = activeSigningSecrets(secretBox, await row());
    expect(signing).toEqual([moved.secret]);
    expect(signing).not.toContain(first);
    expect(signing).not.toContain(second);
  });

  it('rotates: two signing secrets until the previous one expires', async () => {
    const { subscription, secret: first } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: 'https://hooks.example.com/r',
    });
    const now = new Date();
    const rotated = await rotateWebhookSecret(deps(), 'acme', subscription.id, { previousSecretTtlMs: 60_000, now });
    expect(rotated.subscription.previousSecretExpiresAt?.getTime()).toBe(now.getTime() + 60_000);
    const [row] = await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscription.id));
    expect(activeSigningSecrets(secretBox, row!, now)).toEqual([rotated.secret, first]);
    expect(activeSigningSecrets(secretBox, row!, new Date(now.getTime() + 60_001))).toEqual([rotated.secret]);

    // Emergency rotation (leaked secret): the old one stops at once.
    const again = await rotateWebhookSecret(deps(), 'acme', subscription.id, { previousSecretTtlMs: 0 });
    const [row2] = await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscription.id));
    expect(activeSigningSecrets(secretBox, row2!)).toEqual([again.secret]);
    expect(again.subscription.previousSecretExpiresAt).toBeNull();
    await expect(rotateWebhookSecret(deps(), 'other', subscription.id)).rejects.toBeInstanceOf(WebhookServiceError);
  });

  it('puts a re-send back to failed when the job cannot be enqueued (Redis down)', async () => {
    const { subscription } = await createWebhookSubscription(deps(), {
      tenantId: 'acme',
      url: 'https://hooks.example.com/x',
    });
    const [event] = await t.db
      .insert(outbox)
      .values({ tenantId: 'acme', type: 'address.blocked', payload: {} })
      .returning();
    const [delivery] = await createWebhookDeliveries(t.db, {
      tenantId: 'acme',
      eventId: event!.eventId,
      subscriptionIds: [subscription.id],
    });
    await recordWebhookAttempt(t.db, {
      deliveryId: delivery!.id,
      statusCode: 500,
      error: 'HTTP 500',
      durationMs: 5,
      status: 'failed',
      nextAttemptAt: null,
    });

    // A producer connection to a port where no Redis listens fails fast instead of queueing in memory.
    const down = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    down.on('error', () => {});
    const queue = createQueue('webhookDeliveries', down, `test-${randomUUID()}`);
    queue.on('error', () => {}); // the refused connection is the point of this test
    try {
      await expect(resendDelivery({ db: t.db, queue }, 'acme', delivery!.id)).rejects.toThrow();
      expect((await getWebhookDelivery(t.db, 'acme', delivery!.id))?.status).toBe('failed');
    } finally {
      await queue.close().catch(() => {});
      down.disconnect();
    }
  });
});
