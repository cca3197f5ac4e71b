import { describe, expect, it } from 'vitest';
import { oneLine } from '../formats/text-blocks.js';
import { isWhiteSpace } from './code-units.js';
import { toLfLineEndings } from './line-endings.js';

/** Random short texts over line breaks, every kind of white space, lookalikes and lone surrogates. */
function* randomTexts(count: number): Generator<string> {
  let seed = 0x1f2e3d4c;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const alphabet = [' ', '\t', '\n', '\r', '\v', '\f', 'a', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b'];
  alphabet.push('\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\ud800', 'é');
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let i = Math.floor(next() * 20); i > 0; i--) text += alphabet[Math.floor(next() * alphabet.length)];
    yield text;
  }
}

describe('one-pass rewrites give what the global replaces they replaced gave', () => {
  it('toLfLineEndings equals replace(/\\r\\n?/g, "\\n")', () => {
    for (const text of randomTexts(20_000))
      expect(toLfLineEndings(text), JSON.stringify(text)).toBe(text.replace(/\r\n?/g, '\n'));
  });

  it('toLfLineEndings gives the same on a text with more line breaks than it slices (the code-unit path)', () => {
    const dense = `a\r\n${'\r'.repeat(40_000)}b${'\r\n'.repeat(40_000)}c\n\r`;
    expect(toLfLineEndings(dense)).toBe(dense.replace(/\r\n?/g, '\n'));
  });

  it('oneLine equals replace(/\\s+/g, " ").trim()', () => {
    for (const text of randomTexts(20_000))
      expect(oneLine(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('isWhiteSpace agrees with \\s on every code unit', () => {
    // One assertion over the list of disagreements: 65,536 expect() calls took seconds on a loaded machine.
    const disagreements: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code.toString(16));
    }
    expect(disagreements).toEqual([]);
  });
});
