/**
 * What the remote server's wording says: the sending IP it saw, the DNS blocklists it names, the links it gives and
 * the causes its words point to. Every scan is linear: regexes without nested or adjacent overlapping quantifiers,
 * keyword tests with `includes`, and a cap on the text examined (a reply is a few hundred bytes; a hostile bounce may
 * claim megabytes).
 */
import type { Cause } from '../types.js';
import { canonicalIp, ipVersion, isRoutable } from './ip.js';
import { trimTrailing } from './trim.js';

/** Replies are short; anything past this is quoted material, not the reply. */
export const MAX_REPLY_CHARS = 8192;
const MAX_URL_CHARS = 500;

/** The first SMTP reply code (RFC 5321 §4.2): "550 ", "550-", at the start or after a space, ":", ";", "(", ">". */
const REPLY_CODE = /(?:^|[\s:;(>])[245][0-5][0-9](?=[\s-]|$)/;
const IPV4 = /(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9]|\.[0-9])/g;
/** Candidate IPv6 text (validated with net.isIP afterwards): hex groups and colons, optionally an IPv4 tail. */
const IPV6 = /(?<![0-9a-f:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![0-9a-f:])/gi;
const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/gi;
/**
 * "blocked using zen.spamhaus.org", "listed in bl.spamcop.net", "RBL: b.barracudacentral.org": the token after
 * one of these words. One separator class between word and name keeps the match linear.
 */
const LIST_INTRO = /\b(?:using|listed\s(?:in|on|at|by)|dnsbl|rbl)[\s:=]+([a-z0-9][a-z0-9.-]*)/gi;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Words before an IP that say it is the connecting client (ours), e.g. "Client host [IP]", "ip=IP", "from IP". */
const CLIENT_CONTEXT = ['client', 'host', 'ip', 'ip:', 'ip=', 'address', 'from', 'server', 'sender', 'source', 'for'];

export type ReplyIp = { address: string; strong: boolean };

/** Offset of the reply proper (the first reply code), 0 when none is found. */
export function replyStart(text: string): number {
  const m = REPLY_CODE.exec(text);
  return m ? m.index : 0;
}

function ipsIn(text: string): { address: string; index: number }[] {
  const found: { address: string; index: number }[] = [];
  for (const m of text.matchAll(IPV4)) {
    const ip = canonicalIp(m[0]);
    if (ip) found.push({ address: ip, index: m.index });
  }
  for (const m of text.matchAll(IPV6)) {
    if (m[0].length < 3 || ipVersion(m[0]) !== 6) continue;
    const ip = canonicalIp(m[0]);
    if (ip) found.push({ address: ip, index: m.index });
  }
  return found.sort((x, y) => x.index - y.index);
}

function isClientContext(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 24), index).toLowerCase();
  if (before.endsWith('[') || before.endsWith('<') || before.endsWith('=')) return true;
  const words = before
    .replace(/[[\]():<>]/g, ' ')
    .trim()
    .split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return CLIENT_CONTEXT.includes(last);
}

/**
 * Routable IPs the reply names, in order, without those of the remote server itself: an address before the reply
 * code belongs to the server that answered ("host mx.example.net [192.0.2.20]: 550 ..."), as does the remote MTA's
 * own address. `strong` when the words around it say it is the client.
 */
export function replyIps(replyText: string, remoteAddresses: readonly string[] = []): ReplyIp[] {
  const text = replyText.slice(0, MAX_REPLY_CHARS);
  const start = replyStart(text);
  const remote = new Set(remoteAddresses);
  for (const { address, index } of ipsIn(text)) if (index < start) remote.add(address);
  const out: ReplyIp[] = [];
  for (const { address, index } of ipsIn(text)) {
    if (index < start || remote.has(address) || !isRoutable(address)) continue;
    if (out.some((o) => o.address === address)) continue;
    out.push({ address, strong: isClientContext(text, index) });
  }
  return out;
}

function isDomainName(name: string): boolean {
  const labels = name.split('.');
  return labels.length >= 2 && labels.length <= 127 && labels.every((l) => LABEL.test(l)) && /[a-z]/.test(name);
}

