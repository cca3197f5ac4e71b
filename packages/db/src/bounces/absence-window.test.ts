/**
 * The absence window end to end in the store, on real PostgreSQL: a real out-of-office message (parsed by the
 * parser) records its window on the address; soft failures inside it are recorded with the rule absence-window
 * (audit row, address.failure_during_absence event) and not counted; after it they count again; undoing the
 * reply's audit entry removes the window.
 */
import { parseBounce } from '@bounce/parser';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoAuditEntry } from '../audit/undo.js';
import { addresses } from '../schema.js';
import { recordSends } from '../sends/sends.js';
import { queryRows } from '../sql/sql-util.js';
import { parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { applyBounces } from './apply-bounces.js';
import { assignBounce } from './assign-bounce.js';
import { previewRuleChange } from './rules-preview.js';

let t: TestDatabase;
const T = 'acme';
const ANNA = 'anna.berg@kunde.example';

beforeAll(async () => {
  t = await createTestDatabase('bounce_absence_window');
  await seedTenant(t.db, T);
  await recordSends(t.db, T, [
    {
      recipient: ANNA,
      messageId: '<inv-4711@acme.example>',
      category: 'newsletter',
      sentAt: new Date('2026-12-19T08:00:00Z'),
    },
  ]);
});
afterAll(async () => {
  await t?.drop();
});

/** An out-of-office reply in German as Exchange sends it (RFC 3834 headers), written for this test. */
const OUT_OF_OFFICE = Buffer.from(
  [
    `From: Anna Berg <${ANNA}>`,
    'To: bounces@mta.test',
    'Subject: Automatische Antwort: Ihre Rechnung 4711',
    'Date: Sun, 20 Dec 2026 09:00:00 +0100',
    'Auto-Submitted: auto-replied',
    'In-Reply-To: <inv-4711@acme.example>',
    'Message-ID: <ooo-1@kunde.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Ich bin bis zum 8. Januar nicht im Büro und lese meine E-Mails nicht.',
    '',
  ].join('\r\n'),
);

const addressRow = async () => {
  const [row] = await t.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, T), eq(addresses.address, ANNA)));
  return (
    row && {
      consecutive_soft_failures: row.consecutiveSoftFailures,
      state: row.state,
      absent_from: row.absentFrom,
      absent_until: row.absentUntil,
    }
  );
};

const mailboxFull = (at: Date, key: string) => ({
  parsed: parsedBounce([{ recipient: ANNA, ...VERDICTS.mailboxFull, at }]),
  rawSha256: key,
});

