import { readFileSync } from 'node:fs';
import { applyBounces, rawMessages, storeRawMessages } from '@bounce/db';
import { parseBounce } from '@bounce/parser';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

type Message = {
  id: string;
  subject: string | null;
  error: string | null;
  bounces: { id: string; recipient: string | null; state: string }[];
  resolution: string | null;
  filedAddress: string | null;
};

const HUMAN_MAIL = Buffer.from(
  'From: Customer <anna@customer.example>\r\nTo: billing@acme.example\r\nSubject: New address\r\n' +
    'Date: Mon, 3 Mar 2025 11:00:00 +0000\r\nMessage-ID: <h1@customer.example>\r\n\r\nPlease write to me at anna@new.example.\r\n',
);
const NO_RECIPIENT = Buffer.from(
  'From: MAILER-DAEMON@mx.example\r\nTo: bounces@acme.example\r\nSubject: Undelivered Mail Returned to Sender\r\n' +
    'Date: Mon, 3 Mar 2025 12:00:00 +0000\r\nMessage-ID: <nr1@mx.example>\r\n\r\nYour message could not be delivered.\r\n',
);

/** Stores messages as the fetch worker would and lets the parse/rules logic route them as the workers would. */
async function ingest(api: TestApi, contents: Buffer[]): Promise<string[]> {
  const stored = await storeRawMessages(
    api.database.db,
    contents.map((content, i) => ({
      tenantId: 'acme',
      mailboxId: '00000000-0000-4000-8000-000000000001',
      folder: 'INBOX',
      uidValidity: 1,
      uid: 100 + i,
      content,
    })),
  );
  const ids: string[] = [];
  for (const [i, s] of stored.entries()) {
    const parsed = parseBounce(contents[i] as Buffer);
    if (parsed.recipients.length > 0) {
      await applyBounces(api.database.db, 'acme', [{ parsed, rawMessageId: s.id, rawSha256: s.sha256 }]);
    } else {
      // What the parse worker does with mail it cannot apply.
      await api.database.db
        .update(rawMessages)
        .set({
          status: 'manual',
          error: parsed.kind === 'not-bounce' ? 'not a bounce' : `${parsed.kind} without a recipient`,
        })
        .where(inArray(rawMessages.id, [s.id]));
    }
    ids.push(s.id);
  }
  return ids;
}

