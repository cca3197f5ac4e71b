import { createWebhookDeliveries, failWebhookDelivery, openDatabase } from '@bounce/db';
import { expect, expectAccessible, screenshot, test } from './fixtures';

test('add a webhook (its secret shown once), rotate the secret, re-send a failed delivery, subscribe to digests, read the event log', async ({
  signedIn: page,
  seed,
  stack,
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
  // A delivery that failed for good (what the notification worker records after its last retry), re-sent.
  const events = await seed<{ items: { eventId: string; address: string | null }[] }>(
    'GET',
    '/v1/events?type=address.blocked&limit=100',
  );
  const eventId = events.items.find((e) => e.address === 'event@log.example')?.eventId ?? '';
  const hooks = await seed<{ items: { id: string; url: string }[] }>('GET', '/v1/webhooks');
  const subscriptionId = hooks.items.find((h) => h.url.endsWith('/hooks/bounces'))?.id ?? '';
  const database = openDatabase({ url: stack.databaseUrl, maxConnections: 1 });
  try {
    const [delivery] = await createWebhookDeliveries(database.db, {
      tenantId: stack.tenant,
      eventId,
      subscriptionIds: [subscriptionId],
    });
    expect(await failWebhookDelivery(database.db, delivery?.id ?? '', 'HTTP 503 after 8 attempts')).toBe(true);
  } finally {
    await database.close();
  }
  await page.getByRole('combobox', { name: 'State' }).selectOption('failed');
  const failed = page.getByRole('row').filter({ hasText: 'HTTP 503 after 8 attempts' });
  await expect(failed).toContainText('address.blocked · event@log.example');
  await failed.getByRole('button', { name: 'Re-send' }).click();
  await expect(page.getByText('Queued for re-sending.')).toBeVisible();
  await page.getByRole('combobox', { name: 'State' }).selectOption('pending');
  await expect(page.getByRole('row').filter({ hasText: 'event@log.example' })).toContainText('pending');
  // Operator e-mail digests: subscribe, pause, remove.
  await page.getByRole('textbox', { name: 'E-mail' }).fill('backoffice@acme.example');
  await page.getByRole('combobox', { name: 'Events from priority' }).selectOption('normal');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const subscription = page.getByTestId('operator-subscription').filter({ hasText: 'backoffice@acme.example' });
  await expect(subscription).toContainText('every event · receiving');
  await subscription.getByRole('button', { name: 'Pause' }).click();
  await expect(subscription).toContainText('paused');
  await expect(page.getByTestId('event').filter({ hasText: 'event@log.example' }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'notifications');
  await subscription.getByRole('button', { name: 'Remove' }).click();
  // Asked first (the shared confirm dialog), naming what is removed.
  const confirm = page.getByRole('dialog', { name: 'Remove' });
  await expect(confirm).toContainText('backoffice@acme.example');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(subscription).toBeHidden();
  // The webhook paused, then removed.
  const hook = page.getByTestId('webhook').filter({ hasText: '127.0.0.1:9/hooks/bounces' });
  await hook.getByRole('button', { name: 'Pause' }).click();
  await expect(hook).toContainText('paused');
  await hook.getByRole('button', { name: 'Remove' }).click();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(hook).toBeHidden();
});
