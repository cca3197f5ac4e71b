import { expect, expectAccessible, screenshot, test } from './fixtures';

// The stack's API signs mailboxes in at a loopback authorization server playing Microsoft and Google
// (e2e/stack.ts); its user consents at once when the browser arrives at Google's authorization page.
test('an OAuth mailbox is saved without a password and connected: Microsoft shows a link and a code, Google sends the browser there and back', async ({
  signedIn: page,
  stack,
}) => {
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.getByRole('button', { name: 'Add mailbox' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add mailbox' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Bounces (Microsoft 365)');
  await dialog.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'User name' }).fill('bounces@contoso.example');
  await dialog.getByRole('combobox', { name: 'Sign-in' }).selectOption('oauth2');
  // No password asked for, and no connection test before the sign-in.
  await expect(dialog.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Test account' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('mailbox').filter({ hasText: 'Bounces (Microsoft 365)' });
  const oauth = row.getByTestId('oauth');
  await expect(oauth).toContainText('Not connected yet');
  // Microsoft (device sign-in): the link and the code to enter there; the page watches the pending sign-in.
  await oauth.getByRole('button', { name: 'Connect with Microsoft 365' }).click();
  const device = oauth.getByTestId('device-sign-in');
  await expect(device.getByTestId('device-code')).toHaveText(/^[0-9A-F]{8}$/);
  const link = device.getByRole('link');
  await expect(link).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/activate$/);
  await expect(oauth).toContainText('Sign-in pending');
  await expectAccessible(page);
  await screenshot(page, 'mailbox-oauth-device');

  // Google (browser sign-in): to the provider and back to the API's callback, which connects the mailbox.
  await oauth.getByRole('button', { name: 'Connect with Google' }).click();
  await expect(page.getByRole('heading', { name: 'Mailbox connected' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/v1/oauth/callback');
  await page.goto(`${stack.baseUrl}/console/mailboxes`);
  const connected = page.getByTestId('mailbox').filter({ hasText: 'Bounces (Microsoft 365)' });
  await expect(connected.getByTestId('oauth')).toContainText('Connected');
  await expect(connected.getByTestId('oauth').getByTestId('device-sign-in')).toHaveCount(0);

  // German.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(connected.getByRole('button', { name: 'Mit Microsoft 365 verbinden' })).toBeVisible();
  await expect(connected.getByTestId('oauth')).toContainText('Verbunden');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
});
