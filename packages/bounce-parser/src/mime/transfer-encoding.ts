import { bytesToBinary } from './binary.js';

/**
 * Content-Transfer-Encoding decoders (RFC 2045 section 6). Both take and return binary strings (one char per
 * byte) so that the charset is applied once, afterwards.
 */

const HEX: Record<string, number> = {};
for (let i = 0; i < 16; i++) {
  HEX[i.toString(16)] = i;
  HEX[i.toString(16).toUpperCase()] = i;
}

/**
 * Quoted-printable (RFC 2045 section 6.7), lenient as real MTAs are: a soft line break "=\n" joins lines, an
 * invalid escape is kept literally. `isHeader` also maps "_" to a space (RFC 2047 "Q" encoding).
 */
export function decodeQuotedPrintable(text: string, isHeader = false): string {
  if (text.indexOf('=') === -1 && !(isHeader && text.includes('_'))) return text;
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f && isHeader) {
      out += text.slice(last, i) + ' ';
      last = i + 1;
    } else if (c === 0x3d) {
      // "=" followed by optional trailing whitespace and a line break is a soft break.
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      if (j < n && text.charCodeAt(j) === 0x0a) {
        out += text.slice(last, i);
        last = j + 1;
        i = j;
        continue;
      }
      if (j >= n && !isHeader) {
        out += text.slice(last, i);
        last = n;
        break;
      }
      const h1 = HEX[text.charAt(i + 1)];
      const h2 = HEX[text.charAt(i + 2)];
      if (h1 !== undefined && h2 !== undefined) {
        out += text.slice(last, i) + String.fromCharCode(h1 * 16 + h2);
        last = i + 3;
        i += 2;
      }
    }
  }
  return out + text.slice(last);
}

const NODE_BUFFER = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
const NOT_BASE64 = /[^A-Za-z0-9+/]/g;

/** Base64 (RFC 2045 section 6.8), ignoring line breaks, garbage and missing padding. */
export function decodeBase64(text: string): string {
  if (NODE_BUFFER) return bytesToBinary(NODE_BUFFER.from(text, 'base64'));
  let clean = text.replace(NOT_BASE64, '');
  clean = clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0));
  while (clean.length % 4) clean += '=';
  try {
    return atob(clean);
  } catch {
    return '';
  }
}

/** Applies a Content-Transfer-Encoding by name; 7bit, 8bit, binary and unknown values pass through. */
export function decodeTransfer(body: string, encoding: string | null): string {
  if (!encoding) return body;
  const e = encoding.trim().toLowerCase();
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  if (e === 'base64') return decodeBase64(body);
  return body;
}
