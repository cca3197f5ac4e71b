import { decodeCharset, decodeUtf8 } from './charset.js';
import { type Headers, header, parseContentType, parseHeaderBlock } from './headers.js';
import { toLfLineEndings } from './line-endings.js';
import { decodeTransfer } from './transfer-encoding.js';

/**
 * A minimal MIME tree (RFC 2045/2046): only structure and offsets are computed eagerly; a part's text is decoded
 * (transfer encoding, then charset) on first use. Embedded messages (message/rfc822, text/rfc822-headers) get
 * their header block parsed, since the returned original's headers identify the send; their own multipart
 * bodies are not walked (a verdict never needs the original's attachments).
 */
export type Entity = {
  headers: Headers;
  /** Lower-case media type, "text/plain" when absent. */
  type: string;
  params: Record<string, string>;
  /** Body range in the normalised binary text. */
  bodyStart: number;
  bodyEnd: number;
  /** Children of a multipart entity, in order. */
  parts: Entity[];
  /** Header block of an embedded message (message/rfc822, text/rfc822-headers, message/global*). */
  embedded: { headers: Headers; bodyStart: number } | null;
  decoded: string | null;
};

/** How much of an encoded embedded message is decoded to find its header block (headers sit at the top). */
const EMBEDDED_HEAD_BYTES = 65536;

/** Nesting and part-count caps: hostile input must not recurse deeply or produce thousands of parts. */
const MAX_DEPTH = 12;
const MAX_PARTS = 200;

type WalkState = { text: string; parts: number };

const EMBEDDED_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
  'message/partial',
  'message/rfc822-headers',
  'text/rfc822',
  'text/rfc822-header',
]);

export function parseEntity(text: string, start = 0, end = text.length): Entity {
  const state: WalkState = { text, parts: 0 };
  return parseRange(state, start, end, 0, null);
}

