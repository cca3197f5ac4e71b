import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

// RFC 4648 §10 test vectors, lower-cased and without padding.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'my'],
  ['fo', 'mzxq'],
  ['foo', 'mzxw6'],
  ['foob', 'mzxw6yq'],
  ['fooba', 'mzxw6ytb'],
  ['foobar', 'mzxw6ytboi'],
];

describe('base32', () => {
  it.each(VECTORS)('encodes %j as %j and back', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(Buffer.from(base32Decode(encoded)!).toString()).toBe(plain);
    expect(Buffer.from(base32Decode(encoded.toUpperCase())!).toString()).toBe(plain);
  });

  it.each([
    ['mz', 'non-zero padding bits'],
    ['m', 'impossible length 1'],
    ['mzx', 'impossible length 3'],
    ['mzxw6y', 'impossible length 6'],
    ['my1', 'digit 1 is not in the alphabet'],
    ['m0', 'digit 0 is not in the alphabet'],
    ['my======', 'padding is not accepted'],
  ])('rejects %j (%s)', (text) => {
    expect(base32Decode(text)).toBeNull();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[a-z2-7]*$/);
        expect(base32Decode(encoded)).toEqual(bytes);
      }),
    );
  });
});
