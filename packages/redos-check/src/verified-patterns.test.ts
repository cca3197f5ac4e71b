import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patternKey, readVerified, recordVerified, unverified } from './verified-patterns.js';

const dir = mkdtempSync(join(tmpdir(), 'redos-verified-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const a = { source: 'a+b', flags: '' };
const b = { source: '^[ \\t]*x', flags: 'm' };

describe('patterns recorded as verified linear', () => {
  it('are keyed by source and flags: a changed pattern or flag is a pattern never verified', () => {
    expect(patternKey({ source: 'a+b', flags: '' })).toBe(patternKey(a));
    expect(patternKey({ source: 'a+bc', flags: '' })).not.toBe(patternKey(a));
    expect(patternKey({ source: 'a+b', flags: 'i' })).not.toBe(patternKey(a));
    // The separator keeps flags and source apart ('i' + 'x' is not '' + 'ix').
    expect(patternKey({ source: 'x', flags: 'i' })).not.toBe(patternKey({ source: 'ix', flags: '' }));
  });

  it('leave only the others to check', () => {
    expect(unverified([a, b], new Set([patternKey(a)]))).toEqual([b]);
    expect(unverified([a, b], new Set())).toEqual([a, b]);
  });

  it('are added when found linear and dropped once no source has them', () => {
    const file = join(dir, 'verified.txt');
    expect(readVerified(file)).toEqual(new Set());
    recordVerified([a], [a, b], file);
    expect(readVerified(file)).toEqual(new Set([patternKey(a)]));
    recordVerified([b], [a, b], file);
    expect(readVerified(file)).toEqual(new Set([patternKey(a), patternKey(b)]));
    // a removed from the sources: its key goes.
    recordVerified([], [b], file);
    expect(readVerified(file)).toEqual(new Set([patternKey(b)]));
    expect(readFileSync(file, 'utf8')).toMatch(/^# /);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('are read from key lines only (the header, blank lines and anything else are not keys)', () => {
    const file = join(dir, 'hand-edited.txt');
    writeFileSync(file, `# header\n\n${patternKey(a)}\nnot a key\n${patternKey(b).slice(0, 31)}\n`);
    expect(readVerified(file)).toEqual(new Set([patternKey(a)]));
  });
});
