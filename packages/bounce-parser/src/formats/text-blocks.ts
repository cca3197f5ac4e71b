/**
 * Small text utilities the plain-text format detectors share: cutting the bounce text where the returned
 * original begins, and splitting it into recipient blocks.
 */

/**
 * Lines that introduce the returned original message in plain-text bounces (Exim, qmail, Yahoo, GMX/1&1,
 * Gmail, IMail, Notes, DragonFly, OpenSMTPD, Sendmail V5, Office 365, ...).
 */
const ORIGINAL_MARKER =
  /^[ \t]*(?:-{2,}[ -]{0,8}(?:this is a copy of (?:the|your) message|below this line is a copy|enclosed is a copy|original message(?: follows)?|the header of the original message|unsent message follows|returned message|original mail info|original message headers)|-{3,} ?original message ?-{3,}|-{5,}original message|original message follows\.?|message headers follow\.?|original message headers:|included is a copy of the message header|below is a copy of the original message|the original message (?:headers? )?(?:is|are|follows)[: ]*$|original message:)/im;

export type CutText = { head: string; tail: string | null };

/** Splits the bounce text at the first original-message marker line (the marker line itself is dropped). */
export function cutAtOriginal(text: string): CutText {
  const m = ORIGINAL_MARKER.exec(text);
  if (!m) return { head: text, tail: null };
  const nl = text.indexOf('\n', m.index);
  return { head: text.slice(0, m.index), tail: nl === -1 ? '' : text.slice(nl + 1) };
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
  return text.replace(/\s+/g, ' ').trim();
}
