import { describe, expect, it } from 'vitest';
import { parseDsnFields, stripTypePrefix } from './dsn-fields.js';

describe('parseDsnFields (RFC 3464)', () => {
  it('reads a multi-line reply written into Diagnostic-Code unfolded (its lines repeat the reply code)', () => {
    const report = parseDsnFields(
      [
        'Final-Recipient: rfc822; someone@example.net',
        'Action: failed',
        'Status: 5.0.0',
        'Diagnostic-Code: SMTP; 421-4.7.0 Too many messages from this network,',
        '421-4.7.0 please slow down and retry:',
        '421 4.7.0 see https://help.example.net/limits',
        'Last-Attempt-Date: Mon, 7 Dec 2026 01:00:00 +0000',
        '',
      ].join('\n'),
    );
    expect(report.recipients[0]).toMatchObject({
      diagnosticCode:
        '421-4.7.0 Too many messages from this network, 421-4.7.0 please slow down and retry: 421 4.7.0 see https://help.example.net/limits',
      lastAttemptDate: 'Mon, 7 Dec 2026 01:00:00 +0000',
    });
  });

  it('does not take a field or another code after a one-line reply as part of it', () => {
    const report = parseDsnFields(
      [
        'Final-Recipient: rfc822; a@example.net',
        'Diagnostic-Code: smtp; 550 No such mailbox',
        '551 unrelated',
        '',
      ].join('\n'),
    );
    expect(report.recipients[0]?.diagnosticCode).toBe('550 No such mailbox');
  });

  it('reads per-message fields and several recipient groups with folded diagnostics', () => {
    const report = parseDsnFields(
      [
        'Reporting-MTA: dns; mx.example.org',
        'Arrival-Date: Thu, 29 Apr 2010 23:34:45 +0900',
        '',
        'Original-Recipient: rfc822;alias@example.com',
        'Final-Recipient: rfc822; user@example.com',
        'Action: failed',
        'Status: 5.1.1',
        'Remote-MTA: dns; mx.example.com',
        'Diagnostic-Code: smtp; 550 5.1.1 <user@example.com>:',
        '    Recipient address rejected: User unknown',
        '',
        'Final-Recipient: rfc822; other@example.net',
        'X-Actual-Recipient: rfc822; real@example.net',
        'Action: delayed',
        'Status: 4.4.1',
      ].join('\n'),
    );
    expect(report.reportingMta).toBe('mx.example.org');
    expect(report.recipients).toHaveLength(2);
    expect(report.recipients[0]).toMatchObject({
      finalRecipient: 'user@example.com',
      originalRecipient: 'alias@example.com',
      action: 'failed',
      status: '5.1.1',
      remoteMta: 'mx.example.com',
      diagnosticType: 'smtp',
      diagnosticCode: '550 5.1.1 <user@example.com>: Recipient address rejected: User unknown',
    });
    expect(report.recipients[1]).toMatchObject({ actualRecipient: 'real@example.net', action: 'delayed' });
  });

  it('splits recipients that follow each other without blank lines', () => {
    const report = parseDsnFields(
      'Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.0.0\nFinal-Recipient: rfc822; b@example.com\nAction: failed\nStatus: 5.0.0\n',
    );
    expect(report.recipients.map((r) => r.finalRecipient)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('ignores groups without a recipient and lines that are not fields', () => {
    expect(parseDsnFields('Reporting-MTA: dns; x\n\n-- garbage --\nStatus: RO\n').recipients).toEqual([]);
  });

  it('strips the address-type prefix only when there is one', () => {
    expect(stripTypePrefix('rfc822; a@b.example')).toEqual({ type: 'rfc822', value: 'a@b.example' });
    expect(stripTypePrefix('a@b.example')).toEqual({ type: null, value: 'a@b.example' });
  });
});
