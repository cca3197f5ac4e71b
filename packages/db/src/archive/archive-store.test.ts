/**
 * The message archive against the real PostgreSQL: real auto-replies of the corpus and a reply with attachments
 * filed at every contact of the sender (attachments stored once), idempotent filing with one message.archived event
 * per filing (payloads valid against the event registry), listing, search and download per contact, tenants apart,
 * size limits, GDPR erasure of one contact's archive (blobs another contact still uses stay), retention per tenant.
 * No corpus bounce ever becomes an archive entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from '@bounce/parser';
import { makeReturnPath } from '@bounce/rules';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertContacts } from '../contacts/contact-store.js';
import { archiveBlobs, archivedMessages, contacts, outbox, rawMessages } from '../schema.js';
import { recordSends } from '../sends/sends.js';
import {
  createTestDatabase,
  newTestTenant,
  outboxRowsOffRegistry,
  storeTestRawMessages,
  TEST_CORPUS_DIR,
  type TestDatabase,
} from '../testing/index.js';
import {
  ARCHIVE_LIMITS,
  archiveEntryOf,
  archiveMessage,
  archiveRawMessages,
  eraseContactArchive,
  getArchivedAttachment,
  getArchivedOriginal,
  listArchivedMessages,
  purgeExpiredArchive,
  setArchiveRetention,
} from './archive-store.js';

let t: TestDatabase;
let acme: string;
let globex: string;
const contactIds: Record<string, string> = {};

const corpus = (name: string) => readFileSync(join(TEST_CORPUS_DIR, name));

/** An answer someone wrote, with two attachments (the PDF the same bytes in every reply: stored once). */
function reply(subject: string, note: string): Buffer {
  const pdf = Buffer.from('%PDF-1.4 the signed contract\n').toString('base64');
  const txt = Buffer.from(note).toString('base64');
  return Buffer.from(
    [
      'From: "Doe, Jane" <Jane.Doe@Customer.example>',
      'To: billing@app.test',
      `Subject: ${subject}`,
      'Date: Mon, 07 Dec 2026 10:00:00 +0000',
      'Message-ID: <reply-' + subject.length + note.length + '@customer.example>',
      'In-Reply-To: <invoice-42@app.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please find the signed contract attached.',
      '--b1',
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--b1',
      'Content-Type: text/plain; name="note.txt"',
      'Content-Disposition: attachment; filename="note.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      txt,
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await newTestTenant(t.db);
  globex = await newTestTenant(t.db);
  const upserted = await upsertContacts(t.db, acme, [
    { externalId: 'crm-1', name: 'Jane Doe', addresses: [{ address: 'jane.doe@customer.example', primary: true }] },
    // The same person twice in the CRM (a second record with her address): filed at both.
    { externalId: 'crm-2', name: 'J. Doe (billing)', addresses: [{ address: 'Jane.Doe@customer.example' }] },
    { externalId: 'crm-3', name: 'Kijitora', addresses: [{ address: 'kijitora@example.net' }] },
  ]);
  expect(upserted).toBeTruthy();
  await upsertContacts(t.db, globex, [{ externalId: 'g-1', addresses: [{ address: 'jane.doe@customer.example' }] }]);
  const rows = await t.db.select({ id: contacts.id, externalId: contacts.externalId }).from(contacts);
  for (const r of rows) contactIds[r.externalId] = r.id;
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('the message archive', () => {
  it('takes auto-replies and answers, never a bounce, complaint or delivery report of the corpus', () => {
    const dir = TEST_CORPUS_DIR;
    const manifest = JSON.parse(readFileSync(join(TEST_CORPUS_DIR, '..', 'manifest.json'), 'utf8')) as {
      file: string;
      expected: { class: string }[];
    }[];
    const expectedClass = new Map(manifest.map((m) => [m.file, m.expected.map((e) => e.class)]));
    let autoReplies = 0;
    for (const file of readdirSync(dir)) {
      const result = parseBounce(readFileSync(join(dir, file)));
      const entry = archiveEntryOf('00000000-0000-4000-8000-000000000000', result);
      const classes = expectedClass.get(file) ?? [];
      if (classes.length > 0 && classes.every((c) => c === 'auto-reply')) {
        expect(entry, file).toMatchObject({ kind: 'auto-reply', address: expect.stringContaining('@') });
        autoReplies++;
      } else if (classes.length > 0) {
        expect(entry, `${file} (${classes.join(', ')})`).toBeNull();
      }
    }
    expect(autoReplies).toBe(3);
    expect(archiveEntryOf('x', parseBounce(reply('Re: Invoice 42', 'n')))).toEqual({
      rawMessageId: 'x',
      kind: 'reply',
      address: 'jane.doe@customer.example',
    });
  });

  it('files a corpus auto-reply at its contact, once, with a message.archived event', async () => {
    const content = corpus('rfc3834-01.eml');
    const [rawId] = await storeTestRawMessages(t.db, acme, [content]);
    const entry = archiveEntryOf(rawId!, parseBounce(content))!;
    const [first] = await archiveRawMessages(t.db, acme, [entry]);
    expect(first).toMatchObject({ outcome: 'archived', archived: [{ contactId: contactIds['crm-3'] }] });
    const [again] = await archiveRawMessages(t.db, acme, [entry]);
    expect(again).toEqual({
      outcome: 'archived',
      archived: [],
      duplicates: 1,
      matchedBy: 'sender',
      address: 'kijitora@example.net',
    });

    const [listed] = await listArchivedMessages(t.db, acme, contactIds['crm-3']!);
    expect(listed).toMatchObject({
      kind: 'auto-reply',
      address: 'kijitora@example.net',
      subject: 'Away until May 5',
      rawMessageId: rawId,
      size: content.length,
      attachments: [],
    });
    expect(listed?.messageDate?.toISOString()).toBe('2005-04-29T14:34:45.000Z');
    // The date filter reads the message's date (2005), not the archiving time (today).
    const dated = async (range: { from?: Date; to?: Date }) =>
      (await listArchivedMessages(t.db, acme, contactIds['crm-3']!, range)).map((m) => m.subject);
    expect(await dated({ from: new Date('2005-04-29T00:00:00Z'), to: new Date('2005-04-30T00:00:00Z') })).toEqual([
      'Away until May 5',
    ]);
    expect(await dated({ from: new Date('2005-04-30T00:00:00Z') })).toEqual([]);
    expect((await getArchivedOriginal(t.db, acme, listed!.id))?.content.equals(content)).toBe(true);
    const events = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, acme), eq(outbox.type, 'message.archived')));
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      archivedMessageId: listed!.id,
      contactId: contactIds['crm-3'],
      externalId: 'crm-3',
      kind: 'auto-reply',
      rawMessageId: rawId,
    });
  });

  it('the same reply delivered twice (two mailboxes, other trace headers) is archived once: by Message-ID, else by content', async () => {
    // A contact of its own: the other tests count what is filed at theirs.
    await upsertContacts(t.db, acme, [{ externalId: 'crm-dedup', addresses: [{ address: 'tama@example.org' }] }]);
    const [row] = await t.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, 'crm-dedup'));
    const tama = row!.id;
    /** One answer as two mailboxes of the tenant receive it: the delivery's own headers on top differ. */
    const delivered = (mailbox: string, messageId: string | null, body: string) =>
      Buffer.from(
        [
          `Return-Path: <tama@example.org>`,
          `Delivered-To: ${mailbox}`,
          `Received: from mx.example.net by ${mailbox.split('@')[1]} with ESMTPS id ${mailbox.length}; Mon, 07 Dec 2026 10:00:0${mailbox.length % 10} +0000`,
          'From: Tama <tama@example.org>',
          'To: billing@app.test, support@app.test',
          'Subject: Re: your order 77',
          'Date: Mon, 07 Dec 2026 09:59:00 +0000',
          ...(messageId ? [`Message-ID: ${messageId}`] : []),
          'Content-Type: text/plain; charset=utf-8',
          '',
          body,
          '',
        ].join('\r\n'),
      );
    const file = (content: Buffer) =>
      archiveMessage(t.db, acme, { kind: 'reply', address: 'tama@example.org', content });
    const filedAt = async () =>
      (await listArchivedMessages(t.db, acme, tama)).filter((m) => m.subject === 'Re: your order 77');
    const blobCount = async () =>
      (await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme))).length;

    const blobsBefore = await blobCount();
    const first = delivered('billing@app.test', '<answer-77@example.net>', 'Order 77 arrived, thank you.');
    const second = delivered('support@app.test', '<answer-77@example.net>', 'Order 77 arrived, thank you.');
    expect(first.equals(second)).toBe(false);
    expect(await file(first)).toMatchObject({ outcome: 'archived', archived: [{ contactId: tama }] });
    const blobs = await blobCount();
    expect(await file(second)).toMatchObject({ outcome: 'archived', archived: [], duplicates: 1 });
    expect(await filedAt()).toHaveLength(1);
    // The second copy's original is not stored either (nothing would reference it).
    expect(await blobCount()).toBe(blobs);

    // Without a Message-ID the author's headers and body decide: the two copies are one, another answer is not.
    const bare1 = delivered('billing@app.test', null, 'Order 77: one box was damaged.');
    const bare2 = delivered('support@app.test', null, 'Order 77: one box was damaged.');
    expect((await file(bare1)).outcome).toBe('archived');
    expect(await file(bare2)).toMatchObject({ archived: [], duplicates: 1 });
    const other = await file(delivered('support@app.test', null, 'Order 77: all boxes fine after all.'));
    expect(other).toMatchObject({ archived: [{ contactId: tama }] });
    expect(await filedAt()).toHaveLength(3);
    const events = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, acme), eq(outbox.type, 'message.archived')));
    expect(events.filter((e) => (e.payload as { subject?: string }).subject === 'Re: your order 77')).toHaveLength(3);
    // Erased again (GDPR): every blob the three filings stored goes, none is left behind.
    expect(await eraseContactArchive(t.db, acme, tama)).toMatchObject({ messages: 3 });
    expect(await blobCount()).toBe(blobsBefore);
  });

  it('files an answer with attachments at every contact of the sender; attachments are stored once', async () => {
    const blobsBefore = (await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme))).length;
    const first = await archiveMessage(t.db, acme, {
      kind: 'reply',
      address: 'JANE.DOE@customer.example',
      content: reply('Re: Invoice 42', 'paid on Monday'),
    });
    expect(first.outcome === 'archived' && first.archived.map((a) => a.contactId).sort()).toEqual(
      [contactIds['crm-1'], contactIds['crm-2']].sort(),
    );
    await archiveMessage(t.db, acme, {
      kind: 'reply',
      address: 'jane.doe@customer.example',
      content: reply('Re: Contract', 'signed'),
    });
    // Two originals, two notes, one contract PDF (the same bytes in both replies, filed at two contacts).
    const blobs = await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme));
    expect(blobs.length - blobsBefore).toBe(5);

    const messages = await listArchivedMessages(t.db, acme, contactIds['crm-1']!);
    expect(messages.map((m) => m.subject)).toEqual(expect.arrayContaining(['Re: Invoice 42', 'Re: Contract']));
    const invoice = messages.find((m) => m.subject === 'Re: Invoice 42')!;
    expect(invoice.attachments).toEqual([
      expect.objectContaining({ position: 0, filename: 'contract.pdf', contentType: 'application/pdf', stored: true }),
      expect.objectContaining({ position: 1, filename: 'note.txt', contentType: 'text/plain', stored: true }),
    ]);
    const pdf = await getArchivedAttachment(t.db, acme, invoice.id, 0);
    expect(pdf?.content.toString()).toBe('%PDF-1.4 the signed contract\n');
    // Search by subject (case-insensitive, LIKE characters literal) and by date.
    expect((await listArchivedMessages(t.db, acme, contactIds['crm-1']!, { subject: 'contract' })).length).toBe(1);
    expect((await listArchivedMessages(t.db, acme, contactIds['crm-1']!, { subject: '%' })).length).toBe(0);
    expect(
      (await listArchivedMessages(t.db, acme, contactIds['crm-1']!, { from: new Date(Date.now() + 60_000) })).length,
    ).toBe(0);

    // Another tenant sees none of it, and its own contact with the same address got nothing.
    expect(await getArchivedOriginal(t.db, globex, invoice.id)).toBeNull();
    expect(await getArchivedAttachment(t.db, globex, invoice.id, 0)).toBeNull();
    expect(await listArchivedMessages(t.db, globex, contactIds['g-1']!)).toEqual([]);
    expect(await outboxRowsOffRegistry(t.db)).toEqual([]);
  });

  it('no contact, or over the size limit: nothing is filed; attachments over their limit are listed only', async () => {
    expect(
      await archiveMessage(t.db, acme, { kind: 'reply', address: 'stranger@else.example', content: reply('x', 'y') }),
    ).toEqual({ outcome: 'no-contact' });
    const big = reply('Re: big', 'big');
    expect(
      await archiveMessage(
        t.db,
        acme,
        { kind: 'reply', address: 'kijitora@example.net', content: big },
        { limits: { ...ARCHIVE_LIMITS, maxMessageBytes: 100 } },
      ),
    ).toEqual({ outcome: 'too-large', size: big.length });
    const limited = await archiveMessage(
      t.db,
      acme,
      {
        kind: 'reply',
        address: 'kijitora@example.net',
        content: reply('Re: limited', 'a note that is longer than the twenty-nine bytes of the pdf'),
      },
      { limits: { ...ARCHIVE_LIMITS, maxAttachmentBytes: 29 } },
    );
    expect(limited.outcome).toBe('archived');
    const [message] = await listArchivedMessages(t.db, acme, contactIds['crm-3']!, { subject: 'limited' });
    expect(message?.attachments.map((a) => [a.filename, a.stored])).toEqual([
      ['contract.pdf', true],
      ['note.txt', false],
    ]);
    expect(await getArchivedAttachment(t.db, acme, message!.id, 1)).toBeNull();
  });

  it('erases one contact archive (GDPR): blobs another contact still uses stay, the last erasure removes them', async () => {
    const crm1 = contactIds['crm-1']!;
    const crm2 = contactIds['crm-2']!;
    const [kept] = await listArchivedMessages(t.db, acme, crm2);
    expect(await eraseContactArchive(t.db, acme, crm1)).toEqual({ messages: 2, blobs: 0, rawContents: 0 });
    expect(await listArchivedMessages(t.db, acme, crm1)).toEqual([]);
    expect((await getArchivedOriginal(t.db, acme, kept!.id))?.content.length).toBeGreaterThan(0);
    expect(await eraseContactArchive(t.db, globex, crm2)).toBeNull(); // another tenant's contact
    const second = await eraseContactArchive(t.db, acme, crm2);
    // Both originals and the note of each; the PDF stays, kijitora's "limited" reply still has it.
    expect(second).toEqual({ messages: 2, blobs: 4, rawContents: 0 });
    const hashes = new Set(
      (await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme))).map((b) => b.sha256),
    );
    const [limited] = await listArchivedMessages(t.db, acme, contactIds['crm-3']!, { subject: 'limited' });
    expect(hashes.has(limited!.attachments[0]!.sha256)).toBe(true);
    expect(hashes.has(limited!.sha256)).toBe(true);

    // The raw message an archived auto-reply came from loses its content too, once settled.
    const [autoReply] = await listArchivedMessages(t.db, acme, contactIds['crm-3']!, { subject: 'Away' });
    await t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, autoReply!.rawMessageId!));
    expect(await eraseContactArchive(t.db, acme, contactIds['crm-3']!)).toEqual({
      messages: 2,
      blobs: 3,
      rawContents: 1,
    });
    const [raw] = await t.db.select().from(rawMessages).where(eq(rawMessages.id, autoReply!.rawMessageId!));
    expect(raw?.content.length).toBe(0);
    expect(raw?.contentPurgedAt).toBeInstanceOf(Date);
    expect(await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme))).toEqual([]);
  });

  it('keeps archived mail for the tenant retention, then removes it and its blobs', async () => {
    await archiveMessage(t.db, globex, {
      kind: 'reply',
      address: 'jane.doe@customer.example',
      content: reply('g', 'g'),
    });
    await archiveMessage(t.db, acme, { kind: 'reply', address: 'jane.doe@customer.example', content: reply('a', 'a') });
    await expect(setArchiveRetention(t.db, acme, 0)).rejects.toThrow(/from 1/);
    await setArchiveRetention(t.db, acme, 30);
    const before = await t.db.select().from(archivedMessages).where(eq(archivedMessages.tenantId, acme));
    expect(before.length).toBeGreaterThan(0);
    expect(await purgeExpiredArchive(t.db, new Date(Date.now() + 29 * 86_400_000))).toEqual([]);
    const purged = await purgeExpiredArchive(t.db, new Date(Date.now() + 31 * 86_400_000));
    expect(purged).toEqual([{ tenantId: acme, messages: before.length, blobs: expect.any(Number) }]);
    expect(await t.db.select().from(archiveBlobs).where(eq(archiveBlobs.tenantId, acme))).toEqual([]);
    // globex has no retention: kept.
    expect((await t.db.select().from(archivedMessages).where(eq(archivedMessages.tenantId, globex))).length).toBe(1);
  });
});

