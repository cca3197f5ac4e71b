import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeQuotedPrintable, decodeTransfer } from './transfer-encoding.js';

describe('quoted-printable', () => {
  it('decodes escapes and joins soft line breaks', () => {
    expect(decodeQuotedPrintable('caf=C3=A9 =\nau lait')).toBe('caf\xc3\xa9 au lait');
  });

  it('keeps invalid escapes literally and maps "_" to a space only in headers', () => {
    expect(decodeQuotedPrintable('100=ZZ a_b')).toBe('100=ZZ a_b');
    expect(decodeQuotedPrintable('a_b=3F', true)).toBe('a b?');
  });
});

describe('base64', () => {
  it('ignores line breaks and garbage and tolerates missing padding', () => {
    expect(decodeBase64('aGVs\nbG8g\r\nd29y bGQ')).toBe('hello world');
  });

  it('dispatches on the Content-Transfer-Encoding name', () => {
    expect(decodeTransfer('aGk=', 'BASE64')).toBe('hi');
    expect(decodeTransfer('a=3Db', 'quoted-printable')).toBe('a=b');
    expect(decodeTransfer('raw', '8bit')).toBe('raw');
    expect(decodeTransfer('raw', null)).toBe('raw');
  });
});
