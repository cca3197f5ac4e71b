/**
 * Derives a keyword prefilter from a regular expression: clauses of literal strings such that every text the
 * expression matches contains, for each clause, at least one of its strings. A text lacking every string of one
 * clause cannot match, so the expression need not run (nor be compiled by V8, which for the wording families'
 * counted repetitions costs far more than running them). See src/classify/keyword-prefilter.ts for how it is used.
 *
 * Derived from the pattern itself, never written by hand, so it cannot drift from the wording: each construct
 * contributes only what it guarantees. An item with a known finite set of matches (a literal, a short class, an
 * optional part, a small alternation) is an exact set; a sequence multiplies adjacent exact sets into longer strings;
 * anything else (a wildcard, a repetition that may be absent) guarantees nothing and breaks the string there; an
 * alternation guarantees, of each pair of its branches' clauses, the union. Dropping a clause only weakens the
 * filter, so clauses too weak to help (one with a string of a character or two) are dropped.
 */
import { parseRegex, type RegexNode } from './regex-syntax.js';

/** Most strings an exact set may hold before it is turned into a clause. */
const MAX_EXACT = 16;
/** Most clauses kept per node (the strongest by SCORE): more cost checks and seldom reject more. */
const MAX_CLAUSES = 3;
/**
 * Shortest string worth keeping in a clause (a clause with a shorter one is met by almost any text): three
 * characters, or two of a script whose characters are words or syllables (CJK, Korean, Cyrillic, ...).
 */
const MIN_ATOM = 3;
const MIN_WIDE_ATOM = 2;
const WIDE = /[^\u0000-\u00ff]/;

type Clause = string[];
/** What a node guarantees: its exact set of matches when known and small, else clauses (conjunctive form). */
type Info = { exact: string[] | null; clauses: Clause[] };

const NOTHING_KNOWN: Info = { exact: null, clauses: [] };

/** The prefilter of a pattern without flags: clauses, strongest first; [] when nothing can be said. */
export function keywordPrefilter(source: string): string[][] {
  return best(clausesOf(derive(parseRegex(source))));
}

function derive(node: RegexNode): Info {
  switch (node.type) {
    case 'char':
      return { exact: [node.char], clauses: [] };
    case 'class':
      return node.negated ? NOTHING_KNOWN : { exact: node.chars, clauses: [] };
    case 'any':
      return NOTHING_KNOWN;
    case 'assert':
      return { exact: [''], clauses: [] };
    case 'repeat': {
      const body = derive(node.body);
      if (node.min === 1 && node.max === 1) return body;
      if (node.min === 0) {
        return node.max === 1 && body.exact ? { exact: union([''], body.exact), clauses: [] } : NOTHING_KNOWN;
      }
      // At least once: whatever one occurrence guarantees.
      return { exact: null, clauses: clausesOf(body) };
    }
    case 'seq':
      return sequence(node.items.map(derive));
    case 'alt':
      return alternation(node.branches.map(derive));
  }
}

function sequence(items: Info[]): Info {
  const clauses: Clause[] = [];
  let run: string[] = [''];
  let isExact = true;
  const flush = (): void => {
    clauses.push(...clausesOf({ exact: run, clauses: [] }));
    run = [''];
  };
  for (const item of items) {
    if (item.exact === null) {
      isExact = false;
      flush();
      clauses.push(...item.clauses);
      continue;
    }
    if (run.length * item.exact.length > MAX_EXACT) {
      isExact = false;
      flush();
      run = item.exact;
      continue;
    }
    run = run.flatMap((a) => item.exact!.map((b) => a + b));
  }
  if (isExact) return { exact: [...new Set(run)], clauses: [] };
  flush();
  return { exact: null, clauses: best(clauses) };
}

function alternation(branches: Info[]): Info {
  if (branches.every((b) => b.exact !== null)) {
    const all = branches.reduce<string[]>((acc, b) => union(acc, b.exact!), []);
    if (all.length <= MAX_EXACT) return { exact: all, clauses: [] };
  }
  // Some branch matches: for every choice of one clause per branch, one of the chosen clauses holds, hence their
  // union does. Kept to the strongest few at each step.
  let clauses: Clause[] | null = null;
  for (const branch of branches) {
    const own = clausesOf(branch);
    if (own.length === 0) return NOTHING_KNOWN;
    clauses =
      clauses === null ? own : best(clauses.flatMap((a) => own.map((b) => simplify([...a, ...b]))).filter(isClause));
    if (clauses.length === 0) return NOTHING_KNOWN;
  }
  return { exact: null, clauses: clauses ?? [] };
}

function clausesOf(info: Info): Clause[] {
  if (info.exact === null) return info.clauses;
  const clause = simplify(info.exact);
  return isClause(clause) ? [clause] : [];
}

/** Most strings a clause may hold: a longer one is met by most texts anyway and costs more to check and to load. */
const MAX_ATOMS = 96;

/** A clause that says something: no empty or too short string in it, and not too many. */
function isClause(clause: Clause): boolean {
  return (
    clause.length > 0 &&
    clause.length <= MAX_ATOMS &&
    clause.every((s) => s.length >= MIN_ATOM || (s.length >= MIN_WIDE_ATOM && WIDE.test(s)))
  );
}

/**
 * The same condition with fewer strings: a string containing another of the clause is implied by it ("mailbox"
 * present means "mail" present), so only the shorter is kept. Sorted for a stable output.
 */
function simplify(clause: Clause): Clause {
  const unique = [...new Set(clause)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  for (const s of unique) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept.sort();
}

/** Strength of a clause: its shortest string's length (longer is rarer), then fewer strings. */
function score(clause: Clause): number {
  return Math.min(...clause.map((s) => s.length)) * 1000 - clause.length;
}

function best(clauses: Clause[]): Clause[] {
  const unique = new Map<string, Clause>();
  for (const c of clauses) if (isClause(c)) unique.set(JSON.stringify(c), c);
  return [...unique.values()].sort((a, b) => score(b) - score(a)).slice(0, MAX_CLAUSES);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
