import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBounces } from '../bounces/apply-bounces.js';
import { openDatabase } from '../client.js';
import { listWebhookAttempts, recordWebhookAttempt } from '../notifications/webhook-deliveries.js';
import { publishOutboxEvents } from '../outbox/outbox-claims.js';
import { storeRawMessages } from '../raw-messages/fetch-stage.js';
import {
  bounces,
  outbox,
  rawMessages,
  tenants,
  webhookAttempts,
  webhookDeliveries,
  webhookSubscriptions,
} from '../schema.js';
import { queryRows } from '../sql/sql-util.js';
import { parsedBounce, VERDICTS } from '../testing/bounce-fixtures.js';
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

    // The payloads' lz4 compression (migration 0019) carries over to the parent and its partitions.
    const compression = await queryRows<{ c: string }>(
      t.db,
      sql`select distinct a.attcompression::text as c from pg_attribute a
          where a.attname = 'payload' and (a.attrelid = 'outbox'::regclass
            or a.attrelid in (select inhrelid from pg_inherits where inhparent = 'outbox'::regclass))`,
    );
    expect(compression).toEqual([{ c: 'l' }]);

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

describe('raw_messages and bounces partitioned', () => {
  // A database of its own: the tests above dropped the outbox partitions of this month.
  let u: TestDatabase;
  let uclient: postgres.Sql;
  beforeAll(async () => {
    u = await createTestDatabase('bounce_partitions_raw');
    uclient = postgres(u.url, { max: 1, onnotice: () => {} });
    await u.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
  }, 60_000);
  afterAll(async () => {
    await uclient?.end({ timeout: 5 });
    await u?.drop();
  });
  const mailbox = '00000000-0000-4000-8000-0000000000aa';
  const at = (folder: string, uid: number, content: string) => ({
    tenantId: 'acme',
    mailboxId: mailbox,
    folder,
    uidValidity: 1,
    uid,
    content: Buffer.from(content),
  });
  const bounceOf = (sha: string, recipient: string) => ({
    parsed: parsedBounce([{ recipient, ...VERDICTS.userUnknown, at: new Date() }]),
    rawSha256: sha,
  });
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(u.db, query))[0]?.n;

  it('converts populated tables keeping every row, and idempotency stays exact across months and connections', async () => {
    // History from before the key tables: rows written straight, as the store wrote them before migration 0010
    // (no key rows), over several months; one message and its bounce stored through the store (with keys).
    const legacy = await u.db
      .insert(rawMessages)
      .values(
        [0, 1, 5, 13].map((m) => ({
          tenantId: 'acme',
          mailboxId: mailbox,
          folder: 'INBOX',
          uidValidity: 1,
          uid: 100 + m,
          sha256: `legacy-${m}`,
          size: 1,
          content: Buffer.from('x'),
          status: 'applied' as const,
          receivedAt: monthsAgo(m),
        })),
      )
      .returning({ id: rawMessages.id, sha256: rawMessages.sha256 });
    await u.db.insert(bounces).values(
      legacy.map((r, i) => ({
        tenantId: 'acme',
        idempotencyKey: `${r.sha256}:0`,
        rawMessageId: r.id,
        kind: 'bounce',
        recipient: `old${i}@example.com`,
        reason: 'userunknown',
        class: 'hard',
        occurredAt: monthsAgo(i),
        receivedAt: monthsAgo(i),
        state: 'applied',
      })),
    );
    const [viaStore] = await storeRawMessages(u.db, [at('INBOX', 1, 'stored before the conversion')]);
    expect((await applyBounces(u.db, 'acme', [bounceOf(viaStore!.sha256, 'before@example.com')])).unmatched).toBe(1);
    const legacyFk = await count(
      sql`select count(*)::int as n from pg_constraint where conrelid = 'bounces'::regclass and contype = 'f'
          and confrelid = 'raw_messages'::regclass`,
    );
    expect(legacyFk).toBe(1);

    const raw = await convertToPartitioned(uclient, 'raw_messages', { monthsAhead: 2 });
    expect(raw).toMatchObject({
      keysFilled: 4,
      foreignKeysDropped: ['bounces.bounces_raw_message_id_raw_messages_id_fk'],
    });
    const bnc = await convertToPartitioned(uclient, 'bounces', { monthsAhead: 2 });
    expect(bnc).toMatchObject({ keysFilled: 4, foreignKeysDropped: [] });
    for (const table of ['raw_messages', 'bounces'] as const) {
      expect(await isPartitioned(u.db, table)).toBe(true);
      expect(await convertToPartitioned(uclient, table)).toBeNull(); // idempotent
    }
    expect(await count(sql`select count(*)::int as n from raw_messages`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from bounces`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from raw_message_keys`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from bounce_keys`)).toBe(5);

    // The same content again — stored 13 months ago, before the key tables, and just before the conversion — is the
    // same row, moved to where the message is now; new content is a new row in this month's partition.
    const again = await storeRawMessages(u.db, [
      at('Processed', 7, 'stored before the conversion'),
      at('INBOX', 8, 'new after the conversion'),
    ]);
    expect(again.map((r) => r.inserted)).toEqual([false, true]);
    expect(again[0]!.id).toBe(viaStore!.id);
    const [moved] = await u.db.select().from(rawMessages).where(eq(rawMessages.id, viaStore!.id));
    expect(moved).toMatchObject({ folder: 'Processed', uid: 7 });
    // Until the next month begins, new rows go to the legacy partition (its range ends there).
    const [fresh] = await queryRows<{ part: string }>(
      u.db,
      sql`select tableoid::regclass::text as part from raw_messages where id = ${again[1]!.id}`,
    );
    expect(fresh?.part).toBe('raw_messages_legacy');

    // Eight fetchers store the same new mail at once (each its own connection): one row, one id.
    const racers = Array.from({ length: 8 }, () => openDatabase({ url: u.url, maxConnections: 1 }));
    try {
      const results = await Promise.all(
        racers.map((c, i) => storeRawMessages(c.db, [at('INBOX', 50 + i, 'raced by eight fetchers')])),
      );
      expect(results.filter(([r]) => r!.inserted)).toHaveLength(1);
      expect(new Set(results.map(([r]) => r!.id)).size).toBe(1);
      // Eight rules workers apply the same bounce at once: one bounce row, one event.
      const sha = results[0]![0]!.sha256;
      const applied = await Promise.all(
        racers.map((c) => applyBounces(c.db, 'acme', [bounceOf(sha, 'raced@example.com')])),
      );
      expect(applied.reduce((n, r) => n + r.unmatched, 0)).toBe(1);
    } finally {
      await Promise.all(racers.map((c) => c.close()));
    }
    expect(await count(sql`select count(*)::int as n from raw_messages where sha256 = ${again[1]!.sha256}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from bounces where recipient = 'raced@example.com'`)).toBe(1);

    // A bounce applied before the conversion, and one of 13 months ago written before the key tables: applied
    // again, neither is counted twice.
    const replay = await applyBounces(u.db, 'acme', [
      bounceOf(viaStore!.sha256, 'before@example.com'),
      bounceOf('legacy-13', 'old3@example.com'),
    ]);
    expect(replay).toMatchObject({ unmatched: 0, duplicates: 2 });
    expect(await count(sql`select count(*)::int as n from bounces`)).toBe(6);
  }, 120_000);

  it('drops expired raw and bounce partitions with their keys, never one with work left', async () => {
    const later = new Date(Date.UTC(new Date().getUTCFullYear() + 2, new Date().getUTCMonth(), 1));
    // Everything settled but one message waiting on the manual list, in the legacy raw partition.
    await u.db.execute(sql`update raw_messages set status = 'applied'`);
    await u.db.execute(sql`update bounces set state = 'applied'`);
    await u.db.update(rawMessages).set({ status: 'manual' }).where(eq(rawMessages.sha256, 'legacy-5'));
    const first = await dropExpiredPartitions(u.db, { keepMonths: 12, now: later });
    expect(first).toContain('bounces_legacy');
    expect(first).not.toContain('raw_messages_legacy');
    expect(await count(sql`select count(*)::int as n from bounces`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from bounce_keys`)).toBe(0); // the keys went with their rows
    expect(await count(sql`select count(*)::int as n from raw_message_keys`)).toBe(7); // kept with theirs

    await u.db.update(rawMessages).set({ resolvedAt: new Date() }).where(eq(rawMessages.sha256, 'legacy-5'));
    expect(await dropExpiredPartitions(u.db, { keepMonths: 12, now: later })).toContain('raw_messages_legacy');
    expect(await count(sql`select count(*)::int as n from raw_messages`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from raw_message_keys`)).toBe(0);
  }, 60_000);
});
