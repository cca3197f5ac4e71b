import { randomUUID } from 'node:crypto';
import { parseBounce } from '@bounce/parser';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAddressSuggestion } from '../contacts/address-suggestions.js';
import {
  contactAddressStates,
  getContactByExternalId,
  listContactSuggestions,
  upsertContacts,
} from '../contacts/contact-store.js';
import { applyParsedRawMessages } from '../raw-messages/apply-stage.js';
import { storeRawMessages } from '../raw-messages/fetch-stage.js';
import { deleteRuleSet, setRuleSetOverrides } from '../rule-sets/rule-sets.js';
import { bounces, outbox, rawMessages, tenants } from '../schema.js';
import { recordSends } from '../sends/sends.js';
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

  it("a suggestion is applied to the contact only where the tenant's rule says so; an operator accepts or dismisses the others", async () => {
    await upsertContacts(t.db, T, [
      { externalId: 'crm-lea', name: 'Léa', addresses: [{ address: 'lea@alt.example', primary: true }] },
      { externalId: 'crm-max', name: 'Max', addresses: [{ address: 'max@alt.example', primary: true }] },
      { externalId: 'crm-ida', name: 'Ida', addresses: [{ address: 'ida@alt.example', primary: true }] },
    ]);
    const contact = async (id: string) => (await getContactByExternalId(t.db, T, id))!;
    const replaced = () => t.db.select().from(outbox).where(eq(outbox.type, 'contact.address_replaced'));

    // Default rule (never): suggested only.
    const first = await apply([autoReply('lea@alt.example', 'Mi nueva dirección de correo es lea.nueva@alt.example.')]);
    const suggestedEvent = (await eventsOf(first.ids)).find((e) => e.type === 'address.replacement_suggested');
    expect(suggestedEvent?.payload).toMatchObject({
      suggested: 'lea.nueva@alt.example',
      applied: false,
    });
    expect((await contact('crm-lea')).addresses).toEqual([{ address: 'lea@alt.example', primary: true }]);

    // new-address: a new address of the same person is applied, a successor (another person) is not.
    await setRuleSetOverrides(t.db, T, { scope: 'tenant' }, { applySuggestedAddresses: 'new-address' }, 'test');
    const second = await apply([
      autoReply('max@alt.example', 'My email address has changed to max.neu@alt.example. Please update your records.'),
      autoReply('ida@alt.example', 'I have left the company. Please contact kim@alt.example instead.'),
    ]);
    const events = (await eventsOf(second.ids)).filter((e) => e.type === 'address.replacement_suggested');
    const maxEvent = events.find((e) => e.address === 'max@alt.example')!;
    expect(maxEvent.payload).toMatchObject({
      suggested: 'max.neu@alt.example',
      applied: true,
      contacts: [{ externalId: 'crm-max' }],
    });
    expect(events.find((e) => e.address === 'ida@alt.example')!.payload).toMatchObject({ applied: false });
    expect((await contact('crm-max')).addresses).toEqual([
      { address: 'max.neu@alt.example', primary: true },
      { address: 'max@alt.example', primary: false },
    ]);
    expect((await contact('crm-ida')).addresses).toEqual([{ address: 'ida@alt.example', primary: true }]);
    expect((await replaced()).map((e) => e.payload)).toEqual([
      expect.objectContaining({ externalId: 'crm-max', primaryAddress: 'max.neu@alt.example', by: 'rule' }),
    ]);
    await deleteRuleSet(t.db, T, { scope: 'tenant' }, 'test');

    // The operator accepts Léa's suggestion and dismisses Ida's; a second decision is a conflict.
    const lea = await contact('crm-lea');
    const [leaSuggestion] = await listContactSuggestions(t.db, T, lea);
    expect(leaSuggestion).toMatchObject({ status: 'suggested', suggested: 'lea.nueva@alt.example' });
    const accepted = await decideAddressSuggestion(t.db, T, {
      contactId: lea.id,
      suggestionId: leaSuggestion!.id,
      decision: 'accept',
      actor: 'op@acme.test',
    });
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: 'op@acme.test' });
    expect((await contact('crm-lea')).addresses[0]).toEqual({ address: 'lea.nueva@alt.example', primary: true });
    await expect(
      decideAddressSuggestion(t.db, T, {
        contactId: lea.id,
        suggestionId: leaSuggestion!.id,
        decision: 'dismiss',
        actor: 'op@acme.test',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const ida = await contact('crm-ida');
    const [idaSuggestion] = await listContactSuggestions(t.db, T, ida);
    // Not a suggestion about this contact's addresses: not found.
    await expect(
      decideAddressSuggestion(t.db, T, {
        contactId: ida.id,
        suggestionId: leaSuggestion!.id,
        decision: 'accept',
        actor: 'op@acme.test',
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
    await decideAddressSuggestion(t.db, T, {
      contactId: ida.id,
      suggestionId: idaSuggestion!.id,
      decision: 'dismiss',
      actor: 'op@acme.test',
    });
    expect((await contact('crm-ida')).addresses).toEqual([{ address: 'ida@alt.example', primary: true }]);
    expect((await listContactSuggestions(t.db, T, ida))[0]).toMatchObject({ status: 'dismissed' });
    expect((await replaced()).map((e) => (e.payload as { by: string }).by).sort()).toEqual(['operator', 'rule']);
  });

  it("a blocked address's event names the contact's other address", async () => {
    await upsertContacts(t.db, T, [
      {
        externalId: 'crm-two',
        name: 'Two Addresses',
        addresses: [
          { address: 'old.box@remote.example', primary: true },
          { address: 'private@home.example', primary: false },
        ],
      },
    ]);
    const sendId = randomUUID();
    await recordSends(t.db, T, [
      { id: sendId, messageId: `<${sendId}@app.test>`, recipient: 'old.box@remote.example', sentAt: new Date() },
    ]);
    const dsn = Buffer.from(
      [
        'From: MAILER-DAEMON@mta.test',
        'To: bounces@mta.test',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: text/plain',
        '',
        '<old.box@remote.example>: host mx.remote.example said: 550 5.1.1 User unknown',
        '',
        `Message-ID: <${sendId}@app.test>`,
        '',
      ].join('\r\n'),
    );
    await apply([dsn]);
    const [blocked] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'address.blocked'), eq(outbox.address, 'old.box@remote.example')));
    expect(blocked?.payload).toMatchObject({
      alternativeAddress: 'private@home.example',
      contacts: [{ externalId: 'crm-two', otherAddresses: ['private@home.example'] }],
    });
    // The contact's view shows which of its addresses is blocked.
    expect(await contactAddressStates(t.db, T, (await getContactByExternalId(t.db, T, 'crm-two'))!)).toEqual([
      expect.objectContaining({
        address: 'old.box@remote.example',
        state: 'blocked',
        suppressionReason: 'hard-bounce',
      }),
    ]);
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
