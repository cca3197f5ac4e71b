import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBounces } from '../bounces/apply-bounces.js';
import { applyParsedRawMessages } from '../raw-messages/apply-stage.js';
import { sha256Hex } from '../raw-messages/fetch-stage.js';
import { recordParseOutcome } from '../raw-messages/parse-stage.js';
import { purgeExpiredRawContent } from '../raw-messages/retention.js';
import { outbox } from '../schema.js';
import { recordSends } from '../sends/sends.js';
import { parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { outboxRowsOffRegistry } from '../testing/outbox-payloads.js';
import { storeTestRawMessages } from '../testing/raw-message-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { loadBounceForDiagnosis } from './diagnosis-input.js';
import {
  claimDueSenderHealthAlerts,
  closeSenderHealthAlert,
  expediteSenderAlertRechecks,
  getSenderHealthAlert,
  isCountMilestone,
  listSenderHealthAlerts,
  recordSenderAlertRecheck,
  recordSenderDiagnosis,
  type SenderDiagnosisInput,
} from './health-alerts.js';

const T = 'acme';
const OTHER = 'globex';
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_sender_health');
  await seedTenant(t.db, T);
  await seedTenant(t.db, OTHER);
});
afterAll(async () => {
  await t?.drop();
});

function input(over: Partial<SenderDiagnosisInput> = {}): SenderDiagnosisInput {
  const groupKey = over.groupKey ?? 'microsoft|dnsbl';
  return {
    bounceId: randomUUID(),
    groupKey,
    providerId: groupKey.split('|')[0] ?? 'x',
    providerName: 'Microsoft',
    cause: groupKey.split('|')[1] ?? 'dnsbl',
    subject: '203.0.113.5',
    occurredAt: new Date('2026-12-01T10:00:00Z'),
    diagnosis: {
      cause: 'dnsbl',
      headline: { en: 'listed', de: 'gelistet' },
      explanation: { en: 'e', de: 'd' },
      plan: { ip: '203.0.113.5' },
    },
    fingerprint: 'dnsbl|203.0.113.5|dnsbl-listed',
    nextCheckAt: new Date('2026-12-01T11:00:00Z'),
    checkedAt: new Date('2026-12-01T10:00:01Z'),
    ...over,
  };
}

async function eventsOf(tenantId: string, type: string) {
  return t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.type, type)));
}

