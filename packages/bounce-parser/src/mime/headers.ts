import { isWhiteSpace } from './code-units.js';

/**
 * Header block parsing (RFC 5322 section 2.2): unfolds continuation lines and keeps every occurrence of a field
 * in order. Input is the line-ending-normalised binary text ("\n" only); values stay undecoded (see
 * encoded-words.ts) because most are never read.
 */
export type Headers = Map<string, string[]>;

export type HeaderBlock = {
  headers: Headers;
  /** Offset just past the blank line that ends the block (or the end of the range). */
  bodyStart: number;
};

/** An unusually long header block is not headers: stop so garbage input cannot cost much. */
const MAX_HEADER_LINES = 2000;

/** Field name: printable ASCII except ":" and space (RFC 5322 section 3.6.8). Returns the name's end or -1. */
function fieldNameEnd(text: string, pos: number, lineEnd: number): number {
  let i = pos;
  for (; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) break;
    if (c <= 0x20 || c > 0x7e) {
      // Allow "Name :" (space before the colon), seen in old MTAs' output.
      let j = i;
      while (j < lineEnd && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      return j > i && j < lineEnd && text.charCodeAt(j) === 0x3a && i > pos ? i : -1;
    }
  }
  return i > pos && i < lineEnd ? i : -1;
}

function addField(headers: Headers, name: string, value: string): void {
  const list = headers.get(name);
  if (list) list.push(value);
  else headers.set(name, [value]);
}

/**
 * Parses the header block starting at `start`. Parsing stops at the first empty line, or at the first line that
 * is neither a field nor a continuation (a body that starts without the blank line, as some broken MTAs write).
 * A leading mbox "From " line is skipped. Scans with indexOf/charCodeAt only: this runs for every part.
 */
export function parseHeaderBlock(text: string, start = 0, end = text.length): HeaderBlock {
  const headers: Headers = new Map();
  let pos = start;
  let name: string | null = null;
  let value = '';
  if (text.startsWith('From ', pos)) {
    const nl = text.indexOf('\n', pos);
    pos = nl === -1 || nl >= end ? end : nl + 1;
  }
  for (let lines = 0; pos < end && lines < MAX_HEADER_LINES; lines++) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > end) nl = end;
    const c = text.charCodeAt(pos);
    if (nl === pos || (nl === pos + 1 && c === 0x0d)) {
      if (name !== null) addField(headers, name, value);
      return { headers, bodyStart: Math.min(nl + 1, end) };
    }
    if (c === 0x20 || c === 0x09) {
      if (name !== null) {
        const cont = trimmedSlice(text, pos, nl);
        if (cont) value = value ? `${value} ${cont}` : cont;
        pos = nl + 1;
        continue;
      }
      if (headers.size === 0 && text.slice(pos, nl).trim() === '') {
        pos = nl + 1;
        continue;
      }
    }
    const colon = fieldNameEnd(text, pos, nl);
    if (colon === -1) {
      // Not a header line: the body starts here (no separating blank line).
      if (name !== null) addField(headers, name, value);
      return { headers, bodyStart: pos };
    }
    if (name !== null) addField(headers, name, value);
    name = text.slice(pos, colon).toLowerCase();
    const valueStart = text.indexOf(':', colon) + 1;
    value = trimmedSlice(text, valueStart, nl);
    pos = nl + 1;
  }
  if (name !== null) addField(headers, name, value);
  return { headers, bodyStart: Math.min(pos, end) };
}

/** `text.slice(start, end).trim()` without the untrimmed copy (one per field of every header block). */
function trimmedSlice(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isWhiteSpace(text.charCodeAt(from))) from++;
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** First value of a header field (name in lower case), or null. */
export function header(headers: Headers, name: string): string | null {
  const list = headers.get(name);
  return list ? (list[0] ?? null) : null;
}

export type ParsedContentType = { type: string; params: Record<string, string> };

const PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;\s]*))/g;

/**
 * Content-Type value to a lower-case "type/subtype" and lower-case-named parameters (RFC 2045 section 5.1).
 * A missing or malformed type defaults to text/plain. RFC 2231 continuations ("boundary*0=") are joined.
 */
export function parseContentType(value: string | null): ParsedContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const semi = value.indexOf(';');
  let type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  if (!type.includes('/')) type = type === 'text' ? 'text/plain' : type || 'text/plain';
  const params: Record<string, string> = {};
  if (semi !== -1) {
    PARAM.lastIndex = 0;
    const rest = value.slice(semi);
    for (let m = PARAM.exec(rest); m !== null; m = PARAM.exec(rest)) {
      let key = (m[1] ?? '').toLowerCase();
      const val = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
      const cont = /^(.*)\*(\d+)\*?$/.exec(key);
      if (cont?.[1]) {
        key = cont[1];
        params[key] = (params[key] ?? '') + val;
      } else {
        if (key.endsWith('*')) key = key.slice(0, -1);
        if (!(key in params)) params[key] = val;
      }
    }
  }
  return { type, params };
}
