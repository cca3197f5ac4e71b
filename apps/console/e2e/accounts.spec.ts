import { expect, expectAccessible, screenshot, test } from './fixtures';

test('create an account (first password shown once), change its role, disable it; the last admin stays; the activity page says who did it', async ({
  signedIn: page,
  stack,
  seed,
}) => {
  await page.getByRole('link', { name: 'Accounts' }).click();
  const form = page.getByRole('form', { name: 'Create account' });
  // Client-side validation first.
  await form.getByRole('textbox', { name: 'E-mail' }).fill('not-an-address');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByText('Not an e-mail address')).toBeVisible();
  await form.getByRole('textbox', { name: 'E-mail' }).fill('vera@acme.example');
  await form.getByRole('textbox', { name: 'Name (optional)' }).fill('Vera Viewer');
  await form.getByRole('combobox', { name: 'Role' }).selectOption('viewer');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('initial-password')).toHaveText(/\S{12,}/);
  const vera = page.getByTestId('account').filter({ hasText: 'vera@acme.example' });
  await expect(vera.getByRole('combobox', { name: 'Role of vera@acme.example' })).toHaveValue('viewer');
  // The same e-mail again: the API's conflict is shown.
  await form.getByRole('textbox', { name: 'E-mail' }).fill('vera@acme.example');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('already exists');

  await vera.getByRole('combobox', { name: 'Role of vera@acme.example' }).selectOption('operator');
  await vera.getByRole('button', { name: 'Disable vera@acme.example' }).click();
  // Asked first (the shared confirm dialog): Cancel is focused, the action is named.
  const confirm = page.getByRole('dialog', { name: 'Disable' });
  await expect(confirm).toContainText('vera@acme.example');
  await confirm.getByRole('button', { name: 'Disable' }).click();
  await expect(vera.getByRole('button', { name: 'Enable vera@acme.example' })).toBeVisible();
  await expect(vera.getByRole('combobox', { name: 'Role of vera@acme.example' })).toHaveValue('operator');
  // The only enabled admin cannot demote or disable themselves.
  const self = page.getByTestId('account').filter({ hasText: stack.email });
  await self.getByRole('combobox', { name: `Role of ${stack.email}` }).selectOption('viewer');
  await expect(self.getByRole('alert')).toContainText(/admin/i);
  await expect(self.getByRole('combobox', { name: `Role of ${stack.email}` })).toHaveValue('admin');
  await expectAccessible(page);
  await screenshot(page, 'accounts');

  // Activity: who created and changed the account, by name; the address decisions with their reasons.
  await seed('POST', '/v1/addresses/audited%40acme.example/block', { reason: 'asked by phone to stop mail' });
  await page.getByRole('link', { name: 'Activity' }).click();
  const olga = `Olga Ops <${stack.email}>`;
  await page.getByRole('combobox', { name: 'Who' }).first().selectOption({ label: olga });
  const changes = page.getByTestId('activity-table');
  await expect(changes.getByTestId('activity').filter({ hasText: 'POST /v1/operators' })).toContainText(olga);
  // What was changed: the account by its name and e-mail, not its id.
  const patched = changes.getByTestId('activity').filter({ hasText: 'PATCH /v1/operators/:id' }).first();
  await expect(patched.getByTestId('activity-target')).toHaveText('Vera Viewer <vera@acme.example>');
  await expect(patched).toContainText(olga);
  await page.getByRole('textbox', { name: 'Address' }).fill('audited@acme.example');
  await expect(page.getByTestId('audit-table').getByTestId('audit')).toContainText('asked by phone to stop mail');
  await expectAccessible(page);
  await screenshot(page, 'activity');
});
