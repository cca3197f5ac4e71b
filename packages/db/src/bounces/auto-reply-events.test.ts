import { parseBounce } from '@bounce/parser';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyParsedRawMessages } from '../raw-messages/apply-stage.js';
import { storeRawMessages } from '../raw-messages/fetch-stage.js';
import { bounces, outbox, rawMessages, tenants } from '../schema.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';

let t: TestDatabase;
const T = 'acme';

beforeAll(async () => {
  t = await createTestDatabase('bounce_auto_reply_events');
  await t.db.insert(tenants).values({ id: T, name: 'Acme' });
});
afterAll(async () => {
  await t?.drop();
});

/** An out-of-office reply as Exchange and most providers send it (RFC 3834 headers), written for this test. */
function autoReply(from: string, body: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      'To: bounces@mta.test',
      'Subject: Automatische Antwort: Ihre Rechnung 4711',
      'Date: Sun, 20 Dec 2026 09:00:00 +0100',
      'Auto-Submitted: auto-replied',
      `Message-ID: <${Math.random().toString(36).slice(2)}@kunde.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

async function apply(contents: Buffer[]) {
  const stored = await storeRawMessages(
    t.db,
    contents.map((content) => ({
      tenantId: T,
      mailboxId: null as unknown as string,
      folder: 'INBOX',
      uidValidity: null,
      uid: null,
      content,
    })),
  );
  const items = stored.map((s, i) => ({ rawMessageId: s.id, sha256: s.sha256, result: parseBounce(contents[i]!) }));
  await applyParsedRawMessages(t.db, T, items);
  return { ids: stored.map((s) => s.id), items };
}

const eventsOf = (ids: string[]) =>
  t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, T), inArray(outbox.type, ['address.absent', 'address.replacement_suggested'])))
    .then((rows) => rows.filter((r) => ids.includes((r.payload as { rawMessageId: string }).rawMessageId)));

describe('auto-reply readings become events in the apply transaction', () => {
  it('an absence: one address.absent event with the window and its evidence; no failure counted; replay writes nothing', async () => {
    const { ids, items } = await apply([
      autoReply(
        'Anna Berg <anna.berg@kunde.example>',
        'Ich bin bis zum 8. Januar nicht im Büro. In dringenden Fällen: jan.ott@kunde.example',
      ),
    ]);
    const events = await eventsOf(ids);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'address.absent', address: 'anna.berg@kunde.example' });
    expect(events[0]!.payload).toMatchObject({
      absence: { from: null, until: '2027-01-08', evidence: expect.stringContaining('bis zum 8. Januar') },
      subject: 'Automatische Antwort: Ihre Rechnung 4711',
    });
    const [row] = await t.db.select().from(rawMessages).where(eq(rawMessages.id, ids[0]!));
    // No send matches this reply (none was recorded here): final all the same, on the manual list.
    expect(['applied', 'manual']).toContain(row!.status);
    const rows = await t.db.select().from(bounces).where(eq(bounces.rawMessageId, ids[0]!));
    expect(
      rows.every(
        (b) =>
          b.class === 'auto-reply' && (b.decision as { countedAsFailure?: boolean } | null)?.countedAsFailure !== true,
      ),
    ).toBe(true);

    // The same batch again (a retried job): no second event.
    await applyParsedRawMessages(t.db, T, items);
    expect(await eventsOf(ids)).toHaveLength(1);
  });

  it('a departure with a successor: address.replacement_suggested, never applied', async () => {
    const { ids } = await apply([
      autoReply(
        'pierre.durand@client.example',
        "Pierre Durand a quitté l'entreprise. Veuillez contacter service@client.example pour toute demande.",
      ),
    ]);
    const events = await eventsOf(ids);
    expect(events.map((e) => e.type)).toEqual(['address.replacement_suggested']);
    expect(events[0]!.payload).toMatchObject({
      address: 'pierre.durand@client.example',
      suggested: 'service@client.example',
      reason: 'successor',
      applied: false,
      departure: { evidence: expect.stringContaining("a quitté l'entreprise") },
    });
  });

  it('a real bounce writes no reading events', async () => {
    const dsn = Buffer.from(
      [
        'From: MAILER-DAEMON@mta.test',
        'To: bounces@mta.test',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: text/plain',
        '',
        '<gone@remote.example>: host mx.remote.example said: 550 5.1.1 User unknown (until 12 January)',
        '',
      ].join('\r\n'),
    );
    const { ids } = await apply([dsn]);
    expect(await eventsOf(ids)).toHaveLength(0);
  });
});
