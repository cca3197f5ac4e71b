/**
 * E-mail address helpers shared by the format detectors.
 *
 * Addresses are found by a scanner rather than a regular expression: an unanchored address pattern restarts at
 * every character of a run without "@" and costs quadratic time on hostile text (issue 12: `findAddress` took 2 s on
 * 2 MB). The scanner visits each "@" once and looks at most a bounded distance around it (RFC 5321 4.5.3.1 limits:
 * local part 64, labels 63), so the work is linear by construction. It finds what the former pattern
 * `[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}` found: deliberately simple (RFC 5321 mailbox, no
 * quoted local parts with spaces), since bounces quote addresses plainly.
 */

const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_EXTRA_LABELS = 8;

/** [\w-]: letters, digits, "_" and "-". */
function isLabelChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}

/** The local-part alphabet: [\w.!#$%&'*+/=?^`{|}~-]. */
function isLocalChar(c: number): boolean {
  if (isLabelChar(c)) return true;
  switch (c) {
    case 0x2e: // .
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2f: // /
    case 0x3d: // =
    case 0x3f: // ?
    case 0x5e: // ^
    case 0x60: // `
    case 0x7b: // {
    case 0x7c: // |
    case 0x7d: // }
    case 0x7e: // ~
      return true;
    default:
      return false;
  }
}

/** Length of the run of label characters at `from`, counted up to `limit + 1` (enough to tell "too long"). */
function labelRun(text: string, from: number, limit: number): number {
  let i = from;
  while (i < text.length && i - from <= limit && isLabelChar(text.charCodeAt(i))) i++;
  return i - from;
}

/**
 * The address whose "@" is at `at`, as [start, end), or null. `floor` is where the local part may start at the
 * earliest (just after the previous "@": "@" is not a local-part character, so runs never overlap).
 */
function addressAt(text: string, at: number, floor: number): [number, number] | null {
  let start = at;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
  if (start === at) return null;
  // Leftmost match: a longer run is matched by its last 64 characters.
  start = Math.max(start, at - MAX_LOCAL);
  // The first domain label must be whole (a longer run cannot be followed by the "." the pattern requires).
  const first = labelRun(text, at + 1, MAX_LABEL);
  if (first === 0 || first > MAX_LABEL) return null;
  let end = at + 1 + first;
  let labels = 0;
  while (labels < MAX_EXTRA_LABELS && text.charCodeAt(end) === 0x2e) {
    const run = labelRun(text, end + 1, MAX_LABEL);
    if (run === 0) break;
    // A longer label is cut at 63 characters and ends the match (what the bounded pattern did).
    end += 1 + Math.min(run, MAX_LABEL);
    labels++;
    if (run > MAX_LABEL) break;
  }
  return labels === 0 ? null : [start, end];
}

/** Every address span in the text, in order, each "@" visited once. */
function* addressSpans(text: string): Generator<[number, number]> {
  let floor = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const span = addressAt(text, at, floor);
    if (span) {
      yield span;
      // The next match starts after this one (as a global regular expression continues from lastIndex).
      floor = span[1];
      if (span[1] > at + 1) at = span[1] - 1;
    } else {
      floor = at + 1;
    }
  }
}

function firstAddressSpan(text: string): [number, number] | null {
  for (const span of addressSpans(text)) return span;
  return null;
}

/** Cleans an address as reports write it: angle brackets, quotes, "rfc822;" prefix, trailing dots; lower-cases the domain. */
export function normaliseAddress(value: string): string {
  let v = value.trim();
  const span = firstAddressSpan(v);
  // The local-part alphabet admits "'", so a quoted "'user@host'" (MMDF, old gateways) matches with its
  // opening quote: a leading apostrophe or backquote is punctuation, never part of a real mailbox name.
  if (span) v = stripLeading(v.slice(span[0], span[1]), "'`");
  else v = stripQuotes(v);
  v = stripTrailingDots(v);
  const at = v.lastIndexOf('@');
  return at === -1 ? v : v.slice(0, at) + v.slice(at).toLowerCase();
}

/** The first address in the text, normalised, or null. */
export function findAddress(text: string): string | null {
  const span = firstAddressSpan(text);
  return span ? normaliseAddress(text.slice(span[0], span[1])) : null;
}

/** Every address in the text, normalised, in order of appearance. */
export function findAddresses(text: string): string[] {
  return [...addressSpans(text)].map(([s, e]) => normaliseAddress(text.slice(s, e)));
}

function stripLeading(v: string, chars: string): string {
  let i = 0;
  while (i < v.length && chars.includes(v.charAt(i))) i++;
  return v.slice(i);
}

/** "<a>" → "a", then one quote at either end ("'a'" / '"a"'), as the reports write a bare value. */
function stripQuotes(v: string): string {
  let s = v;
  if (s.startsWith('<')) s = s.slice(1);
  if (s.endsWith('>')) s = s.slice(0, -1);
  if (s.startsWith('"') || s.startsWith("'")) s = s.slice(1);
  if (s.endsWith('"') || s.endsWith("'")) s = s.slice(0, -1);
  return s;
}

function stripTrailingDots(v: string): string {
  let end = v.length;
  while (end > 0 && v.charCodeAt(end - 1) === 0x2e) end--;
  return v.slice(0, end);
}

/** Blanks, tabs and a quote marker that may start the line an address continues on. */
function skipIndent(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 40) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3e) break;
    i++;
  }
  return i;
}

/** The index just past a line break at `from` (after trailing blanks), or -1. */
function lineBreakAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 40 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) === 0x0d) i++;
  return text.charCodeAt(i) === 0x0a ? i + 1 : -1;
}

/**
 * The text with addresses that a notice wrapped over two lines joined again: a line ending at the "@"
 * ("<t.long-name@" / "subsidiary.example.com>") or at a dot of the domain with the rest of the domain alone on the
 * next line ("user@department." / "example-university.edu"). Notices written at 72 columns break long addresses
 * there; a sentence that ends in an address and a full stop is followed by words, not by a bare domain.
 */
export function joinSplitAddresses(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at === 0 || !isLocalChar(text.charCodeAt(at - 1))) continue;
    // Where the address's domain (whole labels followed by dots) stops on this line.
    let end = at + 1;
    let labels = 0;
    for (;;) {
      const run = labelRun(text, end, MAX_LABEL);
      if (run === 0 || run > MAX_LABEL || text.charCodeAt(end + run) !== 0x2e || labels >= MAX_EXTRA_LABELS) break;
      end += run + 1;
      labels++;
    }
    const next = lineBreakAt(text, end);
    if (next === -1) continue;
    const rest = skipIndent(text, next);
    // The continuation: whole labels joined by dots, at least one dot when the line broke right after the "@".
    let stop = rest;
    let dots = 0;
    for (;;) {
      const run = labelRun(text, stop, MAX_LABEL);
      if (run === 0 || run > MAX_LABEL) break;
      stop += run;
      if (text.charCodeAt(stop) !== 0x2e || labelRun(text, stop + 1, MAX_LABEL) === 0 || dots >= MAX_EXTRA_LABELS)
        break;
      stop++;
      dots++;
    }
    if (stop === rest || (labels === 0 && dots === 0)) continue;
    // After a dot, the continuation must stand alone on its line (maybe closed by ">"): a domain, not prose.
    if (labels > 0) {
      const after = text.charCodeAt(stop) === 0x3e ? stop + 1 : stop;
      if (after < text.length && lineBreakAt(text, after) === -1) continue;
    }
    out += text.slice(copied, end) + text.slice(rest, stop);
    copied = stop;
    at = stop - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
