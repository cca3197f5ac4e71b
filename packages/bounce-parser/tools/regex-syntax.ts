/**
 * A syntax tree of a regular expression source without flags (the subset of JavaScript's syntax the wording
 * families use, and everything else recognised well enough to be treated conservatively). Read by the keyword
 * prefilter's derivation (wording-prefilter.ts) and by its test, which generates texts from the tree.
 *
 * The tree need not be exact about what an item matches, only about where items start and end: an escape, class or
 * construct it does not model precisely becomes `any` (one character, whatever it is) or an assertion (no
 * character), which every user of the tree treats as "nothing known". Unbalanced or unknown syntax throws.
 */

export type RegexNode =
  | { type: 'alt'; branches: RegexNode[] }
  | { type: 'seq'; items: RegexNode[] }
  /** One literal code unit. */
  | { type: 'char'; char: string }
  /** A character class whose members are all listed (no escapes like \s, no range wider than MAX_RANGE). */
  | { type: 'class'; chars: string[]; negated: boolean }
  /** One character that may be any of many (`.`, `\s`, `\d`, a class with wide ranges or class escapes). */
  | { type: 'any'; source: string }
  /** Matches no character: `^`, `$`, `\b`, `\B`, lookarounds (their body is kept for generators). */
  | { type: 'assert'; source: string; body?: RegexNode }
  | { type: 'repeat'; body: RegexNode; min: number; max: number };

/** Ranges inside a class up to this many characters are listed; wider ones make the class `any`. */
const MAX_RANGE = 16;

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

export function parseRegex(source: string): RegexNode {
  let pos = 0;

  const fail = (why: string): never => {
    throw new Error(`regex-syntax: ${why} at ${pos} in /${source}/`);
  };

  /** An escape outside a class, `pos` on the character after the backslash. */
  const escaped = (): RegexNode => {
    const c = source[pos++];
    if (c === undefined) return fail('trailing backslash');
    if (c === 'b' || c === 'B') return { type: 'assert', source: `\\${c}` };
    if ('dDsSwW'.includes(c)) return { type: 'any', source: `\\${c}` };
    if (c in SIMPLE_ESCAPES) return { type: 'char', char: SIMPLE_ESCAPES[c]! };
    if (c === 'u' || c === 'x') {
      const len = c === 'u' ? 4 : 2;
      const hex = source.slice(pos, pos + len);
      if (!isHex(hex, len)) return fail(`bad \\${c} escape`);
      pos += len;
      return { type: 'char', char: String.fromCharCode(Number.parseInt(hex, 16)) };
    }
    // Backreferences, \c, \k<...>, \p{...}: whatever they match is unknown here.
    if (/[1-9ckpP]/.test(c)) {
      if (c === 'k' || c === 'p' || c === 'P') {
        const close = source.indexOf(c === 'k' ? '>' : '}', pos);
        if (close !== -1) pos = close + 1;
      }
      return { type: 'any', source: `\\${c}` };
    }
    return { type: 'char', char: c };
  };

  /** A character class, `pos` on the character after `[`. */
  const charClass = (): RegexNode => {
    const start = pos - 1;
    const negated = source[pos] === '^';
    if (negated) pos++;
    const chars: string[] = [];
    let isListed = true;
    let first = true;
    const member = (): string | null => {
      const c = source[pos++];
      if (c === undefined) return fail('unclosed class');
      if (c !== '\\') return c;
      const e = source[pos++];
      if (e === undefined) return fail('trailing backslash');
      if ('dDsSwWbBpPkc'.includes(e)) {
        if (e === 'p' || e === 'P') {
          const close = source.indexOf('}', pos);
          if (close !== -1) pos = close + 1;
        }
        return e === 'b' ? '\b' : null;
      }
      if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
      if (e === 'u' || e === 'x') {
        const len = e === 'u' ? 4 : 2;
        const hex = source.slice(pos, pos + len);
        if (!isHex(hex, len)) return fail(`bad \\${e} escape`);
        pos += len;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      return e;
    };
    while (first || source[pos] !== ']') {
      first = false;
      if (pos >= source.length) fail('unclosed class');
      const lo = member();
      if (source[pos] === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        pos++;
        const hi = member();
        if (lo === null || hi === null) {
          isListed = false;
          continue;
        }
        const from = lo.charCodeAt(0);
        const to = hi.charCodeAt(0);
        if (to < from) fail('range out of order');
        if (to - from + 1 > MAX_RANGE) isListed = false;
        else for (let code = from; code <= to; code++) chars.push(String.fromCharCode(code));
        continue;
      }
      if (lo === null) isListed = false;
      else chars.push(lo);
    }
    pos++; // ]
    const text = source.slice(start, pos);
    if (!isListed) return { type: 'any', source: text };
    return { type: 'class', chars: [...new Set(chars)], negated };
  };

  /** A quantifier after an atom, if any. */
  const quantified = (atom: RegexNode): RegexNode => {
    const c = source[pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(pos));
      if (!m) return atom; // a literal "{" (annex B)
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      pos += m[0].length - 1;
    } else return atom;
    pos++;
    if (source[pos] === '?') pos++; // lazy: the same strings
    return { type: 'repeat', body: atom, min, max };
  };

  const alternation = (): RegexNode => {
    const branches: RegexNode[] = [sequence()];
    while (source[pos] === '|') {
      pos++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : { type: 'alt', branches };
  };

  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      const c = source[pos++]!;
      let atom: RegexNode;
      if (c === '\\') atom = escaped();
      else if (c === '[') atom = charClass();
      else if (c === '.') atom = { type: 'any', source: '.' };
      else if (c === '^' || c === '$') atom = { type: 'assert', source: c };
      else if (c === '(') {
        let look: string | null = null;
        if (source.startsWith('?:', pos)) pos += 2;
        else if (/^\?<?[=!]/.test(source.slice(pos, pos + 3))) {
          look = source[pos + 1] === '<' ? source.slice(pos, pos + 3) : source.slice(pos, pos + 2);
          pos += look.length;
        } else if (source.startsWith('?<', pos)) {
          const close = source.indexOf('>', pos);
          if (close === -1) fail('unclosed group name');
          pos = close + 1;
        } else if (source[pos] === '?') fail('unknown group');
        const body = alternation();
        if (source[pos] !== ')') fail('unclosed group');
        pos++;
        atom = look === null ? body : { type: 'assert', source: `(${look}...)`, body };
      } else if (c === ')' || c === '*' || c === '+' || c === '?') return fail(`unexpected "${c}"`);
      else atom = { type: 'char', char: c };
      items.push(atom.type === 'assert' ? atom : quantified(atom));
    }
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  };

  const tree = alternation();
  if (pos !== source.length) fail('unbalanced ")"');
  return tree;
}

/** Whether `text` is `length` hexadecimal digits (a \u or \x escape's). */
function isHex(text: string, length: number): boolean {
  return text.length === length && /^[0-9a-fA-F]+$/.test(text);
}
