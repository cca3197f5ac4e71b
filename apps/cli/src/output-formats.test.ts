import { type ParseResult, parseBounce, type RecipientResult, toEvalRecord } from '@bounce/parser';
import { describe, expect, it } from 'vitest';
import { createFormatter, sanitizeCell } from './output-formats.js';

const recipient = (overrides: Partial<RecipientResult> = {}): RecipientResult => ({
  recipient: 'user@example.org',
  originalRecipient: null,
  action: 'failed',
  status: '5.1.1',
  replyCode: 550,
  reason: 'userunknown',
  class: 'hard',
  diagnosticCode: '550 5.1.1 <user@example.org>: Recipient address rejected: User unknown',
  remoteMta: 'mx.example.org',
  reportingMta: 'mx.example.net',
  feedbackType: null,
  lastAttemptAt: null,
  detectedBy: 'rfc3464',
  ...overrides,
});

const result = (overrides: Partial<ParseResult> = {}): ParseResult => ({
  kind: 'bounce',
  recipients: [recipient()],
  original: {
    messageId: '<m1@example.com>',
    returnPath: null,
    from: null,
    to: [],
    subject: null,
    correlationHeaders: {},
  },
  message: { messageId: null, from: null, to: null, subject: null, date: null },
  error: null,
  truncated: false,
  ...overrides,
});

/** Runs a formatter over results the way the parse command does. */
function render(format: 'ndjson' | 'json' | 'table', results: [string, ParseResult][], columns?: number): string {
  const f = createFormatter(format, { columns });
  return f.start() + results.map(([file, r]) => f.message(file, r)).join('') + f.end();
}

describe('ndjson', () => {
  it('writes exactly the eval record of each message, one per line', () => {
    const a = result();
    const b = parseBounce('From: someone@example.com\r\nSubject: hello\r\n\r\nJust a note.\r\n');
    const out = render('ndjson', [
      ['a.eml', a],
      ['b.mbox#2', b],
    ]);
    expect(out).toBe(`${JSON.stringify(toEvalRecord('a.eml', a))}\n${JSON.stringify(toEvalRecord('b.mbox#2', b))}\n`);
    const first = JSON.parse(out.split('\n')[0]!);
    expect(first).toMatchObject({
      file: 'a.eml',
      recipients: [
        { recipient: 'user@example.org', status: '5.1.1', replyCode: 550, reason: 'userunknown', class: 'hard' },
      ],
    });
  });

  it('writes nothing at all for no messages', () => {
    expect(render('ndjson', [])).toBe('');
  });
});

describe('json', () => {
  it('streams one valid array of { file, ...result }', () => {
    const a = result();
    const b = result({ kind: 'not-bounce', recipients: [] });
    expect(
      JSON.parse(
        render('json', [
          ['a.eml', a],
          ['b.eml', b],
        ]),
      ),
    ).toEqual([
      { file: 'a.eml', ...a },
      { file: 'b.eml', ...b },
    ]);
    expect(JSON.parse(render('json', []))).toEqual([]);
    expect(JSON.parse(render('json', [['only.eml', a]]))).toEqual([{ file: 'only.eml', ...a }]);
  });
});

describe('table', () => {
  it('prints a header, one row per recipient, a row for messages without recipients, and a summary', () => {
    const out = render('table', [
      [
        'two.eml',
        result({
          recipients: [
            recipient(),
            recipient({
              recipient: 'b@example.org',
              class: 'soft',
              reason: 'mailboxfull',
              status: '4.2.2',
              replyCode: 452,
            }),
          ],
        }),
      ],
      ['ham.eml', result({ kind: 'not-bounce', recipients: [] })],
      [
        'empty.eml',
        result({ kind: 'parse-error', recipients: [], error: { code: 'empty', message: 'the input is empty' } }),
      ],
    ]);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^FILE {26}KIND {13}RECIPIENT {25}STATUS {3}CODE {2}REASON {11}CLASS {7}DIAGNOSTIC$/);
    expect(lines[1]).toMatch(
      /^two\.eml +bounce +user@example\.org +5\.1\.1 +550 +userunknown +hard +550 5\.1\.1 <user/,
    );
    expect(lines[2]).toMatch(/^two\.eml +bounce +b@example\.org +4\.2\.2 +452 +mailboxfull +soft +/);
    expect(lines[3]).toMatch(/^ham\.eml +not-bounce +- +- +- +- +-$/);
    expect(lines[4]).toMatch(/^empty\.eml +parse-error +- +- +- +- +- +empty: the input is empty$/);
    expect(lines.slice(5)).toEqual([
      '',
      '3 messages (1 bounce, 1 not-bounce, 1 parse-error); 2 recipients (1 hard, 1 soft)',
      '',
    ]);
  });

  it('cuts long cells and, on a terminal, the diagnostic to the width', () => {
    const long = result({
      recipients: [recipient({ recipient: `${'x'.repeat(60)}@example.org`, diagnosticCode: 'd'.repeat(500) })],
    });
    const [, row] = render('table', [[`${'f'.repeat(50)}.eml`, long]], 160).split('\n');
    expect(row!.length).toBeLessThanOrEqual(159);
    expect(row).toContain(`${'f'.repeat(27)}…`);
    expect(row).toContain(`${'x'.repeat(31)}…`);
    const [, wide] = render('table', [['a.eml', long]]).split('\n');
    expect(wide).toContain('d'.repeat(500)); // not a terminal: nothing cut from the diagnostic
  });

  it('neutralises control characters from the message (no terminal escape sequences)', () => {
    const hostile = result({
      recipients: [
        recipient({ recipient: 'a\u001b]0;pwned\u0007@example.org', diagnosticCode: 'bad\u001b[2J\r\nline' }),
      ],
    });
    const out = render('table', [['h.eml', hostile]]);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(sanitizeCell('a\tb\r\nc\u009bd')).toBe('a b c d');
  });

  it('summarises an empty run', () => {
    expect(render('table', []).split('\n').slice(1)).toEqual(['', '0 messages (none); 0 recipients (none)', '']);
  });
});
