import { parseBounce } from '@bounce/parser';
import { describe, expect, it } from 'vitest';
import { QUEUES } from '../catalog.js';
import { parseResultSchema } from './parse-result.js';

const DSN = [
  'From: MAILER-DAEMON@mx.example.net',
  'To: bounces@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'Message-ID: <dsn-1@mx.example.net>',
  'Date: Mon, 4 Aug 2025 10:00:00 +0000',
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
  '',
  'Final-Recipient: rfc822; gone@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
  '--b--',
  '',
].join('\r\n');

describe('apply-bounces contract', () => {
  it("accepts the parser's own results, as they come out of JSON", () => {
    const result = JSON.parse(JSON.stringify(parseBounce(Buffer.from(DSN))));
    expect(result.recipients).toHaveLength(1);
    expect(parseResultSchema.parse(result)).toEqual(result);
  });

  it('refuses a verdict that is not a ParseResult, naming the field', () => {
    const result = JSON.parse(JSON.stringify(parseBounce(Buffer.from(DSN))));
    const job = (r: unknown) =>
      QUEUES.applyBounces.schema.safeParse({
        tenantId: 'acme',
        items: [{ rawMessageId: '0195f7e2-0000-7000-8000-000000000001', sha256: 'a'.repeat(64), result: r }],
      });
    expect(job(result).success).toBe(true);
    const bad = job({ ...result, recipients: [{ ...result.recipients[0], class: 'very-hard' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['items', 0, 'result', 'recipients', 0, 'class']);
    expect(job({ ...result, original: null }).success).toBe(false);
  });
});
