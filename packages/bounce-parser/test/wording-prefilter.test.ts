/**
 * The wording families' keyword prefilters must never skip a text their expression matches (a skipped match would
 * change a verdict). Checked on texts generated from each compiled expression's own syntax tree (random members of
 * its language, every branch, optional part and repetition count drawn), on the wording variants of the probes, and
 * on the derivation's rules one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePrefilter, type KeywordPrefilter, TextPairs } from '../src/classify/keyword-prefilter.js';
import { normaliseDiagnostic, reasonByText } from '../src/classify/reason-by-text.js';
import { COMPILED_WORDING } from '../src/classify/wording.compiled.js';
import { parseRegex, type RegexNode } from '../tools/regex-syntax.js';
import { keywordPrefilter } from '../tools/wording-prefilter.js';
import { HELD_OUT } from './wording-probe/held-out.js';
import { PROBE } from './wording-probe/probe.js';

/** The prefilter's meaning: every clause has one of its strings in the text. */
function meets(text: string, prefilter: KeywordPrefilter): boolean {
  return prefilter.every((clause) => clause.some((s) => text.includes(s)));
}

/** Deterministic pseudo-random numbers in [0, 1) (fast-check's generator, seeded), so that a failure reproduces. */
function random(seed: number): () => number {
  const numbers = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 100_000 });
  let i = 0;
  return () => numbers[i++ % numbers.length]!;
}

const CANDIDATES = ['a', 'x', 'e', 'n', '1', '0', ' ', '.', '-', '@', 'é', 'ß', 'я', '中'];

/** A random text the node may match (assertions are ignored: the expression itself says whether it matches). */
function generate(node: RegexNode, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  switch (node.type) {
    case 'alt':
      return generate(pick(node.branches), next);
    case 'seq':
      return node.items.map((item) => generate(item, next)).join('');
    case 'char':
      return node.char;
    case 'class': {
      if (!node.negated) return pick(node.chars);
      const outside = CANDIDATES.filter((c) => !node.chars.includes(c));
      return outside.length > 0 ? pick(outside) : '';
    }
    case 'any': {
      const oneChar = new RegExp(`^(?:${node.source})$`);
      const fitting = CANDIDATES.filter((c) => oneChar.test(c));
      return fitting.length > 0 ? pick(fitting) : 'x';
    }
    case 'assert':
      return '';
    case 'repeat': {
      const count = node.min + Math.floor(next() * (Math.min(node.max, node.min + 3) - node.min + 1));
      let out = '';
      for (let i = 0; i < count; i++) out += generate(node.body, next);
      return out;
    }
  }
}

describe('keyword prefilter derivation', () => {
  it('keeps the literal strings a match must contain', () => {
    expect(keywordPrefilter('user unknown')).toEqual([['user unknown']]);
    expect(keywordPrefilter('e-?mail')).toEqual([['e-mail', 'email']]);
    expect(keywordPrefilter('bo[iî]te pleine')).toEqual([['boite pleine', 'boîte pleine']]);
    expect(keywordPrefilter('mailbox(?: [^\\s,;:!?]{1,24}){0,5} (?:is full|over quota)')).toEqual([
      [' is full', ' over quota'],
      ['mailbox'],
    ]);
  });

  it('says nothing of a branch it cannot bound, and drops strings too short to help', () => {
    expect(keywordPrefilter('user unknown|\\d+ errors?')).toEqual([[' error', 'user unknown']]);
    expect(keywordPrefilter('user unknown|\\d+ (?:x|y)')).toEqual([]);
    expect(keywordPrefilter('\\bip\\b')).toEqual([]);
    expect(keywordPrefilter('x.{0,5}y')).toEqual([]);
    expect(keywordPrefilter('逆引き|反解')).toEqual([['反解', '逆引き']]);
  });

  it('ignores what lookarounds and boundaries require, since they consume nothing', () => {
    expect(keywordPrefilter('(?<!domain )unknown\\b')).toEqual([['unknown']]);
  });

  it('keeps a repetition taken at least once, and the union of an alternation', () => {
    expect(keywordPrefilter('(?:spam )+detected')).toEqual([['detected'], ['spam ']]);
    expect(keywordPrefilter('(?:quota.*exceeded|over quota)')).toEqual([['exceeded', 'over quota'], ['quota']]);
  });
});

describe('wording prefilters are safe', () => {
  const pairs = new TextPairs();

  it('let through every generated text that a compiled wording expression matches', { timeout: 120_000 }, () => {
    const next = random(13);
    const misses: string[] = [];
    let matched = 0;
    for (const [reason, pattern, encoded] of COMPILED_WORDING) {
      const prefilter = decodePrefilter(encoded);
      const tree = parseRegex(pattern.source);
      for (let i = 0; i < 40; i++) {
        const text = `${['', 'x ', '550 5.1.1 '][i % 3]}${generate(tree, next)}${['', ' here', '.'][i % 3]}`;
        if (!pattern.test(text)) continue;
        matched++;
        pairs.load(text);
        if (!meets(text, prefilter) || !pairs.mayPass(prefilter))
          misses.push(`${reason} /${pattern.source}/ on "${text}"`);
      }
    }
    expect(misses).toEqual([]);
    expect(matched).toBeGreaterThan(COMPILED_WORDING.length * 20);
  });

  it('give the same reason as the expressions alone on the probe replies', () => {
    for (const [, reply] of [...PROBE, ...HELD_OUT]) {
      const text = normaliseDiagnostic(reply);
      const unfiltered = COMPILED_WORDING.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
      const filtered = reasonByText(text);
      // systemfull is decided before the families.
      if (filtered !== 'systemfull') expect({ reply, reason: filtered }).toEqual({ reply, reason: unfiltered });
    }
  });
});
