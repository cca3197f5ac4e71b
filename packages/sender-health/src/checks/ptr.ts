/**
 * Reverse DNS of a sending IP, forward-confirmed (FCrDNS): a PTR name whose A/AAAA records contain the IP. Most
 * large receivers refuse or penalise mail from an IP without it (Gmail, Microsoft, GMX, Telekom).
 */
import type { DnsClient } from '../dns/dns-client.js';
import { canonicalIp, ipVersion } from '../evidence/ip.js';
import type { PtrCheck } from '../types.js';

/** A PTR set with more names is misconfigured anyway; only the first ones are followed. */
const MAX_NAMES = 5;

export async function checkPtr(dns: DnsClient, ip: string): Promise<PtrCheck> {
  const base = {
    check: 'ptr' as const,
    ip,
    names: [] as string[],
    confirmedName: null as string | null,
    forward: [] as PtrCheck['forward'],
  };
  const ptr = await dns.ptr(ip);
  if (ptr.status === 'error') {
    return {
      ...base,
      status: 'error',
      findings: [
        {
          code: 'ptr-dns-error',
          severity: 'warn',
          text: {
            en: `Reverse DNS of ${ip} could not be read (${ptr.code})`,
            de: `Reverse-DNS von ${ip} war nicht lesbar (${ptr.code})`,
          },
        },
      ],
    };
  }
  if (ptr.status === 'absent') {
    return {
      ...base,
      status: 'fail',
      findings: [
        {
          code: 'ptr-missing',
          severity: 'fail',
          text: { en: `No PTR for ${ip}`, de: `Kein PTR-Eintrag für ${ip}` },
          fix: {
            en: `Ask the owner of ${ip} (your hosting or internet provider) to set its PTR to the mail server's name, and give that name an ${ipVersion(ip) === 6 ? 'AAAA' : 'A'} record for ${ip}.`,
            de: `Den Inhaber von ${ip} (Hoster oder Provider) bitten, den PTR auf den Namen des Mailservers zu setzen, und diesem Namen einen ${ipVersion(ip) === 6 ? 'AAAA' : 'A'}-Eintrag für ${ip} geben.`,
          },
        },
      ],
    };
  }
  const names = ptr.values.slice(0, MAX_NAMES);
  const forward: PtrCheck['forward'] = [];
  let confirmedName: string | null = null;
  for (const name of names) {
    const answer = ipVersion(ip) === 6 ? await dns.aaaa(name) : await dns.a(name);
    const addresses = answer.status === 'found' ? answer.values.map((a) => canonicalIp(a) ?? a) : [];
    forward.push({ name, addresses });
    if (confirmedName === null && addresses.includes(ip)) confirmedName = name;
  }
  if (confirmedName) {
    return {
      ...base,
      names,
      forward,
      confirmedName,
      status: 'pass',
      findings: [
        {
          code: 'ptr-ok',
          severity: 'info',
          text: {
            en: `${ip} has PTR ${confirmedName}, which resolves back to it`,
            de: `${ip} hat den PTR ${confirmedName}, der wieder auf ${ip} zeigt`,
          },
        },
      ],
    };
  }
  const shown = forward
    .map((f) => `${f.name} → ${f.addresses.length > 0 ? f.addresses.join(', ') : 'nothing'}`)
    .join('; ');
  const gezeigt = forward
    .map((f) => `${f.name} → ${f.addresses.length > 0 ? f.addresses.join(', ') : 'nichts'}`)
    .join('; ');
  return {
    ...base,
    names,
    forward,
    status: 'fail',
    findings: [
      {
        code: 'ptr-not-confirmed',
        severity: 'fail',
        text: {
          en: `The PTR of ${ip} does not resolve back to it (${shown})`,
          de: `Der PTR von ${ip} zeigt nicht zurück auf ${ip} (${gezeigt})`,
        },
        fix: {
          en: `Give ${names[0]} an ${ipVersion(ip) === 6 ? 'AAAA' : 'A'} record for ${ip}, or change the PTR to a name that has one.`,
          de: `${names[0]} einen ${ipVersion(ip) === 6 ? 'AAAA' : 'A'}-Eintrag für ${ip} geben oder den PTR auf einen Namen ändern, der einen hat.`,
        },
      },
    ],
  };
}
