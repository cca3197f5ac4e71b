/**
 * SPF (RFC 7208). The verdict for an IP comes from mailauth (a complete, tested check_host()); the record analysis a
 * setup check needs (lookup count over the whole include tree, includes that do not resolve, the "all" qualifier,
 * syntax) is a walk over the records, because an evaluation stops at the first match and so never sees most of them.
 */
import { spf } from 'mailauth/lib/spf/index.js';
import type { DnsClient } from '../dns/dns-client.js';
import { ipVersion } from '../evidence/ip.js';
import type { Finding, SpfCheck, SpfRecordCheck } from '../types.js';
import { statusFromFindings } from './status.js';

/** RFC 7208 §4.6.4: at most 10 DNS-querying terms per check_host(). */
export const SPF_LOOKUP_LIMIT = 10;
/** The walk stops this deep in include/redirect chains (loops and absurd trees end here). */
const MAX_DEPTH = 12;
/** What the evaluator calls itself in comments ("<mta>: domain of x designates y"). */
const EVALUATOR = 'sender-health';

/** The domain's SPF records ("v=spf1" followed by a space or nothing, case-insensitive, RFC 7208 §4.5). */
export function spfRecordsOf(txt: readonly string[]): string[] {
  return txt.filter((t) => /^v=spf1(?: |$)/i.test(t.trim()));
}

async function topRecord(dns: DnsClient, domain: string): Promise<{ record: string | null; error: string | null }> {
  const txt = await dns.txt(domain);
  if (txt.status === 'error') return { record: null, error: txt.code };
  const records = txt.status === 'found' ? spfRecordsOf(txt.values) : [];
  return { record: records[0] ?? null, error: null };
}

/** Whether `ip` is inside an ip4:/ip6: network of the record (the fix text says to add it when it is not). */
function mechanismFor(ip: string): string {
  return ipVersion(ip) === 6 ? `ip6:${ip}` : `ip4:${ip}`;
}

/** check_host() for one IP and the envelope domain, with what the operator must read and do. */
export async function checkSpf(dns: DnsClient, domain: string, ip: string): Promise<SpfCheck> {
  // The evaluation path: every name whose SPF record the evaluation read, in order.
  const read: string[] = [];
  const [{ record }, evaluated] = await Promise.all([
    topRecord(dns, domain),
    spf({
      ip,
      sender: `postmaster@${domain}`,
      mta: EVALUATOR,
      resolver: (name: string, type: string) => {
        if (type.toUpperCase() === 'TXT' && !read.includes(name.toLowerCase())) read.push(name.toLowerCase());
        return dns.resolve(name, type) as Promise<string[]>;
      },
    }),
  ]);
  const result = evaluated.status.result as SpfCheck['result'];
  const lookups = evaluated.lookups;
  const path = read;
  const base = {
    check: 'spf' as const,
    domain,
    ip,
    record,
    result,
    comment: evaluated.status.comment?.replace(`${EVALUATOR}: `, '') ?? null,
    lookupCount: lookups ? lookups.count : null,
    path,
  };
  const shown = record ? ` (record: ${record})` : '';
  // The evaluation path in words once it went past the domain's own record (includes, redirects): it says which
  // record authorised the IP, or which ones were read without covering it.
  const via = path.length > 1 ? ` (evaluated: ${path.join(' → ')})` : '';
  const viaDe = path.length > 1 ? ` (ausgewertet: ${path.join(' → ')})` : '';
  const findings: Finding[] = [];
  switch (result) {
    case 'pass':
      findings.push({
        code: 'spf-pass',
        severity: 'info',
        text: { en: `SPF of ${domain} authorises ${ip}${via}`, de: `SPF von ${domain} erlaubt ${ip}${viaDe}` },
      });
      return { ...base, status: 'pass', findings };
    case 'none':
      findings.push({
        code: 'spf-missing',
        severity: 'fail',
        text: { en: `${domain} has no SPF record`, de: `${domain} hat keinen SPF-Eintrag` },
        fix: {
          en: `Publish a TXT record at ${domain}: "v=spf1 ${mechanismFor(ip)} -all" (plus your other senders).`,
          de: `TXT-Eintrag bei ${domain} veröffentlichen: "v=spf1 ${mechanismFor(ip)} -all" (plus Ihre weiteren Versender).`,
        },
      });
      return { ...base, status: 'fail', findings };
    case 'fail':
    case 'softfail':
    case 'neutral':
      findings.push({
        code: 'spf-ip-not-covered',
        severity: 'fail',
        text: {
          en: `SPF of ${domain} does not include ${ip} (result ${result})${shown}${via}`,
          de: `SPF von ${domain} enthält ${ip} nicht (Ergebnis ${result})${shown.replace('record', 'Eintrag')}${viaDe}`,
        },
        fix: {
          en: `Add ${mechanismFor(ip)} to the SPF record of ${domain} (or the include of the service that sends from ${ip}).`,
          de: `${mechanismFor(ip)} in den SPF-Eintrag von ${domain} aufnehmen (oder das include des Dienstes, der von ${ip} sendet).`,
        },
      });
      return { ...base, status: 'fail', findings };
    case 'permerror':
      findings.push({
        code: 'spf-permerror',
        severity: 'fail',
        text: {
          en: `SPF of ${domain} is broken: ${base.comment ?? 'permanent error'}${shown}${via}; receivers treat this as a failure`,
          de: `SPF von ${domain} ist fehlerhaft: ${base.comment ?? 'permanenter Fehler'}${shown.replace('record', 'Eintrag')}${viaDe}; Empfänger werten das als Fehlschlag`,
        },
        fix: {
          en: `Repair the record of ${domain}: at most ${SPF_LOOKUP_LIMIT} DNS lookups (flatten includes), every include must exist, one record only.`,
          de: `Eintrag von ${domain} reparieren: höchstens ${SPF_LOOKUP_LIMIT} DNS-Abfragen (includes auflösen), jedes include muss existieren, nur ein Eintrag.`,
        },
      });
      return { ...base, status: 'fail', findings };
    default:
      findings.push({
        code: 'spf-temperror',
        severity: 'warn',
        text: {
          en: `SPF of ${domain} could not be evaluated now (${base.comment ?? 'DNS error'})`,
          de: `SPF von ${domain} konnte jetzt nicht ausgewertet werden (${base.comment ?? 'DNS-Fehler'})`,
        },
      });
      return { ...base, status: 'error', findings };
  }
}

