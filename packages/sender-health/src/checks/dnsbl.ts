/**
 * DNS blocklist lookups (RFC 5782): an A record at `<reversed ip>.<zone>` in 127.0.0.0/8 means listed, its TXT record
 * says why. Lists answer 127.255.255.x (Spamhaus: 252 typo, 254 query through a public resolver, 255 excessive
 * queries) when they refuse to answer: that is an error to report, never a listing.
 */
import { z } from 'zod';
import type { DnsClient } from '../dns/dns-client.js';
import { reversedLabels } from '../evidence/ip.js';
import { trimTrailing } from '../evidence/trim.js';
import type { DnsblCheck, Finding } from '../types.js';

export const dnsblListSchema = z.object({
  /** The list's DNS zone, e.g. "zen.spamhaus.org". */
  zone: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{1,251}[a-z0-9]$/, 'a DNS zone name such as zen.spamhaus.org'),
  /** Display name; default the zone. */
  name: z.string().trim().min(1).optional(),
  /**
   * Lookup / removal page; "{ip}" is replaced by the address. Used when the listing's TXT record gives no link.
   * Default none.
   */
  delistUrl: z.url().optional(),
});
export type DnsblList = z.infer<typeof dnsblListSchema>;

/**
 * Common lists queried for every sending IP (the reply's own lists are queried as well). Spamhaus and Barracuda
 * answer only resolvers that are not public (and Barracuda registered ones): run your own resolver in production.
 */
export const COMMON_DNSBLS: readonly DnsblList[] = [
  { zone: 'zen.spamhaus.org', name: 'Spamhaus ZEN', delistUrl: 'https://check.spamhaus.org/results/?query={ip}' },
  { zone: 'bl.spamcop.net', name: 'SpamCop', delistUrl: 'https://www.spamcop.net/bl.shtml?{ip}' },
  {
    zone: 'b.barracudacentral.org',
    name: 'Barracuda',
    delistUrl: 'https://www.barracudacentral.org/rbl/removal-request',
  },
  { zone: 'psbl.surriel.com', name: 'PSBL', delistUrl: 'https://psbl.org/listing?ip={ip}' },
  { zone: 'bl.mailspike.net', name: 'Mailspike' },
];

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/i;
/** "listed since 2026-11-30", "since 30 Nov 2026", an ISO date anywhere in the reason. */
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\b/;

function isListingCode(code: string): boolean {
  return code.startsWith('127.') && !code.startsWith('127.255.255.');
}

function listedSince(reason: string | null): string | null {
  const m = reason ? ISO_DATE.exec(reason) : null;
  if (!m?.[1]) return null;
  const time = Date.parse(m[1].replace(' ', 'T'));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export async function checkDnsbl(
  dns: DnsClient,
  ip: string,
  list: DnsblList,
  namedInReply: boolean,
): Promise<DnsblCheck> {
  const listName = list.name ?? list.zone;
  const base = {
    check: 'dnsbl' as const,
    ip,
    list: list.zone,
    listName,
    namedInReply,
    listed: false,
    codes: [] as string[],
    reason: null as string | null,
    delistUrl: null as string | null,
    listedSince: null as string | null,
  };
  const query = `${reversedLabels(ip)}.${list.zone}`;
  const answer = await dns.a(query);
  if (answer.status === 'error') {
    return {
      ...base,
      status: 'error',
      findings: [
        {
          code: 'dnsbl-unreachable',
          severity: 'warn',
          text: {
            en: `${listName} could not be asked about ${ip} (${answer.code})`,
            de: `${listName} konnte zu ${ip} nicht abgefragt werden (${answer.code})`,
          },
        },
      ],
    };
  }
  if (answer.status === 'absent') {
    return {
      ...base,
      status: 'pass',
      findings: [
        {
          code: 'dnsbl-not-listed',
          severity: 'info',
          text: { en: `${ip} is not listed on ${listName}`, de: `${ip} steht nicht auf ${listName}` },
        },
      ],
    };
  }
  const codes = answer.values;
  if (!codes.some(isListingCode)) {
    return {
      ...base,
      codes,
      status: 'error',
      findings: [
        {
          code: 'dnsbl-refused',
          severity: 'warn',
          text: {
            en: `${listName} refused the query for ${ip} (answer ${codes.join(', ')}: queries through a public or unregistered resolver are not answered)`,
            de: `${listName} hat die Abfrage zu ${ip} verweigert (Antwort ${codes.join(', ')}: Abfragen über öffentliche oder nicht registrierte Resolver werden nicht beantwortet)`,
          },
          fix: {
            en: 'Point the DNS resolver setting at a resolver of your own.',
            de: 'Stellen Sie als DNS-Resolver einen eigenen Resolver ein.',
          },
        },
      ],
    };
  }
  const txt = await dns.txt(query);
  const reason = txt.status === 'found' ? txt.values.join(' ').slice(0, 500) : null;
  const linkInReason = reason ? trimTrailing(URL_IN_TEXT.exec(reason)?.[0] ?? '', '.,;)') : '';
  const delistUrl = linkInReason || list.delistUrl?.replaceAll('{ip}', encodeURIComponent(ip)) || null;
  const since = listedSince(reason);
  const finding: Finding = {
    code: 'dnsbl-listed',
    severity: 'fail',
    text: {
      en: `${ip} is listed on ${listName}${since ? ` since ${since.slice(0, 10)}` : ''} (${codes.join(', ')}${reason ? `: ${reason}` : ''})`,
      de: `${ip} steht auf ${listName}${since ? ` seit ${since.slice(0, 10)}` : ''} (${codes.join(', ')}${reason ? `: ${reason}` : ''})`,
    },
    fix: {
      en: `Find and stop the cause (a compromised account, a bad list, a missing unsubscribe), then request delisting${delistUrl ? ` at ${delistUrl}` : ` from ${listName}`}.`,
      de: `Ursache finden und beheben (kompromittiertes Konto, schlechte Adressliste, fehlende Abmeldemöglichkeit), dann die Austragung beantragen${delistUrl ? `: ${delistUrl}` : ` bei ${listName}`}.`,
    },
  };
  return { ...base, listed: true, codes, reason, delistUrl, listedSince: since, status: 'fail', findings: [finding] };
}

/**
 * The lists to ask about one IP: those the reply names first (a named zone the configuration also has keeps its
 * configured name and link), then the configured common ones.
 */
export function listsToQuery(
  named: readonly string[],
  configured: readonly DnsblList[],
): { list: DnsblList; named: boolean }[] {
  const out: { list: DnsblList; named: boolean }[] = [];
  for (const zone of named) {
    out.push({ list: configured.find((l) => l.zone === zone) ?? { zone }, named: true });
  }
  for (const list of configured) if (!named.includes(list.zone)) out.push({ list, named: false });
  return out;
}
