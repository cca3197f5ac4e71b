import { openDatabase, recordSenderDiagnosis } from '@bounce/db';
import { createDnsClient, diagnoseSenderRejection, senderEvidenceFromBounce } from '@bounce/sender-health';
import { expect, expectAccessible, screenshot, test } from './fixtures';

/** A Postfix DSN: Outlook refused our mail from 203.0.113.6, which bl.dnsbl.test lists (the scenario zones). */
const REJECTION = `Return-Path: <>
Date: Mon, 30 Nov 2026 10:00:05 +0000
From: MAILER-DAEMON@mail.good.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces+t1@good.test
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

<alice@outlook.com>: host outlook-com.olc.protection.outlook.com[52.101.42.17] said: 550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.good.test

Final-Recipient: rfc822; alice@outlook.com
Action: failed
Status: 5.7.1
Remote-MTA: dns; outlook-com.olc.protection.outlook.com
Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test

--b1
Content-Type: text/rfc822-headers

Return-Path: <bounces+t1@good.test>
From: Billing <billing@good.test>
To: alice@outlook.com
Subject: Invoice
Message-ID: <invoice-1@good.test>

--b1--
`;

test('sender alerts with their evidence in both languages, and a watched sending setup', async ({
  signedIn: page,
  stack,
}) => {
  // What the notification worker records for a diagnosed rejection: the real diagnosis through the test DNS.
  const [evidence] = senderEvidenceFromBounce(REJECTION);
  if (!evidence) throw new Error('the sample rejection is not sender-side');
  const [host, port] = stack.dnsServer.split(':');
  const diagnosis = await diagnoseSenderRejection(
    createDnsClient({ servers: [`${host}:${port}`], timeoutMs: 2000, tries: 2 }),
    evidence,
    { dnsbls: [{ zone: 'bl.dnsbl.test', name: 'Test BL' }] },
  );
  const database = openDatabase({ url: stack.databaseUrl, maxConnections: 1 });
  try {
    for (const bounceId of ['01a24cb0-3e27-7db1-95b3-10fb6966e0d6', '01a24cb0-3e27-7db1-95b3-10fb6966e0d7']) {
      await recordSenderDiagnosis(database.db, stack.tenant, {
        bounceId,
        groupKey: diagnosis.groupKey,
        providerId: diagnosis.provider.id,
        providerName: diagnosis.provider.name,
        cause: diagnosis.cause,
        subject: diagnosis.subject,
        occurredAt: new Date('2026-11-30T10:00:00Z'),
        diagnosis: JSON.parse(JSON.stringify(diagnosis)) as Record<string, unknown>,
        fingerprint: 'f',
        nextCheckAt: null,
        checkedAt: new Date(diagnosis.checkedAt),
      });
    }
  } finally {
    await database.close();
  }

  await page.getByRole('link', { name: 'Sender health' }).click();
  const alert = page.getByTestId('sender-alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('203.0.113.6');
  await expect(alert).toContainText('Microsoft');
  await expect(alert).toContainText('2 bounces');
  await expect(alert.getByTestId('actions')).toContainText('https://dnsbl.test/lookup?ip=203.0.113.6');
  await alert.getByRole('button', { name: 'Evidence and checks' }).click();
  await expect(alert.getByTestId('evidence')).toContainText('blocked using bl.dnsbl.test');
  await expect(alert.getByTestId('checks')).toContainText('spam trap hits');
  await expectAccessible(page);
  await screenshot(page, 'sender-alerts');

  // German: the same alert in the operator's language.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('heading', { level: 2, name: 'Absender-Zustand' })).toBeVisible();
  await expect(alert).toContainText('2 Bounces');
  await expect(alert.getByTestId('actions')).toContainText('dnsbl.test/lookup');
  await expect(alert.getByTestId('checks')).toContainText(diagnosis.checks[0]?.findings[0]?.text.de ?? '');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');

  // Watch a sending setup: its first report is shown at once.
  const form = page.getByRole('form', { name: 'Watch setup' });
  await form.getByRole('button', { name: 'Watch setup' }).click();
  await expect(form.getByText('Required').first()).toBeVisible();
  await form.getByRole('textbox', { name: 'Sending domain' }).fill('notcovered.test');
  await form.getByRole('textbox', { name: 'Sending IPs' }).fill('203.0.113.6, 203.0.113.7');
  await form.getByRole('textbox', { name: 'DKIM selectors' }).fill('s1');
  await form.getByRole('button', { name: 'Watch setup' }).click();
  const setup = page.getByTestId('watched-setup').filter({ hasText: 'notcovered.test' });
  await expect(setup).toContainText('fail');
  await expect(setup).toContainText('203.0.113.6, 203.0.113.7');
  await setup.getByRole('button', { name: 'Evidence and checks' }).click();
  await expect(setup.getByTestId('report-summary')).toContainText('No PTR for 203.0.113.7');
  await expectAccessible(page);
  await screenshot(page, 'sender-setups');

  // An operator closes the alert; it stays listed under closed ones.
  await alert.getByRole('button', { name: 'Close alert' }).click();
  await expect(page.getByText('Alert closed.')).toBeVisible();
  await expect(page.getByTestId('sender-alert')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'State' }).selectOption('closed');
  await expect(page.getByTestId('sender-alert')).toContainText('Closed by an operator');

  await setup.getByRole('button', { name: 'Stop watching' }).click();
  await page.getByRole('dialog', { name: 'Stop watching' }).getByRole('button', { name: 'Stop watching' }).click();
  await expect(page.getByTestId('watched-setup')).toHaveCount(0);
});
