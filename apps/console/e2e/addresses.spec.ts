import { expect, expectAccessible, screenshot, test } from './fixtures';

test('find a blocked address, see why, unblock it with a reason and undo that', async ({ signedIn: page, seed }) => {
  const sentAt = new Date().toISOString();
  await seed('POST', '/v1/sends', { externalId: 'gone-1', recipient: 'gone@blocked.example', sentAt });
  await seed('POST', '/v1/rejections', {
    externalId: 'gone-1',
    occurredAt: sentAt,
    replyCode: 550,
    enhancedStatus: '5.1.1',
    text: '550 5.1.1 <gone@blocked.example>: Recipient address rejected: User unknown in virtual mailbox table',
  });
  await page.getByRole('link', { name: 'Addresses' }).click();
  // A prefix lists matches; the address opens.
  await page.getByLabel('Address or domain').fill('@blocked.example');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'gone@blocked.example' }).click();
  await expect(page.getByTestId('why-blocked')).toContainText('hard bounce');
  await expect(page.getByRole('cell', { name: /hard \/ userunknown/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'address-blocked');
  // The reason is required (checked in the browser before any request).
  await page.getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByText('Required')).toBeVisible();
  await page.getByRole('textbox', { name: 'Reason' }).fill('customer confirmed the new mailbox');
  await page.getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByText('active', { exact: true })).toBeVisible();
  const unblock = page.getByTestId('decision').filter({ hasText: 'customer confirmed the new mailbox' });
  await expect(unblock).toBeVisible();
  // Undo the unblock: blocked again.
  await unblock.getByRole('button', { name: 'Undo' }).click();
  await unblock.getByRole('textbox', { name: 'Reason' }).fill('unblocked the wrong address');
  await unblock.locator('form').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('why-blocked')).toBeVisible();
});
