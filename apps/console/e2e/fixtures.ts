/**
 * What every browser test uses: the running stack (e2e/stack.ts), a page signed in as the console admin, the
 * API with the admin key for seeding, an axe-core check (no serious or critical violations) and screenshots
 * saved under test-results/screenshots.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readStack, type StackInfo } from './stack';

export { expect };

export const SCREENSHOT_DIR = new URL('../test-results/screenshots/', import.meta.url).pathname;

type Fixtures = {
  stack: StackInfo;
  /** Calls the API with the admin key (seeding what the flows need). */
  seed: <T = unknown>(method: string, path: string, body?: unknown, contentType?: string) => Promise<T>;
  signedIn: Page;
};

export async function signIn(page: Page, stack: StackInfo): Promise<void> {
  await page.goto(`${stack.baseUrl}/console/`);
  await page.getByLabel('E-mail').fill(stack.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(stack.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // exact: the sign-in page's own heading ("Bounce console – Sign in") contains the name too; waiting for it let a test go
  // on (and reload the page) while the sign-in request was still in flight, which then never set the cookie.
  await expect(page.getByRole('heading', { level: 1, name: 'Bounce console', exact: true })).toBeVisible();
}

/** axe-core on the page as it is: serious and critical violations fail the test, listed by rule and target. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join('; ')})`,
    ),
    'axe-core serious/critical violations',
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  stack: async ({}, use) => use(readStack()),
  seed: async ({ stack }, use) => {
    await use(async (method, path, body, contentType = 'application/json') => {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.apiKey}`,
          ...(body !== undefined ? { 'content-type': contentType } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    });
  },
  signedIn: async ({ page, stack }, use) => {
    await signIn(page, stack);
    await use(page);
  },
});
