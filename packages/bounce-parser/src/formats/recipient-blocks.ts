import { normaliseAddress } from './address.js';

/**
 * Splits a plain-text bounce section into one block per recipient. `recipientOf` recognises the line that
 * starts a block (and returns the address plus any text after it on that line); following lines belong to the
 * block until the next recipient line or, depending on `blankLines`, a blank line.
 */
export type Block = { recipient: string; text: string };

export type BlankLinePolicy =
  /** A blank line always ends the block (qmail, OpenSMTPD). */
  | 'ends'
  /** A blank line ends the block once it has content, unless the last line announces more ("Reason:"). */
  | 'ends-after-content'
  /** Blank lines never end a block. */
  | 'ignored';

export type RecipientLine = { address: string; rest: string } | null;

const MAX_BLOCKS = 500;

export function splitBlocks(
  section: string,
  recipientOf: (line: string) => RecipientLine,
  blankLines: BlankLinePolicy,
): Block[] {
  const blocks: { recipient: string; lines: string[]; closed: boolean }[] = [];
  let current: { recipient: string; lines: string[]; closed: boolean } | null = null;
  // Lines are walked with indexOf rather than split: a 2 MB run of empty lines would be an array of 2 million strings.
  for (let start = 0; start <= section.length; ) {
    let end = section.indexOf('\n', start);
    if (end === -1) end = section.length;
    const line = section.slice(start, end);
    start = end + 1;
    // A blank line never names a recipient: skipping the recognizer on it keeps runs of empty lines cheap.
    const blank = line.length === 0 || line.trim() === '';
    const r = blank ? null : recipientOf(line);
    if (r) {
      if (blocks.length >= MAX_BLOCKS) break;
      current = { recipient: normaliseAddress(r.address), lines: r.rest ? [r.rest] : [], closed: false };
      blocks.push(current);
      continue;
    }
    if (!current || current.closed) continue;
    if (blank) {
      // Every kept line has content (blank lines are never pushed, `rest` is trimmed): no need to filter the
      // block on each blank line, which cost the block's length per blank line (issue 12's fuzz run).
      const last = current.lines[current.lines.length - 1];
      if (
        blankLines === 'ends' ||
        (blankLines === 'ends-after-content' && last !== undefined && !last.trimEnd().endsWith(':'))
      ) {
        current.closed = true;
      }
      continue;
    }
    current.lines.push(line);
  }
  return blocks.map((b) => ({ recipient: b.recipient, text: b.lines.join('\n').trim() }));
}

// The local part's first character is not a quote, so the opening punctuation and the address cannot trade
// characters (an ambiguity that backtracked polynomially); the rest of the line (taken whole: "(.*)$" backtracked on a
// carriage return or U+2028 inside the line) is trimmed by the caller.
const ADDRESS_TOKEN = /^[\s"'<]*([\w.!#$%&*+/=?^`{|}~-][\w.!#$%&'*+/=?^`{|}~-]*@[\w-]+(?:\.[\w-]+)+)[>"']*:?([\s\S]*)/;

/** A line that starts (after at most `maxIndent` spaces) with an address, optionally quoted or bracketed. */
export function leadingAddress(maxIndent: number): (line: string) => RecipientLine {
  return (line) => {
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i > maxIndent) return null;
    const m = ADDRESS_TOKEN.exec(line);
    return m?.[1] ? { address: m[1], rest: (m[2] ?? '').trim() } : null;
  };
}
