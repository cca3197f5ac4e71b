import { describe, expect, it } from 'vitest';
import { parseBounce } from './parse-bounce.js';

const dsn = (finalRecipients: string[]) =>
  [
    'Return-Path: <>',
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: sender@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Delivery failed.',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    ...finalRecipients.flatMap((r) => ['', `Final-Recipient: rfc822; ${r}`, 'Action: failed', 'Status: 5.1.1']),
    '--b--',
    '',
  ].join('\r\n');

describe('recipients without an address', () => {
  it('a damaged Final-Recipient yields no failure nobody could act on', () => {
    const result = parseBounce(dsn(['>', 'gone@example.org']));
    expect(result.recipients.map((r) => r.recipient)).toEqual(['gone@example.org']);
    expect(result.recipients[0]?.class).toBe('hard');
  });

  it('a report whose only recipient is damaged is not a bounce', () => {
    const result = parseBounce(dsn(['>']));
    expect(result.kind).toBe('not-bounce');
    expect(result.recipients).toEqual([]);
  });
});
