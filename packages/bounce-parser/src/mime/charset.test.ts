import { describe, expect, it } from 'vitest';
import { bytesToBinary } from './binary.js';
import { decodeCharset } from './charset.js';
import { decodeHeaderValue } from './encoded-words.js';

const binary = (bytes: number[]) => bytesToBinary(Uint8Array.from(bytes));
const utf8 = (s: string) => bytesToBinary(new TextEncoder().encode(s));

describe('decodeCharset', () => {
  it('decodes Japanese, Cyrillic and Western charsets', () => {
    // "テスト" in ISO-2022-JP (7-bit, escape sequences) and Shift_JIS.
    expect(decodeCharset('\x1b$B%F%9%H\x1b(B', 'iso-2022-jp')).toBe('テスト');
    expect(decodeCharset(binary([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]), 'Shift_JIS')).toBe('テスト');
    expect(decodeCharset(binary([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'koi8-r')).toBe('Привет');
    expect(decodeCharset(binary([0x80, 0x20, 0xe9]), 'windows-1252')).toBe('€ é');
    expect(decodeCharset(binary([0xe9]), 'iso-8859-1')).toBe('é');
  });

  it('falls back to UTF-8, then windows-1252, for unknown or missing charsets', () => {
    expect(decodeCharset(utf8('naïve'), 'x-no-such-charset')).toBe('naïve');
    expect(decodeCharset(binary([0x6e, 0x61, 0xef, 0x76, 0x65]), 'x-no-such-charset')).toBe('naïve');
    expect(decodeCharset(utf8('grüße'), null)).toBe('grüße');
  });

  it('returns pure ASCII unchanged', () => {
    expect(decodeCharset('plain text', 'utf-16')).toBe('plain text');
  });
});

describe('decodeHeaderValue (RFC 2047)', () => {
  it('decodes B and Q encoded-words and drops whitespace between adjacent ones', () => {
    expect(decodeHeaderValue('=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=')).toBe('テスト');
    expect(decodeHeaderValue('=?utf-8?Q?caf=C3=A9?= =?utf-8?Q?_au_lait?=')).toBe('café au lait');
    expect(decodeHeaderValue('Re: =?utf-8?B?w6k=?= ok')).toBe('Re: é ok');
  });

  it('leaves malformed encoded-words as they are', () => {
    expect(decodeHeaderValue('=?utf-8?X?abc?=')).toBe('=?utf-8?X?abc?=');
  });
});
