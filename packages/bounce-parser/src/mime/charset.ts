import { binaryToBytes, isAscii } from './binary.js';

/**
 * Charset decoding with the WHATWG TextDecoder (Node ships ICU: iso-2022-jp, shift_jis, euc-jp, gb2312, big5,
 * euc-kr, koi8-r, windows-125x, iso-8859-*). Unknown labels fall back to UTF-8 when the bytes are valid UTF-8,
 * else to windows-1252, so a mislabelled part still yields readable text.
 */

const DECODERS = new Map<string, TextDecoder | null>();
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8 = new TextDecoder('utf-8');
const WINDOWS_1252 = new TextDecoder('windows-1252');

// Labels seen in real mail that the WHATWG registry does not know.
const ALIASES: Record<string, string> = {
  'x-unknown': 'utf-8',
  unknown: 'utf-8',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  '646': 'windows-1252',
  utf8: 'utf-8',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  'x-euc-jp': 'euc-jp',
  'ks_c_5601-1987': 'euc-kr',
  cp949: 'euc-kr',
  gb18030: 'gb18030',
};

function decoderFor(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const cached = DECODERS.get(label);
  if (cached !== undefined) return cached;
  let decoder: TextDecoder | null = null;
  try {
    decoder = new TextDecoder(ALIASES[label] ?? label);
  } catch {
    decoder = null;
  }
  if (DECODERS.size < 256) DECODERS.set(label, decoder);
  return decoder;
}

/** True for the 7-bit stateful encodings whose ASCII-looking bytes still need decoding. */
function isEscapeEncoding(charset: string): boolean {
  const c = charset.toLowerCase();
  return c.includes('2022') || c.includes('utf-7') || c.includes('hz-gb');
}

/**
 * Decodes a binary string (one char per byte) in the given charset. Pure ASCII input is returned as is
 * (the common case, and every charset but the ISO-2022 family is ASCII-compatible).
 */
export function decodeCharset(binary: string, charset: string | null | undefined): string {
  if (isAscii(binary) && !(charset && binary.includes('\x1b') && isEscapeEncoding(charset))) return binary;
  const bytes = binaryToBytes(binary);
  const decoder = charset ? decoderFor(charset) : null;
  if (decoder && decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  // Undeclared, unknown or "us-ascii" with 8-bit bytes: real mail then is most often UTF-8.
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return (decoder ?? WINDOWS_1252).decode(bytes);
  }
}

/** Decodes UTF-8 leniently (used for message/global-* parts, RFC 6532/6533). */
export function decodeUtf8(binary: string): string {
  return isAscii(binary) ? binary : UTF8.decode(binaryToBytes(binary));
}
