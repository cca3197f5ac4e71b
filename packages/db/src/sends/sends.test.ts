import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBounces } from '../bounces/apply-bounces.js';
import { getAddress, listBounces } from '../index.js';
import { setRuleSetOverrides } from '../rule-sets/rule-sets.js';
import { queryRows } from '../sql/sql-util.js';
import { countRows, parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { handleSendEvent, sendEventJobSchema } from './send-events.js';
import { confirmDeliveriesByGrace, recordDeliveries, recordSends } from './sends.js';
import { recordSyncRejections } from './sync-rejections.js';

const T = 'acme';
const hour = 3_600_000;
const day = (n: number) => new Date(Date.UTC(2025, 6, 1 + n, 10));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_sends');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

async function softBounces(address: string, days: number[], prefix: string) {
  return applyBounces(
    t.db,
    T,
    days.map((n) => ({
      parsed: parsedBounce([{ recipient: address, ...VERDICTS.mailboxFull, at: day(n) }]),
      rawSha256: `${prefix}-${n}`,
    })),
    { now: day(Math.max(...days)) },
  );
}

describe('sends and deliveries', () => {
  it('records sends idempotently on external id and normalises recipients', async () => {
    const first = await recordSends(t.db, T, [
      {
        externalId: 'ext-1',
        recipient: ' Alice@Example.COM ',
        messageId: 'a1@acme',
        category: 'Invoice',
        sentAt: day(0),
      },
      { externalId: 'ext-2', recipient: 'bob@example.com', sentAt: day(0) },
    ]);
    const again = await recordSends(t.db, T, [
      { externalId: 'ext-1', recipient: 'alice@example.com', sentAt: day(0) },
      { externalId: 'ext-3', recipient: 'carol@example.com', sentAt: day(0) },
    ]);
    expect(first.map((s) => s.created)).toEqual([true, true]);
    expect(again.map((s) => s.created)).toEqual([false, true]);
    expect(again[0]!.id).toBe(first[0]!.id);
    const [row] = await queryRows<{ recipient: string; category: string; message_id: string }>(
      t.db,
      sql`select recipient, category, message_id from sends where id = ${first[0]!.id}::uuid`,
    );
    expect(row).toEqual({ recipient: 'alice@example.com', category: 'invoice', message_id: '<a1@acme>' });
    expect((await getAddress(t.db, T, 'carol@example.com')).record?.state).toBe('active');
    await expect(recordSends(t.db, T, [{ recipient: 'nope', sentAt: day(0) }])).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('a delivery event resets the soft count, once', async () => {
    const [send] = await recordSends(t.db, T, [
      { externalId: 'dlv-1', recipient: 'flaky@example.com', sentAt: day(0) },
    ]);
    await softBounces('flaky@example.com', [1, 2, 3], 'flaky');
    expect((await getAddress(t.db, T, 'flaky@example.com')).record?.consecutiveSoftFailures).toBe(3);
    const [later] = await recordSends(t.db, T, [
      { externalId: 'dlv-2', recipient: 'flaky@example.com', sentAt: day(4) },
    ]);
    const r = await recordDeliveries(t.db, T, [
      { externalId: 'dlv-2', deliveredAt: day(4) },
      { sendId: '11111111-1111-4111-8111-111111111111', deliveredAt: day(4) },
    ]);
    expect(r).toMatchObject({ confirmed: 1, duplicates: 0 });
    expect(r.unknown).toHaveLength(1);
    expect((await getAddress(t.db, T, 'flaky@example.com')).record?.consecutiveSoftFailures).toBe(0);
    const auditBefore = await countRows(t.db, 'audit_log', T);
    expect(await recordDeliveries(t.db, T, [{ sendId: later!.id, deliveredAt: day(4) }])).toMatchObject({
      confirmed: 0,
      duplicates: 1,
    });
    expect(await countRows(t.db, 'audit_log', T)).toBe(auditBefore);
    const [status] = await queryRows<{ status: string }>(
      t.db,
      sql`select status from sends where id = ${later!.id}::uuid`,
    );
    expect(status?.status).toBe('delivered');
    expect(send).toBeDefined();
  });

  it('confirms sends without a bounce after the grace period (per category), idempotently', async () => {
    await setRuleSetOverrides(
      t.db,
      T,
      { scope: 'category', category: 'newsletter' },
      { deliveryGraceHours: 24 },
      'operator:test',
    );
    await recordSends(t.db, T, [{ recipient: 'grace@example.com', sentAt: day(10) }]);
    await softBounces('grace@example.com', [11, 12], 'grace');
    const [nl, tx, bounced] = await recordSends(t.db, T, [
      { recipient: 'grace@example.com', category: 'newsletter', sentAt: day(13) },
      { recipient: 'grace@example.com', category: 'transactional', sentAt: day(13) }, // default grace: 72 h
      { recipient: 'other@example.com', category: 'newsletter', sentAt: day(13), messageId: '<b@acme>' },
    ]);
    await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'other@example.com', ...VERDICTS.mailboxFull, at: day(13) }], {
            messageId: '<b@acme>',
          }),
          rawSha256: 'g-b',
        },
      ],
      { now: day(13) },
    );
    // 30 h later: only the newsletter send's 24 h grace has passed.
    const r1 = await confirmDeliveriesByGrace(t.db, { now: new Date(day(13).getTime() + 30 * hour), tenantId: T });
    const graced = await queryRows<{ id: string }>(
      t.db,
      sql`select id from sends where grace_confirmed_at is not null`,
    );
    expect(graced.map((g) => g.id)).toContain(nl!.id);
    expect(graced.map((g) => g.id)).not.toContain(tx!.id);
    expect(graced.map((g) => g.id)).not.toContain(bounced!.id); // it bounced: not a delivery
    // ... and it leaves the job's index (sends_grace_idx), never to be examined again.
    const retired = await queryRows<{ id: string }>(t.db, sql`select id from sends where grace_checked_at is not null`);
    expect(retired.map((r) => r.id)).toContain(bounced!.id);
    expect(retired.map((r) => r.id)).not.toContain(tx!.id);
    expect((await getAddress(t.db, T, 'grace@example.com')).record?.consecutiveSoftFailures).toBe(0);
    expect(r1.confirmed).toBeGreaterThanOrEqual(1);
    const r2 = await confirmDeliveriesByGrace(t.db, { now: new Date(day(13).getTime() + 30 * hour), tenantId: T });
    expect(r2.confirmed).toBe(0);
    const r3 = await confirmDeliveriesByGrace(t.db, { now: new Date(day(13).getTime() + 80 * hour) });
    expect(r3.confirmed).toBeGreaterThanOrEqual(1);
    const [txRow] = await queryRows<{ grace: boolean }>(
      t.db,
      sql`select grace_confirmed_at is not null as grace from sends where id = ${tx!.id}::uuid`,
    );
    expect(txRow?.grace).toBe(true);
  });

  it('applies a synchronous rejection exactly like a bounce (source send-event)', async () => {
    const [send] = await recordSends(t.db, T, [
      { externalId: 'sync-1', recipient: 'rejected@example.com', category: 'invoice', sentAt: day(20) },
    ]);
    const rejection = {
      externalId: 'sync-1',
      replyCode: 550,
      text: '550 5.1.1 <rejected@example.com>: Recipient address rejected: User unknown in local recipient table',
      occurredAt: day(20),
    };
    const r = await recordSyncRejections(t.db, T, [rejection, { ...rejection, externalId: 'missing' }]);
    expect(r).toMatchObject({ applied: 1, unknown: [{ externalId: 'missing' }] });
    expect(r.results[0]).toMatchObject({ matchMethod: 'send-event', rule: 'hard-bounce' });
    expect((await getAddress(t.db, T, 'rejected@example.com')).record).toMatchObject({
      state: 'blocked',
      suppressionReason: 'hard-bounce',
    });
    const [bounce] = (await listBounces(t.db, T, { recipient: 'rejected@example.com' })).items;
    expect(bounce).toMatchObject({
      source: 'send-event',
      reason: 'userunknown',
      class: 'hard',
      status: '5.1.1',
      replyCode: 550,
    });
    const [row] = await queryRows<{ status: string }>(t.db, sql`select status from sends where id = ${send!.id}::uuid`);
    expect(row?.status).toBe('rejected');
    expect(await countRows(t.db, 'outbox', T, `type = 'invoice.undeliverable'`)).toBe(1);
    // Reported twice: no second effect.
    expect((await recordSyncRejections(t.db, T, [rejection])).duplicates).toBe(1);
  });

  it('validates send-event jobs and dispatches them', async () => {
    expect(() =>
      sendEventJobSchema.parse({ kind: 'delivery', tenantId: T, deliveries: [{ deliveredAt: 'x' }] }),
    ).toThrow();
    expect(() => sendEventJobSchema.parse({ kind: 'nope', tenantId: T })).toThrow();
    const sent = await handleSendEvent(t.db, {
      kind: 'send',
      tenantId: T,
      sends: [{ externalId: 'job-1', recipient: 'job@example.com', sentAt: day(30).toISOString() }],
    });
    expect(sent).toEqual({ kind: 'send', recorded: 1, created: 1 });
    const delivered = await handleSendEvent(t.db, {
      kind: 'delivery',
      tenantId: T,
      deliveries: [{ externalId: 'job-1', deliveredAt: day(30).toISOString() }],
    });
    expect(delivered).toEqual({ kind: 'delivery', confirmed: 1, duplicates: 0, unknown: 0 });
    const rejected = await handleSendEvent(t.db, {
      kind: 'rejection',
      tenantId: T,
      rejections: [
        { externalId: 'job-1', replyCode: 452, text: '452 4.2.2 Mailbox full', occurredAt: day(31).toISOString() },
      ],
    });
    expect(rejected).toEqual({ kind: 'rejection', applied: 1, duplicates: 0, unknown: 0 });
    expect((await getAddress(t.db, T, 'job@example.com')).record?.consecutiveSoftFailures).toBe(1);
  });
});
