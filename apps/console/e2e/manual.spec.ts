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

/**
 * A DSN the parser reads today, filed for a person by an older parser (what "re-parse after a parser upgrade" is
 * for).
 */
function dsnFiledByOldParser(): Buffer {
  const boundary = 'dsn-boundary';
  return Buffer.from(
    `From: MAILER-DAEMON@mx9.example\r\nTo: bounces@acme.example\r\nSubject: Delivery Status Notification (Failure)\r\n` +
      `Date: Mon, 3 Mar 2025 12:00:00 +0000\r\nMessage-ID: <dsn-${Date.now()}@mx9.example>\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\nContent-Type: text/plain\r\n\r\nDelivery to reparse@customer.example failed.\r\n` +
      `--${boundary}\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx9.example\r\n\r\n` +
      'Final-Recipient: rfc822; reparse@customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n' +
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n' +
      `--${boundary}--\r\n`,
  );
}

test('assign a manual-processing message to a recipient and read it at the address; re-parse one; mark others as not a bounce in bulk', async ({
  signedIn: page,
  stack,
}) => {
  // What the fetch worker stores and the parse worker files for manual processing.
  const database = openDatabase({ url: stack.databaseUrl, maxConnections: 1 });
  try {
    const stored = await storeRawMessages(
      database.db,
      [1, 2, 3, 4].map((n) => ({
        tenantId: stack.tenant,
        mailboxId: '00000000-0000-4000-8000-000000000001',
        folder: 'INBOX',
        uidValidity: 1,
        uid: 500 + n,
        content: n === 4 ? dsnFiledByOldParser() : bounceWithoutRecipient(n),
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
  // The bounce's returned message, readable from the address.
  await page.getByRole('button', { name: 'Show message' }).click();
  const raw = page.getByRole('dialog', { name: 'The returned message' });
  await expect(raw).toContainText('Undelivered Mail Returned to Sender 1');
  await expect(raw).toContainText('Your message could not be delivered');
  await expect(raw).toContainText('From: MAILER-DAEMON@mx1.example');
  await expectAccessible(page);
  await screenshot(page, 'address-raw-message');
  await raw.getByRole('button', { name: 'Close' }).click();
  // Re-parse: today's parser finds the recipient the old one missed.
  await page.getByRole('link', { name: 'Manual processing' }).click();
  await page
    .getByTestId('manual-message')
    .filter({ hasText: 'Delivery Status Notification' })
    .getByRole('button', { name: 'View and act' })
    .click();
  const dsn = page.getByRole('dialog', { name: 'Message' });
  await dsn.getByRole('button', { name: 'Re-parse' }).click();
  await expect(dsn.getByTestId('reparse-result')).toContainText('with 1 recipient(s)');
  await dsn.getByRole('button', { name: 'Close' }).click();
  // Bulk: the other two are not bounces.
  await page.getByRole('link', { name: 'Manual processing' }).click();
  await page.getByRole('checkbox', { name: 'Select Undelivered Mail Returned to Sender 2' }).check();
  await page.getByRole('checkbox', { name: 'Select Undelivered Mail Returned to Sender 3' }).check();
  await page.getByRole('button', { name: 'Not a bounce (2)' }).click();
  await expect(page.getByText('2 of 2 done.')).toBeVisible();
  await expect(page.getByTestId('manual-message').filter({ hasText: 'Returned to Sender' })).toHaveCount(0);
});