/** Mechanisms and modifiers that cost a DNS lookup (RFC 7208 §4.6.4). */
const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
const MECHANISMS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const MODIFIERS = new Set(['redirect', 'exp']);
const TARGET = /^[a-z0-9_%{}.-]{1,253}$/i;

type Term = { qualifier: '+' | '-' | '~' | '?'; name: string; value: string | null; raw: string };

function parseTerms(record: string): { terms: Term[]; errors: string[] } {
  const terms: Term[] = [];
  const errors: string[] = [];
  for (const raw of record.trim().split(/\s+/).slice(1)) {
    if (!raw) continue;
    const eq = raw.indexOf('=');
    const colon = raw.indexOf(':');
    if (eq !== -1 && (colon === -1 || eq < colon)) {
      const name = raw.slice(0, eq).toLowerCase();
      if (MODIFIERS.has(name)) terms.push({ qualifier: '+', name, value: raw.slice(eq + 1), raw });
      else if (!/^[a-z][a-z0-9_.-]*$/.test(name)) errors.push(`invalid term "${raw}"`);
      // Unknown modifiers are ignored by receivers (RFC 7208 §6).
      continue;
    }
    const hasQualifier = '+-~?'.includes(raw[0] as string);
    const qualifier = (hasQualifier ? raw[0] : '+') as Term['qualifier'];
    const body = hasQualifier ? raw.slice(1) : raw;
    let cut = 0;
    while (cut < body.length && body[cut] !== ':' && body[cut] !== '/') cut++;
    const name = body.slice(0, cut).toLowerCase();
    const value = cut < body.length ? body.slice(cut).replace(/^:/, '') : null;
    if (!MECHANISMS.has(name)) {
      errors.push(`unknown mechanism "${raw}"`);
      continue;
    }
    if ((name === 'ip4' && !validNetwork(value, 4)) || (name === 'ip6' && !validNetwork(value, 6))) {
      errors.push(`invalid network "${raw}"`);
      continue;
    }
    if ((name === 'include' || name === 'exists') && (!value || !TARGET.test(value))) {
      errors.push(`"${raw}" needs a domain`);
      continue;
    }
    terms.push({ qualifier, name, value, raw });
  }
  return { terms, errors };
}

function validNetwork(value: string | null, version: 4 | 6): boolean {
  if (!value) return false;
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined || ipVersion(address) !== version) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * The record itself, for a setup check: syntax, one record only, the lookup count over the whole tree (every include
 * followed, not only up to the first match), includes that have no SPF record, and what "all" says.
 */
