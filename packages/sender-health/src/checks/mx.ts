/**
 * MX of a domain (RFC 5321 §5.1, RFC 7505): where mail to it goes. For the bounce domain this decides whether
 * bounces reach the bounce mailbox at all; a null MX or no mail host at all means they are lost.
 */
import type { DnsClient } from '../dns/dns-client.js';
import type { Finding, MxCheck } from '../types.js';
import { statusFromFindings } from './status.js';

const MAX_HOSTS = 10;

async function addressesOf(dns: DnsClient, host: string): Promise<string[]> {
  const [a, aaaa] = await Promise.all([dns.a(host), dns.aaaa(host)]);
  return [...(a.status === 'found' ? a.values : []), ...(aaaa.status === 'found' ? aaaa.values : [])];
}

export async function checkMx(dns: DnsClient, domain: string): Promise<MxCheck> {
  const base = { check: 'mx' as const, domain, hosts: [] as MxCheck['hosts'], nullMx: false, implicit: false };
  const mx = await dns.mx(domain);
  if (mx.status === 'error') {
    return {
      ...base,
      status: 'error',
      findings: [
        {
          code: 'mx-dns-error',
          severity: 'warn',
          text: {
            en: `MX of ${domain} could not be read (${mx.code})`,
            de: `MX von ${domain} war nicht lesbar (${mx.code})`,
          },
        },
      ],
    };
  }
  if (mx.status === 'found' && mx.values.some((r) => r.exchange === '' || r.exchange === '.')) {
    return {
      ...base,
      nullMx: true,
      status: 'fail',
      findings: [
        {
          code: 'mx-null',
          severity: 'fail',
          text: {
            en: `${domain} publishes a null MX: it accepts no mail, so bounces to it are lost`,
            de: `${domain} veröffentlicht ein Null-MX: die Domain nimmt keine Mail an, Bounces dorthin gehen verloren`,
          },
          fix: {
            en: `Point the MX of ${domain} at the server that delivers to the bounce mailbox.`,
            de: `Den MX von ${domain} auf den Server setzen, der ins Bounce-Postfach zustellt.`,
          },
        },
      ],
    };
  }
  if (mx.status === 'absent') {
    const addresses = await addressesOf(dns, domain);
    const hosts = addresses.length > 0 ? [{ exchange: domain, priority: 0, addresses }] : [];
    const finding: Finding =
      addresses.length > 0
        ? {
            code: 'mx-implicit',
            severity: 'warn',
            text: {
              en: `${domain} has no MX; mail goes to its address record (${addresses.join(', ')})`,
              de: `${domain} hat keinen MX; Mail geht an seinen Adresseintrag (${addresses.join(', ')})`,
            },
            fix: { en: `Publish an MX record for ${domain}.`, de: `Einen MX-Eintrag für ${domain} veröffentlichen.` },
          }
        : {
            code: 'mx-missing',
            severity: 'fail',
            text: {
              en: `${domain} has no MX and no address: mail to it, bounces included, cannot be delivered`,
              de: `${domain} hat weder MX noch Adresse: Mail dorthin, auch Bounces, ist unzustellbar`,
            },
            fix: { en: `Publish an MX record for ${domain}.`, de: `Einen MX-Eintrag für ${domain} veröffentlichen.` },
          };
    return { ...base, implicit: true, hosts, status: addresses.length > 0 ? 'warn' : 'fail', findings: [finding] };
  }
  const records = [...mx.values].sort((x, y) => x.priority - y.priority).slice(0, MAX_HOSTS);
  const hosts: MxCheck['hosts'] = [];
  for (const r of records)
    hosts.push({
      exchange: r.exchange.toLowerCase(),
      priority: r.priority,
      addresses: await addressesOf(dns, r.exchange),
    });
  const unresolved = hosts.filter((h) => h.addresses.length === 0);
  const findings: Finding[] = unresolved.map((h) => ({
    code: 'mx-host-unresolved',
    severity: unresolved.length === hosts.length ? ('fail' as const) : ('warn' as const),
    text: {
      en: `MX host ${h.exchange} of ${domain} has no address`,
      de: `MX-Host ${h.exchange} von ${domain} hat keine Adresse`,
    },
    fix: {
      en: `Give ${h.exchange} an A/AAAA record or remove it from the MX set.`,
      de: `${h.exchange} einen A/AAAA-Eintrag geben oder aus den MX entfernen.`,
    },
  }));
  const status = statusFromFindings(findings);
  if (status === 'pass') {
    findings.push({
      code: 'mx-ok',
      severity: 'info',
      text: {
        en: `MX of ${domain}: ${hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ')}`,
        de: `MX von ${domain}: ${hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ')}`,
      },
    });
  }
  return { ...base, hosts, status, findings };
}
