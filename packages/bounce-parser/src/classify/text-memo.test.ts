import { describe, expect, it } from 'vitest';
import { memoiseByText } from './text-memo.js';

/** A function that counts its calls, to tell remembered results from computed ones. */
function counted(): { fn: (text: string) => string | null; calls: string[] } {
  const calls: string[] = [];
  const fn = (text: string): string | null => {
    calls.push(text);
    return text.startsWith('x') ? null : text.toUpperCase();
  };
  return { calls, fn };
}

describe('memoiseByText', () => {
  it('computes a text once and returns the same result after, null included', () => {
    const { fn, calls } = counted();
    const memo = memoiseByText(fn, { entries: 8, maxChars: 100 });
    expect([memo('abc'), memo('abc'), memo('xyz'), memo('xyz')]).toEqual(['ABC', 'ABC', null, null]);
    expect(calls).toEqual(['abc', 'xyz']);
  });

  it('forgets the oldest text past its number of entries', () => {
    const { fn, calls } = counted();
    const memo = memoiseByText(fn, { entries: 2, maxChars: 100 });
    for (const text of ['a', 'b', 'c', 'b', 'c', 'a']) memo(text);
    // 'a' was dropped when 'c' came, so it is computed again; 'b' and 'c' were still known.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('never keeps a text longer than its limit', () => {
    const { fn, calls } = counted();
    const memo = memoiseByText(fn, { entries: 8, maxChars: 3 });
    expect([memo('abcd'), memo('abcd'), memo('abc'), memo('abc')]).toEqual(['ABCD', 'ABCD', 'ABC', 'ABC']);
    expect(calls).toEqual(['abcd', 'abcd', 'abc']);
  });
});
