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
/**
 * The compiled families: reason, expression, and the prefilter's clauses, each one string whose strings are
 * separated by SEPARATOR (a compact form: the generated module is parsed at every start of a process or thread).
 */
export type CompiledWording = readonly (readonly [Reason, RegExp, readonly string[]])[];
/** Separates the strings of a clause in CompiledWording (never part of one: the compiler checks). */
export const SEPARATOR = '\t';

/** The clauses of a compiled chunk's prefilter. */
export function decodePrefilter(clauses: readonly string[]): KeywordPrefilter {
  return clauses.map((clause) => clause.split(SEPARATOR));
}

const ASCII_PAIRS = 128 * 128;

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
    // The table slot of a pair of characters a, b: (a << 7) | b for two ASCII characters, else ASCII_PAIRS + (a * 31 + b)
    // modulo the remaining slots. Written out here and in mayPass rather than called: these loops run thousands of
    // times per text, and in a short run (the `bounce` command over a folder) mostly before V8 optimises them, when
    // a call or a for-of iterator costs several times the arithmetic (bench:cold, callgrind).
    const { marks } = this;
    const g = this.generation;
    let a = text.charCodeAt(0);
    for (let i = 1; i < text.length; i++) {
      const b = text.charCodeAt(i);
      marks[a < 128 && b < 128 ? (a << 7) | b : ASCII_PAIRS + ((a * 31 + b) % (65536 - ASCII_PAIRS))] = g;
      a = b;
    }
  }

  /** False when the loaded text certainly fails a clause (it lacks a pair of every string of the clause). */
  mayPass(prefilter: KeywordPrefilter): boolean {
    const { marks, generation } = this;
    for (let c = 0; c < prefilter.length; c++) {
      const clause = prefilter[c] as readonly string[];
      let isMet = false;
      for (let k = 0; k < clause.length && !isMet; k++) {
        // The slots are computed here rather than once ahead: most strings fail at their first pair or two, and the
        // thousands of strings need no preparation at start-up.
        const s = clause[k] as string;
        let a = s.charCodeAt(0);
        let i = 1;
        for (; i < s.length; i++) {
          const b = s.charCodeAt(i);
          if (
            marks[a < 128 && b < 128 ? (a << 7) | b : ASCII_PAIRS + ((a * 31 + b) % (65536 - ASCII_PAIRS))] !==
            generation
          )
            break;
          a = b;
        }
        isMet = i >= s.length;
      }
      if (!isMet) return false;
    }
    return true;
  }
}