describe('matching a message to a contact besides its sender', () => {
  const SECRET = 'archive-test-verp-secret-0123456789';
  let tenant: string;
  let other: string;
  let sendToMax: string;
  let sendToBoth: string[];

  /** A message from an address no contact has, with the given extra headers. */
  const unknownSender = (headers: string[], subject = 'Re: Your order') =>
    Buffer.from(
      [
        'From: Office <office@shared.example>',
        ...headers,
        `Subject: ${subject}`,
        'Date: Mon, 07 Dec 2026 10:00:00 +0000',
        'Message-ID: <' + subject.length + headers.join('').length + '@shared.example>',
        '',
        'Max is on holiday, we will get back to you.',
        '',
      ].join('\r\n'),
    );

  beforeAll(async () => {
    tenant = await newTestTenant(t.db);
    other = await newTestTenant(t.db);
    await upsertContacts(t.db, tenant, [
      { externalId: 'max', addresses: [{ address: 'max@kunde.example', primary: true }] },
      { externalId: 'eva', addresses: [{ address: 'eva@kunde.example', primary: true }] },
    ]);
    await upsertContacts(t.db, other, [{ externalId: 'max', addresses: [{ address: 'max@kunde.example' }] }]);
    const at = new Date('2026-12-01T08:00:00Z');
    const [max] = await recordSends(t.db, tenant, [
      { recipient: 'max@kunde.example', messageId: '<order-1@app.test>', sentAt: at },
    ]);
    sendToMax = max!.id;
    // One newsletter, one Message-ID, two recipients: a reply citing it does not say who answered.
    const both = await recordSends(t.db, tenant, [
      { recipient: 'max@kunde.example', messageId: '<news-7@app.test>', sentAt: at },
      { recipient: 'eva@kunde.example', messageId: '<news-7@app.test>', sentAt: at },
    ]);
    sendToBoth = both.map((b) => b.id);
    await recordSends(t.db, other, [{ recipient: 'max@kunde.example', messageId: '<other-1@app.test>', sentAt: at }]);
  });

  it('In-Reply-To of one of our sends files the reply at the contact the send went to', async () => {
    const outcome = await archiveMessage(t.db, tenant, {
      kind: 'reply',
      address: 'office@shared.example',
      content: unknownSender(['To: orders@app.test', 'In-Reply-To: <order-1@app.test>']),
    });
    expect(outcome).toMatchObject({ outcome: 'archived', matchedBy: 'thread', address: 'max@kunde.example' });
    const [listed] = await listArchivedMessages(t.db, tenant, contactOf(tenant, 'max'));
    expect(listed).toMatchObject({ address: 'max@kunde.example', subject: 'Re: Your order' });
    const events = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenant), eq(outbox.type, 'message.archived')));
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ externalId: 'max', matchedBy: 'thread', address: 'max@kunde.example' }),
    ]);
  });

  it('References: the nearest of our sends decides; a Message-ID sent to several, or another tenant’s, matches nobody', async () => {
    const viaReferences = await archiveMessage(t.db, tenant, {
      kind: 'reply',
      address: null,
      content: unknownSender(
        [
          'To: orders@app.test',
          'In-Reply-To: <their-own@shared.example>',
          'References: <news-7@app.test>',
          ' <order-1@app.test> <their-own@shared.example>',
        ],
        'Re: Re: Your order',
      ),
    });
    expect(viaReferences).toMatchObject({ outcome: 'archived', matchedBy: 'thread', address: 'max@kunde.example' });
    expect(
      await archiveMessage(t.db, tenant, {
        kind: 'reply',
        address: null,
        content: unknownSender(['To: news@app.test', 'In-Reply-To: <news-7@app.test>'], 'Re: News'),
      }),
    ).toEqual({ outcome: 'no-contact' });
    expect(
      await archiveMessage(t.db, tenant, {
        kind: 'reply',
        address: null,
        content: unknownSender(['To: x@app.test', 'In-Reply-To: <other-1@app.test>'], 'Re: other'),
      }),
    ).toEqual({ outcome: 'no-contact' });
    expect(sendToBoth).toHaveLength(2);
  });

  it('the VERP token of the address an auto-reply was delivered to names the send, hence the contact', async () => {
    const returnPath = makeReturnPath({ localPart: 'bounces', domain: 'mta.test', sendId: sendToMax, secret: SECRET });
    const autoReply = unknownSender([`To: ${returnPath}`, 'Auto-Submitted: auto-replied'], 'Abwesenheit');
    // Without the secret the token proves nothing: no match.
    expect(await archiveMessage(t.db, tenant, { kind: 'auto-reply', address: null, content: autoReply })).toEqual({
      outcome: 'no-contact',
    });
    const outcome = await archiveMessage(
      t.db,
      tenant,
      { kind: 'auto-reply', address: 'office@shared.example', content: autoReply },
      { verpSecrets: ['a-newer-secret-0123456789', SECRET] },
    );
    expect(outcome).toMatchObject({ outcome: 'archived', matchedBy: 'verp', address: 'max@kunde.example' });
    // Delivered-To carries it too (the To header may name the sender's alias); a forged token matches nobody.
    const viaDeliveredTo = unknownSender(
      ['To: "Bounces" <bounces@mta.test>', `Delivered-To: ${returnPath}`, 'Auto-Submitted: auto-replied'],
      'Out of office',
    );
    expect(
      await archiveMessage(
        t.db,
        tenant,
        { kind: 'auto-reply', address: null, content: viaDeliveredTo },
        { verpSecrets: [SECRET] },
      ),
    ).toMatchObject({ outcome: 'archived', matchedBy: 'verp' });
    const forged = returnPath.replace(/-[a-z2-7]{16}@/, '-aaaaaaaaaaaaaaaa@');
    expect(
      await archiveMessage(
        t.db,
        tenant,
        { kind: 'auto-reply', address: null, content: unknownSender([`To: ${forged}`], 'forged') },
        { verpSecrets: [SECRET] },
      ),
    ).toEqual({ outcome: 'no-contact' });
    // The other tenant's contact with the same address got nothing of this tenant's mail.
    expect(await listArchivedMessages(t.db, other, contactOf(other, 'max'))).toEqual([]);
  });

  it('the sender comes first: a contact with the From address is filed at, whatever the message answers', async () => {
    const outcome = await archiveMessage(t.db, tenant, {
      kind: 'reply',
      address: 'eva@kunde.example',
      content: unknownSender(['To: orders@app.test', 'In-Reply-To: <order-1@app.test>'], 'Re: forwarded to Eva'),
    });
    expect(outcome).toMatchObject({ outcome: 'archived', matchedBy: 'sender', address: 'eva@kunde.example' });
  });

  const contactIdsOf: Record<string, string> = {};
  function contactOf(tenantId: string, externalId: string): string {
    const id = contactIdsOf[`${tenantId}/${externalId}`];
    if (!id) throw new Error(`no contact ${externalId}`);
    return id;
  }
  beforeAll(async () => {
    const rows = await t.db
      .select({ id: contacts.id, tenantId: contacts.tenantId, externalId: contacts.externalId })
      .from(contacts);
    for (const r of rows) contactIdsOf[`${r.tenantId}/${r.externalId}`] = r.id;
  });
});
