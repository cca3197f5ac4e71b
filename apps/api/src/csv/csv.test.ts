import { describe, expect, it } from 'vitest';
import { csvAddressRows, csvLine, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded commas and line breaks, CRLF and LF', () => {
    const text =
      '\uFEFFemail,reason\r\n"a@x.example","said ""stop"", twice"\r\nb@x.example,"multi\nline"\nc@x.example,\n\n';
    expect(parseCsv(text)).toEqual([
      ['email', 'reason'],
      ['a@x.example', 'said "stop", twice'],
      ['b@x.example', 'multi\nline'],
      ['c@x.example', ''],
    ]);
  });

  it('keeps a last line without a line break', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});

describe('csvAddressRows', () => {
  it('finds the address and detail columns by header name (provider exports)', () => {
    const rows = csvAddressRows(
      'created_at,Email,Reason\n2024-01-01,x@example.com,550 5.1.1 unknown\n2024-01-02,y@example.com,\n',
    );
    expect(rows).toEqual([
      { address: 'x@example.com', detail: '550 5.1.1 unknown', line: 2 },
      { address: 'y@example.com', detail: null, line: 3 },
    ]);
  });

  it('reads a headerless file as address, detail', () => {
    expect(csvAddressRows('x@example.com,bounced\ny@example.com\n')).toEqual([
      { address: 'x@example.com', detail: 'bounced', line: 1 },
      { address: 'y@example.com', detail: null, line: 2 },
    ]);
  });
});

describe('csvLine', () => {
  it('quotes when needed, formats dates, leaves nulls empty', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', null, 3, new Date('2025-01-02T03:04:05Z')])).toBe(
      'a,"b,c","say ""hi""",,3,2025-01-02T03:04:05.000Z\r\n',
    );
  });

  it('neutralises spreadsheet formulas in text (CSV injection)', () => {
    expect(csvLine(['=HYPERLINK("http://evil")', '+1', '@SUM(A1)', '-2'])).toBe(
      `"'=HYPERLINK(""http://evil"")",'+1,'@SUM(A1),'-2\r\n`,
    );
  });

  it('round-trips through parseCsv', () => {
    const values = ['x@example.com', 'diag, with "quotes"\nand a newline'];
    expect(parseCsv(csvLine(values))).toEqual([values]);
  });
});
