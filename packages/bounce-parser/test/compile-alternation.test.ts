import { describe, expect, it } from 'vitest';
import { decodePrefilter } from '../src/classify/keyword-prefilter.js';
import { normaliseDiagnostic } from '../src/classify/reason-by-text.js';
import { COMPILED_WORDING } from '../src/classify/wording.compiled.js';
import { WORDING } from '../src/classify/wording.js';
import { compileAlternation, compileWording, topLevelBranches } from '../tools/compile-alternation.js';

describe('wording.compiled.ts', () => {
  it('is generated from the current wording.ts (else run: pnpm --filter @bounce/parser compile:wording)', () => {
    // The expressions and prefilters themselves are compared (the file's layout is the formatter's).
    const generated = COMPILED_WORDING.map(([reason, pattern, prefilter]) => ({
      reason,
      source: pattern.source,
      prefilter: decodePrefilter(prefilter),
    }));
    expect(generated).toEqual(compileWording());
    expect(COMPILED_WORDING.every(([, pattern]) => pattern.flags === '')).toBe(true);
    // Chunks of one family are adjacent: removing repeats gives the families' order.
    const order = COMPILED_WORDING.map(([reason]) => reason).filter((r, i, all) => i === 0 || all[i - 1] !== r);
    expect(order).toEqual(WORDING.map(([reason]) => reason).filter((r, i, all) => i === 0 || all[i - 1] !== r));
    // Deriving every chunk and its prefilter takes about a second alone and over 5 s (vitest's default limit) on
    // the shared machine at load 20: a limit for a hang, not a timing assertion.
  }, 60_000);
});

describe('compileAlternation', () => {
  it('splits only at top-level bars', () => {
    expect(topLevelBranches('a(?:b|c)|[|]d|e\\|f')).toEqual(['a(?:b|c)', '[|]d', 'e\\|f']);
  });

  it('groups branches by their first literal and distributes a leading group', () => {
    const re = compileAlternation(['user unknown|unknown user', '(?:mailbox|user) full', 'x?y', '\\bspam\\b']);
    expect(re.source).toContain('u(?:ser unknown|nknown user|ser full)');
    for (const text of ['user unknown', 'an unknown user', 'mailbox full', 'y', 'no spam here']) {
      expect(re.test(text)).toBe(true);
    }
    for (const text of ['usr unknown', 'mailbox', 'antispam', 'box full']) expect(re.test(text)).toBe(false);
  });

  // Families x samples grow with the phrases (about 2,000 samples against 200 compiled chunks): a generous limit
  // for a loaded machine, where the default 5 s was not enough.
  it('matches exactly what the plain alternation of each wording family matches', { timeout: 120_000 }, () => {
    // Texts: each family's own phrases made concrete (gaps and optional parts filled in the simplest way), plus
    // near misses, checked against both forms.
    const samples: string[] = [];
    for (const [, phrases] of WORDING) {
      for (const phrase of phrases) {
        for (const branch of topLevelBranches(phrase)) {
          const concrete = branch
            .replace(/\\b|\\\\|\(\?:|\)\??|\?/g, '')
            .replace(/\[\^ \]\{\d+,\d+\}/g, 'x')
            .replace(/\[[^\]]*\]\{\d+(?:,\d+)?\}/g, 'a')
            .replace(/\[([^\]^])[^\]]*\]/g, '$1')
            .replace(/\|/g, ' ');
          samples.push(normaliseDiagnostic(`550 ${concrete} here`), normaliseDiagnostic(concrete.slice(1)));
        }
      }
    }
    let matched = 0;
    // Disagreements collected and asserted once: an expect() per sample and family (several hundred thousand) made
    // the test slower than its timeout on a loaded machine.
    const disagreements: string[] = [];
    for (const [, phrases] of WORDING) {
      const plain = new RegExp(phrases.join('|'));
      const compiled = compileAlternation(phrases);
      for (const text of samples) {
        const expected = plain.test(text);
        if (expected) matched++;
        if (compiled.test(text) !== expected) disagreements.push(`${compiled.source.slice(0, 60)} on "${text}"`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(matched).toBeGreaterThan(500);
  });
});
