import { expect, test } from './fixtures';

test('a session that ends while typing shows the sign-in over the page and keeps what was typed', async ({
  signedIn: page,
  stack,
}) => {
  await page.getByRole('link', { name: 'Suppression list' }).click();
  const csv = page.getByRole('textbox', { name: 'CSV content' });
  await csv.fill('address\nkept@typed.example\n');
  await page.getByRole('textbox', { name: 'Where the list comes from' }).fill('typed before the session ended');
  // The session ends (cookie gone, as after the idle timeout).
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in' });
  await expect(dialog.getByText('Your session ended')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(stack.email);
  await dialog.getByRole('textbox', { name: 'Password' }).fill(stack.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  // Still there, and the form works with the new session.
  await expect(csv).toHaveValue('address\nkept@typed.example\n');
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  await expect(page.getByTestId('import-result')).toContainText('1 to block');
});
