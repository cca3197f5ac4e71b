import { expect, expectAccessible, screenshot, test } from './fixtures';

test.describe('sign-in and overview', () => {
  test('a wrong password is refused at the form; the right one opens the overview', async ({ page, stack }) => {
    await page.goto(`${stack.baseUrl}/console/`);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    // Client-side validation first: nothing typed.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Required').first()).toBeVisible();
    await page.getByLabel('E-mail').fill(stack.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('E-mail or password is wrong');
    await page.getByRole('textbox', { name: 'Password' }).fill(stack.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Overview' })).toBeVisible();
  });

  test('the overview charts bounces by class with data from the API', async ({ signedIn: page, seed }) => {
    // A send and its synchronous hard rejection: one hard bounce today.
    const sentAt = new Date().toISOString();
    await seed('POST', '/v1/sends', { externalId: 'chart-1', recipient: 'chart@example.org', sentAt });
    await seed('POST', '/v1/rejections', {
      externalId: 'chart-1',
      occurredAt: sentAt,
      replyCode: 550,
      enhancedStatus: '5.1.1',
      text: '550 5.1.1 <chart@example.org>: Recipient address rejected: User unknown',
    });
    await page.reload();
    const byClass = page.getByRole('img', { name: /Bounces by class: [1-9]\d* bounces/ });
    await expect(byClass).toBeVisible();
    await expect(byClass.locator('canvas')).toBeVisible();
    await expect(page.getByTestId('series-totals').first()).toContainText(/hard: [1-9]/);
    await expectAccessible(page);
    await screenshot(page, 'overview');
    // German, switched in the header; the choice is kept across reloads.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await expect(page.getByRole('heading', { level: 2, name: 'Übersicht' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'Übersicht' })).toBeVisible();
  });
});