describe('sender health alerts', () => {
  it('reads a sender-side bounce with its rule for the diagnosis', async () => {
    await recordSends(t.db, T, [{ recipient: 'alice@outlook.example', sentAt: new Date(Date.now() - 3_600_000) }]);
    const result = await applyBounces(t.db, T, [
      {
        parsed: parsedBounce([{ recipient: 'alice@outlook.example', ...VERDICTS.blocked }]),
        rawSha256: 'sender-side-1',
      },
    ]);
    const bounceId = result.results[0]?.bounceId;
    expect(bounceId).toBeTruthy();
    const bounce = await loadBounceForDiagnosis(t.db, T, String(bounceId));
    expect(bounce?.rule).toBe('sender-side');
    expect(bounce?.diagnosticCode).toContain('blocked using Spamhaus');
    expect(bounce?.raw).toBeNull(); // no raw message was stored for this verdict
    expect(await loadBounceForDiagnosis(t.db, OTHER, String(bounceId))).toBeNull();
  });

  it('reads the evidence source the parse worker stored instead of the raw bounce, until the content is purged', async () => {
    await recordSends(t.db, T, [
      { recipient: 'bob@outlook.example', sentAt: new Date(Date.now() - 3_600_000) },
      { recipient: 'carol@outlook.example', sentAt: new Date(Date.now() - 3_600_000) },
    ]);
    const contents = ['with source', 'without source'].map((s) => Buffer.from(`Subject: ${s}\r\n\r\nbody\r\n`));
    const [withSource, withoutSource] = await storeTestRawMessages(t.db, T, contents);
    const source = {
      recipients: [],
      original: { returnPath: null, from: null, headers: { received: ['from a by b'] } },
    };
    await recordParseOutcome(t.db, [withSource!, withoutSource!], [], [{ id: withSource!, source }]);
    const result = await applyParsedRawMessages(
      t.db,
      T,
      ['bob', 'carol'].map((name, i) => ({
        rawMessageId: [withSource!, withoutSource!][i]!,
        sha256: sha256Hex(contents[i]!),
        result: parsedBounce([{ recipient: `${name}@outlook.example`, ...VERDICTS.blocked }]),
      })),
    );
    const [bob, carol] = result.results.map((r) => String(r.bounceId));
    const fromSource = await loadBounceForDiagnosis(t.db, T, bob!);
    expect(fromSource?.senderEvidence).toEqual(source);
    expect(fromSource?.raw).toBeNull(); // not read: the source has what the diagnosis needs
    const fromRaw = await loadBounceForDiagnosis(t.db, T, carol!);
    expect(fromRaw?.senderEvidence).toBeNull();
    expect(Buffer.from(fromRaw!.raw!).toString()).toBe(contents[1]!.toString());

    // The retention job removes the source with the content (it quotes the original's headers).
    await t.db.execute(sql`update raw_messages set received_at = now() - interval '400 days' where id = ${withSource}`);
    expect((await purgeExpiredRawContent(t.db, { defaultDays: 30 })).purged).toBeGreaterThanOrEqual(1);
    const purged = await loadBounceForDiagnosis(t.db, T, bob!);
    expect(purged?.senderEvidence).toBeNull();
    expect(purged?.raw?.length).toBe(0);
  });

  it('opens one alert per group, counts each bounce once, and announces only opening, changes and milestones', async () => {
    const first = input({ groupKey: 'google|spf' });
    const opened = await recordSenderDiagnosis(t.db, T, first);
    expect(opened.outcome).toBe('opened');
    expect(await recordSenderDiagnosis(t.db, T, first)).toEqual({ outcome: 'duplicate' });

    const later = new Date('2026-12-02T10:00:00Z');
    const earlier = new Date('2026-11-30T10:00:00Z');
    const counted = await recordSenderDiagnosis(t.db, T, input({ groupKey: 'google|spf', occurredAt: later }));
    expect(counted.outcome).toBe('counted');
    const changed = await recordSenderDiagnosis(
      t.db,
      T,
      input({ groupKey: 'google|spf', occurredAt: earlier, fingerprint: 'spf|example.com|spf-ip-not-covered' }),
    );
    expect(changed.outcome).toBe('updated');
    if (changed.outcome === 'duplicate') throw new Error('unexpected');
    expect(changed.alert.count).toBe(3);
    expect(changed.alert.firstSeenAt.toISOString()).toBe(earlier.toISOString());
    expect(changed.alert.lastSeenAt.toISOString()).toBe(later.toISOString());

    const opens = (await eventsOf(T, 'sender_alert.opened')).filter(
      (e) => (e.payload as { groupKey: string }).groupKey === 'google|spf',
    );
    expect(opens).toHaveLength(1);
    expect(opens[0]?.priority).toBe('high');
    const payload = opens[0]?.payload as Record<string, unknown>;
    expect(payload.count).toBe(1);
    expect(payload.provider).toEqual({ id: 'google', name: 'Microsoft' });
    expect((payload.diagnosis as Record<string, unknown>).plan).toBeUndefined();
    expect((payload.diagnosis as { headline: { de: string } }).headline.de).toBe('gelistet');
    expect(await eventsOf(T, 'sender_alert.updated')).toHaveLength(1);
  });

  it('announces count milestones', async () => {
    expect([1, 9, 10, 11, 20, 100, 1000, 1001].filter(isCountMilestone)).toEqual([10, 100, 1000]);
    const before = (await eventsOf(T, 'sender_alert.updated')).length;
    for (let i = 0; i < 10; i++) await recordSenderDiagnosis(t.db, T, input({ groupKey: 'yahoo|ptr' }));
    const updates = (await eventsOf(T, 'sender_alert.updated')).slice(before);
    expect(updates.map((e) => (e.payload as { count: number }).count)).toEqual([10]);
  });

  it('counts a bounce once and opens a group once when jobs race', async () => {
    const same = input({ groupKey: 'gmx|dmarc' });
    const results = await Promise.all([
      recordSenderDiagnosis(t.db, T, same),
      recordSenderDiagnosis(t.db, T, same),
      recordSenderDiagnosis(t.db, T, same),
    ]);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(2);
    const distinct = await Promise.all(
      Array.from({ length: 6 }, () => recordSenderDiagnosis(t.db, T, input({ groupKey: 'web|rate' }))),
    );
    expect(distinct.filter((r) => r.outcome === 'opened')).toHaveLength(1);
    const page = await listSenderHealthAlerts(t.db, T, { state: 'open' });
    expect(page.items.find((a) => a.groupKey === 'gmx|dmarc')?.count).toBe(1);
    expect(page.items.find((a) => a.groupKey === 'web|rate')?.count).toBe(6);
  });

  it('claims due rechecks once, closes once with an event, and reopens on the next bounce', async () => {
    const opened = await recordSenderDiagnosis(
      t.db,
      T,
      input({ groupKey: 'orange|dnsbl', nextCheckAt: new Date('2026-12-01T09:00:00Z') }),
    );
    if (opened.outcome === 'duplicate') throw new Error('unexpected');
    const now = new Date('2026-12-01T10:00:00Z');
    const next = new Date('2026-12-01T10:15:00Z');
    const [a, b] = await Promise.all([
      claimDueSenderHealthAlerts(t.db, { now, nextCheckAt: next, limit: 100 }),
      claimDueSenderHealthAlerts(t.db, { now, nextCheckAt: next, limit: 100 }),
    ]);
    const claimed = [...(a ?? []), ...(b ?? [])].filter((x) => x.groupKey === 'orange|dnsbl');
    expect(claimed).toHaveLength(1);
    expect(claimed[0]?.nextCheckAt?.toISOString()).toBe(next.toISOString());
    expect(
      (await claimDueSenderHealthAlerts(t.db, { now, nextCheckAt: next, limit: 100 })).some(
        (x) => x.groupKey === 'orange|dnsbl',
      ),
    ).toBe(false);

    expect(
      await recordSenderAlertRecheck(t.db, T, opened.alert.id, {
        diagnosis: { ...opened.alert.diagnosis, rechecked: true },
        checkedAt: now,
      }),
    ).toBe(true);
    expect(await closeSenderHealthAlert(t.db, OTHER, opened.alert.id, { reason: 'check-passed' })).toBeNull();
    const closed = await closeSenderHealthAlert(t.db, T, opened.alert.id, { reason: 'check-passed', at: now });
    expect(closed?.state).toBe('closed');
    expect(closed?.diagnosis.rechecked).toBe(true);
    expect(await closeSenderHealthAlert(t.db, T, opened.alert.id, { reason: 'operator' })).toBeNull();
    const closes = (await eventsOf(T, 'sender_alert.closed')).filter(
      (e) => (e.payload as { alertId: string }).alertId === opened.alert.id,
    );
    expect(closes).toHaveLength(1);
    expect(closes[0]?.payload).toMatchObject({ state: 'closed', closeReason: 'check-passed', count: 1 });
    expect(await recordSenderAlertRecheck(t.db, T, opened.alert.id, { diagnosis: {}, checkedAt: now })).toBe(false);

    const again = await recordSenderDiagnosis(t.db, T, input({ groupKey: 'orange|dnsbl' }));
    expect(again.outcome).toBe('opened');
    if (again.outcome === 'duplicate') throw new Error('unexpected');
    expect(again.alert.id).not.toBe(opened.alert.id);
    expect((await getSenderHealthAlert(t.db, T, opened.alert.id))?.state).toBe('closed');
  });

  it('makes the open alerts about a subject due now when a setup check finds it passing', async () => {
    const later = new Date('2026-12-05T10:00:00Z');
    const opened = await recordSenderDiagnosis(
      t.db,
      T,
      input({ groupKey: 'seznam|dnsbl', subject: '198.51.100.9', nextCheckAt: later }),
    );
    await recordSenderDiagnosis(t.db, OTHER, input({ groupKey: 'seznam|dnsbl', subject: '198.51.100.9' }));
    if (opened.outcome === 'duplicate') throw new Error('unexpected');
    const now = new Date('2026-12-01T12:00:00Z');
    expect(await expediteSenderAlertRechecks(t.db, T, ['198.51.100.9', 'unrelated.test'], now)).toBe(1);
    expect((await getSenderHealthAlert(t.db, T, opened.alert.id))?.nextCheckAt?.toISOString()).toBe(now.toISOString());
    expect(await expediteSenderAlertRechecks(t.db, T, ['unrelated.test'], now)).toBe(0);
    expect(await expediteSenderAlertRechecks(t.db, T, [], now)).toBe(0);
  });

  it('keeps tenants apart and pages by last seen', async () => {
    await recordSenderDiagnosis(t.db, OTHER, input({ groupKey: 'other|ptr' }));
    const mine = await listSenderHealthAlerts(t.db, T, { limit: 500 });
    expect(mine.items.every((a) => a.tenantId === T)).toBe(true);
    expect(mine.items.some((a) => a.groupKey === 'other|ptr')).toBe(false);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSenderHealthAlerts(t.db, T, { limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(mine.items.map((a) => a.id));
    expect(await getSenderHealthAlert(t.db, OTHER, ids[0] ?? '')).toBeNull();
    expect(await outboxRowsOffRegistry(t.db)).toEqual([]);
  });
});
