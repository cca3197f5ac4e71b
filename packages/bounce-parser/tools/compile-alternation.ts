import { SEPARATOR } from '../src/classify/keyword-prefilter.js';
import { WORDING } from '../src/classify/wording.js';
import type { Reason } from '../src/types.js';
import { keywordPrefilter } from './wording-prefilter.js';

/** Most phrases compiled into one expression (see renderCompiledWording). */
const CHUNK = 6;
/**
 * Longest expression a chunk of several phrases may compile to. V8 compiles an expression at its first use, at a cost
 * that grows with its length (about a millisecond for the longest chunks, and again for the first text with
 * characters beyond Latin-1), and a chunk runs whenever its prefilter lets a text through, which one phrase's
 * keywords suffice for: the free-word-order phrases (over 500 characters each) are therefore compiled alone or in
 * pairs, so that a short run (the `bounce` command over a folder) compiles mostly what its texts can match.
 */
const CHUNK_SOURCE_CHARS = 1_600;

/**
 * Compiles a long list of phrase patterns into one regular expression that matches exactly what their plain
 * alternation (`a|b|c`) matches, but faster. A regex engine tries every branch of an alternation at every position
 * of the text; with hundreds of branches that dominates the cost of reading a reply. Grouping the branches by their
 * first literal character (`u(?:ser unknown|nknown user)|n(?:o such user)|...`) lets the engine reject most
 * positions with one character test and try only the few branches that can start there.
 *
 * Only a branch whose first character is a plain literal (a letter, a digit, a space or another non-special
 * character, not followed by a quantifier) is grouped; the others are kept as they are. The grouping does not
 * change what matches: `xA|xB` and `x(?:A|B)` accept the same strings, and every branch stays a whole alternative.
 */

const SPECIAL = new Set(['\\', '(', ')', '[', ']', '{', '}', '|', '.', '*', '+', '?', '^', '$']);
const QUANTIFIER = new Set(['*', '+', '?', '{']);

/** Splits a pattern source at its top-level `|` (outside groups and character classes). */
export function topLevelBranches(source: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      branches.push(source.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(source.slice(start));
  return branches;
}

/** The branch's first character when it is a plain literal that can be factored out, else null. */
function leadingLiteral(branch: string): string | null {
  const first = branch[0];
  if (first === undefined || SPECIAL.has(first)) return null;
  // A surrogate pair is one character; keep it whole.
  const width = first.charCodeAt(0) >= 0xd800 && first.charCodeAt(0) <= 0xdbff ? 2 : 1;
  const next = branch[width];
  if (next !== undefined && QUANTIFIER.has(next)) return null;
  return branch.slice(0, width);
}

/** Index of the `)` closing the group opened at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Most alternatives a leading group is distributed over (`(?:a|b)c` becomes `ac|bc`). */
const MAX_DISTRIBUTED = 4;

/**
 * A branch that starts with a non-capturing group taken exactly once, `(?:a|b)rest`, as the branches `arest` and
 * `brest`: the same strings, and each new branch may now have a literal first character to be grouped by.
 */
function distributeLeadingGroup(branch: string, budget = 3): string[] {
  if (budget === 0 || !branch.startsWith('(?:')) return [branch];
  const close = closingParen(branch, 0);
  if (close === -1) return [branch];
  const after = branch[close + 1];
  if (after !== undefined && QUANTIFIER.has(after)) return [branch];
  const alternatives = topLevelBranches(branch.slice(3, close));
  if (alternatives.length > MAX_DISTRIBUTED) return [branch];
  const rest = branch.slice(close + 1);
  return alternatives.flatMap((a) => distributeLeadingGroup(a + rest, budget - 1));
}

export function compileAlternation(sources: readonly string[], flags = ''): RegExp {
  const grouped = new Map<string, string[]>();
  const other: string[] = [];
  for (const source of sources) {
    for (const branch of topLevelBranches(source).flatMap((b) => distributeLeadingGroup(b))) {
      const lead = leadingLiteral(branch);
      if (lead === null) {
        other.push(branch);
        continue;
      }
      const rests = grouped.get(lead) ?? [];
      rests.push(branch.slice(lead.length));
      grouped.set(lead, rests);
    }
  }
  const parts: string[] = [];
  for (const [lead, rests] of grouped) {
    // An empty rest (a one-character branch) must stay possible: (?:|x) tries the empty branch first, which is
    // fine for a boolean test.
    parts.push(rests.length === 1 ? `${lead}${rests[0]}` : `${lead}(?:${rests.join('|')})`);
  }
  parts.push(...other);
  return new RegExp(parts.join('|'), flags);
}

/** One compiled chunk of a wording family: its reason, expression source and keyword prefilter. */
export type CompiledChunk = { reason: Reason; source: string; prefilter: string[][] };

/**
 * The wording families compiled: each in chunks of at most CHUNK phrases and, beyond one phrase, CHUNK_SOURCE_CHARS
 * characters of expression (recheck decides small expressions exactly
 * by automaton, while on one very large alternation it falls back to fuzzing, whose verdict varies from run to run;
 * adjacent chunks carry the same reason, so trying them in order gives what the whole family would), each chunk with
 * the keyword prefilter derived from its expression (wording-prefilter.ts).
 */
export function compileWording(): CompiledChunk[] {
  return WORDING.flatMap(([reason, phrases]) => {
    const out: CompiledChunk[] = [];
    const push = (chunk: readonly string[]) => {
      const source = compileAlternation(chunk).source;
      out.push({ reason, source, prefilter: keywordPrefilter(source) });
    };
    let chunk: string[] = [];
    for (const phrase of phrases) {
      const longer = [...chunk, phrase];
      if (
        chunk.length > 0 &&
        (longer.length > CHUNK || compileAlternation(longer).source.length > CHUNK_SOURCE_CHARS)
      ) {
        push(chunk);
        chunk = [phrase];
      } else chunk = longer;
    }
    if (chunk.length > 0) push(chunk);
    return out;
  });
}

/**
 * The TypeScript source of src/classify/wording.compiled.ts for the current wording families, before formatting
 * (compile-wording.ts runs the formatter on it; the test compares the compiled values, not the text).
 */
export function renderCompiledWording(): string {
  const lines = compileWording().map(({ reason, source, prefilter }) => {
    const clauses = prefilter.map((clause) => {
      if (clause.some((s) => s.includes(SEPARATOR)))
        throw new Error(`a prefilter string holds the separator: /${source}/`);
      return clause.join(SEPARATOR);
    });
    return `  ['${reason}', /${source}/, ${JSON.stringify(clauses)}],`;
  });
  return [
    '// Generated by tools/compile-wording.ts from wording.ts: do not edit (test/compile-alternation.test.ts checks it).',
    "import type { CompiledWording } from './keyword-prefilter.js';",
    '',
    '/**',
    ' * The wording families of wording.ts, in their order, compiled in chunks of a few phrases each, each with its',
    ' * keyword prefilter (tools/wording-prefilter.ts): clauses whose strings are separated by tabs.',
    ' */',
    'export const COMPILED_WORDING: CompiledWording = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}
