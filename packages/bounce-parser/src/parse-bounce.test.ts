import { describe, expect, it } from 'vitest';
import { parseBounce } from './parse-bounce.js';
import type { ParseResult } from './types.js';

const POSTFIX = [
  'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=iso-2022-jp',
  '',
  '\x1b$B%F%9%H\x1b(B <user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command)',
  '',
  '--b',
  'Content-Type: message/delivery-status',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('Final-Recipient: rfc822; user@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n').toString('base64'),
  '--b--',
  '',
].join('\n');

function isWellFormed(r: ParseResult): void {
  expect(typeof r.kind).toBe('string');
  expect(Array.isArray(r.recipients)).toBe(true);
  expect(r.original).toBeTypeOf('object');
  expect(typeof r.truncated).toBe('boolean');
}

describe('parseBounce', () => {
  it('gives the same verdict for LF, CRLF and bare CR line endings, bytes or string', () => {
    const verdicts = [POSTFIX, POSTFIX.replace(/\n/g, '\r\n'), POSTFIX.replace(/\n/g, '\r')].flatMap((text) => [
      parseBounce(text),
      parseBounce(new TextEncoder().encode(text)),
    ]);
    for (const r of verdicts) {
      expect(r.recipients.map((x) => [x.recipient, x.reason, x.status, x.replyCode])).toEqual([
        ['user@example.com', 'userunknown', '5.1.1', 550],
      ]);
    }
  });

  it('returns explicit parse errors for empty and binary input', () => {
    expect(parseBounce('').error?.code).toBe('empty');
    expect(parseBounce(new Uint8Array(0)).kind).toBe('parse-error');
    expect(parseBounce(Uint8Array.from([0, 1, 2, 3, 0, 255, 254, 0, 7])).error?.code).toBe('binary');
    expect(parseBounce('no header here at all\njust words').error?.code).toBe('no-headers');
  });

  it('never throws on garbage and always returns a well-formed result', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256));
      isWellFormed(parseBounce(bytes));
      const cut = POSTFIX.slice(0, Math.floor(random() * POSTFIX.length));
      isWellFormed(parseBounce(cut));
    }
  });

  it('caps the work on huge input and says so', () => {
    const huge = new Uint8Array(50 * 1024 * 1024);
    huge.set(new TextEncoder().encode(POSTFIX));
    huge.fill(0x41, POSTFIX.length);
    const started = performance.now();
    const r = parseBounce(huge, { maxBytes: 1 << 20 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.truncated).toBe(true);
    expect(r.error).toMatchObject({ code: 'truncated' });
    expect(r.error?.message).toMatch(/only the first \d+ examined/);
    expect(r.recipients[0]?.reason).toBe('userunknown');
  });

  it('leaves ordinary mail alone', () => {
    const r = parseBounce('From: friend@example.org\nTo: me@example.com\nSubject: Dinner\n\nSee you at 7.\n');
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [], error: null });
    expect(r.message).toMatchObject({ from: 'friend@example.org', subject: 'Dinner' });
  });

  it('decodes the bounce headers for the message summary', () => {
    const r = parseBounce(
      'From: =?utf-8?B?TWFpbCBEZWxpdmVyeQ==?= <mailer-daemon@x.example>\nSubject: =?iso-8859-1?Q?R=E9sultat?=\n\nhi\n',
    );
    expect(r.message).toMatchObject({ from: 'Mail Delivery <mailer-daemon@x.example>', subject: 'Résultat' });
  });

  it('reads a stored copy that starts with blank lines before its header block', () => {
    const r = parseBounce(`\n  \nReturn-Path: <>
From: MAILER-DAEMON@relay.example.net
Subject: Returned mail: User unknown

   ----- The following addresses had permanent fatal errors -----
<gone@example-old.org>
    (reason: 550 5.1.1 User unknown)
`);
    expect(r.recipients.map((x) => [x.recipient, x.status])).toEqual([['gone@example-old.org', '5.1.1']]);
    // Blank lines before text that is no header field stay an input without headers.
    expect(parseBounce('\n\njust words, no header').error?.code).toBe('no-headers');
  });
});
