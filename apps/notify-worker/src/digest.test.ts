import { createOperatorSubscription } from '@bounce/db';
import { createMailer } from '@bounce/mailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type SmtpReceiver, startHarness, startSmtpReceiver, waitUntil } from './testing/harness.js';

let smtp: SmtpReceiver;
let h: Harness;
// Long enough that "sent at once" cannot be confused with "sent when the window closed" on a loaded machine.
const WINDOW_MS = 2_000;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  const mailer = createMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'Bounce <bounce@mta.test>',
    requireTls: false,
    allowInvalidTls: false,
    timeoutMs: 5_000,
  });
  h = await startHarness({ mailer, digest: { windowMs: WINDOW_MS, maxEvents: 4 } });
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

afterEach(async () => {
  // Let stray delayed digests of one test finish before the next counts mails.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
  smtp.messages.length = 0;
  smtp.recipients.length = 0;
});

const mailsTo = (email: string) => smtp.messages.filter((_, i) => smtp.recipients[i]?.includes(email));

describe('operator e-mail digests', () => {
  it('batches a burst of events into one mail after the window', async () => {
    await createOperatorSubscription(h.db.db, {
      tenantId: 'acme',
      email: 'ops@example.com',
      eventTypes: ['address.*'],
    });
    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await h.emit({
        type: 'address.blocked',
        address: `user${i}@example.com`,
        payload: {
          bounce: {
            class: 'hard',
            reason: 'userunknown',
            status: '5.1.1',
            replyCode: 550,
            diagnosticCode: 'smtp; 550 5.1.1 unknown',
          },
        },
      });
    }
    await h.emit({ type: 'bounce.recorded', address: 'ignored@example.com' }); // not in the filter
    await smtp.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS - 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = mailsTo('ops@example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[Bounce] 3 events for acme');
    expect(mail.from?.text).toBe('"Bounce" <bounce@mta.test>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    for (let i = 0; i < 3; i++) expect(mail.text).toContain(`user${i}@example.com`);
    expect(mail.text).toContain('3 × address.blocked');
    expect(mail.text).toContain('Bounce: hard / userunknown, status 5.1.1, reply 550');
    expect(mail.text).not.toContain('ignored@example.com');
  });

  it('sends a high-priority event at once, with the waiting normal events after it', async () => {
    await createOperatorSubscription(h.db.db, { tenantId: 'globex', email: 'billing@example.com' });
    await h.emit({ tenantId: 'globex', type: 'bounce.recorded', address: 'first@example.com' });
    const started = Date.now();
    await h.emit({
      tenantId: 'globex',
      type: 'invoice.undeliverable',
      priority: 'high',
      address: 'customer@example.com',
      payload: { category: 'invoice', bounce: { class: 'hard', reason: 'hostunknown', status: '5.4.4' } },
    });
    await smtp.waitFor(1);
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);
    const mail = mailsTo('billing@example.com')[0]!;
    expect(mail.subject).toBe('[Bounce] 2 events for globex (1 high priority)');
    const text = mail.text ?? '';
    expect(text.indexOf('[HIGH] invoice.undeliverable')).toBeGreaterThan(-1);
    expect(text.indexOf('[HIGH] invoice.undeliverable')).toBeLessThan(text.indexOf('bounce.recorded at'));
    // The scheduled digest of the first event finds nothing left and sends nothing.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 300));
    expect(mailsTo('billing@example.com')).toHaveLength(1);
  });

  it('respects the minimum priority and sends a full batch without waiting', async () => {
    await createOperatorSubscription(h.db.db, {
      tenantId: 'acme',
      email: 'oncall@example.com',
      eventTypes: ['sender.*', 'mailbox.*'],
      minPriority: 'high',
    });
    await createOperatorSubscription(h.db.db, {
      tenantId: 'acme',
      email: 'bulk@example.com',
      eventTypes: ['suppressions.*'],
    });
    await h.emit({ type: 'mailbox.disabled', priority: 'normal', payload: { mailboxId: 'm1' } }); // below min priority
    await h.emit({ type: 'sender.blocked', priority: 'high', payload: { receivingDomain: 'gmail.com', count: 12 } });
    await waitUntil(() => mailsTo('oncall@example.com').length === 1);
    expect(mailsTo('oncall@example.com')[0]!.subject).toBe('[Bounce] [HIGH] sender.blocked (acme)');
    expect(mailsTo('oncall@example.com')[0]!.text).toContain('receivingDomain: gmail.com');

    // maxEvents = 4: ten events become mails of at most four, all ten delivered.
    for (let i = 0; i < 10; i++) await h.emit({ type: 'suppressions.imported', payload: { count: i } });
    await waitUntil(
      () =>
        mailsTo('bulk@example.com').reduce(
          (n, m) => n + ((m.text ?? '').match(/^suppressions\.imported at/gm)?.length ?? 0),
          0,
        ) === 10,
      10_000,
    );
    const bulk = mailsTo('bulk@example.com');
    for (const m of bulk) expect((m.text ?? '').match(/^suppressions\.imported at/gm)!.length).toBeLessThanOrEqual(4);
    expect(bulk.length).toBeGreaterThanOrEqual(3);
    expect(mailsTo('oncall@example.com')).toHaveLength(1);
  });
});
