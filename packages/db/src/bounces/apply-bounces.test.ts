import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBounce, getRawMessageContent, listBounces } from '../index.js';
import { BOUNCE_JSON, SEND_JSON } from '../outbox/outbox-events.js';
import { setRuleSetOverrides } from '../rule-sets/rule-sets.js';
import { recordSends } from '../sends/sends.js';
import { queryRows } from '../sql/sql-util.js';
import { canSend } from '../suppressions/can-send.js';
import { countRows, parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { outboxRowsOffRegistry } from '../testing/outbox-payloads.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { applyBounces } from './apply-bounces.js';

let t: TestDatabase;
const T = 'acme';
const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n, 12));

type AddressRow = { state: string; consecutive_soft_failures: number; suppression_reason: string | null };
async function address(addr: string): Promise<AddressRow | undefined> {
  const [row] = await queryRows<AddressRow>(
    t.db,
    sql`select state, consecutive_soft_failures, suppression_reason from addresses where tenant_id = ${T} and address = ${addr}`,
  );
  return row;
}
type Summary = Record<string, unknown>;
type EventPayload = {
  type: string;
  tenantId: string;
  bounce: Summary;
  send: Summary;
  listId?: string;
  receivingDomain?: string;
  reason?: string;
};
type OutboxRow = { type: string; priority: string; address: string | null; payload: EventPayload };
type Evidence = {
  bounce: Summary & { diagnosticCode: string };
  config: { softBounceThreshold: number };
  softFailures?: { reason: string }[];
};
/** The database's own rendering of a recipient's bounce row and its send: the shape events carry. */
async function renderedBounce(recipient: string): Promise<{ bounce: Summary; send: Summary | null }> {
  const [row] = await queryRows<{ bounce: Summary; send: Summary | null }>(
    t.db,
    sql`select ${BOUNCE_JSON} as bounce, ${SEND_JSON} as send
        from bounces b left join sends s on s.id = b.send_id where b.tenant_id = ${T} and b.recipient = ${recipient}`,
  );
  return row!;
}
async function outbox(where = sql`true`): Promise<OutboxRow[]> {
  return queryRows<OutboxRow>(
    t.db,
    sql`select type, priority, address, payload from outbox where tenant_id = ${T} and ${where} order by id`,
  );
}

