import { describe, expect, it } from 'vitest';
import { findUnstorableText, storableTimeSchema, unstorableTextReason } from './pg-values.js';

describe('what PostgreSQL stores', () => {
  it('finds NUL and lone surrogates, accepts pairs', () => {
    expect(unstorableTextReason('a\u0000b')).toMatch(/NUL/);
    expect(unstorableTextReason('a\ud800')).toMatch(/surrogate/);
    expect(unstorableTextReason('\udc00a')).toMatch(/surrogate/);
    expect(unstorableTextReason('\ud800\ud800\udc00')).toMatch(/surrogate/);
    expect(unstorableTextReason('ok 😀 é')).toBeNull();
  });

  it('walks deep values without recursion and names the path', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path.length).toBe(100_000);
    expect(findUnstorableText({ a: [{ b: 'ok' }, { c: '\ud800' }] })?.path).toEqual(['a', 1, 'c']);
    expect(findUnstorableText({ 'k\u0000': 1 })?.reason).toMatch(/key/);
    expect(findUnstorableText({ a: [1, true, null, 'fine'] })).toBeNull();
  });

  it('reads times from strings and Dates only, inside years 0001 to 9999', () => {
    expect(storableTimeSchema.parse('2025-01-31T12:00:00Z')).toEqual(new Date('2025-01-31T12:00:00Z'));
    expect(storableTimeSchema.parse(new Date(0))).toEqual(new Date(0));
    for (const bad of [true, null, 0, 8.64e15, '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 'soon', '']) {
      expect(storableTimeSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
