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

/** Field name: printable ASCII except ":" and space (RFC 5322 section 3.6.8); real mail is looser on case only. */
const FIELD_NAME = /^[!-9;-~]+$/;
/** An unusually long header block is not headers: stop so garbage input cannot cost much. */
const MAX_HEADER_LINES = 2000;

/**
 * Parses the header block starting at `start`. Parsing stops at the first empty line, or at the first line that
 * is neither a field nor a continuation once at least one field was read (a body that starts without the
 * blank line, as some broken MTAs write). A leading mbox "From " line is skipped.
 */
export function parseHeaderBlock(text: string, start = 0, end = text.length): HeaderBlock {
  const headers: Headers = new Map();
  let pos = start;
  let name: string | null = null;
  let value = '';
  let lines = 0;
  const flush = () => {
    if (name === null) return;
    const list = headers.get(name);
    if (list) list.push(value);
    else headers.set(name, [value]);
    name = null;
  };
  if (text.startsWith('From ', pos)) {
    const nl = text.indexOf('\n', pos);
    pos = nl === -1 || nl >= end ? end : nl + 1;
  }
  while (pos < end && lines++ < MAX_HEADER_LINES) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > end) nl = end;
    const line = text.slice(pos, nl);
    if (line.length === 0 || (line.length === 1 && line === '\r')) {
      flush();
      return { headers, bodyStart: Math.min(nl + 1, end) };
    }
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      if (name !== null) {
        const cont = line.trim();
        if (cont) value = value ? `${value} ${cont}` : cont;
        pos = nl + 1;
        continue;
      }
      if (headers.size === 0 && line.trim() === '') {
        pos = nl + 1;
        continue;
      }
    }
    const colon = line.indexOf(':');
    const fieldName = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    if (colon <= 0 || !FIELD_NAME.test(fieldName)) {
      // Not a header line: the body starts here (no separating blank line).
      flush();
      return { headers, bodyStart: pos };
    }
    flush();
    name = fieldName.toLowerCase();
    value = line.slice(colon + 1).trim();
    pos = nl + 1;
  }
  flush();
  return { headers, bodyStart: Math.min(pos, end) };
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