beforeAll(async () => {
  t = await createTestDatabase('bounce_apply');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

describe('applyBounces', () => {
  it('blocks on a hard bounce, with audit evidence and self-contained outbox events in the same commit', async () => {
    const [send] = await recordSends(t.db, T, [
      {
        recipient: 'gone@example.com',
        messageId: '<m1@acme>',
        category: 'newsletter',
        listId: 'weekly',
        sentAt: day(0),
      },
    ]);
    const r = await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'gone@example.com', ...VERDICTS.userUnknown, at: day(1) }], {
            messageId: '<m1@acme>',
          }),
          rawSha256: 'h1',
        },
      ],
      { now: day(1) },
    );
    expect(r.applied).toBe(1);
    expect(r.results[0]).toMatchObject({
      outcome: 'applied',
      matchMethod: 'message-id',
      address: 'gone@example.com',
      rule: 'hard-bounce',
    });
    expect(await address('gone@example.com')).toEqual({
      state: 'blocked',
      consecutive_soft_failures: 0,
      suppression_reason: 'hard-bounce',
    });

    const [audit] = await queryRows<{
      action: string;
      actor: string;
      rule: string;
      before: { state: string };
      after: { state: string };
      evidence: Evidence;
    }>(
      t.db,
      sql`select action, actor, rule, before, after, evidence from audit_log where tenant_id = ${T} and address = 'gone@example.com'`,
    );
    expect(audit).toMatchObject({ action: 'block', actor: 'rules', rule: 'hard-bounce' });
    expect(audit?.before.state).toBe('active');
    expect(audit?.after.state).toBe('blocked');
    expect(audit?.evidence.bounce).toMatchObject({ status: '5.1.1', reason: 'userunknown', class: 'hard' });
    expect(audit?.evidence.bounce.diagnosticCode).toContain('User unknown');
    expect(audit?.evidence.config.softBounceThreshold).toBe(5);

    const events = await outbox(sql`address = 'gone@example.com'`);
    expect(events.map((e) => e.type)).toEqual(['bounce.recorded', 'address.blocked']);
    // The apply path renders the bounce and send of its events and audit rows itself: exactly the rows as stored.
    const rendered = await renderedBounce('gone@example.com');
    expect(events[0]!.payload).toEqual({
      type: 'bounce.recorded',
      tenantId: T,
      address: 'gone@example.com',
      ...rendered,
      decision: { rule: 'hard-bounce' },
      addressState: { state: 'blocked', consecutiveSoftFailures: 0, suppressionReason: 'hard-bounce' },
    });
    const blocked = events[1]!;
    expect(blocked.payload).toMatchObject({ type: 'address.blocked', tenantId: T });
    expect({ bounce: blocked.payload.bounce, send: blocked.payload.send }).toEqual(rendered);
    const evidence = audit!.evidence as Evidence & { send?: Summary };
    expect({ bounce: evidence.bounce, send: evidence.send }).toEqual(rendered);
    const [explained] = await queryRows<{ same: boolean }>(
      t.db,
      sql`select a.reason = b.decision ->> 'explanation' as same from audit_log a
          join bounces b on b.tenant_id = a.tenant_id and b.recipient = a.address
          where a.tenant_id = ${T} and a.address = 'gone@example.com'`,
    );
    expect(explained?.same).toBe(true);
    expect(blocked.payload.bounce).toMatchObject({
      class: 'hard',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: 550,
    });
    expect(blocked.payload.send).toMatchObject({
      id: send!.id,
      category: 'newsletter',
      listId: 'weekly',
      messageId: '<m1@acme>',
    });
    const [sendRow] = await queryRows<{ status: string }>(
      t.db,
      sql`select status from sends where id = ${send!.id}::uuid`,
    );
    expect(sendRow?.status).toBe('bounced');
  });

  it('is idempotent: the same batch twice changes nothing the second time', async () => {
    const items = [
      {
        parsed: parsedBounce([{ recipient: 'idem1@example.com', ...VERDICTS.mailboxFull, at: day(2) }]),
        rawSha256: 'idem-a',
      },
      {
        parsed: parsedBounce([{ recipient: 'idem2@example.com', ...VERDICTS.userUnknown, at: day(2) }]),
        rawSha256: 'idem-b',
      },
    ];
    await recordSends(t.db, T, [
      { recipient: 'idem1@example.com', sentAt: day(1) },
      { recipient: 'idem2@example.com', sentAt: day(1) },
    ]);
    const first = await applyBounces(t.db, T, items, { now: day(2) });
    expect(first.applied).toBe(2);
    const snapshot = async () => ({
      addresses: await queryRows(
        t.db,
        sql`select address, state, consecutive_soft_failures, version from addresses where tenant_id = ${T} order by address`,
      ),
      audit: await countRows(t.db, 'audit_log', T),
      outbox: await countRows(t.db, 'outbox', T),
      bounces: await countRows(t.db, 'bounces', T),
    });
    const before = await snapshot();
    const second = await applyBounces(t.db, T, items, { now: day(3) });
    expect(second.applied).toBe(0);
    expect(second.duplicates).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('treats the same message twice within one batch as a duplicate', async () => {
    await recordSends(t.db, T, [{ recipient: 'twice@example.com', sentAt: day(1) }]);
    const item = {
      parsed: parsedBounce([{ recipient: 'twice@example.com', ...VERDICTS.mailboxFull, at: day(2) }]),
      rawSha256: 'same',
    };
    const r = await applyBounces(t.db, T, [item, item], { now: day(2) });
    expect(r.applied).toBe(1);
    expect(r.duplicates).toBe(1);
    expect((await address('twice@example.com'))?.consecutive_soft_failures).toBe(1);
  });

  it('escalates the 5th consecutive soft failure and cites all five bounces, applied in occurrence order', async () => {
    await recordSends(t.db, T, [{ recipient: 'full@example.com', sentAt: day(0) }]);
    // Arrive out of order within the batch: occurredAt decides.
    const items = [5, 3, 1, 4, 2].map((n) => ({
      parsed: parsedBounce([{ recipient: 'full@example.com', ...VERDICTS.mailboxFull, at: day(n) }]),
      rawSha256: `soft-${n}`,
    }));
    const r = await applyBounces(t.db, T, items, { now: day(6) });
    expect(r.applied).toBe(5);
    expect(await address('full@example.com')).toEqual({
      state: 'blocked',
      consecutive_soft_failures: 5,
      suppression_reason: 'escalation',
    });
    const audits = await queryRows<{ action: string; rule: string; evidence: Evidence }>(
      t.db,
      sql`select action, rule, evidence from audit_log where tenant_id = ${T} and address = 'full@example.com' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'soft-failure',
      'soft-failure',
      'soft-failure',
      'soft-failure',
      'escalate',
    ]);
    const escalation = audits[4]!;
    expect(escalation.rule).toBe('soft-threshold');
    expect(escalation.evidence.softFailures).toHaveLength(5);
    expect((escalation.evidence.softFailures ?? []).map((b) => b.reason)).toEqual(Array(5).fill('mailboxfull'));
  });

  it('still sends invoices to a blocked address and raises a high-priority event when one fails', async () => {
    await recordSends(t.db, T, [
      { recipient: 'billing@dead.example', category: 'newsletter', messageId: '<n1@acme>', sentAt: day(0) },
      { recipient: 'billing@dead.example', category: 'invoice', messageId: '<i1@acme>', sentAt: day(2) },
    ]);
    await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'billing@dead.example', ...VERDICTS.userUnknown, at: day(1) }], {
            messageId: '<n1@acme>',
          }),
          rawSha256: 'inv-1',
        },
      ],
      { now: day(1) },
    );
    const answer = await canSend(t.db, T, 'billing@dead.example', 'invoice');
    expect(answer).toMatchObject({ allowed: true, blocked: true, blockReason: 'hard-bounce', exempt: true });
    expect((await canSend(t.db, T, 'billing@dead.example', 'newsletter')).allowed).toBe(false);

    await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'billing@dead.example', ...VERDICTS.userUnknown, at: day(3) }], {
            messageId: '<i1@acme>',
          }),
          rawSha256: 'inv-2',
        },
      ],
      { now: day(3) },
    );
    const [event] = await outbox(sql`type = 'invoice.undeliverable'`);
    expect(event).toMatchObject({ priority: 'high', address: 'billing@dead.example' });
    expect(event?.payload.send).toMatchObject({ category: 'invoice', messageId: '<i1@acme>' });
    expect(event?.payload.bounce).toMatchObject({ reason: 'userunknown', status: '5.1.1' });
  });

  it('groups sender-side rejections into one alert per receiving domain and leaves the addresses alone', async () => {
    const recipients = Array.from({ length: 10 }, (_, i) => `user${i}@bigmail.example`);
    await recordSends(
      t.db,
      T,
      recipients.map((recipient) => ({ recipient, sentAt: day(0) })),
    );
    const items = recipients.map((recipient, i) => ({
      parsed: parsedBounce([{ recipient, ...VERDICTS.blocked, at: day(1) }]),
      rawSha256: `spamhaus-${i}`,
    }));
    await applyBounces(t.db, T, items.slice(0, 6), { now: day(1) });
    await applyBounces(t.db, T, items.slice(6), { now: day(1) });
    const alerts = await queryRows<{ receiving_domain: string; reason: string; count: number }>(
      t.db,
      sql`select receiving_domain, reason, count from sender_alerts where tenant_id = ${T}`,
    );
    expect(alerts).toEqual([{ receiving_domain: 'bigmail.example', reason: 'blocked', count: 10 }]);
    const events = await outbox(sql`type = 'sender.blocked'`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      priority: 'high',
      payload: { receivingDomain: 'bigmail.example', reason: 'blocked' },
    });
    for (const r of recipients) {
      expect(await address(r)).toEqual({ state: 'active', consecutive_soft_failures: 0, suppression_reason: null });
    }
  });

  it('removes from the list only when the rule set says so', async () => {
    await setRuleSetOverrides(
      t.db,
      T,
      { scope: 'list', listId: 'promo' },
      { hardBounceAction: 'remove-from-list' },
      'operator:test',
    );
    await recordSends(t.db, T, [
      { recipient: 'listonly@example.com', listId: 'promo', category: 'newsletter', sentAt: day(0) },
    ]);
    await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'listonly@example.com', ...VERDICTS.userUnknown, at: day(1) }]),
          rawSha256: 'promo-1',
        },
      ],
      { now: day(1) },
    );
    expect((await address('listonly@example.com'))?.state).toBe('active');
    expect((await canSend(t.db, T, 'listonly@example.com', 'newsletter', 'promo')).allowed).toBe(false);
    expect((await canSend(t.db, T, 'listonly@example.com', 'newsletter', 'other')).allowed).toBe(true);
    expect((await outbox(sql`type = 'address.list_removed'`)).map((e) => e.payload.listId)).toEqual(['promo']);
  });

  it('moves the raw message to applied or manual in the same transaction', async () => {
    await recordSends(t.db, T, [{ recipient: 'raw-known@example.com', sentAt: day(0) }]);
    const raw = await queryRows<{ id: string }>(
      t.db,
      sql`insert into raw_messages (tenant_id, sha256, size, content, status)
          values (${T}, 'sha-a', 3, '\\x616263', 'parsed'), (${T}, 'sha-b', 3, '\\x616263', 'parsed')
          returning id`,
    );
    const [a, b] = raw.map((r) => r.id);
    await applyBounces(
      t.db,
      T,
      [
        {
          parsed: parsedBounce([{ recipient: 'raw-known@example.com', ...VERDICTS.mailboxFull, at: day(1) }]),
          rawSha256: 'sha-a',
          rawMessageId: a,
        },
        {
          parsed: parsedBounce([
            { recipient: 'raw-known@example.com', ...VERDICTS.mailboxFull, at: day(1) },
            { recipient: 'raw-unknown@example.com', ...VERDICTS.userUnknown, at: day(1) },
          ]),
          rawSha256: 'sha-b',
          rawMessageId: b,
        },
      ],
      { now: day(1) },
    );
    const statuses = await queryRows<{ id: string; status: string }>(
      t.db,
      sql`select id, status from raw_messages where tenant_id = ${T} and processed_at is not null`,
    );
    expect(new Map(statuses.map((r) => [r.id, r.status]))).toEqual(
      new Map([
        [a, 'applied'],
        [b, 'manual'],
      ]),
    );

    const [unmatched] = await outbox(sql`type = 'bounce.unmatched' and address = 'raw-unknown@example.com'`);
    expect(unmatched?.payload).toEqual({
      type: 'bounce.unmatched',
      tenantId: T,
      address: 'raw-unknown@example.com',
      ...(await renderedBounce('raw-unknown@example.com')),
      send: null,
      unmatchedReason: 'unknown-recipient',
    });

    // The API's single reads: a bounce by id and the raw message behind it, both scoped to the tenant.
    const { items } = await listBounces(t.db, T, { rawMessageId: a!, limit: 10 });
    expect(items).toHaveLength(1);
    const bounce = await getBounce(t.db, T, items[0]!.id);
    expect(bounce).toMatchObject({ id: items[0]!.id, rawMessageId: a, recipient: 'raw-known@example.com' });
    expect(await getBounce(t.db, 'someone-else', items[0]!.id)).toBeNull();
    const content = await getRawMessageContent(t.db, T, a!);
    expect(content).toMatchObject({ id: a, size: 3 });
    expect(content!.content.toString('utf8')).toBe('abc');
    expect(content!.receivedAt).toBeInstanceOf(Date);
    expect(await getRawMessageContent(t.db, 'someone-else', a!)).toBeNull();
  });

  it('ignores messages that are not bounces', async () => {
    const r = await applyBounces(t.db, T, [{ parsed: parsedBounce([], {}, 'not-bounce'), rawSha256: 'not-a-bounce' }]);
    expect(r).toMatchObject({ ignored: 1, applied: 0, unmatched: 0 });
    expect(await countRows(t.db, 'bounces', T, `idempotency_key like 'not-a-bounce%'`)).toBe(0);
  });

  it('writes nothing of a batch when one item fails mid-way (one transaction)', async () => {
    await recordSends(t.db, T, [
      { recipient: 'atomic1@example.com', sentAt: day(0) },
      { recipient: 'atomic2@example.com', sentAt: day(0) },
    ]);
    const counts = async () => ({
      audit: await countRows(t.db, 'audit_log', T),
      outbox: await countRows(t.db, 'outbox', T),
      bounces: await countRows(t.db, 'bounces', T),
      blocked: await countRows(t.db, 'addresses', T, `state = 'blocked'`),
    });
    const before = await counts();
    // The second item names a raw message that does not exist: the bounces insert violates its foreign key after
    // the address rows were created and locked and the decisions made.
    await expect(
      applyBounces(t.db, T, [
        {
          parsed: parsedBounce([{ recipient: 'atomic1@example.com', ...VERDICTS.userUnknown, at: day(1) }]),
          rawSha256: 'atomic-1',
        },
        {
          parsed: parsedBounce([{ recipient: 'atomic2@example.com', ...VERDICTS.userUnknown, at: day(1) }]),
          rawSha256: 'atomic-2',
          rawMessageId: '00000000-0000-4000-8000-000000000000',
        },
      ]),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect((await address('atomic1@example.com'))?.state).toBe('active');
  });

  it("writes a soft failure's address and its bounced send as HOT updates (no new index entries)", async () => {
    await recordSends(t.db, T, [
      { recipient: 'hot@example.com', category: 'newsletter', listId: 'news', sentAt: day(2), messageId: '<hot@acme>' },
    ]);
    const bounce = (at: Date, key: string, messageId: string) => ({
      parsed: parsedBounce([{ recipient: 'hot@example.com', ...VERDICTS.mailboxFull, at }], { messageId }),
      rawSha256: key,
    });
    // The address row exists after the first failure; the second one changes its soft count and failure times,
    // and the send's status (sent -> bounced) is changed by the first one, inside the measured transaction.
    await applyBounces(t.db, T, [bounce(day(3), 'hot-0', '<hot@acme>')]);
    await recordSends(t.db, T, [
      {
        recipient: 'hot@example.com',
        category: 'newsletter',
        listId: 'news',
        sentAt: day(4),
        messageId: '<hot2@acme>',
      },
    ]);
    const counts = (tx: Parameters<typeof queryRows>[0]) =>
      queryRows<{ relname: string; updated: number; hot: number }>(
        tx,
        sql`select relname, n_tup_upd::int as updated, n_tup_hot_upd::int as hot from pg_stat_xact_user_tables
            where relname in ('addresses', 'sends') order by relname`,
      );
    const stats = await t.db.transaction(async (tx) => {
      // Since PostgreSQL 15 the "xact" counters are the backend's pending statistics, which can still hold earlier
      // transactions of this pooled connection that were not flushed yet: measure the difference.
      const before = await counts(tx);
      const r = await applyBounces(tx, T, [bounce(day(5), 'hot-1', '<hot2@acme>')]);
      expect(r.applied).toBe(1);
      const after = await counts(tx);
      return after.map((a) => {
        const b = before.find((x) => x.relname === a.relname);
        return { relname: a.relname, updated: a.updated - (b?.updated ?? 0), hot: a.hot - (b?.hot ?? 0) };
      });
    });
    expect(stats.map((r) => r.relname)).toEqual(['addresses', 'sends']);
    for (const r of stats) {
      expect(r.updated).toBeGreaterThan(0);
      expect(r.hot).toBe(r.updated);
    }
    expect(await address('hot@example.com')).toMatchObject({ consecutive_soft_failures: 2 });
  });

  it('wrote every outbox event in the shape and priority of the event registry', async () => {
    expect(await outboxRowsOffRegistry(t.db)).toEqual([]);
  });
});

describe('deleting what history points at (no foreign keys on the history tables)', () => {
  it("clears a deleted send from its bounces and deletes a deleted tenant's history, as the foreign keys did", async () => {
    const other = await seedTenant(t.db, 'leaving');
    const [kept, dropped] = await recordSends(t.db, other, [
      { recipient: 'kept@example.com', sentAt: day(1) },
      { recipient: 'dropped@example.com', sentAt: day(1) },
    ]);
    const applied = await applyBounces(
      t.db,
      other,
      ['kept', 'dropped'].map((who) => ({
        parsed: parsedBounce([{ recipient: `${who}@example.com`, ...VERDICTS.userUnknown, at: day(2) }]),
        rawSha256: `leaving-${who}`,
      })),
      { now: day(2) },
    );
    expect(applied.applied).toBe(2);
    await t.db.execute(sql`delete from sends where id = ${dropped!.id}::uuid`);
    const sendIds = await queryRows<{ recipient: string; send_id: string | null }>(
      t.db,
      sql`select recipient, send_id from bounces where tenant_id = ${other} order by recipient`,
    );
    expect(sendIds).toEqual([
      { recipient: 'dropped@example.com', send_id: null },
      { recipient: 'kept@example.com', send_id: kept!.id },
    ]);
    const history = async () =>
      Promise.all(['bounces', 'bounce_keys', 'audit_log', 'outbox'].map((table) => countRows(t.db, table, other)));
    expect((await history()).every((n) => n > 0)).toBe(true);
    await t.db.execute(sql`delete from tenants where id = ${other}`);
    expect(await history()).toEqual([0, 0, 0, 0]);
    expect(await countRows(t.db, 'bounces', T)).toBeGreaterThan(0); // the other tenant's history stays
  });
});
