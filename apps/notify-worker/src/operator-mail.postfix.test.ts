/**
 * Operator e-mail through a real MTA: the test Postfix (from @bounce/test-servers) accepts the mail over SMTP and
 * delivers it into a Dovecot mailbox, where we read it back over IMAP, as an operator's mail client would.
 */
import { createOperatorSubscription } from '@bounce/db';
import { createMailer, type Mailer, sendTestMail } from '@bounce/mailer';
import { type MailServers, startMailServers } from '@bounce/test-servers';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.js';

const OPS_PASSWORD = 'ops-password';
let servers: MailServers;
let mailer: Mailer;
let h: Harness;

beforeAll(async () => {
  servers = await startMailServers({ users: [{ name: 'ops', password: OPS_PASSWORD }] });
  mailer = createMailer({
    host: servers.host,
    port: servers.smtpPort,
    secure: false,
    from: `Bounce <${servers.bounceAddress}>`,
    requireTls: false,
    allowInvalidTls: false,
    timeoutMs: 10_000,
  });
  h = await startHarness({ mailer, digest: { windowMs: 5_000, maxEvents: 100 } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  mailer?.close();
  await servers?.stop();
}, 30_000);

async function readOpsInbox(): Promise<{ subject: string; source: string }[]> {
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: false,
    doSTARTTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: 'ops', pass: OPS_PASSWORD },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out: { subject: string; source: string }[] = [];
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const msg of client.fetch('1:*', { envelope: true, source: true })) {
          out.push({ subject: msg.envelope?.subject ?? '', source: msg.source?.toString('utf8') ?? '' });
        }
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe('operator e-mail via Postfix into Dovecot', () => {
  it('delivers the test mail and an immediate high-priority digest to the operator mailbox', async () => {
    const test = await sendTestMail(mailer, 'ops@mta.test', { tenantId: 'acme' });
    expect(test).toMatchObject({ ok: true, accepted: ['ops@mta.test'] });
    if (test.ok) expect(test.response).toMatch(/^250 2\.0\.0 Ok: queued/);

    await createOperatorSubscription(h.db.db, { tenantId: 'acme', email: 'ops@mta.test', eventTypes: ['invoice.*'] });
    await h.emit({
      type: 'invoice.undeliverable',
      priority: 'high',
      address: 'customer@example.com',
      payload: {
        category: 'invoice',
        bounce: {
          class: 'hard',
          reason: 'userunknown',
          status: '5.1.1',
          replyCode: 550,
          diagnosticCode: 'smtp; 550 5.1.1 <customer@example.com>: Recipient address rejected',
        },
        send: { category: 'invoice', externalId: 'INV-2025-0042', messageId: '<inv42@example.com>' },
      },
    });
    // High priority skips the 5 s window: both mails arrive well before it would have ended.
    await servers.waitForMessages(2, { user: 'ops', timeoutMs: 4_000 });
    const inbox = await readOpsInbox();
    expect(inbox.map((m) => m.subject).sort()).toEqual([
      '[Bounce] Test mail',
      '[Bounce] [HIGH] invoice.undeliverable: customer@example.com (acme)',
    ]);
    const digest = inbox.find((m) => m.subject.includes('invoice'))!.source;
    expect(digest).toContain('Send: invoice, id INV-2025-0042, <inv42@example.com>');
    expect(digest).toContain('Auto-Submitted: auto-generated');
  }, 30_000);
});
