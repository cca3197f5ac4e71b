/**
 * The tenant's SMTP server set up on the Mailboxes page (validation, the password never shown back), then the account
 * test, in the add dialog before saving and on the saved mailbox in one click: receiving against the test Dovecot,
 * then a test message sent through that SMTP server (the test Postfix's submission service, SASL by Dovecot) and
 * found in the mailbox.
 */
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { expect, expectAccessible, screenshot, test } from './fixtures';

let servers: MailServers;
test.beforeAll(async () => {
  servers = await startMailServers({ submission: true });
});
test.afterAll(async () => {
  await servers?.stop();
});

test('the SMTP server set up on the Mailboxes page, then the account test in the add dialog and of the saved mailbox: receiving, then sending with the message found', async ({
  signedIn: page,
  seed,
}) => {
  try {
    await page.getByRole('link', { name: 'Mailboxes' }).click();
    const section = page.getByTestId('smtp-server');
    await expect(section.getByTestId('smtp-server-summary')).toHaveText('No SMTP server set up for this tenant.');
    await section.getByRole('button', { name: 'Set up SMTP server' }).click();
    const dialog = page.getByRole('dialog', { name: 'SMTP server for the account test' });
    // Client-side validation: nothing filled in, then a sender that is not an address.
    await dialog.getByRole('textbox', { name: 'Host' }).fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Required').first()).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Sender (From)' }).fill('Bounces <not an address>');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('An address, or a name and an address in <>')).toBeVisible();
    const submission = servers.submission!;
    await dialog.getByRole('textbox', { name: 'Host' }).fill(servers.host);
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(submission.starttlsPort));
    await dialog.getByRole('checkbox', { name: 'Accept a self-signed certificate' }).check();
    await dialog.getByRole('textbox', { name: 'User name' }).fill(servers.bounceUser);
    await dialog.getByRole('textbox', { name: 'Password' }).fill(servers.bouncePassword);
    await dialog.getByRole('textbox', { name: 'Sender (From)' }).fill(`Bounce test <${servers.bounceAddress}>`);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const summary = section.getByTestId('smtp-server-summary');
    await expect(summary).toContainText(`${servers.host}:${submission.starttlsPort} · STARTTLS`);
    await expect(summary).toContainText(`Password: ${servers.bounceUser} · password stored`);
    await expect(section).not.toContainText(servers.bouncePassword);
    // Edited: the password is never shown back; a new port without it is refused by the API, said at the field.
    await section.getByRole('button', { name: 'Edit SMTP server' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Password' })).toHaveValue('');
    await expect(dialog.getByText(/A password is stored/)).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(submission.implicitTlsPort));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText(/required when changing port/).first()).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(summary).toContainText(`:${submission.starttlsPort} · STARTTLS`);

    // The add dialog's test, before saving: receiving and sending with the settings as typed.
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const add = page.getByRole('dialog', { name: 'Add mailbox' });
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Account test');
    await add.getByRole('textbox', { name: 'Host' }).fill(servers.host);
    await add.getByRole('textbox', { name: 'Port' }).fill(String(servers.imapsPort));
    await add.getByRole('checkbox', { name: 'Accept a self-signed certificate' }).check();
    await add.getByRole('textbox', { name: 'User name' }).fill(servers.bounceUser);
    await add.getByRole('textbox', { name: 'Password' }).fill(servers.bouncePassword);
    await add.getByRole('textbox', { name: 'Fetch every (seconds)' }).fill('0');
    await add
      .getByRole('textbox', { name: 'Address of this mailbox (for the sending test)' })
      .fill(servers.bounceAddress);
    await add.getByRole('button', { name: 'Test account' }).click();
    const tested = add.getByTestId('account-test');
    await expect(tested).toContainText('Account works: receiving and sending', { timeout: 90_000 });
    await expect(tested.getByTestId('receiving-steps')).toContainText('folders: ok');
    await expect(tested.getByTestId('sending-steps')).toContainText(/delivery: ok – found in INBOX after \d+ ms/);
    expect(await servers.countMessages()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'mailbox-dialog-account-test');
    await add.getByRole('button', { name: 'Save' }).click();
    await expect(add).toBeHidden();

    const row = page.getByTestId('mailbox').filter({ hasText: 'Account test' });
    // Live progress. The browser cannot hand a streamed body to the test, so the page keeps a copy (tee) of the
    // account test's answer as the console reads it, and notes whether a step line and a spinner were on screen
    // while the test still ran (no result yet).
    await page.addInitScript(() => {
      const copy = { body: '', contentType: '' };
      (window as unknown as { accountTestAnswer: typeof copy }).accountTestAnswer = copy;
      const original = window.fetch;
      window.fetch = async (...args) => {
        const response = await original(...args);
        const url = args[0] instanceof Request ? args[0].url : String(args[0]);
        if (!url.endsWith('/account-test') || !response.body) return response;
        const [forPage, forTest] = response.body.tee();
        copy.contentType = response.headers.get('content-type') ?? '';
        void new Response(forTest).text().then((text) => {
          copy.body = text;
        });
        const { status, statusText, headers } = response;
        return new Response(forPage, { status, statusText, headers });
      };
    });
    await page.reload();
    await row.evaluate((element) => {
      const seen = { stepWhileRunning: false, spinnerWhileRunning: false };
      (window as unknown as { accountTestSeen: typeof seen }).accountTestSeen = seen;
      new MutationObserver(() => {
        const running = element.querySelector('[data-testid="account-test"][data-state="running"]');
        if (running?.querySelector('[data-testid="receiving-steps"] li')) seen.stepWhileRunning = true;
        if (running?.querySelector('[data-testid="part-running"]')) seen.spinnerWhileRunning = true;
      }).observe(element, { subtree: true, childList: true, attributes: true });
    });
    // The user name is not an address: the operator says where the test message goes.
    await row
      .getByRole('textbox', { name: 'Address of this mailbox (for the sending test)' })
      .fill(servers.bounceAddress);
    await row.getByRole('button', { name: 'Test account' }).click();
    const panel = row.getByTestId('account-test');
    await expect(panel).toContainText('Account works: receiving and sending', { timeout: 90_000 });
    const answer = await page.waitForFunction(() => {
      const copy = (window as unknown as { accountTestAnswer: { body: string; contentType: string } })
        .accountTestAnswer;
      return copy.body ? copy : null;
    });
    const { body, contentType } = (await answer.jsonValue()) as { body: string; contentType: string };
    expect(contentType).toContain('application/x-ndjson');
    const lines = body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const result = lines.at(-1);
    expect(result.type).toBe('result');
    // Every step was streamed before the result, in its order; the list shown is the result's.
    type Step = { step: string; status: string; message: string };
    const stepsOf = (steps: Step[]) => steps.map((s) => `${s.step}: ${s.status} – ${s.message}`);
    expect(stepsOf(lines.slice(0, -1))).toEqual(stepsOf([...result.receiving.steps, ...result.sending.steps]));
    for (const [part, steps] of [
      ['receiving-steps', result.receiving.steps],
      ['sending-steps', result.sending.steps],
    ] as const) {
      const shown = await panel.getByTestId(part).getByRole('listitem').allTextContents();
      expect(shown.map((text) => text.replace(/ \(\d+ ms\)$/, ''))).toEqual(stepsOf(steps));
    }
    const seen = await page.evaluate(() => (window as unknown as { accountTestSeen: object }).accountTestSeen);
    expect(seen).toEqual({ stepWhileRunning: true, spinnerWhileRunning: true });
    for (const step of ['dns', 'tcp', 'tls', 'authentication', 'folders']) {
      await expect(panel.getByTestId('receiving-steps')).toContainText(`${step}: ok`);
    }
    const sending = panel.getByTestId('sending-steps');
    for (const step of ['connect', 'tls', 'authentication', 'send', 'delivery']) {
      await expect(sending).toContainText(`${step}: ok`);
    }
    await expect(sending).toContainText(/found in INBOX after \d+ ms, then deleted/);
    await expect(panel).toContainText(`Sending → ${servers.bounceAddress}`);
    expect(await servers.countMessages()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'account-test');
    await section.getByRole('button', { name: 'Remove SMTP server' }).click();
    await expect(summary).toHaveText('No SMTP server set up for this tenant.');
  } finally {
    // The other flows run without an SMTP server (their account tests skip sending).
    await seed('DELETE', '/v1/smtp-server').catch(() => undefined);
  }
});
