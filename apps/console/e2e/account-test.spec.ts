/**
 * The account test of a saved mailbox in one click: receiving against the test Dovecot, then a test message sent
 * through the tenant's SMTP server (the test Postfix on loopback) and found in that mailbox.
 */
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { expect, expectAccessible, screenshot, test } from './fixtures';

let servers: MailServers;
test.beforeAll(async () => {
  servers = await startMailServers();
});
test.afterAll(async () => {
  await servers?.stop();
});

test('the account test checks receiving, then sending with a test message found in the mailbox', async ({
  signedIn: page,
  seed,
}) => {
  await seed('POST', '/v1/mailboxes', {
    name: 'Account test',
    host: servers.host,
    port: servers.imapsPort,
    tlsMode: 'implicit',
    tlsAllowInvalid: true,
    username: servers.bounceUser,
    secret: servers.bouncePassword,
    pollIntervalSeconds: 0,
  });
  // Cleartext to the loopback relay, no login (the SMTP server screen's own test covers the other settings).
  await seed('PUT', '/v1/smtp-server', {
    host: servers.host,
    port: servers.smtpPort,
    tlsMode: 'none',
    authMethod: 'none',
    fromAddress: `Bounce system <system@${servers.domain}>`,
  });
  try {
    await page.getByRole('link', { name: 'Mailboxes' }).click();
    const row = page.getByTestId('mailbox').filter({ hasText: 'Account test' });
    // The user name is not an address: the operator says where the test message goes.
    await row
      .getByRole('textbox', { name: 'Address of this mailbox (for the sending test)' })
      .fill(servers.bounceAddress);
    await row.getByRole('button', { name: 'Test account' }).click();
    const panel = row.getByTestId('account-test');
    await expect(panel).toContainText('Account works: receiving and sending', { timeout: 90_000 });
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
  } finally {
    await seed('DELETE', '/v1/smtp-server');
  }
});
