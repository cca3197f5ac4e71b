import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bounces, rawMessages, tenants } from '../schema.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { countBouncesMissingRawMessage } from './orphans.js';

let t: TestDatabase;
const NOW = new Date('2026-06-30T12:00:00Z');
const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3_600_000);

beforeAll(async () => {
  t = await createTestDatabase('bounce_raw_orphans');
  await t.db.insert(tenants).values({ id: 't1', name: 'T1' });
  // The partition conversion drops this key (docs/retention.md); without it a bounce can name a missing message.
  await t.db.execute(sql`alter table bounces drop constraint if exists bounces_raw_message_id_raw_messages_id_fk`);
});
afterAll(async () => {
  await t?.drop();
});

it('counts recent bounces whose raw message is missing, not older ones nor bounces without a raw message', async () => {
  const [raw] = await t.db
    .insert(rawMessages)
    .values({ tenantId: 't1', sha256: 'a'.repeat(64), size: 1, content: Buffer.from('x'), status: 'applied' })
    .returning({ id: rawMessages.id });
  const bounce = (key: string, rawMessageId: string | null, ageHours: number) => ({
    tenantId: 't1',
    idempotencyKey: key,
    rawMessageId,
    kind: 'bounce',
    reason: 'userunknown',
    class: 'hard',
    occurredAt: hoursAgo(ageHours),
    receivedAt: hoursAgo(ageHours),
  });
  await t.db
    .insert(bounces)
    .values([
      bounce('present', raw!.id, 1),
      bounce('missing-recent', randomUUID(), 2),
      bounce('missing-old', randomUUID(), 48),
      bounce('no-raw', null, 3),
    ]);
  expect(await countBouncesMissingRawMessage(t.db, { now: NOW })).toBe(1);
  expect(await countBouncesMissingRawMessage(t.db, { now: NOW, hours: 72 })).toBe(2);
});
