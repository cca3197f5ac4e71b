import { applyBounces } from '@bounce/db';
import { parseBounce } from '@bounce/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type ContactView = {
  externalId: string;
  name: string | null;
  addresses: { address: string; primary: boolean }[];
  suggestions?: { id: string; address: string; suggested: string; reason: string; evidence: string; status: string }[];
};

describe('contacts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  const put = (key: string, contacts: unknown[]) =>
    api.call(key, { method: 'PUT', url: '/v1/contacts', payload: { contacts } });

  it('bulk upsert is idempotent by external id; addresses are replaced, one primary', async () => {
    const batch = [
      {
        externalId: 'crm-1',
        name: 'Anna Berg',
        addresses: [{ address: 'Anna.Berg@Kunde.example' }, { address: 'anna@privat.example', primary: true }],
      },
      { externalId: 'crm-2', name: 'Jan Ott', addresses: [{ address: 'jan.ott@kunde.example' }] },
    ];
    const first = await put(api.acme.write, batch);
    expect(first.statusCode).toBe(200);
    expect(json(first)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(json(await put(api.acme.write, batch))).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const anna = json<ContactView>(await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-1' }));
    expect(anna).toMatchObject({ externalId: 'crm-1', name: 'Anna Berg', suggestions: [] });
    expect(anna.addresses).toEqual([
      { address: 'anna@privat.example', primary: true },
      { address: 'anna.berg@kunde.example', primary: false },
    ]);

    // A changed address list replaces the old one.
    expect(
      json(
        await put(api.acme.write, [
          { externalId: 'crm-1', name: 'Anna Berg', addresses: [{ address: 'anna.berg@kunde.example' }] },
        ]),
      ),
    ).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const found = json<{ items: ContactView[] }>(
      await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts?address=ANNA.BERG@kunde.example' }),
    );
    expect(found.items.map((c) => c.externalId)).toEqual(['crm-1']);
    expect(found.items[0]!.addresses).toEqual([{ address: 'anna.berg@kunde.example', primary: true }]);
    expect(
      json<{ items: unknown[] }>(
        await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts?address=anna@privat.example' }),
      ).items,
    ).toEqual([]);

    // Tenants never see each other's contacts.
    expect((await api.call(api.globex.read, { method: 'GET', url: '/v1/contacts/crm-1' })).statusCode).toBe(404);
    // Read keys cannot write.
    expect((await put(api.acme.read, batch)).statusCode).toBe(403);
  });

  it('rejects a batch naming an external id twice, or an address that is not one (400), and stores nothing', async () => {
    const twice = await put(api.acme.write, [
      { externalId: 'dup', addresses: [{ address: 'a@x.example' }] },
      { externalId: 'dup', addresses: [{ address: 'b@x.example' }] },
    ]);
    expect(twice.statusCode).toBe(400);
    const bad = await put(api.acme.write, [{ externalId: 'bad', addresses: [{ address: 'not an address' }] }]);
    expect(bad.statusCode).toBe(400);
    expect((await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/dup' })).statusCode).toBe(404);
  });

  it('a replacement address read from an auto-reply is listed on the contact as a suggestion, not applied', async () => {
    await put(api.acme.write, [
      { externalId: 'crm-9', name: 'Lena Roth', addresses: [{ address: 'lena.roth@kunde.example' }] },
    ]);
    const reply = [
      'From: Lena Roth <lena.roth@kunde.example>',
      'To: bounces@mta.test',
      'Subject: Automatische Antwort: Angebot',
      'Date: Sun, 20 Dec 2026 09:00:00 +0100',
      'Auto-Submitted: auto-replied',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Frau Roth ist nicht mehr im Unternehmen. Bitte wenden Sie sich an vertrieb@kunde.example.',
      '',
    ].join('\r\n');
    await applyBounces(api.database.db, 'acme', [{ parsed: parseBounce(reply), rawSha256: 'reply-lena-1' }]);
    const lena = json<ContactView>(await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-9' }));
    expect(lena.addresses).toEqual([{ address: 'lena.roth@kunde.example', primary: true }]);
    expect(lena.suggestions).toEqual([
      expect.objectContaining({
        address: 'lena.roth@kunde.example',
        suggested: 'vertrieb@kunde.example',
        reason: 'successor',
        evidence: expect.stringContaining('nicht mehr im Unternehmen'),
      }),
    ]);

    // An operator accepts it: the suggested address becomes the primary one, the old one stays.
    const id = lena.suggestions![0]!.id;
    const decide = (key: string, contact: string, decision: string) =>
      api.call(key, { method: 'POST', url: `/v1/contacts/${contact}/suggestions/${id}/${decision}` });
    expect((await decide(api.acme.read, 'crm-9', 'accept')).statusCode).toBe(403);
    expect((await decide(api.globex.write, 'crm-9', 'accept')).statusCode).toBe(404);
    expect((await decide(api.acme.write, 'crm-1', 'accept')).statusCode).toBe(404);
    const accepted = await decide(api.acme.write, 'crm-9', 'accept');
    expect(accepted.statusCode).toBe(200);
    expect(json(accepted)).toMatchObject({ status: 'accepted', suggested: 'vertrieb@kunde.example' });
    const after = json<ContactView>(await api.call(api.acme.read, { method: 'GET', url: '/v1/contacts/crm-9' }));
    expect(after.addresses).toEqual([
      { address: 'vertrieb@kunde.example', primary: true },
      { address: 'lena.roth@kunde.example', primary: false },
    ]);
    expect(after.suggestions![0]).toMatchObject({ status: 'accepted' });
    // Decided once: a second decision is a conflict.
    expect((await decide(api.acme.write, 'crm-9', 'dismiss')).statusCode).toBe(409);
  });

  it('finds contacts by part of the name, external id or an address, by name, paged; tenants isolated; bad input 400', async () => {
    await put(api.acme.write, [
      { externalId: 'S-100', name: 'Greta Müller-Lind', addresses: [{ address: 'greta@lind.example' }] },
      {
        externalId: 'S-101',
        name: 'Hans Müller',
        addresses: [{ address: 'hm@werk.example' }, { address: 'hans@privat.example', primary: true }],
      },
      { externalId: 'S-102', name: 'Ida Roth', addresses: [{ address: 'ida.mueller@roth.example' }] },
      { externalId: 'S-103', name: null, addresses: [{ address: 'nobody@x100_y.example' }] },
    ]);
    await put(api.globex.write, [
      { externalId: 'G-1', name: 'Gustav Müller', addresses: [{ address: 'g@globex.example' }] },
    ]);
    const block = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/addresses/hm@werk.example/block',
      payload: { reason: 'moved away' },
    });
    expect(block.statusCode).toBe(200);
    type Found = { items: (ContactView & { blockedAddresses: string[] })[]; nextCursor: string | null };
    const search = async (query: string, key = api.acme.read) =>
      api.call(key, { method: 'GET', url: `/v1/contacts?${query}` });
    const names = async (query: string, key = api.acme.read) =>
      json<Found>(await search(query, key)).items.map((c) => c.externalId);

    // Part of the name, case-insensitive; sorted by name.
    expect(await names(`q=${encodeURIComponent('MÜLLER')}`)).toEqual(['S-100', 'S-101']);
    // Part of an address, or of the external id.
    expect(await names('q=mueller')).toEqual(['S-102']);
    expect(await names('q=s-10')).toEqual(['S-103', 'S-100', 'S-101', 'S-102']);
    // LIKE wildcards are literal characters ("_" and "%" match only themselves).
    expect(await names('q=x100_y')).toEqual(['S-103']);
    expect(await names('q=%25%25%25')).toEqual([]);
    // Which addresses are blocked.
    const hans = json<Found>(await search('q=hans')).items[0]!;
    expect(hans).toMatchObject({ externalId: 'S-101', blockedAddresses: ['hm@werk.example'] });
    expect(hans.addresses[0]).toEqual({ address: 'hans@privat.example', primary: true });
    // Keyset paging: two pages of two, then nothing more.
    const first = json<Found>(await search('q=s-10&limit=2'));
    expect(first.items.map((c) => c.externalId)).toEqual(['S-103', 'S-100']);
    const second = json<Found>(await search(`q=s-10&limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((c) => c.externalId)).toEqual(['S-101', 'S-102']);
    expect(second.nextCursor).toBeNull();
    // The other tenant's contacts never show.
    expect(await names('q=gustav')).toEqual([]);
    expect(await names('q=gustav', api.globex.read)).toEqual(['G-1']);
    // Hostile or empty input: clear 400s, never a 500.
    for (const query of [
      'q=%20%20%20',
      '',
      'q=abc&address=a@b.example',
      `q=${'x'.repeat(201)}`,
      'q=abc&cursor=bm90LWpzb24',
      'q=abc&limit=0',
    ]) {
      const response = await search(query);
      expect(response.statusCode, query).toBe(400);
      expect(json<{ detail: string }>(response).detail, query).toBeTruthy();
    }
    expect(json<{ detail: string }>(await search('q=%20')).detail).toMatch(/give a text to search for/);
  });

  it('finds a name of one or two characters: the name and external id words that start with it', async () => {
    // In the other tenant, whose only earlier contact is G-1 (Gustav Müller): every word here is known.
    await put(api.globex.write, [
      { externalId: 'K-1', name: 'Li Wei', addresses: [{ address: 'li@k.example' }] },
      { externalId: 'K-2', name: 'Jing Wu', addresses: [{ address: 'wu@k.example' }] },
      { externalId: 'K-3', name: 'Ng', addresses: [{ address: 'ng@k.example' }] },
      { externalId: 'K-4', name: 'Liwu Anders', addresses: [{ address: 'wuwu@k.example' }] },
    ]);
    const names = async (q: string) =>
      json<{ items: { externalId: string }[] }>(
        await api.call(api.globex.read, { method: 'GET', url: `/v1/contacts?q=${encodeURIComponent(q)}` }),
      ).items.map((c) => c.externalId);
    // A word's start only: "Liwu" holds "wu" inside, and addresses are not searched with two characters.
    expect(await names('wu')).toEqual(['K-2']);
    expect(await names('NG')).toEqual(['K-3']);
    expect(await names('li')).toEqual(['K-1', 'K-4']);
    expect(await names('w')).toEqual(['K-2', 'K-1']);
    // The external id's words too; three characters and more find any part again, addresses included.
    expect(await names('k')).toEqual(['K-2', 'K-1', 'K-4', 'K-3']);
    expect(await names('wuw')).toEqual(['K-4']);
    // LIKE wildcards stay literal in the short path.
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
  });
});
