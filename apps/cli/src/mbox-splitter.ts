/**
 * Streaming mbox splitter (RFC 4155 "application/mbox", mboxrd quoting).
 *
 * A message starts at a "From " separator line ("From sender asctime-date"). To avoid splitting on body text that a
 * sloppy writer left unquoted, a "From " line counts as a separator only when it is the first line of the input or
 * follows an empty line (every mbox writer puts one blank line between messages) and carries a time of day, as the
 * asctime date of a real separator always does. Real bounces show why: a returned message pasted after a MIME
 * boundary line contains "From double-bounce@host  Thu Jul  2 12:05:05 2020" that is not a separator.
 *
 * Body lines that begin with one or more ">" followed by "From " lose one ">" (mboxrd unquoting); the blank line
 * that precedes a separator belongs to the framing and is dropped.
 *
 * Memory: only the message being assembled is held, so a multi-gigabyte mbox streams in constant memory (bounded by
 * its largest message).
 */

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const F = 0x46;
const FROM_SPACE = Buffer.from('From ', 'latin1');
/** "From " + a non-empty sender + a time of day (asctime date, e.g. "Thu Jul  2 12:05:05 2020"). */
const SEPARATOR_RE = /^From \S+.*\b\d{1,2}:\d{2}/;
/** Longest separator line we bother to test with the regular expression; real ones are well under 200 bytes. */
const MAX_SEPARATOR_LENGTH = 1000;

/** Whether `data` begins with an mbox "From " line (how input of unknown type is recognised as an mbox). */
export function startsWithFromLine(data: Uint8Array): boolean {
  if (data.length < FROM_SPACE.length) return false;
  for (let i = 0; i < FROM_SPACE.length; i++) if (data[i] !== FROM_SPACE[i]) return false;
  return true;
}

function isEmptyLine(line: Uint8Array): boolean {
  return line.length === 1 ? line[0] === LF : line.length === 2 && line[0] === CR && line[1] === LF;
}

function isSeparator(line: Uint8Array): boolean {
  if (!startsWithFromLine(line) || line.length > MAX_SEPARATOR_LENGTH) return false;
  return SEPARATOR_RE.test(Buffer.from(line.buffer, line.byteOffset, line.length).toString('latin1'));
}

/** Number of leading ">" when the line is a quoted "From " line (">From ", ">>From ", ...), else 0. */
function quotedFromDepth(line: Uint8Array): number {
  let i = 0;
  while (i < line.length && line[i] === GT) i++;
  if (i === 0 || line.length - i < FROM_SPACE.length) return 0;
  for (let j = 0; j < FROM_SPACE.length; j++) if (line[i + j] !== FROM_SPACE[j]) return 0;
  return i;
}

/**
 * Feed chunks with `push`, then call `end`; both return the messages completed so far (raw bytes without the
 * separator line). Text before the first separator (not an mbox at all, or a damaged head) is returned as a message
 * of its own when it is not blank, so no input is silently dropped.
 *
 * Lines are scanned one by one, but only lines that begin with "F" or ">" are looked at further: the plain lines
 * in between are kept as one slice of the chunk, so a gigabyte of mbox does not become millions of small objects.
 */
export class MboxSplitter {
  /** Slices of the message being assembled. */
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  /** Pieces of an incomplete last line, carried over to the next chunk. */
  private carry: Uint8Array[] = [];
  /** Whether the previous complete line was empty (a separator must follow an empty line). */
  private isPreviousEmpty = true;
  /** Length of that line: the blank line before a separator is framing, and is cut off the message. */
  private previousLength = 0;
  /** Whether a separator has been seen, i.e. `parts` belong to a real message. */
  private isInMessage = false;
  private messageCount = 0;

  /** Number of messages returned so far. */
  get count(): number {
    return this.messageCount;
  }

  /** Keeps references into `chunk` until its message is complete: do not reuse the buffer (stream chunks are fresh). */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let start = 0;
    let nl = chunk.indexOf(LF);
    if (nl >= 0 && this.carry.length > 0) {
      // Join the carried pieces only once the line is complete: a 50 MB line arriving in 1 MB chunks must not be
      // copied again for every chunk.
      this.carry.push(chunk.subarray(0, nl + 1));
      const line = Buffer.concat(this.carry);
      this.carry = [];
      this.line(line, out);
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    let runStart = start; // plain lines from here on are not in `parts` yet
    while (nl >= 0) {
      const end = nl + 1;
      const first = chunk[start];
      if (first === F && this.isPreviousEmpty && isSeparator(chunk.subarray(start, end))) {
        this.keep(chunk, runStart, start);
        this.finish(out, true);
        this.isInMessage = true;
        this.isPreviousEmpty = false;
        this.previousLength = 0;
        runStart = end;
      } else if (first === GT && quotedFromDepth(chunk.subarray(start, end)) > 0) {
        this.keep(chunk, runStart, start);
        runStart = start + 1; // mboxrd: one ">" less
        this.isPreviousEmpty = false;
        this.previousLength = end - start - 1;
      } else {
        const length = end - start;
        this.isPreviousEmpty = length === 1 || (length === 2 && first === CR);
        this.previousLength = length;
      }
      start = end;
      nl = chunk.indexOf(LF, start);
    }
    this.keep(chunk, runStart, start);
    if (start < chunk.length) this.carry.push(chunk.subarray(start));
    return out;
  }

  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.carry.length > 0) {
      const last = Buffer.concat(this.carry);
      this.carry = [];
      this.line(last, out);
    }
    this.finish(out, false);
    return out;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(chunk.subarray(from, to));
    this.partsLength += to - from;
  }

  /** One whole line, taken on its own (a line that spanned chunks, or the unterminated last line). */
  private line(line: Uint8Array, out: Uint8Array[]): void {
    if (this.isPreviousEmpty && isSeparator(line)) {
      this.finish(out, true);
      this.isInMessage = true;
      this.isPreviousEmpty = false;
      this.previousLength = 0;
      return;
    }
    const depth = quotedFromDepth(line);
    const kept = depth > 0 ? line.subarray(1) : line;
    this.keep(kept, 0, kept.length);
    this.isPreviousEmpty = isEmptyLine(line);
    this.previousLength = kept.length;
  }

  /** Closes the current message; `isBeforeSeparator` drops the blank framing line that precedes a separator. */
  private finish(out: Uint8Array[], isBeforeSeparator: boolean): void {
    const parts = this.parts;
    this.parts = [];
    let total = this.partsLength;
    this.partsLength = 0;
    if (isBeforeSeparator && this.isPreviousEmpty && this.previousLength > 0 && parts.length > 0) {
      // An empty line is never split between two slices (slices break at line starts, or after a quoting ">").
      const last = parts[parts.length - 1]!;
      if (last.length > this.previousLength)
        parts[parts.length - 1] = last.subarray(0, last.length - this.previousLength);
      else parts.pop();
      total -= this.previousLength;
    }
    if (!this.isInMessage && parts.every(isBlank)) return;
    out.push(Buffer.concat(parts, total));
    this.messageCount++;
  }
}

function isBlank(line: Uint8Array): boolean {
  for (const byte of line) if (byte !== LF && byte !== CR && byte !== 0x20 && byte !== 0x09) return false;
  return true;
}
