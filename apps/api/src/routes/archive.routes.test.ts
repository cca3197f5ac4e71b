import { archiveMessage, contacts, rawMessages, storeRawMessages } from '@bounce/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

/** An answer with one attachment, as a customer writes it. */
const answer = (subject: string) =>
  Buffer.from(
    [
      'From: Anna Berg <anna@kunde.example>',
      'To: billing@app.test',
      `Subject: ${subject}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Attached.',
      '--b',
      'Content-Type: text/html; name="x.html"',
      'Content-Disposition: attachment; filename="Überweisung.html"',
      '',
      '<script>alert(1)</script>',
      '--b--',
      '',
    ].join('\r\n'),
  );

type Listed = { items: { id: string; subject: string; attachments: { position: number; filename: string }[] }[] };

describe('archived mail per contact', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    await api.call(api.acme.write, {
      method: 'PUT',
      url: '/v1/contacts',
      payload: {
        contacts: [{ externalId: 'crm-1', name: 'Anna Berg', addresses: [{ address: 'anna@kunde.example' }] }],
      },
    });
    const db = api.database.db;
    await archiveMessage(db, 'acme', {
      kind: 'reply',
      address: 'anna@kunde.example',
      content: answer('Re: Rechnung 7'),
    });
    await archiveMessage(db, 'acme', { kind: 'reply', address: 'anna@kunde.example', content: answer('Re: Vertrag') });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists and searches, downloads the original and an attachment (always as a download)', async () => {
    const all = json<Listed>(await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1/messages' }));
    expect(all.items.map((m) => m.subject).sort()).toEqual(['Re: Rechnung 7', 'Re: Vertrag']);
    const found = json<Listed>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1/messages?subject=rechnung' }),
    );
    expect(found.items).toHaveLength(1);
    const message = found.items[0]!;
    expect(message.attachments).toEqual([expect.objectContaining({ position: 0, filename: 'Überweisung.html' })]);

    const source = await api.call(api.acme.read, { method: 'GET', url: `/v1/archived-messages/${message.id}/source` });
    expect(source.statusCode).toBe(200);
    expect(source.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(source.body).toContain('Subject: Re: Rechnung 7');
    const part = await api.call(api.acme.read, {
      method: 'GET',
      url: `/v1/archived-messages/${message.id}/attachments/0`,
    });
    expect(part.statusCode).toBe(200);
    expect(part.headers['content-type']).toBe('application/octet-stream');
    expect(part.headers['x-part-content-type']).toBe('text/html');
    expect(String(part.headers['content-disposition'])).toContain("filename*=UTF-8''%C3%9Cberweisung.html");
    expect(part.body).toBe('<script>alert(1)</script>');

    // Another tenant: 404 everywhere.
    for (const url of [
      `/v1/archived-messages/${message.id}/source`,
      `/v1/archived-messages/${message.id}/attachments/0`,
      '/v1/contacts/crm-1/messages',
    ]) {
      expect((await api.call(api.globex.admin, { method: 'GET', url })).statusCode, url).toBe(404);
    }
    expect(
      (await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1/messages?from=yesterday' })).statusCode,
    ).toBe(400);
  });

  it('sets the retention (admin) and erases a contact archive (GDPR)', async () => {
    expect(json(await api.call(api.acme.read, { method: 'GET', url: '/v1/archive/retention' }))).toEqual({
      days: null,
    });
    const put = (key: string, days: unknown) =>
      api.call(key, { method: 'PUT', url: '/v1/archive/retention', payload: { days } });
    expect((await put(api.acme.write, 90)).statusCode).toBe(403);
    expect((await put(api.acme.admin, 0)).statusCode).toBe(400);
    expect(json(await put(api.acme.admin, 90))).toEqual({ days: 90 });
    expect(json(await api.call(api.acme.read, { method: 'GET', url: '/v1/archive/retention' }))).toEqual({ days: 90 });

    expect(
      (await api.call(api.globex.write, { method: 'DELETE', url: '/v1/contacts/crm-1/messages' })).statusCode,
    ).toBe(404);
    const erased = await api.call(api.acme.write, { method: 'DELETE', url: '/v1/contacts/crm-1/messages' });
    expect(erased.statusCode).toBe(200);
    expect(json(erased)).toMatchObject({ messages: 2 });
    expect(
      json<Listed>(await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1/messages' })).items,
    ).toEqual([]);
    const [contact] = await api.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, 'acme'), eq(contacts.externalId, 'crm-1')));
    expect(contact).toBeDefined(); // the contact stays; only its archive goes
  });

  it('files a manual-list reply that matched no contact at the contact a person chose, once', async () => {
    const reply = Buffer.from(
      'From: Unknown Colleague <kollegin@andere.example>\r\nTo: billing@app.test\r\nSubject: Re: Angebot 12\r\n' +
        'Date: Mon, 3 Mar 2025 11:00:00 +0000\r\nMessage-ID: <u1@andere.example>\r\n\r\nIch antworte für Anna.\r\n',
    );
    const [stored] = await storeRawMessages(api.database.db, [
      {
        tenantId: 'acme',
        mailboxId: '00000000-0000-4000-8000-000000000001',
        folder: 'INBOX',
        uidValidity: 1,
        uid: 900,
        content: reply,
      },
    ]);
    // Where the parse worker leaves mail that matches no contact.
    await api.database.db
      .update(rawMessages)
      .set({ status: 'manual', error: 'not a bounce' })
      .where(inArray(rawMessages.id, [stored!.id]));
    const file = (key: string, body: Record<string, string>, id = stored!.id) =>
      api.call(key, { method: 'POST', url: `/v1/manual-messages/${id}/archive`, payload: body });
    expect((await file(api.acme.read, { externalId: 'crm-1' })).statusCode).toBe(403);
    expect((await file(api.acme.write, { externalId: 'nobody' })).statusCode).toBe(404);
    expect((await file(api.acme.write, {})).statusCode).toBe(400);
    expect((await file(api.globex.write, { externalId: 'crm-1' })).statusCode).toBe(404);
    const filed = await file(api.acme.write, { externalId: 'crm-1' });
    expect(filed.statusCode).toBe(200);
    expect(json(filed)).toMatchObject({ id: stored!.id, resolved: true, externalId: 'crm-1' });
    const listed = json<Listed & { items: { address: string; kind: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1/messages?subject=angebot' }),
    );
    expect(listed.items).toMatchObject([
      { subject: 'Re: Angebot 12', address: 'kollegin@andere.example', kind: 'reply' },
    ]);
    const { message } = json<{ message: { resolution: string } }>(
      await api.call(api.acme.read, { method: 'GET', url: `/v1/manual-messages/${stored!.id}` }),
    );
    expect(message.resolution).toBe('archived');
    // Resolved: a second filing is a conflict and files nothing more.
    expect((await file(api.acme.write, { externalId: 'crm-1' })).statusCode).toBe(409);
  });
});
