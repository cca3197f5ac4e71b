/**
 * Bounces fetched before their send was reported: recording the send later matches and applies them, by the same
 * methods as correlation on arrival, with an audit row naming the method.
 */
import { randomUUID } from 'node:crypto';
import { makeReturnPath } from '@bounce/rules';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSends } from '../sends/sends.js';
import { queryRows } from '../sql/sql-util.js';
import { canSend } from '../suppressions/can-send.js';
import { parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { applyBounces } from './apply-bounces.js';
import type { RematchedBounce } from './rematch-unmatched.js';

const T = 'acme';
const SECRET = 'rematch-test-secret-0123456789';
const day = (n: number) => new Date(Date.UTC(2025, 5, 1 + n, 9));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_rematch');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

const apply = (parsed: ReturnType<typeof parsedBounce>, key: string) =>
  applyBounces(t.db, T, [{ parsed, rawSha256: key }], { verpSecrets: [SECRET], now: day(3) });

type BounceRow = { id: string; state: string; send_id: string | null; match_method: string | null; recipient: string };
async function bounce(key: string): Promise<BounceRow> {
  const [row] = await queryRows<BounceRow>(
    t.db,
    sql`select id, state, send_id, match_method, recipient from bounces
        where tenant_id = ${T} and idempotency_key in (${`${key}:0`}, ${`${key}:none`})`,
  );
  return row!;
}

async function rematchAudit(bounceId: string) {
  return queryRows<{ actor: string; action: string; reason: string; evidence: Record<string, unknown> }>(
    t.db,
    sql`select actor, action, reason, evidence from audit_log
        where tenant_id = ${T} and action = 'rematch' and evidence -> 'bounce' ->> 'id' = ${bounceId}`,
  );
}

describe('re-matching unmatched bounces when the send is reported', () => {
  it('applies a bounce whose valid VERP token named a send not reported yet', async () => {
    const sendId = randomUUID();
    const returnPath = makeReturnPath({ localPart: 'bounces', domain: 'mail.acme.example', sendId, secret: SECRET });
    const r = await apply(
      parsedBounce([{ recipient: 'early-verp@example.com', ...VERDICTS.userUnknown, at: day(1) }], { returnPath }),
      'early-verp',
    );
    expect(r.results[0]).toMatchObject({ outcome: 'unmatched' });
    const before = await bounce('early-verp');
    expect(before).toMatchObject({ state: 'unmatched', send_id: null });

    const rematched: RematchedBounce[] = [];
    const [recorded] = await recordSends(
      t.db,
      T,
      [{ id: sendId, recipient: 'early-verp@example.com', category: 'invoice', sentAt: day(1) }],
      { onRematched: (list) => rematched.push(...list) },
    );
    expect(recorded).toMatchObject({ id: sendId, created: true });
    expect(rematched).toEqual([
      { bounceId: before.id, address: 'early-verp@example.com', sendId, rule: 'hard-bounce', method: 'verp' },
    ]);
    expect(await bounce('early-verp')).toMatchObject({ state: 'applied', send_id: sendId, match_method: 'verp' });
    // The rules applied as on arrival: the address is blocked, the invoice still goes out and its failure is news.
    const answer = await canSend(t.db, T, 'early-verp@example.com', 'newsletter');
    expect(answer).toMatchObject({ allowed: false, blockReason: 'hard-bounce' });
    const events = await queryRows<{ type: string }>(
      t.db,
      sql`select type from outbox where tenant_id = ${T} and address = 'early-verp@example.com' order by id`,
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['bounce.recorded', 'address.blocked', 'invoice.undeliverable']),
    );
    const [audit] = await rematchAudit(before.id);
    expect(audit).toMatchObject({ actor: 'rules', action: 'rematch' });
    expect(audit!.reason).toContain('by verp');
    expect(audit!.evidence).toMatchObject({
      matchMethod: 'verp',
      rule: 'hard-bounce',
      bounce: { id: before.id, matchMethod: 'verp', status: '5.1.1' },
      send: { id: sendId, category: 'invoice' },
    });
    const [state] = await queryRows<{ send_status: string }>(
      t.db,
      sql`select status as send_status from sends where id = ${sendId}::uuid`,
    );
    expect(state!.send_status).toBe('bounced');
  });

  it('matches by Message-ID (even without a recipient) and by recipient + time, the best method winning', async () => {
    await apply(
      parsedBounce([{ recipient: 'late-mid@example.com', ...VERDICTS.mailboxFull, at: day(2) }], {
        messageId: '<late-1@acme.example>',
      }),
      'early-mid',
    );
    await apply(parsedBounce([], { messageId: '<late-2@acme.example>' }), 'early-norecipient');
    await apply(
      parsedBounce([{ recipient: 'late-time@example.com', ...VERDICTS.mailboxFull, at: day(2) }]),
      'early-time',
    );
    for (const key of ['early-mid', 'early-norecipient', 'early-time']) {
      expect((await bounce(key)).state).toBe('unmatched');
    }
    const recorded = await recordSends(t.db, T, [
      // Same recipient and in the time window too: Message-ID outranks recipient + time.
      { recipient: 'late-mid@example.com', messageId: '<late-1@acme.example>', sentAt: day(1) },
      { recipient: 'late-norecipient@example.com', messageId: '<late-2@acme.example>', sentAt: day(1) },
      { recipient: 'late-time@example.com', sentAt: day(1) },
    ]);
    expect(await bounce('early-mid')).toMatchObject({
      state: 'applied',
      send_id: recorded[0]!.id,
      match_method: 'message-id',
    });
    expect(await bounce('early-norecipient')).toMatchObject({
      state: 'applied',
      send_id: recorded[1]!.id,
      match_method: 'message-id',
      recipient: 'late-norecipient@example.com',
    });
    expect(await bounce('early-time')).toMatchObject({
      state: 'applied',
      send_id: recorded[2]!.id,
      match_method: 'recipient-time',
    });
    const [count] = await queryRows<{ consecutive_soft_failures: number }>(
      t.db,
      sql`select consecutive_soft_failures from addresses where tenant_id = ${T} and address = 'late-time@example.com'`,
    );
    expect(count!.consecutive_soft_failures).toBe(1);
    expect((await rematchAudit((await bounce('early-time')).id))[0]!.evidence).toMatchObject({
      matchMethod: 'recipient-time',
    });
  });

  it('never re-matches a forged VERP token, a send outside the time window, or the same send twice', async () => {
    const victim = 'victim@example.com';
    const forged = makeReturnPath({
      localPart: 'bounces',
      domain: 'mail.acme.example',
      sendId: randomUUID(),
      secret: 'attacker-guess-0123456789',
    });
    await apply(
      parsedBounce([{ recipient: victim, ...VERDICTS.userUnknown, at: day(2) }], {
        returnPath: forged,
        messageId: '<forged@acme.example>',
      }),
      'forged',
    );
    await apply(
      parsedBounce([{ recipient: 'window@example.com', ...VERDICTS.userUnknown, at: day(2) }]),
      'outside-window',
    );
    const rematched: RematchedBounce[] = [];
    const onRematched = (list: readonly RematchedBounce[]) => rematched.push(...list);
    await recordSends(
      t.db,
      T,
      [
        // Recipient, Message-ID and time all fit, but the bounce's token was forged: it stays for an operator.
        { recipient: victim, messageId: '<forged@acme.example>', sentAt: day(1) },
        // Sent after the failure (beyond the clock skew) and 40 days before it: neither can have caused it.
        { recipient: 'window@example.com', sentAt: day(3) },
        { recipient: 'window@example.com', sentAt: day(-40) },
      ],
      { onRematched },
    );
    expect(rematched).toEqual([]);
    expect((await bounce('forged')).state).toBe('unmatched');
    expect((await bounce('outside-window')).state).toBe('unmatched');
    expect((await canSend(t.db, T, victim, 'newsletter')).allowed).toBe(true);

    // Opting out leaves the list alone; reporting a send again (idempotent replay) re-matches nothing either.
    await apply(parsedBounce([{ recipient: 'optout@example.com', ...VERDICTS.userUnknown, at: day(2) }]), 'optout');
    await recordSends(t.db, T, [{ externalId: 'optout-1', recipient: 'optout@example.com', sentAt: day(1) }], {
      rematchUnmatched: false,
      onRematched,
    });
    await recordSends(t.db, T, [{ externalId: 'optout-1', recipient: 'optout@example.com', sentAt: day(1) }], {
      onRematched,
    });
    expect(rematched).toEqual([]);
    expect((await bounce('optout')).state).toBe('unmatched');
  });

  it('finds unmatched bounces by VERP send id and Message-ID through partial indexes (unmatched rows only)', async () => {
    const plans: string[] = [];
    await t.db.transaction(async (tx) => {
      // Test tables are tiny, so a sequential scan always looks cheaper: forbid it to see what an index can serve.
      await tx.execute(sql`set local enable_seqscan = off`);
      for (const query of [
        sql`explain select id from bounces where tenant_id = ${T} and state = 'unmatched'
              and (decision ->> 'verpSendId') = ${randomUUID()}`,
        sql`explain select id from bounces where tenant_id = ${T} and state = 'unmatched'
              and original_message_id = '<x@acme.example>'`,
      ]) {
        const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, query);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    });
    expect(plans[0]).toContain('bounces_unmatched_verp_send_idx');
    // On a near-empty table either partial index serves this one equally well (both cover only unmatched rows).
    expect(plans[1]).toMatch(/Index Scan using bounces_unmatched_/);
  });
});
