/**
 * The two header fields of the returned original that tell about the sender: Received (RFC 5321 §4.4: which host
 * handed the message to which) and DKIM-Signature (RFC 6376 §3.5: who signed it, with which key). Parsed with
 * indexOf and linear splits only.
 */
import type { DkimSignatureEvidence } from '../types.js';
import { canonicalIp } from './ip.js';

/** Header values are short; a longer one is garbage and is cut here before any scan. */
const MAX_HEADER_CHARS = 4096;

export type ReceivedHop = {
  /** The name the client gave (HELO) or the first word after "from". */
  fromName: string | null;
  /** The client's IP in the "from" clause's comment ("(host [192.0.2.1])"). */
  fromIp: string | null;
  /** The host that added the header ("by mx.example.net"). */
  byHost: string | null;
};

function wordAfter(text: string, keyword: string): { word: string; end: number } | null {
  const at = text.indexOf(keyword);
  if (at === -1 || (at > 0 && !/\s/.test(text[at - 1]!))) return null;
  let start = at + keyword.length;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = start;
  while (end < text.length && !/[\s;()]/.test(text[end]!)) end++;
  return end > start ? { word: text.slice(start, end), end } : null;
}

export function parseReceived(value: string): ReceivedHop {
  const text = ` ${value.slice(0, MAX_HEADER_CHARS).toLowerCase()}`;
  const from = wordAfter(text, 'from ');
  const by = wordAfter(text, 'by ');
  let fromIp: string | null = null;
  if (from) {
    // The IP sits in brackets inside the "from" clause: up to "by", or the end.
    const clauseEnd = by ? text.indexOf(' by ', from.end) : -1;
    const clause = text.slice(from.end, clauseEnd === -1 ? text.length : clauseEnd);
    const open = clause.indexOf('[');
    const close = open === -1 ? -1 : clause.indexOf(']', open);
    if (close > open) fromIp = canonicalIp(clause.slice(open + 1, close).replace(/^ipv6:/, ''));
    // A bare IP as the HELO name ("from [192.0.2.1]") is the client address too.
    if (!fromIp) fromIp = canonicalIp(from.word.replace(/^\[|\]$/g, '').replace(/^ipv6:/, ''));
  }
  const fromName = from ? from.word.replace(/^\[|\]$/g, '') : null;
  return { fromName: fromName || null, fromIp, byHost: by ? by.word.replace(/\.$/, '') : null };
}

/** Tag-list syntax (RFC 6376 §3.2): "tag=value; tag=value", whitespace folded away, names lower case. */
export function parseTagList(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.slice(0, MAX_HEADER_CHARS * 4).split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (name && !tags.has(name)) tags.set(name, part.slice(eq + 1).trim());
  }
  return tags;
}

const SELECTOR = /^[a-z0-9_](?:[a-z0-9_.-]{0,250}[a-z0-9_])?$/i;
const DOMAIN = /^[a-z0-9_](?:[a-z0-9_.-]{0,250}[a-z0-9])?$/i;

/** d=, s= and a= of a DKIM-Signature value; null when d= or s= is missing or not a name. */
export function parseDkimSignature(value: string): DkimSignatureEvidence | null {
  const tags = parseTagList(value);
  const domain = tags.get('d')?.replace(/\s+/g, '').toLowerCase().replace(/\.$/, '') ?? '';
  const selector = tags.get('s')?.replace(/\s+/g, '').toLowerCase() ?? '';
  if (!DOMAIN.test(domain) || !domain.includes('.') || !SELECTOR.test(selector)) return null;
  const algorithm = tags.get('a')?.replace(/\s+/g, '').toLowerCase() || null;
  return { domain, selector, algorithm };
}
