import type { Reason } from '../types.js';

/**
 * Keyword prefilters of the wording families (issue 13: wider tables must not slow the hot path). Each compiled
 * chunk of wording.compiled.ts carries clauses of literal strings derived from its expression by
 * tools/wording-prefilter.ts: every text the expression matches contains, for each clause, one of the clause's
 * strings. A text failing a clause is skipped without running the expression, and an expression that never gets
 * to run is never compiled by V8 (for the free-word-order families, compiling costs milliseconds each, far more
 * than running them).
 *
 * The test is a necessary condition, checked cheaply: a string can only be in the text if every pair of adjacent
 * characters of it is a pair of the text. The text's pairs are marked once in a table (by the low bytes of the two
 * characters' codes: pairs of ASCII characters each have a slot of their own, other pairs share the remaining slots,
 * which only lets more texts through), and each string of a clause is checked against it. A false "maybe" costs a run of the expression, never a verdict.
 */
export type KeywordPrefilter = readonly (readonly string[])[];
export type CompiledWording = readonly (readonly [Reason, RegExp, KeywordPrefilter])[];

/** A prefilter's strings as the table slots of their character pairs. */
export type PairPrefilter = readonly (readonly Int32Array[])[];

const ASCII_PAIRS = 128 * 128;

function slot(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  return a < 128 && b < 128 ? (a << 7) | b : ASCII_PAIRS + ((a * 31 + b) % (65536 - ASCII_PAIRS));
}

export function toPairPrefilter(prefilter: KeywordPrefilter): PairPrefilter {
  return prefilter.map((clause) =>
    clause.map((s) => {
      const slots = new Set<number>();
      for (let i = 0; i + 1 < s.length; i++) slots.add(slot(s, i));
      return Int32Array.from(slots);
    }),
  );
}

/** The character pairs of one text at a time (reused: marking a new text costs one pass, nothing is cleared). */
export class TextPairs {
  private readonly marks = new Int32Array(65536);
  private generation = 0;

  /** Marks the pairs of `text`, forgetting the previous text's. */
  load(text: string): void {
    if (++this.generation === 0x7fffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    const g = this.generation;
    for (let i = 0; i + 1 < text.length; i++) this.marks[slot(text, i)] = g;
  }

  /** False when the loaded text certainly fails a clause (it lacks a pair of every string of the clause). */
  mayPass(prefilter: PairPrefilter): boolean {
    const { marks, generation } = this;
    for (const clause of prefilter) {
      let isMet = false;
      for (const slots of clause) {
        let hasAll = true;
        for (let i = 0; i < slots.length; i++) {
          if (marks[slots[i]!] !== generation) {
            hasAll = false;
            break;
          }
        }
        if (hasAll) {
          isMet = true;
          break;
        }
      }
      if (!isMet) return false;
    }
    return true;
  }
}
