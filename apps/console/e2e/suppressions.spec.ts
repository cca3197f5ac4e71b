import { expect, expectAccessible, screenshot, test } from './fixtures';

test('import a suppression CSV after its dry-run preview, page and export the list, block a domain', async ({
  signedIn: page,
}) => {
  await page.getByRole('link', { name: 'Suppression list' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Suppression list' })).toBeVisible();
  const csv = 'address,detail\nold-1@import.example,left the company\nold-2@import.example,\nnot an address,\n';
  await page.getByRole('textbox', { name: 'CSV content' }).fill(csv);
  // Client-side check: the reason is required.
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  await expect(page.getByText('Required')).toBeVisible();
  await page.getByRole('textbox', { name: 'Where the list comes from' }).fill('old CRM export');
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  const result = page.getByTestId('import-result');
  await expect(result).toContainText('Preview, nothing changed: 2 to block, 0 already blocked, 1 invalid');
  await expect(result).toContainText('not an address');
  // Nothing imported by the preview.
  await page.getByLabel('Address starts with').fill('old-');
  await expect(page.getByTestId('suppression-table')).not.toContainText('old-1@import.example');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(result).toContainText('Imported: 2 to block');
  await expect(page.getByTestId('suppression-table')).toContainText('old-1@import.example');
  await expect(page.getByTestId('suppression-table')).toContainText('left the company');
  // Export: the CSV holds the imported addresses.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  const stream = await download.createReadStream();
  let text = '';
  for await (const chunk of stream) text += chunk;
  expect(text).toContain('old-2@import.example');
  // A domain block.
  await page.getByRole('textbox', { name: 'Domain' }).fill('spamtrap.example');
  await page.getByRole('textbox', { name: 'Reason' }).last().fill('known spam trap operator');
  await page.getByRole('button', { name: 'Block domain' }).click();
  await expect(page.getByText('spamtrap.example')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'suppressions');
});
