/**
 * RFC 4648 §6 base32 in lower case, without padding. Chosen for VERP tokens because the alphabet (a-z, 2-7)
 * survives MTAs that lower-case or upper-case local parts, contains no character that needs quoting in a
 * local part (RFC 5321 §4.1.2 dot-atom), and decoding is case-insensitive.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Strict decoding: returns null for characters outside the alphabet, impossible lengths (1, 3 or 6 characters
 * past a multiple of 8) and non-zero padding bits, so each byte string has exactly one accepted encoding and a
 * mangled token cannot decode to something else.
 */
export function base32Decode(text: string): Uint8Array | null {
  const input = text.toLowerCase();
  const rest = input.length % 8;
  if (rest === 1 || rest === 3 || rest === 6) return null;
  const out = new Uint8Array(Math.floor((input.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of input) {
    const value = VALUES.get(char);
    if (value === undefined) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) return null;
  return out;
}
