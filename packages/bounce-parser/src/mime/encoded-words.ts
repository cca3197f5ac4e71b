import { decodeCharset } from './charset.js';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding.js';

/**
 * RFC 2047 encoded-words in header values ("=?iso-2022-jp?B?...?="). Whitespace between two adjacent
 * encoded-words is dropped (section 6.2), and raw 8-bit header text (RFC 6532, or just sloppy MTAs) is taken
 * as UTF-8 when valid.
 */
const ENCODED_WORD = /=\?([^?\s]{1,64})\?([bBqQ])\?([^?]*)\?=/g;
const BETWEEN_WORDS = /(\?=)[ \t\n]+(?==\?)/g;

export function decodeHeaderValue(value: string): string {
  if (value.indexOf('=?') === -1) return decodeCharset(value, null);
  const joined = value.replace(BETWEEN_WORDS, '$1');
  return decodeCharset(joined, null).replace(ENCODED_WORD, (_m, charset: string, enc: string, data: string) => {
    const star = charset.indexOf('*'); // RFC 2231 language suffix: "utf-8*en"
    const cs = star === -1 ? charset : charset.slice(0, star);
    const bytes = enc === 'b' || enc === 'B' ? decodeBase64(data) : decodeQuotedPrintable(data, true);
    return decodeCharset(bytes, cs);
  });
}
