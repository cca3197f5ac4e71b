import { expect, expectAccessible, screenshot, test } from './fixtures';

test('add a webhook (its secret shown once), rotate the secret, read the event log', async ({
  signedIn: page,
  seed,
}) => {
  // An operator action that emits an event (address.blocked) for the log.
  await seed('POST', '/v1/addresses/event%40log.example/block', { reason: 'asked to be removed' });
  await page.getByRole('link', { name: 'Notifications' }).click();
  await page.getByRole('textbox', { name: 'Webhook URL' }).fill('not a url');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByText('An http(s) URL')).toBeVisible();
  await page.getByRole('textbox', { name: 'Webhook URL' }).fill('http://127.0.0.1:9/hooks/bounces');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const secret = page.getByTestId('webhook-secret');
  await expect(secret).not.toBeEmpty();
  const first = await secret.textContent();
  await page
    .getByTestId('webhook')
    .filter({ hasText: '127.0.0.1:9/hooks/bounces' })
    .getByRole('button', { name: 'Rotate secret' })
    .click();
  await expect(secret).not.toHaveText(first ?? '');
  await expect(page.getByTestId('event').filter({ hasText: 'event@log.example' }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'notifications');
});
