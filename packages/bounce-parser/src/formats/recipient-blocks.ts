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
  for (const line of section.split('\n')) {
    const r = recipientOf(line);
    if (r) {
      if (blocks.length >= MAX_BLOCKS) break;
      current = { recipient: normaliseAddress(r.address), lines: r.rest ? [r.rest] : [], closed: false };
      blocks.push(current);
      continue;
    }
    if (!current || current.closed) continue;
    if (line.trim() === '') {
      const content = current.lines.filter((l) => l.trim() !== '');
      const last = content[content.length - 1] ?? '';
      if (
        blankLines === 'ends' ||
        (blankLines === 'ends-after-content' && content.length > 0 && !last.trimEnd().endsWith(':'))
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