export async function analyseSpfRecord(dns: DnsClient, domain: string): Promise<SpfRecordCheck> {
  const includes: SpfRecordCheck['includes'] = [];
  const syntaxErrors: string[] = [];
  let lookupCount = 0;
  let dnsError: string | null = null;
  const seen = new Set<string>();

  const txt = await dns.txt(domain);
  if (txt.status === 'error') dnsError = txt.code;
  const topRecords = txt.status === 'found' ? spfRecordsOf(txt.values) : [];
  if (topRecords.length > 1) syntaxErrors.push(`${domain} publishes ${topRecords.length} SPF records (one allowed)`);
  const record = topRecords[0] ?? null;

  async function walk(current: string, text: string, depth: number): Promise<void> {
    const { terms, errors } = parseTerms(text);
    for (const e of errors) syntaxErrors.push(current === domain ? e : `${current}: ${e}`);
    for (const term of terms) {
      if (!LOOKUP_TERMS.has(term.name)) continue;
      lookupCount++;
      if ((term.name !== 'include' && term.name !== 'redirect') || !term.value) continue;
      const target = term.value.toLowerCase().replace(/\.$/, '');
      if (target.includes('%')) continue; // macros depend on the message: not followed here
      if (seen.has(target) || depth >= MAX_DEPTH) continue;
      seen.add(target);
      const answer = await dns.txt(target);
      if (answer.status === 'error') dnsError ??= answer.code;
      const records = answer.status === 'found' ? spfRecordsOf(answer.values) : [];
      includes.push({ domain: target, resolves: records.length === 1, depth: depth + 1 });
      if (records.length > 1) syntaxErrors.push(`${target} publishes ${records.length} SPF records (one allowed)`);
      if (records[0]) await walk(target, records[0], depth + 1);
    }
  }
  if (record) await walk(domain, record, 0);

  const allTerm = record ? parseTerms(record).terms.find((t) => t.name === 'all') : undefined;
  const all = allTerm ? allTerm.qualifier : null;
  const findings: Finding[] = [];
  if (!record && !dnsError) {
    findings.push({
      code: 'spf-missing',
      severity: 'fail',
      text: { en: `${domain} has no SPF record`, de: `${domain} hat keinen SPF-Eintrag` },
      fix: {
        en: `Publish "v=spf1 <your sending IPs and services> -all" as TXT at ${domain}.`,
        de: `"v=spf1 <Ihre Versand-IPs und Dienste> -all" als TXT bei ${domain} veröffentlichen.`,
      },
    });
  }
  for (const error of syntaxErrors) {
    findings.push({
      code: 'spf-syntax',
      severity: 'fail',
      text: { en: `SPF of ${domain}: ${error}`, de: `SPF von ${domain}: ${error}` },
      fix: {
        en: 'Correct the record; receivers reject it as a whole (permerror).',
        de: 'Eintrag korrigieren; Empfänger verwerfen ihn sonst ganz (permerror).',
      },
    });
  }
  if (lookupCount > SPF_LOOKUP_LIMIT) {
    findings.push({
      code: 'spf-too-many-lookups',
      severity: 'fail',
      text: {
        en: `SPF of ${domain} needs ${lookupCount} DNS lookups, over the limit of ${SPF_LOOKUP_LIMIT}: receivers answer permerror`,
        de: `SPF von ${domain} braucht ${lookupCount} DNS-Abfragen, mehr als die erlaubten ${SPF_LOOKUP_LIMIT}: Empfänger werten permerror`,
      },
      fix: {
        en: 'Remove includes of services you no longer use, or replace includes by the ip4:/ip6: networks they stand for.',
        de: 'includes nicht mehr genutzter Dienste entfernen oder durch die ip4:/ip6:-Netze ersetzen, für die sie stehen.',
      },
    });
  }
  for (const include of includes.filter((i) => !i.resolves)) {
    findings.push({
      code: 'spf-include-missing',
      severity: 'fail',
      text: {
        en: `SPF of ${domain} includes ${include.domain}, which has no (single) SPF record`,
        de: `SPF von ${domain} bindet ${include.domain} ein, das keinen (eindeutigen) SPF-Eintrag hat`,
      },
      fix: {
        en: `Remove or correct include:${include.domain}.`,
        de: `include:${include.domain} entfernen oder korrigieren.`,
      },
    });
  }
  if (all === '+') {
    findings.push({
      code: 'spf-plus-all',
      severity: 'fail',
      text: {
        en: `SPF of ${domain} ends in +all: every host on the internet may send as ${domain}`,
        de: `SPF von ${domain} endet auf +all: jeder Rechner im Internet darf als ${domain} senden`,
      },
      fix: {
        en: 'End the record with -all (or ~all while testing).',
        de: 'Eintrag mit -all beenden (bzw. ~all während der Umstellung).',
      },
    });
  } else if (record && (all === null || all === '?') && !parseTerms(record).terms.some((t) => t.name === 'redirect')) {
    findings.push({
      code: 'spf-weak-all',
      severity: 'warn',
      text: {
        en: `SPF of ${domain} does not end in -all or ~all: mail from other hosts is "neutral", not refused`,
        de: `SPF von ${domain} endet nicht auf -all oder ~all: Mail anderer Rechner gilt als "neutral", nicht als unzulässig`,
      },
    });
  }
  if (dnsError) {
    findings.push({
      code: 'spf-dns-error',
      severity: 'warn',
      text: {
        en: `Part of the SPF tree of ${domain} could not be read (${dnsError})`,
        de: `Ein Teil des SPF-Baums von ${domain} war nicht lesbar (${dnsError})`,
      },
    });
  }
  const status = statusFromFindings(findings, dnsError !== null);
  if (status === 'pass') {
    findings.push({
      code: 'spf-record-ok',
      severity: 'info',
      text: {
        en: `SPF of ${domain} is valid: ${lookupCount} of ${SPF_LOOKUP_LIMIT} lookups, ends in ${all}all`,
        de: `SPF von ${domain} ist gültig: ${lookupCount} von ${SPF_LOOKUP_LIMIT} Abfragen, endet auf ${all}all`,
      },
    });
  }
  return { check: 'spf-record', domain, record, lookupCount, includes, all, syntaxErrors, status, findings };
}
