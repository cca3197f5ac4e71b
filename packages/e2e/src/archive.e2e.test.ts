/**
 * The grabber end to end: mail that is not a bounce, delivered by Postfix into the test Dovecot's bounce mailbox, is
 * fetched by the fetch worker (IMAP), parsed and filed at its contact by the workers, then listed and downloaded
 * through the API: an answer from the contact's address with an attachment (a second answer with the same attachment
 * keeps it once), an out-of-office note from another address sent to
 * the VERP return path of our send (filed at that send's contact, with its absence event), an answer from a
 * colleague citing our send's Message-ID, and a stranger's mail, which goes to the manual list.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { archiveBlobs, outbox, rawMessages, recordSends } from '@bounce/db';
import { pollUntil } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessBeside, startApiBeside } from './beside.js';
import { type Pipeline, startPipeline } from './pipeline.js';

const PDF = Buffer.from('%PDF-1.4 signed order form\n');

let p: Pipeline;
let api: ProcessBeside;
let mailboxId = '';

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return api.call(`/v1${path}`, init);
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await call(path, init);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

/** A message as a person's mail program writes it (multipart with the PDF when `withPdf`). */
function mail(input: {
  from: string;
  to: string;
  subject: string;
  headers?: string[];
  text: string;
  withPdf?: boolean;
}) {
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  const head = [
    `From: ${input.from}`,
    `To: ${input.to}`,
    `Subject: ${input.subject}`,
    'Date: Mon, 07 Dec 2026 10:00:00 +0000',
    `Message-ID: <${randomUUID()}@kunde.example>`,
    ...(input.headers ?? []),
    'MIME-Version: 1.0',
  ];
  if (!input.withPdf) return [...head, 'Content-Type: text/plain; charset=utf-8', '', input.text, ''].join('\r\n');
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    input.text,
    `--${boundary}`,
    'Content-Type: application/pdf; name="order.pdf"',
    'Content-Disposition: attachment; filename="order.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

type Listed = {
  id: string;
  kind: string;
  address: string;
  subject: string | null;
  attachments: { position: number; filename: string | null; stored: boolean; sha256: string }[];
};

beforeAll(async () => {
  // Generous start budgets: on a loaded 2-core machine loading a worker's modules alone can take a minute.
  p = await startPipeline({ label: 'archive', env: { all: { DATABASE_POOL_SIZE: '4' } }, startTimeoutMs: 150_000 });
  api = await startApiBeside(p, {}, { start: false });
  // One after the other: started together on a loaded machine, they starve each other.
  await p.startWorkers(['fetch', 'parse', 'rules']);
  await api.process.start();
  // IDLE for new mail, polled every 10 s (the shortest allowed) besides; the watcher picks the mailbox up by itself.
  const mailbox = await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
  mailboxId = mailbox.id;
  await pollUntil(() => p.workers.fetch.logLinesMatching('"IDLE watching"').length > 0, {
    timeoutMs: 60_000,
    what: 'the fetch worker to watch the mailbox with IDLE',
    describe: () => p.workers.fetch.logs(),
  });
}, 400_000);

afterAll(async () => {
  await api?.process.stop(15_000);
  await p?.close();
}, 60_000);

describe('the grabber through Dovecot, the workers and the API', () => {
  it('files replies and an out-of-office note at their contacts, attachments once, a stranger to the manual list', async () => {
    await json('/contacts', {
      method: 'PUT',
      body: JSON.stringify({
        contacts: [
          { externalId: 'crm-anna', name: 'Anna Berg', addresses: [{ address: 'anna@kunde.example', primary: true }] },
          { externalId: 'crm-ben', name: 'Ben Ott', addresses: [{ address: 'ben@kunde.example', primary: true }] },
        ],
      }),
    });
    // Our sends: an order confirmation to Anna, a newsletter to Ben (with its VERP return path).
    const annaSend = randomUUID();
    const benSend = randomUUID();
    await recordSends(p.db.db, p.tenantId, [
      { id: annaSend, messageId: `<${annaSend}@app.test>`, recipient: 'anna@kunde.example', sentAt: new Date() },
      { id: benSend, messageId: `<${benSend}@app.test>`, recipient: 'ben@kunde.example', sentAt: new Date() },
    ]);
    const bounceBox = p.servers.bounceAddress;
    const answer = mail({
      from: 'Anna Berg <anna@kunde.example>',
      to: bounceBox,
      subject: 'Re: Your order 4711',
      headers: [`In-Reply-To: <${annaSend}@app.test>`],
      text: 'Please find the signed order form attached.',
      withPdf: true,
    });
    const second = mail({
      from: 'Anna Berg <anna@kunde.example>',
      to: bounceBox,
      subject: 'Re: Your order 4711 (corrected)',
      text: 'Sorry, the same form again with the right date.',
      withPdf: true,
    });
    const colleague = mail({
      from: 'Office <office@kunde.example>',
      to: bounceBox,
      subject: 'Re: Your order 4711 (from the office)',
      headers: [`References: <${annaSend}@app.test>`, `In-Reply-To: <${annaSend}@app.test>`],
      text: 'Anna asked us to confirm the delivery date.',
    });
    const returnPath = p.returnPathFor(benSend);
    const outOfOffice = mail({
      from: 'Kunde GmbH <info@kunde.example>',
      to: returnPath,
      subject: 'Automatic reply: Newsletter December',
      headers: ['Auto-Submitted: auto-replied'],
      text: 'Thank you for your message. I am out of the office until 12 January and will reply when I am back.',
    });
    const stranger = mail({
      from: 'Someone <someone@elsewhere.example>',
      to: bounceBox,
      subject: 'Question about your products',
      text: 'Do you ship to Norway?',
    });
    for (const [to, raw] of [
      [bounceBox, answer],
      [bounceBox, second],
      [bounceBox, colleague],
      [returnPath, outOfOffice],
      [bounceBox, stranger],
    ] as const) {
      await p.servers.sendMail('sender@kunde.example', to, { raw });
    }

    // Every delivered message fetched and settled.
    await pollUntil(
      async () => {
        const rows = await p.db.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailboxId));
        return rows.length === 5 && rows.every((r) => ['applied', 'manual', 'failed'].includes(r.status)) && rows;
      },
      { timeoutMs: 90_000, what: 'five messages fetched and settled', describe: () => p.diagnostics() },
    );

    const anna = await json<{ items: Listed[] }>('/contacts/crm-anna/messages');
    expect(anna.items.map((m) => m.subject).sort()).toEqual([
      'Re: Your order 4711',
      'Re: Your order 4711 (corrected)',
      'Re: Your order 4711 (from the office)',
    ]);
    expect(anna.items.every((m) => m.kind === 'reply' && m.address === 'anna@kunde.example')).toBe(true);
    const first = anna.items.find((m) => m.subject === 'Re: Your order 4711')!;
    expect(first.attachments).toEqual([expect.objectContaining({ position: 0, filename: 'order.pdf', stored: true })]);
    // The same PDF in two answers: one blob.
    const pdfHash = first.attachments[0]!.sha256;
    expect(anna.items.find((m) => m.subject?.endsWith('(corrected)'))!.attachments[0]!.sha256).toBe(pdfHash);
    const blobs = await p.db.db
      .select()
      .from(archiveBlobs)
      .where(and(eq(archiveBlobs.tenantId, p.tenantId), eq(archiveBlobs.sha256, pdfHash)));
    expect(blobs).toHaveLength(1);

    // Downloads: the original as delivered (Postfix added its Received header) and the attachment's bytes.
    const source = await call(`/archived-messages/${first.id}/source`);
    expect(source.status).toBe(200);
    expect(source.headers.get('content-type')).toMatch(/^message\/rfc822/);
    const eml = await source.text();
    expect(eml).toContain('Subject: Re: Your order 4711');
    expect(eml).toContain('Received:');
    const attachment = await call(`/archived-messages/${first.id}/attachments/0`);
    expect(attachment.status).toBe(200);
    expect(Buffer.from(await attachment.arrayBuffer()).equals(PDF)).toBe(true);

    // The out-of-office note came from another address, to Ben's VERP return path: filed at Ben, with the absence.
    const ben = await json<{ items: Listed[] }>('/contacts/crm-ben/messages');
    expect(ben.items).toEqual([
      expect.objectContaining({
        kind: 'auto-reply',
        address: 'ben@kunde.example',
        subject: 'Automatic reply: Newsletter December',
      }),
    ]);
    const events = await p.db.db.select().from(outbox).where(eq(outbox.tenantId, p.tenantId));
    const archived = events
      .filter((e) => e.type === 'message.archived')
      .map((e) => e.payload as { matchedBy: string; externalId: string });
    expect(archived.map((e) => `${e.externalId}/${e.matchedBy}`).sort()).toEqual([
      'crm-anna/sender',
      'crm-anna/sender',
      'crm-anna/thread',
      'crm-ben/verp',
    ]);
    expect(events.some((e) => e.type === 'address.absent')).toBe(true);

    // Search by subject through the API.
    const found = await json<{ items: Listed[] }>('/contacts/crm-anna/messages?subject=corrected');
    expect(found.items).toHaveLength(1);

    // The stranger's mail matched nobody: it is in the manual list, not in anyone's archive.
    const manual = await json<{ items: { id: string; error: string | null }[] }>('/manual-messages');
    const rows = await p.db.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailboxId));
    const manualRows = rows.filter((r) => r.status === 'manual');
    expect(manualRows).toHaveLength(1);
    expect(manualRows[0]!.content.toString('utf8')).toContain('Subject: Question about your products');
    expect(manual.items.map((m) => m.id)).toContain(manualRows[0]!.id);
    expect(manual.items.find((m) => m.id === manualRows[0]!.id)?.error).toBe('not a bounce');
  }, 180_000);
});
