import { fromCodeUnits } from './code-units.js';

/**
 * Line breaks past which the text is rewritten one code unit at a time: a text dense in CRs (a hostile run of
 * them) would otherwise make millions of slices, while an ordinary message has one per 70-odd characters.
 */
const MAX_SLICES = 65_536;

/**
 * CRLF and bare CR to LF (RFC 5322 mandates CRLF, but files on disk and some MTAs use either). Never
 * `replace(/\r\n?/g, '\n')`, which took 200 ms on a 2 MB run of bare CRs (see code-units.ts). The lines between
 * breaks are sliced out by the engine's indexOf and joined, which is several times faster than copying every code
 * unit; only a text with more breaks than MAX_SLICES is rewritten code unit by code unit.
 */
export function toLfLineEndings(text: string): string {
  let cr = text.indexOf('\r');
  if (cr === -1) return text;
  const lines: string[] = [];
  let start = 0;
  while (cr !== -1) {
    if (lines.length === MAX_SLICES) return rewriteCodeUnits(text);
    lines.push(text.slice(start, cr));
    start = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    cr = text.indexOf('\r', start);
  }
  lines.push(text.slice(start));
  return lines.join('\n');
}

function rewriteCodeUnits(text: string): string {
  const out = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      out[n++] = 10;
      if (text.charCodeAt(i + 1) === 10) i++;
    } else {
      out[n++] = code;
    }
  }
  return fromCodeUnits(out, n);
}
