import { type MailServers, startMailServers } from '@bounce/test-servers';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures';

let servers: MailServers;
test.beforeAll(async () => {
  servers = await startMailServers();
});
test.afterAll(async () => {
  await servers?.stop();
});

async function openAddDialog(page: Page) {
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.getByRole('button', { name: 'Add mailbox' }).click();
  return page.getByRole('dialog', { name: 'Add mailbox' });
}

test('add a mailbox after its account test against the test Dovecot, test it again from the list, edit it, re-enable it', async ({
  signedIn: page,
  seed,
}) => {
  const dialog = await openAddDialog(page);
  // Client-side validation: nothing filled in.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Required').first()).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Bounces (test Dovecot)');
  await dialog.getByRole('textbox', { name: 'Host' }).fill(servers.host);
  await dialog.getByRole('textbox', { name: 'Port' }).fill(String(servers.imapsPort));
  await dialog.getByRole('checkbox', { name: 'Accept a self-signed certificate' }).check();
  await dialog.getByRole('textbox', { name: 'User name' }).fill(servers.bounceUser);
  // A wrong password first: the test says which step failed, and that sending waits for receiving.
  await dialog.getByRole('textbox', { name: 'Password' }).fill('wrong password');
  await dialog.getByRole('button', { name: 'Test account' }).click();
  await expect(dialog.getByText('Account test failed')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('receiving-steps')).toContainText('authentication: failed');
  await expect(dialog.getByTestId('sending-steps')).toContainText('skipped: not run: receiving failed');
  // No SMTP server in this flow (e2e/account-test.spec.ts has one): receiving is tested, sending says why not.
  await dialog.getByRole('textbox', { name: 'Password' }).fill(servers.bouncePassword);
  await dialog.getByRole('button', { name: 'Test account' }).click();
  await expect(dialog.getByText('Receiving works; sending was not tested')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('receiving-steps')).toContainText('authentication: ok');
  await expect(dialog.getByTestId('receiving-steps')).toContainText('folders: ok');
  await expect(dialog.getByTestId('sending-steps')).toContainText('not run: no SMTP server is configured');
  await expectAccessible(page);
  await screenshot(page, 'mailbox-test');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('mailbox').filter({ hasText: 'Bounces (test Dovecot)' });
  await expect(row).toContainText(`${servers.bounceUser}@${servers.host}:${servers.imapsPort}`);
  // The stored password is used by the saved mailbox's account test; no SMTP server: sending is not tested.
  await row.getByRole('button', { name: 'Test account' }).click();
  await expect(row.getByText('Receiving works; sending was not tested')).toBeVisible({ timeout: 60_000 });
  await expect(row.getByTestId('sending-steps')).toContainText('skipped: not run: no SMTP server is configured');
  await row.getByRole('button', { name: 'Fetch now' }).click();
  await expect(row.getByText('Fetch queued.')).toBeVisible();
  // Edit: a new name, manual fetching only; the password field left empty keeps the stored one.
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit' });
  await edit.getByRole('textbox', { name: 'Name', exact: true }).fill('Bounces (edited)');
  await edit.getByRole('textbox', { name: 'Fetch every (seconds)' }).fill('0');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  const edited = page.getByTestId('mailbox').filter({ hasText: 'Bounces (edited)' });
  await expect(edited).toContainText('manual only');
  await edited.getByRole('button', { name: 'Test account' }).click();
  await expect(edited.getByText('Receiving works; sending was not tested')).toBeVisible({ timeout: 60_000 });
  // Disabled (what the fetch worker does after repeated failures), then re-enabled from the console.
  const { items } = await seed<{ items: { id: string; name: string }[] }>('GET', '/v1/mailboxes');
  const id = items.find((m) => m.name === 'Bounces (edited)')?.id;
  await seed('POST', `/v1/mailboxes/${id}/disable`);
  await page.reload();
  await expect(edited.getByText(/^Disabled/)).toBeVisible();
  await edited.getByRole('button', { name: 'Re-enable' }).click();
  await expect(edited.getByText('Enabled again.')).toBeVisible();
  await expect(edited.getByRole('button', { name: 'Re-enable' })).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, 'mailboxes');
});

