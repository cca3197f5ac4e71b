import { expect, expectAccessible, screenshot, test } from './fixtures';

test('change the soft-bounce threshold after previewing how many addresses it would block', async ({
  signedIn: page,
  seed,
}) => {
  // One address with one soft bounce: a threshold of 1 would block it.
  const sentAt = new Date().toISOString();
  await seed('POST', '/v1/sends', { externalId: 'full-1', recipient: 'full@mailbox.example', sentAt });
  await seed('POST', '/v1/rejections', {
    externalId: 'full-1',
    occurredAt: sentAt,
    replyCode: 452,
    enhancedStatus: '4.2.2',
    text: '452 4.2.2 <full@mailbox.example>: Mailbox full',
  });
  await page.getByRole('link', { name: 'Rules' }).click();
  const threshold = page.getByRole('textbox', { name: 'Soft bounces in a row before escalation' });
  await expect(threshold).toHaveValue('5');
  // Client-side validation.
  await threshold.fill('0');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await expect(page.getByText('A whole number of at least 1')).toBeVisible();
  await threshold.fill('1');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  const preview = page.getByTestId('rule-preview');
  await expect(preview).toContainText(/[1-9]\d* addresses would be blocked/);
  await expect(preview).toContainText('softBounceThreshold: 5 → 1');
  await expectAccessible(page);
  await screenshot(page, 'rules');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Soft bounces in a row before escalation' })).toHaveValue('1');
});