function parseRange(state: WalkState, start: number, end: number, depth: number, defaultType: string | null): Entity {
  const { headers, bodyStart } = parseHeaderBlock(state.text, start, end);
  const ctValue = header(headers, 'content-type');
  const { type: parsedType, params } = parseContentType(ctValue);
  const type = ctValue === null && defaultType ? defaultType : parsedType;
  const entity: Entity = {
    headers,
    type,
    params,
    bodyStart,
    bodyEnd: end,
    parts: [],
    embedded: null,
    decoded: null,
  };
  state.parts++;
  if (depth >= MAX_DEPTH || state.parts > MAX_PARTS) return entity;
  if (type.startsWith('multipart/')) {
    splitMultipart(state, entity, depth);
  } else if (EMBEDDED_TYPES.has(type)) {
    const encoding = (header(headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
    if (encoding === 'base64' || encoding === 'quoted-printable') {
      // Some MTAs (Exchange, mobile gateways) encode the returned message: its headers identify the send, so the
      // start of the body is decoded to read them. bodyStart then points at the encoded body.
      const decoded = decodeTransfer(
        state.text.slice(bodyStart, Math.min(end, bodyStart + EMBEDDED_HEAD_BYTES)),
        encoding,
      );
      const lf = toLfLineEndings(decoded);
      entity.embedded = { headers: parseHeaderBlock(lf).headers, bodyStart };
    } else {
      const inner = parseHeaderBlock(state.text, bodyStart, end);
      entity.embedded = { headers: inner.headers, bodyStart: inner.bodyStart };
    }
  }
  return entity;
}

/**
 * Splits a multipart body at its boundary delimiter lines (RFC 2046 section 5.1.1). When the declared boundary
 * never occurs (mangled quoting, a missing parameter), the first "--token" line of the body is tried instead;
 * failing that, the entity stays a leaf and is read as text.
 */
function splitMultipart(state: WalkState, entity: Entity, depth: number): void {
  const { text } = state;
  const declared = entity.params.boundary;
  let boundary = declared ? declared.trim() : '';
  let first = boundary ? findDelimiter(text, boundary, entity.bodyStart, entity.bodyEnd) : -1;
  if (first === -1) {
    boundary = guessBoundary(text, entity.bodyStart, entity.bodyEnd);
    first = boundary ? findDelimiter(text, boundary, entity.bodyStart, entity.bodyEnd) : -1;
    if (first === -1) {
      entity.type = 'text/plain';
      return;
    }
  }
  const childDefault = entity.type === 'multipart/digest' ? 'message/rfc822' : null;
  const delimiter = `--${boundary}`;
  let partStart = lineEnd(text, first, entity.bodyEnd);
  while (partStart < entity.bodyEnd) {
    const next = findDelimiter(text, boundary, partStart, entity.bodyEnd);
    const partEnd = next === -1 ? entity.bodyEnd : next > partStart ? next - 1 : next; // drop the CRLF before it
    entity.parts.push(parseRange(state, partStart, Math.max(partStart, partEnd), depth + 1, childDefault));
    if (next === -1 || state.parts > MAX_PARTS) break;
    if (text.startsWith('--', next + delimiter.length)) break; // close delimiter
    partStart = lineEnd(text, next, entity.bodyEnd);
  }
}

/** Offset of the next line "--boundary" (at a line start) within [from, end), or -1. */
function findDelimiter(text: string, boundary: string, from: number, end: number): number {
  const delimiter = `--${boundary}`;
  let pos = from;
  while (pos < end) {
    const at = text.indexOf(delimiter, pos);
    if (at === -1 || at >= end) return -1;
    if (at === 0 || text.charCodeAt(at - 1) === 0x0a) {
      // The delimiter must be followed by "--", whitespace or the line end (not a longer boundary).
      const c = text.charCodeAt(at + delimiter.length);
      if (Number.isNaN(c) || c === 0x0a || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x2d) return at;
    }
    pos = at + delimiter.length;
  }
  return -1;
}

/**
 * The boundary a line would delimit: "--" then a token of 6 to 70 non-blank characters, which either starts with
 * something other than "-", or is a run of at least two dashes then 4 to 68 more characters; trailing blanks
 * allowed. Checked with string functions: the equivalent pattern backtracked polynomially on long dash runs.
 */
function boundaryOfLine(line: string): string | null {
  const token = line.trimEnd().slice(2);
  if (!line.startsWith('--') || token.length === 0 || /\s/.test(token)) return null;
  if (token.charCodeAt(0) !== 0x2d) return token.length >= 6 && token.length <= 70 ? token : null;
  let dashes = 0;
  while (dashes < token.length && token.charCodeAt(dashes) === 0x2d) dashes++;
  // Some split k (2 <= k <= dashes) must leave 4 to 68 characters after it.
  return dashes >= 2 && Math.max(2, token.length - 68) <= Math.min(dashes, token.length - 4) ? token : null;
}

/** First line that looks like a boundary delimiter ("--" plus a token) in the first 64 KiB of the body. */
function guessBoundary(text: string, start: number, end: number): string {
  const limit = Math.min(end, start + 65536);
  let pos = start;
  while (pos < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > limit) nl = limit;
    // A delimiter line is at most "--" + 70 boundary characters (RFC 2046 5.1.1) plus trailing whitespace.
    if (text.charCodeAt(pos) === 0x2d && text.charCodeAt(pos + 1) === 0x2d && nl - pos <= 80) {
      const token = boundaryOfLine(text.slice(pos, nl));
      if (token) return token.endsWith('--') ? token.slice(0, -2) : token;
    }
    pos = nl + 1;
  }
  return '';
}

function lineEnd(text: string, from: number, end: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 || nl >= end ? end : nl + 1;
}

/** The decoded text of a leaf entity (transfer encoding, then charset), cached on the entity. */
export function entityText(text: string, entity: Entity): string {
  if (entity.decoded !== null) return entity.decoded;
  const raw = text.slice(entity.bodyStart, entity.bodyEnd);
  const transferred = decodeTransfer(raw, header(entity.headers, 'content-transfer-encoding'));
  let decoded: string;
  if (entity.type.startsWith('message/global')) decoded = decodeUtf8(transferred);
  else decoded = decodeCharset(transferred, entity.params.charset);
  // Decoded base64 may carry its own CRLFs.
  entity.decoded = toLfLineEndings(decoded);
  return entity.decoded;
}

/** Leaves of the tree in document order (multiparts flattened; embedded messages are leaves). */
export function leaves(entity: Entity, out: Entity[] = []): Entity[] {
  if (entity.parts.length === 0) out.push(entity);
  else for (const p of entity.parts) leaves(p, out);
  return out;
}
