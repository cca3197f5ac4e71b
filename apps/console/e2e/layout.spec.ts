import { expect, expectAccessible, screenshot, signIn, test } from './fixtures';

const PAGES = [
  'Overview',
  'Addresses',
  'Contacts',
  'Suppression list',
  'Manual processing',
  'Mailboxes',
  'Rules',
  'Notifications',
  'Sender health',
  'Activity',
  'Accounts',
];

test.describe('on a phone-sized window', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('every page fits the width (no horizontal scrolling) and the menu works from the keyboard', async ({
    page,
    stack,
  }) => {
    await signIn(page, stack);
    for (const name of PAGES) {
      await page.getByRole('button', { name: 'Menu' }).focus();
      await page.keyboard.press('Enter');
      const link = page.getByRole('link', { name, exact: true });
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
    }
    await expectAccessible(page);
    await screenshot(page, 'phone-notifications');
  });
});
