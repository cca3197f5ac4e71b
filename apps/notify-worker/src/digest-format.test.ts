import { describe, expect, it } from 'vitest';
import { type DigestEvent, renderDigest } from './digest-format.js';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s));
const event = (over: Partial<DigestEvent>): DigestEvent => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  type: 'address.blocked',
  priority: 'normal',
  address: 'user@example.com',
  payload: {},
  createdAt: at(0),
  ...over,
});

describe('renderDigest', () => {
  it('names a single event in the subject', () => {
    expect(renderDigest('acme', [event({})]).subject).toBe('[Bounce] address.blocked: user@example.com (acme)');
    expect(renderDigest('acme', [event({ priority: 'high', type: 'sender.blocked', address: null })]).subject).toBe(
      '[Bounce] [HIGH] sender.blocked (acme)',
    );
  });

  it('lists high priority first, then oldest first, with the bounce details', () => {
    const mail = renderDigest('acme', [
      event({ eventId: 'e2', createdAt: at(2), address: 'late@example.com' }),
      event({
        eventId: 'e1',
        createdAt: at(1),
        address: 'early@example.com',
        payload: {
          bounce: {
            class: 'soft',
            reason: 'mailboxfull',
            status: '4.2.2',
            replyCode: 452,
            diagnosticCode: 'smtp; 452 4.2.2 full\r\nsecond line',
          },
          send: { category: 'newsletter', externalId: 'n-1', messageId: '<n1@example.com>' },
          decision: { rule: 'soft-threshold', explanation: '3 soft failures in 7 days' },
          listId: 'weekly',
        },
      }),
      event({
        eventId: 'e3',
        createdAt: at(3),
        priority: 'high',
        type: 'invoice.undeliverable',
        address: 'billing@example.com',
      }),
    ]);
    expect(mail.subject).toBe('[Bounce] 3 events for acme (1 high priority)');
    const order = ['billing@example.com', 'early@example.com', 'late@example.com'].map((a) =>
      mail.text.indexOf(`Address: ${a}`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mail.text).toContain('2 × address.blocked');
    expect(mail.text).toContain('Bounce: soft / mailboxfull, status 4.2.2, reply 452');
    expect(mail.text).toContain('Diagnostic: smtp; 452 4.2.2 full second line');
    expect(mail.text).toContain('Send: newsletter, id n-1, <n1@example.com>');
    expect(mail.text).toContain('Decision: soft-threshold: 3 soft failures in 7 days');
    expect(mail.text).toContain('listId: weekly');
  });

  it('gives a sender alert’s words in English and German, and a changed setup’s changes and report', () => {
    const mail = renderDigest('acme', [
      event({
        type: 'sender_alert.opened',
        priority: 'high',
        address: null,
        payload: {
          groupKey: 'microsoft|dnsbl',
          provider: { id: 'microsoft', name: 'Microsoft' },
          count: 3,
          diagnosis: {
            headline: { en: '203.0.113.6 is listed on Test BL', de: '203.0.113.6 steht auf Test BL' },
            actions: [{ en: 'Request delisting at https://x.test', de: 'Austragung beantragen: https://x.test' }],
            checks: [],
          },
        },
      }),
      event({
        type: 'sender_setup.changed',
        priority: 'high',
        address: null,
        createdAt: at(5),
        payload: {
          domain: 'shop.test',
          status: 'pass',
          changes: [{ key: 'dnsbl:203.0.113.6:bl.test', from: 'fail', to: 'pass' }],
          report: { summary: { en: 'Everything checked is in order.\n', de: 'Alles Geprüfte ist in Ordnung.' } },
        },
      }),
    ]);
    expect(mail.text).toContain('  Provider: Microsoft');
    expect(mail.text).toContain('  What is wrong: 203.0.113.6 is listed on Test BL');
    expect(mail.text).toContain('  Was los ist: 203.0.113.6 steht auf Test BL');
    expect(mail.text).toContain('  What to do: Request delisting at https://x.test');
    expect(mail.text).toContain('  Was zu tun ist: Austragung beantragen: https://x.test');
    expect(mail.text).toContain('  Changed: dnsbl:203.0.113.6:bl.test: fail -> pass');
    expect(mail.text).toContain('  Report: Everything checked is in order.');
    expect(mail.text).toContain('  Bericht: Alles Geprüfte ist in Ordnung.');
    expect(mail.text).toContain('  domain: shop.test');
  });

  it('keeps line breaks out of the subject and clips long diagnostics', () => {
    const mail = renderDigest('acme', [
      event({
        address: 'x@example.com\r\nBcc: evil@example.com',
        payload: { bounce: { diagnosticCode: 'y'.repeat(2000) } },
      }),
    ]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(`${'y'.repeat(500)}…`);
    expect(mail.text).not.toContain('y'.repeat(501));
  });
});
