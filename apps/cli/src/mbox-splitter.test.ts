import { describe, expect, it } from 'vitest';
import { MboxSplitter, startsWithFromLine } from './mbox-splitter.js';

const text = (messages: Uint8Array[]): string[] => messages.map((m) => Buffer.from(m).toString('latin1'));

/** Splits `input` fed in chunks of `size` bytes. */
function split(input: string, size = input.length || 1): string[] {
  const bytes = Buffer.from(input, 'latin1');
  const splitter = new MboxSplitter();
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...splitter.push(bytes.subarray(i, i + size)));
  out.push(...splitter.end());
  return text(out);
}

const MBOX = [
  'From MAILER-DAEMON  Fri Feb 13 02:45:46 2015',
  'Subject: one',
  '',
  'body one',
  '>From the desk of someone',
  '>>From deeper',
  '',
  'From MAILER-DAEMON@example.net Thu Jul  2 12:05:05 2020',
  'Subject: two',
  '',
  'body two',
  '',
].join('\n');

describe('MboxSplitter', () => {
  it('splits on separator lines, drops them and the blank framing line, and unquotes >From (mboxrd)', () => {
    expect(split(MBOX)).toEqual([
      'Subject: one\n\nbody one\nFrom the desk of someone\n>From deeper\n',
      'Subject: two\n\nbody two\n',
    ]);
  });

  it('gives the same messages whatever the chunk boundaries', () => {
    const whole = split(MBOX);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(split(MBOX, size)).toEqual(whole);
  });

  it('handles CRLF mboxes', () => {
    const crlf = MBOX.replace(/\n/g, '\r\n');
    expect(split(crlf)).toEqual([
      'Subject: one\r\n\r\nbody one\r\nFrom the desk of someone\r\n>From deeper\r\n',
      'Subject: two\r\n\r\nbody two\r\n',
    ]);
  });

  it('does not split on a "From " line that does not follow a blank line (returned message after a boundary)', () => {
    const input = [
      'From MAILER-DAEMON  Thu Jul  2 12:05:05 2020',
      'Subject: bounce',
      '',
      '--BOUNDARY--',
      'From double-bounce@tr2.example.com  Thu Jul  2 12:05:05 2020',
      'Received: x',
      '',
    ].join('\n');
    expect(split(input)).toHaveLength(1);
  });

  it('does not split on body text "From ..." without the date of a separator', () => {
    const input = 'From a@b  Mon Jan  1 00:00:00 2024\nSubject: x\n\nhello\n\nFrom the team\n';
    expect(split(input)).toEqual(['Subject: x\n\nhello\n\nFrom the team\n']);
  });

  it('keeps the last line without a newline, and text before the first separator as a message', () => {
    expect(split('junk\n\nFrom a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\nend')).toEqual([
      'junk\n',
      'Subject: x\n\nend',
    ]);
  });

  it('returns nothing for empty or blank input and counts messages', () => {
    expect(split('')).toEqual([]);
    expect(split('\n\n')).toEqual([]);
    const splitter = new MboxSplitter();
    splitter.push(Buffer.from(MBOX));
    splitter.end();
    expect(splitter.count).toBe(2);
  });

  it('joins a very long line once, however many chunks it arrives in', () => {
    const long = 'x'.repeat(300_000);
    const input = `From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\n${long}\n`;
    expect(split(input, 4096)).toEqual([`Subject: x\n\n${long}\n`]);
  });
});

/**
 * The splitting rules written the plain way, one line at a time, to check the splitter (which keeps runs of plain
 * lines as slices) against: separators follow an empty line and carry a time; ">From" loses one ">"; the blank line
 * before a separator is framing; blank text before the first separator is dropped.
 */
function referenceSplit(input: string): string[] {
  const lines = input.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let current: string[] = [];
  let isInMessage = false;
  let isPreviousEmpty = true;
  const close = (isBeforeSeparator: boolean): void => {
    if (isBeforeSeparator && current.length > 0 && /^\r?\n$/.test(current.at(-1)!)) current.pop();
    if (isInMessage || current.some((l) => /[^\r\n \t]/.test(l))) out.push(current.join(''));
    current = [];
  };
  for (const line of lines) {
    if (isPreviousEmpty && line.length <= 1000 && /^From \S+.*\b\d{1,2}:\d{2}/.test(line)) {
      close(true);
      isInMessage = true;
      isPreviousEmpty = false;
      continue;
    }
    current.push(/^>+From /.test(line) ? line.slice(1) : line);
    isPreviousEmpty = /^\r?\n$/.test(line);
  }
  close(false);
  return out;
}

describe('MboxSplitter against the plain rules', () => {
  /** Deterministic pseudo-random numbers (a failure must be reproducible). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }
  const PIECES = [
    'From MAILER-DAEMON  Fri Feb 13 02:45:46 2015\n',
    'From someone@example.com Mon Jan  1 00:00:00 2024\r\n',
    'From the team, with love\n',
    '>From quoted\n',
    '>>From twice\n',
    '>not a from line\n',
    'Subject: hello\n',
    'plain text line\r\n',
    '\n',
    '\r\n',
    'F\n',
    '>\n',
    'no newline at the end',
  ];

  it('gives the same messages for random mboxes cut into random chunks', () => {
    const next = random(42);
    for (let round = 0; round < 300; round++) {
      const input = Array.from({ length: 1 + Math.floor(next() * 30) }, () => {
        const piece = PIECES[Math.floor(next() * PIECES.length)]!;
        return piece === 'no newline at the end' ? `${piece}\n` : piece;
      }).join('');
      const expected = referenceSplit(input);
      const size = 1 + Math.floor(next() * 40);
      expect(split(input, size), `input ${JSON.stringify(input)} in chunks of ${size}`).toEqual(expected);
      expect(split(input)).toEqual(expected);
    }
  });
});

describe('startsWithFromLine', () => {
  it('recognises the start of an mbox', () => {
    expect(startsWithFromLine(Buffer.from('From a@b Mon'))).toBe(true);
    expect(startsWithFromLine(Buffer.from('From:'))).toBe(false);
    expect(startsWithFromLine(Buffer.from('Fro'))).toBe(false);
  });
});
