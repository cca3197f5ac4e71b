import { fromCodeUnits, isWhiteSpace } from '../mime/code-units.js';

/**
 * Small text utilities the plain-text format detectors share: cutting the bounce text where the returned
 * original begins, and splitting it into recipient blocks.
 */

/**
 * Lines that introduce the returned original message in plain-text bounces (Exim, qmail, Yahoo, GMX/1&1,
 * Gmail, IMail, Notes, DragonFly, OpenSMTPD, Sendmail V5, Office 365, ...).
 */
const ORIGINAL_MARKER =
  /^[ \t]*(?:-{2,}(?: [ -]{0,7})?(?:this is a copy of (?:the|your) message|below this line is a copy|enclosed is a copy|original message(?: follows)?|the header of the original message|unsent message follows|returned message|original mail info|original message headers)|-{3,} ?(?:original message|mensaje original|message d'origine|message original|ursprüngliche nachricht|originalnachricht|messaggio originale|mensagem original|oorspronkelijk bericht|исходное сообщение|原始邮件|元のメッセージ) ?-{3,}|-{5,}original message|original message follows\.?|message headers follow\.?|original message headers:|included is a copy of the message header|the text of your message follows\.?|unterhalb dieser zeile folgt eine kopie|below is a copy of the original message|the original message (?:headers? )?(?:is|are|follows)[: ]*$|original message:|\|?-{3,} ?message text follows:?|your message begins as follows:?)/im;

export type CutText = { readonly head: string; readonly tail: string | null };

/**
 * Splits the bounce text at the first original-message marker line (the marker line itself is dropped), or,
 * when there is none, where the returned message's header block begins (see returnedHeadersStart).
 */
export function cutAtOriginal(text: string): CutText {
  // Most detectors cut the same bounce text in turn; each cut is two scans of up to 2 MB. The last answer is kept
  // (one entry: the text and its parts, released by the next call) and returned for an equal text.
  if (lastCut && lastCut.text === text) return lastCut.cut;
  const cut = Object.freeze(cutUncached(text));
  lastCut = { text, cut };
  return cut;
}

let lastCut: { text: string; cut: CutText } | null = null;

function cutUncached(text: string): CutText {
  const m = ORIGINAL_MARKER.exec(text);
  if (!m) {
    const start = returnedHeadersStart(text);
    return start === -1 ? { head: text, tail: null } : { head: text.slice(0, start), tail: text.slice(start) };
  }
  const nl = text.indexOf('\n', m.index);
  return { head: text.slice(0, m.index), tail: nl === -1 ? '' : text.slice(nl + 1) };
}

// A paragraph that opens with an RFC 5322 field as MTAs copy the returned message (Domino, IronPort, old
// gateways append it after the notice without any marker line).
const HEADER_PARAGRAPH =
  /\n\n(?=(?:return-path|received|message-id|from|to|subject|date|mime-version|reply-to|sender):)/gi;
const FIELD_LINE = /^[\x21-\x39\x3b-\x7e]{1,76}:/;
// Trace and identification fields: a person's "To:/Subject:" summary in prose has none of them.
const TRACE_FIELD = /^(?:return-path|received|message-id|mime-version|x-mailer|dkim-signature):/i;
const MAX_HEADER_PARAGRAPHS = 20;

/**
 * Offset where a returned message's header block starts inside a plain-text bounce, or -1: a paragraph of at
 * least three header lines (fields or folded continuations) at column 0, at least one of them a trace or
 * identification field. Addresses below it are the original's (its Message-ID, its To), never failed
 * recipients.
 */
export function returnedHeadersStart(text: string): number {
  HEADER_PARAGRAPH.lastIndex = 0;
  let seen = 0;
  for (
    let m = HEADER_PARAGRAPH.exec(text);
    m !== null && seen < MAX_HEADER_PARAGRAPHS;
    m = HEADER_PARAGRAPH.exec(text)
  ) {
    seen++;
    const start = m.index + 2;
    let fields = 0;
    let trace = false;
    let pos = start;
    for (let n = 0; n < 12 && pos < text.length; n++) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) nl = text.length;
      const line = text.slice(pos, Math.min(nl, pos + 200));
      if (line.trim() === '') break;
      if (FIELD_LINE.test(line)) {
        fields++;
        trace ||= TRACE_FIELD.test(line);
      } else if (line[0] !== ' ' && line[0] !== '\t') break;
      pos = nl + 1;
    }
    if (fields >= 3 && trace) return start;
  }
  return -1;
}

/** The text after the first match of `start` (exclusive), up to `end` or the end of the text. */
export function between(text: string, start: RegExp, end?: RegExp): string | null {
  const s = start.exec(text);
  if (!s) return null;
  const from = s.index + s[0].length;
  if (!end) return text.slice(from);
  const rest = text.slice(from);
  const e = end.exec(rest);
  return e ? rest.slice(0, e.index) : rest;
}

/** Joins indented continuation lines and collapses whitespace: a diagnostic as one line. */
export function oneLine(text: string): string {
  // Same result as `text.replace(/\s+/g, ' ').trim()`, in one pass: that replace took 100 ms and more on a 2 MB
  // diagnostic made of short words (one match per space; see mime/code-units.ts).
  if (isOneLine(text)) return text;
  const out = text.length <= oneLineBuffer.length ? oneLineBuffer : new Uint16Array(text.length);
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteSpace(code)) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      out[n++] = 0x20;
      pendingSpace = false;
    }
    out[n++] = code;
  }
  return fromCodeUnits(out, n);
}

/**
 * Most texts given to oneLine are one line already (a reply line, a header value): they are returned as they are,
 * and the others are rewritten in a buffer kept from call to call (a typed array per call, its memory allocated
 * outside the heap, cost more than the rewriting in bench:cli's profile). fromCodeUnits copies out of it.
 */
const oneLineBuffer = new Uint16Array(16384);

/** No whitespace other than single spaces between non-blank characters: oneLine would return the text itself. */
function isOneLine(text: string): boolean {
  if (text.length === 0) return true;
  if (isWhiteSpace(text.charCodeAt(0)) || isWhiteSpace(text.charCodeAt(text.length - 1))) return false;
  let wasSpace = false;
  for (let i = 1; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      if (wasSpace) return false;
      wasSpace = true;
    } else if (isWhiteSpace(code)) return false;
    else wasSpace = false;
  }
  return true;
}

/** A phrase and what must follow it on the same line (see findOnLine). */
export type LinePhrase = {
  /** Global pattern of the phrase itself, never crossing a line. */
  phrase: RegExp;
  /** Matched against the rest of the phrase's line, from just after the phrase. */
  rest: RegExp;
};

/**
 * The first line on which `phrase` is followed by `rest`, as the phrase's index and the end of the whole match.
 * Each line is tried once, from its first occurrence of the phrase: a pattern "phrase[^\n]*X" restarts at every
 * repetition of the phrase and scans the line again each time (quadratic on a line repeating it), while a later
 * occurrence could only match where the first one does.
 */
export function findOnLine(text: string, { phrase, rest }: LinePhrase): { index: number; end: number } | null {
  phrase.lastIndex = 0;
  for (let m = phrase.exec(text); m !== null; m = phrase.exec(text)) {
    const after = m.index + m[0].length;
    let lineEnd = text.indexOf('\n', after);
    if (lineEnd === -1) lineEnd = text.length;
    const r = rest.exec(text.slice(after, lineEnd));
    if (r) return { index: m.index, end: after + r.index + r[0].length };
    phrase.lastIndex = lineEnd;
    if (m[0].length === 0) phrase.lastIndex++;
  }
  return null;
}
