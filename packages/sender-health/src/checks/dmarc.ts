/**
 * DMARC (RFC 7489, RFC 9989): the author domain's policy and whether the message would pass, i.e. whether an SPF
 * pass for the envelope domain or a valid DKIM signature would be aligned with the From domain. Policy discovery
 * and alignment are mailauth's (its DNS tree walk finds the organizational domain); reporting addresses are read
 * from the record.
 */
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import type { DnsClient } from '../dns/dns-client.js';
import { parseTagList } from '../evidence/headers.js';
import type { DmarcCheck, Finding } from '../types.js';
import { statusFromFindings } from './status.js';

export type DmarcInput = {
  /** Domain of the From header. */
  headerFromDomain: string;
  /** Domain of the envelope sender (MAIL FROM), when known. */
  envelopeDomain: string | null;
  /** Result of SPF for the envelope domain and the sending IP, when known. */
  spfPassed: boolean | null;
  /** DKIM signing domains (d=) seen or configured, each with whether its key is published and usable. */
  dkim: { domain: string; keyUsable: boolean }[];
};

const POLICIES = new Set(['none', 'quarantine', 'reject']);

function reportAddresses(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .slice(0, 10);
}

export async function checkDmarc(dns: DnsClient, input: DmarcInput): Promise<DmarcCheck> {
  const domain = input.headerFromDomain;
  const { response, dkimAligned } = await evaluateDmarc({
    headerFrom: `postmaster@${domain}`,
    spfDomains: input.envelopeDomain ? [input.envelopeDomain] : [],
    dkimDomains: input.dkim.map((d) => ({ id: d.domain, domain: d.domain })),
    resolver: (name: string, type: string) => dns.resolve(name, type) as Promise<string[]>,
  });
  const base: Omit<DmarcCheck, 'status' | 'findings'> = {
    check: 'dmarc',
    domain,
    policyDomain: null,
    record: null,
    policy: null,
    pct: null,
    rua: [],
    ruf: [],
    alignment: { spf: 'relaxed', dkim: 'relaxed' },
    spfAligned: null,
    dkimAligned: null,
    wouldPass: null,
  };
  if (!response || response.status.result === 'temperror') {
    const why = response ? response.error : `${domain} is not a valid author domain`;
    return {
      ...base,
      status: 'error',
      findings: [
        {
          code: 'dmarc-dns-error',
          severity: 'warn',
          text: {
            en: `The DMARC policy of ${domain} could not be read${why ? ` (${why})` : ''}`,
            de: `Die DMARC-Richtlinie von ${domain} war nicht lesbar${why ? ` (${why})` : ''}`,
          },
        },
      ],
    };
  }
  if (!response.rr) {
    return {
      ...base,
      status: 'warn',
      findings: [
        {
          code: 'dmarc-missing',
          severity: 'warn',
          text: {
            en: `${domain} publishes no DMARC policy: Gmail and Yahoo require one from bulk senders`,
            de: `${domain} veröffentlicht keine DMARC-Richtlinie: Gmail und Yahoo verlangen sie von Massenversendern`,
          },
          fix: {
            en: `Publish TXT at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}", then tighten the policy once reports are clean.`,
            de: `TXT unter _dmarc.${domain} veröffentlichen: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}", die Richtlinie verschärfen, sobald die Berichte sauber sind.`,
          },
        },
      ],
    };
  }
  const tags = parseTagList(response.rr);
  const policy = POLICIES.has(response.policy) ? (response.policy as DmarcCheck['policy']) : null;
  const pctText = tags.get('pct');
  const spfAligned = input.envelopeDomain ? response.alignment.spf.result !== undefined : null;
  const alignedDkimDomains = input.dkim.filter((d) => dkimAligned?.has(d.domain));
  const dkimAlignedFlag = input.dkim.length > 0 ? alignedDkimDomains.length > 0 : null;
  const passBySpf = spfAligned === true && input.spfPassed === true;
  const passByDkim = alignedDkimDomains.some((d) => d.keyUsable);
  const wouldPass = passBySpf || passByDkim ? true : input.spfPassed === null && input.dkim.length === 0 ? null : false;
  const checked: Omit<DmarcCheck, 'status' | 'findings'> = {
    ...base,
    policyDomain: response.policyDomain ?? null,
    record: response.rr,
    policy,
    pct: pctText && /^\d{1,3}$/.test(pctText) ? Number(pctText) : null,
    rua: reportAddresses(tags.get('rua')),
    ruf: reportAddresses(tags.get('ruf')),
    alignment: {
      spf: response.alignment.spf.strict ? 'strict' : 'relaxed',
      dkim: response.alignment.dkim.strict ? 'strict' : 'relaxed',
    },
    spfAligned,
    dkimAligned: dkimAlignedFlag,
    wouldPass,
  };
  const findings: Finding[] = [
    {
      code: 'dmarc-policy',
      severity: 'info',
      text: {
        en: `DMARC of ${domain}: p=${policy} (record at _dmarc.${checked.policyDomain ?? domain}: ${response.rr}), SPF alignment ${checked.alignment.spf}, DKIM alignment ${checked.alignment.dkim}`,
        de: `DMARC von ${domain}: p=${policy} (Eintrag unter _dmarc.${checked.policyDomain ?? domain}: ${response.rr}), SPF-Ausrichtung ${checked.alignment.spf === 'strict' ? 'strikt' : 'locker'}, DKIM-Ausrichtung ${checked.alignment.dkim === 'strict' ? 'strikt' : 'locker'}`,
      },
    },
  ];
  if (checked.rua.length === 0) {
    findings.push({
      code: 'dmarc-no-rua',
      severity: 'warn',
      text: {
        en: `The DMARC record of ${domain} asks for no aggregate reports (rua=): failures go unseen`,
        de: `Der DMARC-Eintrag von ${domain} fordert keine Sammelberichte an (rua=): Fehlschläge bleiben unbemerkt`,
      },
      fix: { en: `Add rua=mailto:dmarc-reports@${domain}.`, de: `rua=mailto:dmarc-reports@${domain} ergänzen.` },
    });
  }
  if (wouldPass === false) {
    const why: string[] = [];
    const warum: string[] = [];
    if (input.envelopeDomain && spfAligned === false) {
      why.push(`the envelope domain ${input.envelopeDomain} is not aligned with ${domain} (${checked.alignment.spf})`);
      warum.push(
        `die Envelope-Domain ${input.envelopeDomain} ist nicht an ${domain} ausgerichtet (${checked.alignment.spf === 'strict' ? 'strikt' : 'locker'})`,
      );
    } else if (input.envelopeDomain && input.spfPassed === false) {
      why.push(`SPF of ${input.envelopeDomain} does not pass`);
      warum.push(`SPF von ${input.envelopeDomain} besteht nicht`);
    }
    if (input.dkim.length === 0) {
      why.push('the message carries no DKIM signature');
      warum.push('die Nachricht trägt keine DKIM-Signatur');
    } else if (alignedDkimDomains.length === 0) {
      why.push(`no DKIM signing domain (${input.dkim.map((d) => d.domain).join(', ')}) is aligned with ${domain}`);
      warum.push(
        `keine DKIM-Signaturdomain (${input.dkim.map((d) => d.domain).join(', ')}) ist an ${domain} ausgerichtet`,
      );
    } else {
      why.push(`the aligned DKIM key of ${alignedDkimDomains.map((d) => d.domain).join(', ')} is missing or unusable`);
      warum.push(
        `der ausgerichtete DKIM-Schlüssel von ${alignedDkimDomains.map((d) => d.domain).join(', ')} fehlt oder ist unbrauchbar`,
      );
    }
    const enforcing = policy === 'reject' || policy === 'quarantine';
    findings.push({
      code: 'dmarc-would-fail',
      severity: enforcing ? 'fail' : 'warn',
      text: {
        en: `Mail from ${domain} fails DMARC (policy ${policy}): ${why.join('; ')}`,
        de: `Mail von ${domain} besteht DMARC nicht (Richtlinie ${policy}): ${warum.join('; ')}`,
      },
      fix: {
        en: `Sign with DKIM as d=${domain} (or a subdomain), or send with an envelope domain under ${domain} that SPF authorises.`,
        de: `Mit DKIM als d=${domain} (oder einer Subdomain) signieren oder mit einer Envelope-Domain unter ${domain} senden, die SPF erlaubt.`,
      },
    });
  }
  const status = statusFromFindings(findings);
  return { ...checked, status, findings };
}
