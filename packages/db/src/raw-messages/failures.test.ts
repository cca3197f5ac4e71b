import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_EVENT_TYPES } from '../outbox/outbox-events.js';
import { mailboxes, outbox, rawMessages, tenants } from '../schema.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { failRawMessages, PROCESSING_FAILED_EVENT } from './failures.js';
import { storeRawMessages } from './fetch-stage.js';

let t: TestDatabase;
const T = 'acme';

beforeAll(async () => {
  t = await createTestDatabase('bounce_raw_failures');
  await t.db.insert(tenants).values([
    { id: T, name: 'Acme' },
    { id: 'other', name: 'Other' },
  ]);
});
afterAll(async () => {
  await t?.drop();
});

async function events() {
  return t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, T), eq(outbox.type, PROCESSING_FAILED_EVENT)));
}

describe('failRawMessages', () => {
  it('fails unfinished messages once, with one high-priority event each naming the mailbox and the error', async () => {
    expect(OUTBOX_EVENT_TYPES).toContain(PROCESSING_FAILED_EVENT);
    const [box] = await t.db
      .insert(mailboxes)
      .values({
        tenantId: T,
        name: 'bounces',
        host: 'imap.example.test',
        port: 993,
        tlsMode: 'implicit',
        authMethod: 'password',
        username: 'u',
        secretEncrypted: 'v1:not-used-here',
      })
      .returning({ id: mailboxes.id });
    const stored = await storeRawMessages(
      t.db,
      ['one', 'two', 'three'].map((text, i) => ({
        tenantId: T,
        mailboxId: box!.id,
        folder: 'INBOX',
        uidValidity: 7,
        uid: i + 1,
        content: Buffer.from(`Subject: ${text}\r\n\r\nbody`),
      })),
    );
    const [a, b, applied] = stored.map((s) => s.id) as [string, string, string];
    await t.db.update(rawMessages).set({ status: 'parsed' }).where(eq(rawMessages.id, b));
    await t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, applied));

    const error = `parse failed: connection terminated ${'x'.repeat(5_000)}`;
    const failed = await failRawMessages(t.db, T, [a, b, applied, a], { stage: 'parse', error });
    expect(failed.map((f) => f.id).sort()).toEqual([a, b].sort());
    expect(failed.every((f) => f.mailboxId === box!.id)).toBe(true);

    const rows = await t.db.select().from(rawMessages).where(eq(rawMessages.tenantId, T));
    const status = new Map(rows.map((r) => [r.id, r]));
    expect(status.get(a)).toMatchObject({ status: 'failed' });
    expect(status.get(a)!.error!.length).toBeLessThanOrEqual(2_000);
    expect(status.get(a)!.processedAt).toBeInstanceOf(Date);
    expect(status.get(applied)).toMatchObject({ status: 'applied', error: null }); // final: never moves back

    const written = await events();
    expect(written).toHaveLength(2);
    expect(written.every((e) => e.priority === 'high' && e.address === null)).toBe(true);
    const payload = written.find((e) => e.payload.rawMessageId === a)!.payload;
    expect(payload).toEqual({
      type: 'processing.failed',
      tenantId: T,
      rawMessageId: a,
      mailbox: { id: box!.id, name: 'bounces', folder: 'INBOX', uidValidity: 7, uid: 1 },
      stage: 'parse',
      error: status.get(a)!.error,
      receivedAt: status.get(a)!.receivedAt.toISOString(),
    });

    // Giving up again (a retried hook, the other worker) announces nothing twice.
    expect(await failRawMessages(t.db, T, [a, b], { stage: 'apply', error: 'again' })).toEqual([]);
    expect(await events()).toHaveLength(2);
  });

  it("touches only the tenant's own messages, and messages without a mailbox carry mailbox null", async () => {
    const [own] = await t.db
      .insert(rawMessages)
      .values({ tenantId: T, sha256: 'api-upload', size: 1, content: Buffer.from('x') })
      .returning({ id: rawMessages.id });
    const [foreign] = await t.db
      .insert(rawMessages)
      .values({ tenantId: 'other', sha256: 'foreign', size: 1, content: Buffer.from('y') })
      .returning({ id: rawMessages.id });
    const failed = await failRawMessages(t.db, T, [own!.id, foreign!.id], { stage: 'apply', error: 'poison item' });
    expect(failed).toEqual([{ id: own!.id, mailboxId: null }]);
    const [row] = await t.db.select().from(rawMessages).where(eq(rawMessages.id, foreign!.id));
    expect(row!.status).toBe('received');
    const event = (await events()).find((e) => e.payload.rawMessageId === own!.id);
    expect(event?.payload).toMatchObject({ mailbox: null, stage: 'apply', error: 'poison item' });
    expect(await failRawMessages(t.db, T, [], { stage: 'apply', error: 'nothing' })).toEqual([]);
  });
});