/** Web pages of well-known lists → the list's DNS zone, for replies that give a link instead of the zone. */
const LIST_PAGES: readonly [string, string][] = [
  ['spamhaus.org', 'zen.spamhaus.org'],
  ['spamcop.net', 'bl.spamcop.net'],
  ['barracudacentral.org', 'b.barracudacentral.org'],
  ['sorbs.net', 'dnsbl.sorbs.net'],
  ['uceprotect.net', 'dnsbl-1.uceprotect.net'],
  ['surriel.com', 'psbl.surriel.com'],
  ['psbl.org', 'psbl.surriel.com'],
  ['mailspike.net', 'bl.mailspike.net'],
  ['abuseat.org', 'cbl.abuseat.org'],
];

/** DNS blocklist zones the reply names, lower case, in order of appearance, at most 5. */
export function namedLists(replyText: string): string[] {
  const text = replyText.slice(0, MAX_REPLY_CHARS).toLowerCase();
  const lists: string[] = [];
  const add = (zone: string) => {
    if (!lists.includes(zone) && lists.length < 5) lists.push(zone);
  };
  for (const m of text.matchAll(LIST_INTRO)) {
    const name = trimTrailing(m[1] ?? '', '.-');
    if (isDomainName(name)) add(name);
  }
  for (const url of replyUrls(text)) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      continue;
    }
    for (const [page, zone] of LIST_PAGES) if (host === page || host.endsWith(`.${page}`)) add(zone);
  }
  return lists;
}

/** http(s) links in the reply (up to 500 characters each), trailing punctuation removed, at most 5. */
export function replyUrls(replyText: string): string[] {
  const urls: string[] = [];
  for (const m of replyText.slice(0, MAX_REPLY_CHARS).matchAll(URL_PATTERN)) {
    const url = trimTrailing(m[0], '.,;:');
    // A link longer than this is no lookup page but garbage (or an attempt to bloat the alert).
    if (url.length <= MAX_URL_CHARS && !urls.includes(url)) urls.push(url);
    if (urls.length >= 5) break;
  }
  return urls;
}

/**
 * Wording → cause, checked in this order (the first causes found are the strongest). Phrases are matched on word
 * boundaries of the lower-cased reply. "authentication required" is the receiver demanding SMTP AUTH (an internal
 * recipient), a policy, not SPF/DKIM; so it is listed before the authentication words.
 */
const CAUSE_PHRASES: readonly [Cause, readonly string[]][] = [
  ['dmarc', ['dmarc']],
  ['spf', ['spf', 'sender policy framework']],
  ['dkim', ['dkim', 'domainkeys']],
  [
    'dnsbl',
    [
      'dnsbl',
      'rbl',
      'blocked using',
      'listed in',
      'listed on',
      'listed at',
      'spamhaus',
      'spamcop',
      'sorbs',
      'barracuda',
      'uceprotect',
      'cbl',
    ],
  ],
  [
    'ptr',
    [
      'reverse dns',
      'reverse hostname',
      'cannot find your hostname',
      'rdns',
      'ptr',
      'reverse lookup',
      'reverse-dns',
      'fcrdns',
      'unverifyable sending',
      'unverifiable sending',
      'dns ptr',
    ],
  ],
  ['policy', ['authentication required', 'authrequired', 'unauthenticated senders not allowed']],
  ['authentication', ['unauthenticated', 'authentication', 'not authenticated', 'authenticate']],
  [
    'reputation',
    [
      'reputation',
      'block list',
      'blocklist',
      'blacklist',
      'blacklisted',
      'blocked for abuse',
      'unwanted messages',
      'user complaints',
      'junk mail',
    ],
  ],
  ['tls', ['starttls', 'tls required', 'must use tls', 'encryption required', 'secure connection']],
  ['rate', ['rate limited', 'rate limit', 'too many', 'unexpected volume', 'throttled', 'relay quota']],
  ['content', ['spam', 'ube', 'content', 'suspicious', 'phishing', 'virus']],
  ['policy', ['policy', 'not allowed', 'access denied', 'denied', 'not authorized', 'header error', 'not accepted']],
];

function hasPhrase(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at === -1) return false;
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + phrase.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = at + 1;
  }
}

/** Causes the reply's words point to, strongest first, without duplicates. */
export function hintedCauses(replyText: string): Cause[] {
  const text = replyText.slice(0, MAX_REPLY_CHARS).toLowerCase();
  const causes: Cause[] = [];
  for (const [cause, phrases] of CAUSE_PHRASES) {
    if (!causes.includes(cause) && phrases.some((p) => hasPhrase(text, p))) causes.push(cause);
  }
  return causes;
}
