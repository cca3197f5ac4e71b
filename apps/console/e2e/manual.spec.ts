import { openDatabase, recordParseOutcome, storeRawMessages } from '@bounce/db';
import { expect, expectAccessible, screenshot, test } from './fixtures';

/** A bounce that names no recipient: the parse worker files it for a person. */
function bounceWithoutRecipient(n: number): Buffer {
  return Buffer.from(
    `From: MAILER-DAEMON@mx${n}.example\r\nTo: bounces@acme.example\r\nSubject: Undelivered Mail Returned to Sender ${n}\r\n` +
      `Date: Mon, 3 Mar 2025 12:00:00 +0000\r\nMessage-ID: <nr${n}-${Date.now()}@mx.example>\r\n\r\n` +
      'Your message could not be delivered to one or more recipients.\r\n',
  );
}

test('assign a manual-processing message to a recipient; mark others as not a bounce in bulk', async ({
  signedIn: page,
  stack,
}) => {
  // What the fetch worker stores and the parse worker files for manual processing.
  const database = openDatabase({ url: stack.databaseUrl, maxConnections: 1 });
  try {
    const stored = await storeRawMessages(
      database.db,
      [1, 2, 3].map((n) => ({
        tenantId: stack.tenant,
        mailboxId: '00000000-0000-4000-8000-000000000001',
        folder: 'INBOX',
        uidValidity: 1,
        uid: 500 + n,
        content: bounceWithoutRecipient(n),
      })),
    );
    await recordParseOutcome(
      database.db,
      [],
      stored.map((s) => ({ id: s.id, error: 'bounce without a recipient' })),
    );
  } finally {
    await database.close();
  }
  await page.getByRole('link', { name: 'Manual processing' }).click();
  const first = page.getByTestId('manual-message').filter({ hasText: 'Returned to Sender 1' });
  await expect(first).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'manual');
  await first.getByRole('button', { name: 'View and act' }).click();
  const dialog = page.getByRole('dialog', { name: 'Message' });
  await expect(dialog.getByText('Your message could not be delivered')).toBeVisible();
  // Client-side check of the address, then the assignment.
  await dialog.getByRole('textbox', { name: 'Recipient address' }).fill('not-an-address');
  await dialog.getByRole('button', { name: 'Assign' }).click();
  await expect(dialog.getByText('Not an e-mail address')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Recipient address' }).fill('lost@customer.example');
  await dialog.getByRole('button', { name: 'Assign' }).click();
  await expect(dialog).toBeHidden();
  await expect(first).toBeHidden();
  // The assigned hard bounce blocked the address.
  await page.getByRole('link', { name: 'Addresses' }).click();
  await page.getByLabel('Address or domain').fill('lost@customer.example');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('why-blocked')).toBeVisible();
  // Bulk: the other two are not bounces.
  await page.getByRole('link', { name: 'Manual processing' }).click();
  await page.getByRole('checkbox', { name: 'Select Undelivered Mail Returned to Sender 2' }).check();
  await page.getByRole('checkbox', { name: 'Select Undelivered Mail Returned to Sender 3' }).check();
  await page.getByRole('button', { name: 'Not a bounce (2)' }).click();
  await expect(page.getByText('2 of 2 done.')).toBeVisible();
  await expect(page.getByTestId('manual-message').filter({ hasText: 'Returned to Sender' })).toHaveCount(0);
});
