import { addressSuggestions, archiveMessage, openDatabase, recordParseOutcome, storeRawMessages } from '@bounce/db';
import { expect, expectAccessible, screenshot, test } from './fixtures';

/** A reply someone wrote, with one attachment (what the parse worker files at the contact of its sender). */
function reply(subject: string, date: string, attachment?: { name: string; text: string }): Buffer {
  const head =
    `From: Greta Müller-Lind <greta.mueller@kunde.example>\r\nTo: rechnung@acme.example\r\nSubject: ${subject}\r\n` +
    `Date: ${date}\r\nMessage-ID: <${subject.replace(/\W+/g, '-')}-${Date.now()}@kunde.example>\r\nMIME-Version: 1.0\r\n`;
  if (!attachment) return Buffer.from(`${head}Content-Type: text/plain; charset=utf-8\r\n\r\nDanke, erhalten.\r\n`);
  return Buffer.from(
    `${head}Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      'Anbei das Angebot.\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Disposition: attachment; filename="${attachment.name}"\r\n\r\n${attachment.text}\r\n--b1--\r\n`,
  );
}

test('find a contact by part of the name, accept a suggested address, filter and download its archive, erase it (GDPR); file an unmatched reply at a contact', async ({
  signedIn: page,
  stack,
  seed,
}) => {
  // One long flow (search, contact page in two languages, archive, GDPR, manual filing) on a loaded machine.
  test.setTimeout(300_000);
  await seed('PUT', '/v1/contacts', {
    contacts: [
      {
        externalId: 'CRM-7',
        name: 'Greta Müller-Lind',
        addresses: [{ address: 'greta.mueller@kunde.example', primary: true }, { address: 'greta@privat.example' }],
      },
      { externalId: 'CRM-8', name: 'Hans Müller', addresses: [{ address: 'hans@werk.example' }] },
      { externalId: 'CRM-9', name: 'Ida Roth', addresses: [{ address: 'ida@roth.example' }] },
    ],
  });
  await seed('POST', '/v1/addresses/greta%40privat.example/block', { reason: 'mailbox closed' });
  // What the rules worker and the parse worker write: a suggestion read from an auto-reply, two archived replies.
  const database = openDatabase({ url: stack.databaseUrl, maxConnections: 1 });
  try {
    await database.db.insert(addressSuggestions).values({
      tenantId: stack.tenant,
      address: 'greta.mueller@kunde.example',
      suggested: 'greta.lind@neu.example',
      reason: 'new-address',
      evidence: 'Meine neue Adresse lautet greta.lind@neu.example.',
    });
    for (const content of [
      reply('Re: Ihre Rechnung 4711', 'Mon, 3 Mar 2025 09:00:00 +0100', { name: 'angebot.txt', text: 'Angebot 99' }),
      reply('Termin am Freitag', 'Tue, 4 Mar 2025 10:00:00 +0100'),
    ]) {
      const filed = await archiveMessage(database.db, stack.tenant, {
        kind: 'reply',
        address: 'greta.mueller@kunde.example',
        content,
      });
      expect(filed.outcome).toBe('archived');
    }
    // A reply from an address no contact has: the parse worker leaves it on the manual list.
    const stored = await storeRawMessages(database.db, [
      {
        tenantId: stack.tenant,
        mailboxId: '00000000-0000-4000-8000-000000000001',
        folder: 'INBOX',
        uidValidity: 1,
        uid: 700,
        content: Buffer.from(
          'From: Lager <lager@werk-zwei.example>\r\nTo: rechnung@acme.example\r\nSubject: Re: Lieferung 88 für Hans\r\n' +
            `Date: Wed, 5 Mar 2025 08:00:00 +0100\r\nMessage-ID: <l88-${Date.now()}@werk-zwei.example>\r\n\r\n` +
            'Die Lieferung ist angekommen.\r\n',
        ),
      },
    ]);
    await recordParseOutcome(
      database.db,
      [],
      stored.map((s) => ({ id: s.id, error: 'not a bounce' })),
    );
  } finally {
    await database.close();
  }

  await page.getByRole('link', { name: 'Contacts' }).click();
  const search = page.getByRole('textbox', { name: 'Name, external id or address' });
  // Two letters find the names with a word that starts with them ("Müller", "Müller-Lind"), not "Ida Roth".
  await search.fill('mü');
  await page.keyboard.press('Enter');
  const results = page.getByTestId('contact');
  await expect(results).toHaveCount(2);
  await search.fill('MÜLLER');
  await page.keyboard.press('Enter');
  await expect(results).toHaveCount(2);
  const greta = results.filter({ hasText: 'CRM-7' });
  await expect(greta).toContainText('greta.mueller@kunde.example');
  await expect(greta).toContainText('1 address blocked');
  await expect(results.filter({ hasText: 'CRM-8' })).toContainText('active');
  await expectAccessible(page);
  await screenshot(page, 'contacts');

  await greta.getByRole('link', { name: 'Greta Müller-Lind' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Greta Müller-Lind' })).toBeVisible();
  const addresses = page.getByTestId('contact-address');
  const blocked = addresses.filter({ hasText: 'greta@privat.example' });
  await expect(blocked.getByText('blocked', { exact: true })).toBeVisible();
  await expect(blocked).toContainText('blocked by hand');
  await expect(addresses.filter({ hasText: 'greta.mueller@kunde.example' })).toContainText('primary');

  // The archive: newest first, filtered by subject, each original and attachment downloadable.
  const archived = page.getByTestId('archived-message');
  await expect(archived).toHaveCount(2);
  await expect(archived.first()).toContainText('Termin am Freitag');
  await page.getByRole('textbox', { name: 'Subject contains' }).fill('rechnung');
  await expect(archived).toHaveCount(1);
  await expect(archived).toContainText('greta.mueller@kunde.example');
  const eml = page.waitForEvent('download');
  await archived.getByRole('link', { name: 'Download .eml of Re: Ihre Rechnung 4711' }).click();
  const emlText = await (await eml).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(emlText).toContain('Subject: Re: Ihre Rechnung 4711');
  const part = page.waitForEvent('download');
  await archived.getByRole('link', { name: 'angebot.txt' }).click();
  expect((await part).suggestedFilename()).toBe('angebot.txt');
  // The date filter reads the messages' dates (3 and 4 March 2025), not when they were archived (today).
  await page.getByRole('textbox', { name: 'Subject contains' }).fill('');
  await page.getByLabel('From (date)').fill('2025-03-04');
  await expect(archived).toHaveCount(1);
  await expect(archived).toContainText('Termin am Freitag');
  await page.getByLabel('From (date)').fill('2999-01-01');
  await expect(archived).toHaveCount(0);
  await page.getByLabel('From (date)').fill('');
  await expect(archived).toHaveCount(2);

  // The suggested address: accepted after the confirmation, it becomes the primary one.
  const suggestion = page.getByTestId('suggestion');
  await expect(suggestion).toContainText('Meine neue Adresse lautet greta.lind@neu.example.');
  await suggestion.getByRole('button', { name: 'Accept greta.lind@neu.example' }).click();
  const accept = page.getByRole('dialog', { name: 'Accept' });
  await expect(accept.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await accept.getByRole('button', { name: 'Accept' }).click();
  await expect(suggestion).toContainText('accepted');
  await expect(addresses.filter({ hasText: 'greta.lind@neu.example' })).toContainText('primary');
  await expectAccessible(page);
  await screenshot(page, 'contact');

  // In German on a phone: the contact page's own words, and nothing wider than the window.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  for (const heading of ['Adressen', 'Vorgeschlagene neue Adressen', 'Archivierte E-Mails']) {
    await expect(page.getByRole('heading', { level: 3, name: heading, exact: true })).toBeVisible();
  }
  await expect(addresses.filter({ hasText: 'greta.lind@neu.example' })).toContainText('Hauptadresse');
  // The state badge and why the address is blocked, in German too.
  await expect(blocked.getByText('gesperrt', { exact: true })).toBeVisible();
  await expect(blocked).toContainText('von Hand gesperrt');
  await expect(suggestion).toContainText('übernommen');
  await expect(page.getByRole('link', { name: 'Zurück zur Suche' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the contact page is wider than a phone').toBeLessThanOrEqual(0);
  await screenshot(page, 'contact-de-phone');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await page.setViewportSize({ width: 1280, height: 860 });

  // GDPR erasure: asked first; Escape (keyboard) keeps everything, the confirmation erases.
  const erase = page.getByRole('button', { name: "Delete this contact's archive" });
  await erase.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete the archive (GDPR)' });
  await expect(dialog).toContainText('cannot be undone');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(archived).toHaveCount(2);
  await erase.click();
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 messages deleted.' })).toBeVisible();
  await expect(archived).toHaveCount(0);

  // The unmatched reply: found on the manual list, filed at the contact a person picks, then in its archive.
  await page.getByRole('link', { name: 'Manual processing' }).click();
  await page
    .getByTestId('manual-message')
    .filter({ hasText: 'Re: Lieferung 88 für Hans' })
    .getByRole('button', { name: 'View and act' })
    .click();
  const message = page.getByRole('dialog', { name: 'Message' });
  await message.getByRole('textbox', { name: 'Contact: name, external id or address' }).fill('hans');
  await expect(message.getByRole('button', { name: 'File at Hans Müller' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'manual-file-at-contact');
  await message.getByRole('button', { name: 'File at Hans Müller' }).click();
  await expect(message).toBeHidden();
  await expect(page.getByTestId('manual-message').filter({ hasText: 'Re: Lieferung 88' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('textbox', { name: 'Name, external id or address' }).fill('CRM-8');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Hans Müller' }).click();
  await expect(archived).toHaveCount(1);
  await expect(archived).toContainText('lager@werk-zwei.example');
  await expect(archived).toContainText('Re: Lieferung 88 für Hans');
});
