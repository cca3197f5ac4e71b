import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWebhookAttempts, recordWebhookAttempt } from '../notifications/webhook-deliveries.js';
import { publishOutboxEvents } from '../outbox/outbox-claims.js';
import { outbox, tenants, webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../schema.js';
import { queryRows } from '../sql/sql-util.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  convertToPartitioned,
  dropExpiredPartitions,
  ensurePartitions,
  isPartitioned,
  partitionName,
} from './partitioning.js';

let t: TestDatabase;
let client: postgres.Sql;

beforeAll(async () => {
  t = await createTestDatabase('bounce_partitions');
  client = postgres(t.url, { max: 1, onnotice: () => {} });
  await t.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
});
afterAll(async () => {
  await client?.end({ timeout: 5 });
  await t?.drop();
});

const monthsAgo = (n: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 15));
};

describe('convertToPartitioned', () => {
  it('turns populated outbox and webhook_attempts into monthly partitions keeping rows, keys and behaviour', async () => {
    // History of several months, one unpublished event among it.
    const old = await t.db
      .insert(outbox)
      .values(
        [0, 1, 5, 13].map((m) => ({
          tenantId: 'acme',
          type: 'bounce.recorded',
          payload: { m },
          createdAt: monthsAgo(m),
        })),
      )
      .returning({ id: outbox.id, eventId: outbox.eventId });
    await t.db.insert(outbox).values({ tenantId: 'acme', type: 'x', payload: {}, createdAt: monthsAgo(13) });
    await t.db.execute(sql`update outbox set published_at = now() where type = 'bounce.recorded'`);
    const [sub] = await t.db
      .insert(webhookSubscriptions)
      .values({ tenantId: 'acme', url: 'https://example.com/hook', secretEncrypted: 'v1:x', eventTypes: ['*'] })
      .returning({ id: webhookSubscriptions.id });
    const [delivery] = await t.db
      .insert(webhookDeliveries)
      .values({ subscriptionId: sub!.id, tenantId: 'acme', eventId: old[0]!.eventId })
      .returning({ id: webhookDeliveries.id });
    await t.db
      .insert(webhookAttempts)
      .values({ deliveryId: delivery!.id, attempt: 1, durationMs: 5, createdAt: monthsAgo(13) });

    // A named prepared statement planned on the table before the conversion (the notify worker's pooled connections).
    await recordWebhookAttempt(t.db, {
      deliveryId: delivery!.id,
      statusCode: 500,
      error: 'boom',
      durationMs: 3,
      status: 'retrying',
      nextAttemptAt: new Date(),
    });

    for (const table of ['outbox', 'webhook_attempts'] as const) {
      const report = await convertToPartitioned(client, table, { monthsAhead: 2 });
      expect(report?.table).toBe(table);
      expect(await isPartitioned(t.db, table)).toBe(true);
      expect(await convertToPartitioned(client, table)).toBeNull(); // idempotent
    }

    // Every row is still there, through the same table name, and new rows take fresh ids from the same sequence.
    expect((await t.db.select().from(outbox)).length).toBe(5);
    const [fresh] = await t.db
      .insert(outbox)
      .values({ tenantId: 'acme', type: 'new', payload: {} })
      .returning({ id: outbox.id });
    expect(fresh!.id).toBeGreaterThan(Math.max(...old.map((o) => o.id)));
    // A row of a month ahead lands in its own partition.
    const ahead = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 2, 3));
    await t.db.insert(outbox).values({ tenantId: 'acme', type: 'later', payload: {}, createdAt: ahead });
    const [where] = await queryRows<{ part: string }>(
      t.db,
      sql`select tableoid::regclass::text as part from outbox where type = 'later'`,
    );
    expect(where?.part).toBe(
      partitionName('outbox', new Date(Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth(), 1))),
    );
    // The store's own reads and writes work on the partitioned tables: the relay claims the unpublished events
    // (the legacy one and the new ones), the delivery worker records an attempt through its prepared statement.
    const relayed = await publishOutboxEvents(t.db, 100, async () => []);
    expect(relayed.events.map((e) => e.type).sort()).toEqual(['later', 'new', 'x']);
    await recordWebhookAttempt(t.db, {
      deliveryId: delivery!.id,
      statusCode: 200,
      error: null,
      durationMs: 4,
      status: 'delivered',
      nextAttemptAt: null,
    });
    expect((await listWebhookAttempts(t.db, 'acme', delivery!.id)).map((a) => a.attempt)).toEqual([1, 1, 2]); // numbered by the delivery's count, which the seeded row bypassed
    // Unique keys hold (with the partition key), foreign keys still cascade.
    await expect(
      t.db.execute(sql`insert into outbox (id, tenant_id, type, payload, created_at)
                       select id, tenant_id, type, payload, created_at from outbox where type = 'new'`),
    ).rejects.toThrow();
    expect(await t.db.select().from(webhookAttempts)).toHaveLength(3);
    await t.db.delete(webhookDeliveries);
    expect(await t.db.select().from(webhookAttempts)).toEqual([]);
  });

  it('creates partitions ahead and drops expired ones, never one with unpublished events', async () => {
    const now = new Date();
    const future = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 5, 1));
    const created = await ensurePartitions(t.db, { monthsAhead: 5 });
    expect(created).toContain(partitionName('outbox', future));
    expect(await ensurePartitions(t.db, { monthsAhead: 5 })).toEqual([]);

    // Seen from two years on, with 12 months kept: the legacy outbox partition still holds an unpublished event.
    await t.db.insert(outbox).values({ tenantId: 'acme', type: 'late', payload: {}, createdAt: monthsAgo(13) });
    const later = new Date(Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth(), 1));
    const dropped = await dropExpiredPartitions(t.db, { keepMonths: 12, now: later });
    expect(dropped).toContain('webhook_attempts_legacy');
    expect(dropped).not.toContain('outbox_legacy');
    await t.db.execute(sql`update outbox set published_at = now()`);
    expect(await dropExpiredPartitions(t.db, { keepMonths: 12, now: later })).toContain('outbox_legacy');
    expect(await dropExpiredPartitions(t.db, { keepMonths: 0, now: later })).toEqual([]);
  });
});