describe('manual processing', () => {
  let api: TestApi;
  let unmatchedId: string;
  let humanId: string;
  let noRecipientId: string;

  beforeAll(async () => {
    api = await createTestApi();
    [unmatchedId, humanId, noRecipientId] = (await ingest(api, [
      fixture('dsn-unknown-recipient.eml'),
      HUMAN_MAIL,
      NO_RECIPIENT,
    ])) as [string, string, string];
  });
  afterAll(async () => {
    await api?.close();
  });

  const list = async (resolved = false) =>
    json<{ items: Message[] }>(
      await api.call(api.acme.read, { method: 'GET', url: `/v1/manual-messages?resolved=${resolved}` }),
    ).items;

  it('lists what needs a person with subject, reason and the unmatched bounces; other tenants see nothing', async () => {
    const items = await list();
    expect(items.map((m) => m.id).sort()).toEqual([unmatchedId, humanId, noRecipientId].sort());
    const human = items.find((m) => m.id === humanId);
    expect(human).toMatchObject({ subject: 'New address', error: 'not a bounce', bounces: [] });
    const unmatched = items.find((m) => m.id === unmatchedId);
    expect(unmatched?.bounces).toEqual([
      expect.objectContaining({ recipient: 'stranger@elsewhere.example', state: 'unmatched' }),
    ]);
    const globex = await api.call(api.globex.read, { method: 'GET', url: '/v1/manual-messages' });
    expect(json<{ items: unknown[] }>(globex).items).toEqual([]);
    const detail = await api.call(api.globex.read, { method: 'GET', url: `/v1/manual-messages/${humanId}` });
    expect(detail.statusCode).toBe(404);
  });

  it('shows one message readably: headers, text and the DSN fields', async () => {
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/manual-messages/${unmatchedId}` });
    expect(res.statusCode).toBe(200);
    const body = json<{
      view: {
        headers: { name: string; value: string }[];
        reports: { contentType: string; groups: { name: string; value: string }[][] }[];
      };
    }>(res);
    expect(body.view.headers.find((h) => h.name.toLowerCase() === 'subject')?.value).toBe(
      'Undelivered Mail Returned to Sender',
    );
    const report = body.view.reports.find((r) => r.contentType === 'message/delivery-status');
    const fields = report?.groups.flat() ?? [];
    expect(fields).toEqual(
      expect.arrayContaining([{ name: 'Final-Recipient', value: 'rfc822; stranger@elsewhere.example' }]),
    );
  });

  it('assigns the unmatched bounce to an address; the rules apply and the message leaves the list', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/manual-messages/${unmatchedId}/assign`,
      payload: { recipient: 'stranger@elsewhere.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ address: 'stranger@elsewhere.example', resolved: true });
    const status = await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/stranger@elsewhere.example' });
    expect(json<{ record: { state: string } }>(status).record.state).toBe('blocked');
    expect((await list()).map((m) => m.id)).not.toContain(unmatchedId);
    expect((await list(true)).find((m) => m.id === unmatchedId)?.resolution).toBe('assigned');
  });

  it('a message without bounces needs recipient and class to be assigned (problem with a pointer)', async () => {
    const bad = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/manual-messages/${noRecipientId}/assign`,
      payload: { recipient: 'gone@customer.example' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { pointer: string }[] }>(bad).errors[0]?.pointer).toBe('/body/class');
    const ok = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/manual-messages/${noRecipientId}/assign`,
      payload: { recipient: 'gone@customer.example', class: 'hard' },
    });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ address: 'gone@customer.example', resolved: true });
    const status = await api.call(api.acme.read, { method: 'GET', url: '/v1/addresses/gone@customer.example' });
    expect(json<{ record: { state: string } }>(status).record.state).toBe('blocked');
  });

  it('marks mail as not a bounce and files it at the contact, visible in the address history', async () => {
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/manual-messages/${humanId}/not-bounce`,
      payload: { fileAt: 'anna@customer.example', note: 'customer wrote about a new address' },
    });
    expect(res.statusCode).toBe(200);
    const history = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/addresses/anna@customer.example/history',
    });
    expect(json<{ items: { action: string; evidence: { rawMessageId: string } }[] }>(history).items[0]).toMatchObject({
      action: 'file-message',
      evidence: { rawMessageId: humanId },
    });
    const verdicts = await api.call(api.acme.read, {
      method: 'GET',
      url: '/v1/addresses/anna@customer.example/verdicts',
    });
    expect(json<{ filedMessages: { id: string }[] }>(verdicts).filedMessages.map((m) => m.id)).toEqual([humanId]);
    const again = await api.call(api.acme.write, {
      method: 'POST',
      url: `/v1/manual-messages/${humanId}/not-bounce`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  it('re-parses and applies in bulk; unknown ids are reported, not fatal; a viewer may not act', async () => {
    const [a, b] = await ingest(api, [
      fixture('dsn-user-unknown.eml'),
      Buffer.from(`${NO_RECIPIENT.toString()}\r\nmore`),
    ]);
    // Pretend an older parser had found nothing in the DSN: it sits on the list without bounces.
    await api.database.db
      .update(rawMessages)
      .set({ status: 'manual', error: 'old parser' })
      .where(inArray(rawMessages.id, [a as string]));
    await api.database.db.execute(`delete from bounces where raw_message_id = '${a}'` as never);
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/manual-messages/bulk',
      payload: { ids: [a, b, '00000000-0000-4000-8000-00000000dead'], action: 'reparse' },
    });
    expect(res.statusCode).toBe(200);
    const results = json<{ results: { id: string; ok: boolean; detail: string }[] }>(res).results;
    expect(results.find((r) => r.id === a)).toMatchObject({ ok: true });
    expect(results.find((r) => r.id === b)).toMatchObject({ ok: false });
    expect(results[2]).toMatchObject({ ok: false, detail: expect.stringContaining('not found') });
    const viewer = await api.call(api.acme.read, {
      method: 'POST',
      url: '/v1/manual-messages/bulk',
      payload: { ids: [b], action: 'not-bounce' },
    });
    expect(viewer.statusCode).toBe(403);
  });
});