describe('absence window', () => {
  it('an out-of-office note keeps its soft failures from counting, with audit and event; afterwards they count', async () => {
    const parsed = parseBounce(OUT_OF_OFFICE);
    expect(parsed.kind).toBe('auto-reply');
    expect(parsed.autoReply?.absence?.until).toBe('2027-01-08');
    const reply = await applyBounces(t.db, T, [{ parsed, rawSha256: 'ooo-1' }], {
      now: new Date('2026-12-20T08:01:00Z'),
    });
    expect(reply.results[0]).toMatchObject({ outcome: 'applied', rule: 'absence-recorded' });
    const recorded = await addressRow();
    expect(recorded?.absent_from?.toISOString()).toBe('2026-12-20T08:00:00.000Z');
    expect(recorded?.absent_until?.toISOString()).toBe('2027-01-09T12:00:00.000Z');

    // Six "mailbox full" failures while she is away (threshold 5): none counts.
    const away = [22, 24, 27, 29, 31].map((d) => new Date(Date.UTC(2026, 11, d, 10)));
    away.push(new Date('2027-01-09T08:00:00Z'));
    const r = await applyBounces(
      t.db,
      T,
      away.map((at, i) => mailboxFull(at, `away-${i}`)),
      { now: new Date('2027-01-09T09:00:00Z') },
    );
    expect(r.results.map((x) => x.rule)).toEqual(Array(6).fill('absence-window'));
    expect(await addressRow()).toMatchObject({ consecutive_soft_failures: 0, state: 'active' });

    const audits = await queryRows<{ id: number; rule: string; reason: string | null; action: string }>(
      t.db,
      sql`select id, rule, reason, action from audit_log where tenant_id = ${T} and address = ${ANNA} order by id`,
    );
    expect(audits.map((a) => a.rule)).toEqual(['absence-recorded', ...Array(6).fill('absence-window')]);
    // The explanation (copied from the bounce's decision) says why it was not counted.
    for (const a of audits.slice(1)) expect(a.reason).toMatch(/inside absence window/);

    const events = await queryRows<{ payload: { absence: { until: string }; decision: { rule: string } } }>(
      t.db,
      sql`select payload from outbox where tenant_id = ${T} and type = 'address.failure_during_absence' order by id`,
    );
    expect(events).toHaveLength(6);
    expect(events[0]!.payload).toMatchObject({
      absence: { until: '2027-01-09T12:00:00.000Z' },
      decision: { rule: 'absence-window' },
    });

    // After the window the count starts again.
    const back = await applyBounces(t.db, T, [mailboxFull(new Date('2027-01-11T10:00:00Z'), 'back-0')], {
      now: new Date('2027-01-11T11:00:00Z'),
    });
    expect(back.results[0]!.rule).toBe('soft-failure');
    expect((await addressRow())?.consecutive_soft_failures).toBe(1);

    // Replaying the batch changes nothing (idempotency keys): still six events.
    await applyBounces(
      t.db,
      T,
      away.map((at, i) => mailboxFull(at, `away-${i}`)),
      { now: new Date('2027-01-11T12:00:00Z') },
    );
    expect((await addressRow())?.consecutive_soft_failures).toBe(1);

    // The operator undoes the reply's entry: the window is gone.
    const undone = await undoAuditEntry(t.db, T, audits[0]!.id, { actor: 'operator:test', reason: 'not an absence' });
    expect(undone.changed).toBe(true);
    expect(await addressRow()).toMatchObject({ absent_from: null, absent_until: null });
  });

  it('an automatic reply assigned by hand from the manual list records its window; soft failures assigned by hand inside it do not count', async () => {
    const BEN = 'ben.kurz@kunde.example';
    // Ben is unknown (no send, no address row) and the note answers nothing of ours: it goes to the manual list.
    const note = Buffer.from(
      [
        `From: Ben Kurz <${BEN}>`,
        'To: bounces@mta.test',
        'Subject: Abwesenheitsnotiz',
        'Date: Mon, 21 Dec 2026 09:00:00 +0100',
        'Auto-Submitted: auto-replied',
        'Message-ID: <ooo-ben@kunde.example>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Ich bin bis zum 8. Januar nicht im Büro und lese meine E-Mails nicht.',
        '',
      ].join('\r\n'),
    );
    const parsed = parseBounce(note);
    expect(parsed.autoReply?.absence?.until).toBe('2027-01-08');
    const arrived = await applyBounces(t.db, T, [{ parsed, rawSha256: 'ooo-ben' }], {
      now: new Date('2026-12-21T08:01:00Z'),
    });
    expect(arrived.results[0]).toMatchObject({ outcome: 'unmatched' });
    const benRow = async () =>
      (
        await queryRows<{ absent_until: Date | null; consecutive_soft_failures: number }>(
          t.db,
          sql`select absent_until, consecutive_soft_failures from addresses where tenant_id = ${T} and address = ${BEN}`,
        )
      )[0];
    expect(await benRow()).toBeUndefined();

    const assigned = await assignBounce(t.db, T, arrived.results[0]!.bounceId!, { recipient: BEN }, 'operator:test');
    expect(assigned.rule).toBe('absence-recorded');
    expect(new Date(String((await benRow())?.absent_until)).toISOString()).toBe('2027-01-09T12:00:00.000Z');

    // A "mailbox full" for an alias nobody knows, assigned by hand to Ben while he is away: not counted.
    const alias = 'b.kurz@kunde.example';
    const failure = await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: alias, ...VERDICTS.mailboxFull, at: new Date('2026-12-28T10:00:00Z') }]),
          rawSha256: 'ben-full',
        },
      ],
      { now: new Date('2026-12-28T10:01:00Z') },
    );
    expect(failure.results[0]).toMatchObject({ outcome: 'unmatched' });
    const byHand = await assignBounce(t.db, T, failure.results[0]!.bounceId!, { recipient: BEN }, 'operator:test');
    expect(byHand.rule).toBe('absence-window');
    expect((await benRow())?.consecutive_soft_failures).toBe(0);
  });

  it('the rules preview does not count an address inside its absence window as blocked by its next soft failure', async () => {
    const CARLA = 'carla@kunde.example';
    const DORA = 'dora@kunde.example';
    const last = new Date('2026-12-27T10:00:00Z');
    const failing = {
      tenantId: T,
      domain: 'kunde.example',
      consecutiveSoftFailures: 3,
      firstSoftFailureAt: last,
      lastSoftFailureAt: last,
    };
    await t.db.insert(addresses).values([
      {
        ...failing,
        address: CARLA,
        absentFrom: new Date('2026-12-20T00:00:00Z'),
        absentUntil: new Date('2027-01-09T12:00:00Z'),
      },
      { ...failing, address: DORA },
    ]);
    const proposed = { softBounceThreshold: 4 };
    // Both have three failures; Carla is away until 9 January: only Dora's next failure blocks now.
    const during = await previewRuleChange(t.db, T, { scope: 'tenant' }, proposed, new Date('2026-12-28T10:00:00Z'));
    expect(during.nextSoftFailureBlocks).toEqual({ before: 0, after: 1 });
    // After the window the rules count Carla again.
    const after = await previewRuleChange(t.db, T, { scope: 'tenant' }, proposed, new Date('2027-01-10T10:00:00Z'));
    expect(after.nextSoftFailureBlocks).toEqual({ before: 0, after: 2 });
  });
});
