import { readFileSync } from 'node:fs';
import { applyBounces, bounces, recordSends, storeRawMessages } from '@bounce/db';
import { parseBounce } from '@bounce/parser';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

type Page<T> = { items: T[]; nextCursor: string | null };
type Bounce = {
  id: string;
  recipient: string | null;
  class: string;
  reason: string;
  state: string;
  rawMessageId: string | null;
};

/** Stores a real DSN as the fetch worker would and applies it as the rules worker would. */
async function ingest(api: TestApi, tenantId: string, content: Buffer, uid: number): Promise<string> {
  const [stored] = await storeRawMessages(api.database.db, [
    { tenantId, mailboxId: '00000000-0000-4000-8000-000000000001', folder: 'INBOX', uidValidity: 1, uid, content },
  ]);
  if (!stored) throw new Error('not stored');
  const result = await applyBounces(api.database.db, tenantId, [
    { parsed: parseBounce(content), rawMessageId: stored.id, rawSha256: stored.sha256 },
  ]);
  const bounceId = result.results[0]?.bounceId;
  if (!bounceId) throw new Error('no bounce');
  return bounceId;
}

describe('bounces', () => {
  let api: TestApi;
  let knownId: string;
  let strangerId: string;
  const known = fixture('dsn-user-unknown.eml');

  beforeAll(async () => {
    api = await createTestApi();
    await recordSends(api.database.db, 'acme', [
      {
        externalId: 'inv-1',
        recipient: 'known@example.com',
        category: 'newsletter',
        sentAt: new Date('2025-03-03T09:59:00Z'),
      },
    ]);
    knownId = await ingest(api, 'acme', known, 1);
    strangerId = await ingest(api, 'acme', fixture('dsn-unknown-recipient.eml'), 2);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists bounces with filters', async () => {
    const hard = json<Page<Bounce>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?class=hard&recipient=known@example.com' }),
    );
    expect(hard.items).toEqual([expect.objectContaining({ id: knownId, reason: 'userunknown', state: 'applied' })]);
    const all = json<Page<Bounce>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?reason=userunknown' }),
    );
    expect(all.items.map((b) => b.id).sort()).toEqual([knownId, strangerId].sort());
    const soft = json<Page<Bounce>>(await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?class=soft' }));
    expect(soft.items).toEqual([]);
    const past = json<Page<Bounce>>(await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?to=2000-01-01' }));
    expect(past.items).toEqual([]);
    const bad = await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces?class=bogus' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(bad).errors[0]?.pointer).toBe('/query/class');
  });

  it('shows one bounce, and hides it from another tenant', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${knownId}` });
    expect(json(res)).toMatchObject({
      id: knownId,
      recipient: 'known@example.com',
      status: '5.1.1',
      matchMethod: expect.any(String),
    });
    expect(json(res)).not.toHaveProperty('tenantId');
    expect((await api.call(api.globex.read, { method: 'GET', url: `/v1/bounces/${knownId}` })).statusCode).toBe(404);
    expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces/not-a-uuid' })).statusCode).toBe(400);
  });

  it('renders the raw message for a person, listing parts without their bytes', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${knownId}/raw` });
    expect(res.statusCode).toBe(200);
    const view = json<{
      subject: string;
      from: string;
      text: string;
      attachments: { index: number; contentType: string; size: number }[];
    }>(res);
    expect(view.subject).toBe('Undelivered Mail Returned to Sender');
    expect(view.from).toContain('MAILER-DAEMON@mx.sender.example');
    expect(view.text).toContain('Recipient address rejected: User unknown');
    // mailparser reads the machine-readable report (message/delivery-status) as text: useful to a person.
    expect(view.text).toContain('Final-Recipient: rfc822; known@example.com');
    // The returned message's headers are an attached part: listed, its bytes not included.
    expect(view.attachments.map((a) => a.contentType)).toEqual(['text/rfc822-headers']);
    expect(view.attachments[0]?.size).toBeGreaterThan(0);
    expect(res.body).not.toContain('Your invoice 2025-03');
  });

  it('serves one part on request, as a download, and the source as received', async () => {
    const part = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${knownId}/raw/attachments/0` });
    expect(part.statusCode).toBe(200);
    expect(part.headers['content-type']).toBe('application/octet-stream');
    expect(part.headers['content-disposition']).toMatch(/^attachment;/);
    expect(part.headers['x-part-content-type']).toBe('text/rfc822-headers');
    expect(part.body).toContain('Subject: Your invoice 2025-03');
    expect(
      (await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${knownId}/raw/attachments/1` })).statusCode,
    ).toBe(404);
    const source = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${knownId}/raw/source` });
    expect(source.headers['content-type']).toContain('message/rfc822');
    expect(source.rawPayload.equals(known)).toBe(true);
    expect(
      (await api.call(api.globex.read, { method: 'GET', url: `/v1/bounces/${knownId}/raw/source` })).statusCode,
    ).toBe(404);
  });

  it('lists the unmatched bounce for manual assignment', async () => {
    const page = json<Page<Bounce>>(await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces/unmatched' }));
    expect(page.items.map((b) => b.id)).toEqual([strangerId]);
    // The recipient was read from the report but was never sent to by this tenant: it waits for a human.
    expect(page.items[0]).toMatchObject({ recipient: 'stranger@elsewhere.example', state: 'unmatched' });
  });

  it('refuses an assignment naming two targets (400) and changes nothing', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/bounces/${strangerId}/assign`,
      payload: { recipient: 'stranger@elsewhere.example', externalId: 'inv-1' },
    });
    expect(res.statusCode).toBe(400);
    const [row] = await api.database.db.select().from(bounces).where(eq(bounces.id, strangerId));
    expect(row?.state).toBe('unmatched');
  });

  it('assigns the unmatched bounce to a recipient: the rules apply and the address is blocked; twice is a 409', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/bounces/${strangerId}/assign`,
      payload: { recipient: 'Stranger@Elsewhere.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ bounceId: strangerId, address: 'stranger@elsewhere.example', sendId: null });
    const [row] = await api.database.db.select().from(bounces).where(eq(bounces.id, strangerId));
    expect(row).toMatchObject({
      state: 'applied',
      matchMethod: 'manual',
      assignedBy: `operator:${api.acme.ids.write}`,
    });
    const status = json<{ record: { state: string } }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/stranger@elsewhere.example' }),
    );
    expect(status.record.state).toBe('blocked');
    const again = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/bounces/${strangerId}/assign`,
      payload: { recipient: 'stranger@elsewhere.example' },
    });
    expect(again.statusCode).toBe(409);
    const unmatched = json<Page<Bounce>>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/bounces/unmatched' }),
    );
    expect(unmatched.items).toEqual([]);
  });

  it('assigning to an unknown send is a 404', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/bounces/${knownId}/assign`,
      payload: { externalId: 'no-such-send' },
    });
    expect(res.statusCode).toBe(404);
  });
});