test('a POP3 mailbox: the account type switches ports and fields, the account test runs against the test Dovecot POP3 server, editing shows its settings', async ({
  signedIn: page,
  seed,
}) => {
  const dialog = await openAddDialog(page);
  const port = dialog.getByRole('textbox', { name: 'Port' });
  const encryption = dialog.getByRole('combobox', { name: 'Encryption' });
  const leaveCopy = dialog.getByRole('checkbox', { name: 'Leave a copy on the server' });
  await expect(port).toHaveValue('993');
  await expect(leaveCopy).toBeHidden();
  await dialog.getByRole('combobox', { name: 'Account type' }).selectOption('POP3');
  // The well-known ports follow the account type and the encryption; the folders of IMAP do not apply.
  await expect(port).toHaveValue('995');
  await expect(encryption.getByRole('option', { name: 'TLS (POP3S)' })).toBeAttached();
  await encryption.selectOption('STARTTLS');
  await expect(port).toHaveValue('110');
  await encryption.selectOption('TLS (POP3S)');
  await expect(port).toHaveValue('995');
  await expect(dialog.getByRole('textbox', { name: 'Folder to read' })).toBeHidden();
  await expect(leaveCopy).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Bounces (POP3)');
  await dialog.getByRole('textbox', { name: 'Host' }).fill(servers.host);
  await port.fill(String(servers.pop3sPort));
  await dialog.getByRole('checkbox', { name: 'Accept a self-signed certificate' }).check();
  await dialog.getByRole('textbox', { name: 'User name' }).fill(servers.bounceUser);
  await dialog.getByRole('textbox', { name: 'Password' }).fill(servers.bouncePassword);
  await dialog.getByRole('textbox', { name: 'Fetch every (seconds)' }).fill('0');
  await dialog.getByRole('button', { name: 'Test account' }).click();
  await expect(dialog.getByText('Receiving works; sending was not tested')).toBeVisible({ timeout: 60_000 });
  // POP3 has no folders: the step checks the maildrop (and UIDL, which tracks what was taken).
  await expect(dialog.getByTestId('receiving-steps')).toContainText(/folders: ok – maildrop has \d+ message/);
  await expectAccessible(page);
  await screenshot(page, 'mailbox-pop3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('mailbox').filter({ hasText: 'Bounces (POP3)' });
  await expect(row).toContainText(`POP3 · ${servers.bounceUser}@${servers.host}:${servers.pop3sPort}`);
  await expect(row).toContainText('copy left on the server');

  // Edited: the dialog shows the POP3 settings as stored; the copy is no longer left on the server.
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit' });
  await expect(edit.getByRole('combobox', { name: 'Account type' })).toHaveValue('pop3');
  await expect(edit.getByRole('textbox', { name: 'Port' })).toHaveValue(String(servers.pop3sPort));
  await expect(edit.getByRole('textbox', { name: 'Folder to read' })).toBeHidden();
  await expect(edit.getByRole('checkbox', { name: 'Leave a copy on the server' })).toBeChecked();
  await edit.getByRole('checkbox', { name: 'Leave a copy on the server' }).uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('deleted from the server after processing');
  const { items } = await seed<{ items: { name: string; protocol: string; leaveOnServer: boolean }[] }>(
    'GET',
    '/v1/mailboxes',
  );
  expect(items.find((m) => m.name === 'Bounces (POP3)')).toMatchObject({ protocol: 'pop3', leaveOnServer: false });
  // The saved POP3 mailbox is tested from its row with its stored password.
  await row.getByRole('button', { name: 'Test account' }).click();
  await expect(row.getByTestId('receiving-steps')).toContainText('authentication: ok', { timeout: 60_000 });
});
