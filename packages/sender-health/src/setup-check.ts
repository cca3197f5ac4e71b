/**
 * The sending-setup check: for a sending domain, its sending IPs and DKIM selectors, everything receivers look at
 * before they accept mail, and whether the VERP return path the system generates (packages/rules verp.ts) passes
 * SPF in alignment with the From domain. The same report, run on a schedule, is compared with the previous one
 * (`compareSetupReports`) so a change raises an event.
 */
import { makeReturnPath } from '@bounce/rules';
import { z } from 'zod';
import { checkDkim } from './checks/dkim.js';
import { checkDmarc } from './checks/dmarc.js';
import { COMMON_DNSBLS, checkDnsbl, type DnsblList } from './checks/dnsbl.js';
import { checkMx } from './checks/mx.js';
import { checkPtr } from './checks/ptr.js';
import { analyseSpfRecord, checkSpf } from './checks/spf.js';
import { statusFromFindings } from './checks/status.js';
import type { DnsClient } from './dns/dns-client.js';
import { canonicalIp } from './evidence/ip.js';
import type {
  CheckResult,
  CheckStatus,
  DkimCheck,
  DmarcCheck,
  DnsblCheck,
  Finding,
  LocalizedText,
  MxCheck,
  PtrCheck,
  SpfCheck,
  SpfRecordCheck,
  VerpAlignmentCheck,
} from './types.js';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const hostname = (what: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v.replace(/\.$/, ''))
    .refine((v) => HOSTNAME.test(v), `${what} must be a domain name such as example.com`);

export const senderCheckRequestSchema = z.object({
  /** The domain in the From header of the mail you send. */
  domain: hostname('domain'),
  /** The IPs your mail leaves from (1 to 16). */
  ips: z
    .array(z.string().trim())
    .min(1, 'give at least one sending IP')
    .max(16)
    .transform((list, ctx) => {
      const out: string[] = [];
      for (const text of list) {
        const ip = canonicalIp(text);
        if (ip === null) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not an IP address` });
        else if (!out.includes(ip)) out.push(ip);
      }
      return out;
    }),
  /** DKIM selectors you sign with (0 to 16). */
  selectors: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9_](?:[a-z0-9_.-]{0,62}[a-z0-9_])?$/, 'a DKIM selector such as s1'),
    )
    .max(16)
    .default([]),
  /** Domain of the VERP return path (`bounces+token@<bounceDomain>`). Default: the sending domain. */
  bounceDomain: hostname('bounceDomain').optional(),
  /** Local part before the "+" of the return path. Default "bounces". */
  returnPathLocalPart: z.string().trim().min(1).max(20).default('bounces'),
});
export type SenderCheckRequest = z.input<typeof senderCheckRequestSchema>;

export type SetupCheckOptions = {
  /** Lists the sending IPs are looked up on. Default COMMON_DNSBLS. */
  dnsbls?: readonly DnsblList[];
  now?: () => Date;
};

export type SetupReport = {
  domain: string;
  bounceDomain: string;
  ips: string[];
  selectors: string[];
  /** A return path as the system generates it for this setup (send id and secret are examples). */
  exampleReturnPath: string | null;
  /** The worst status of all checks. */
  status: CheckStatus;
  spf: { record: SpfRecordCheck; ips: SpfCheck[] };
  dkim: DkimCheck[];
  dmarc: DmarcCheck;
  ptr: PtrCheck[];
  mx: MxCheck;
  verp: VerpAlignmentCheck;
  dnsbl: DnsblCheck[];
  /** Every check, flattened (see checkKey). */
  checks: CheckResult[];
  /** One line per failing or warning finding, then the fixes. */
  summary: LocalizedText;
  checkedAt: string;
};

const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'error', 'warn', 'pass', 'skipped'];

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  for (const s of STATUS_ORDER) if (statuses.includes(s)) return s;
  return 'skipped';
}

/** A stable identity per check, for comparing two reports. */
export function checkKey(result: CheckResult): string {
  switch (result.check) {
    case 'dnsbl':
      return `dnsbl:${result.ip}:${result.list}`;
    case 'spf':
      return `spf:${result.domain}:${result.ip}`;
    case 'spf-record':
      return `spf-record:${result.domain}`;
    case 'dkim':
      return `dkim:${result.name}`;
    case 'dmarc':
      return `dmarc:${result.domain}`;
    case 'ptr':
      return `ptr:${result.ip}`;
    case 'mx':
      return `mx:${result.domain}`;
    case 'verp-alignment':
      return `verp-alignment:${result.returnPathDomain}`;
    default: {
      const never: never = result;
      return String(never);
    }
  }
}

/** The example send id and secret the report's example return path is made with (never a real one). */
const EXAMPLE_SEND_ID = '00000000-0000-7000-8000-000000000000';
const EXAMPLE_SECRET = 'example-secret-not-used-for-sending';

async function checkVerp(
  dns: DnsClient,
  bounceDomain: string,
  headerFromDomain: string,
  ips: readonly string[],
  dmarc: DmarcCheck,
): Promise<VerpAlignmentCheck> {
  const spf = await Promise.all(ips.map((ip) => checkSpf(dns, bounceDomain, ip)));
  const aligned = dmarc.spfAligned ?? false;
  const failing = spf.filter((s) => s.result !== 'pass');
  const findings: Finding[] = [];
  if (!aligned) {
    findings.push({
      code: 'verp-not-aligned',
      severity: 'fail',
      text: {
        en: `Return paths at ${bounceDomain} are not aligned with ${headerFromDomain} (${dmarc.alignment.spf} SPF alignment): SPF cannot make DMARC pass, only DKIM can`,
        de: `Return-Paths unter ${bounceDomain} sind nicht an ${headerFromDomain} ausgerichtet (${dmarc.alignment.spf === 'strict' ? 'strikte' : 'lockere'} SPF-Ausrichtung): SPF kann DMARC nicht bestehen lassen, nur DKIM`,
      },
      fix: {
        en: `Use a bounce domain under ${headerFromDomain} (e.g. bounces.${headerFromDomain})${dmarc.alignment.spf === 'strict' ? `, or ${headerFromDomain} itself with aspf=s` : ''}.`,
        de: `Eine Bounce-Domain unter ${headerFromDomain} verwenden (z. B. bounces.${headerFromDomain})${dmarc.alignment.spf === 'strict' ? `, bei aspf=s ${headerFromDomain} selbst` : ''}.`,
      },
    });
  }
  for (const s of failing) {
    findings.push({
      code: 'verp-spf-fails',
      severity: 'fail',
      text: {
        en: `SPF of the bounce domain ${bounceDomain} gives ${s.result} for ${s.ip}: VERP return paths do not pass SPF`,
        de: `SPF der Bounce-Domain ${bounceDomain} ergibt ${s.result} für ${s.ip}: VERP-Return-Paths bestehen SPF nicht`,
      },
      fix: s.findings.find((f) => f.fix)?.fix ?? {
        en: `Authorise ${s.ip} in the SPF record of ${bounceDomain}.`,
        de: `${s.ip} im SPF-Eintrag von ${bounceDomain} erlauben.`,
      },
    });
  }
  if (findings.length === 0) {
    findings.push({
      code: 'verp-aligned',
      severity: 'info',
      text: {
        en: `VERP return paths at ${bounceDomain} pass SPF for every sending IP and align with ${headerFromDomain}`,
        de: `VERP-Return-Paths unter ${bounceDomain} bestehen SPF für jede sendende IP und sind an ${headerFromDomain} ausgerichtet`,
      },
    });
  }
  return {
    check: 'verp-alignment',
    returnPathDomain: bounceDomain,
    headerFromDomain,
    mode: dmarc.alignment.spf,
    aligned,
    spf: spf.map((s) => ({ ip: s.ip, result: s.result })),
    status: statusFromFindings(
      findings,
      spf.some((s) => s.status === 'error'),
    ),
    findings,
  };
}

export async function checkSendingSetup(
  dns: DnsClient,
  request: SenderCheckRequest,
  options: SetupCheckOptions = {},
): Promise<SetupReport> {
  const input = senderCheckRequestSchema.parse(request);
  const bounceDomain = input.bounceDomain ?? input.domain;
  const lists = options.dnsbls ?? COMMON_DNSBLS;
  const [record, spfIps, dkim, ptr, mx, dnsbl] = await Promise.all([
    analyseSpfRecord(dns, input.domain),
    Promise.all(input.ips.map((ip) => checkSpf(dns, input.domain, ip))),
    Promise.all(input.selectors.map((s) => checkDkim(dns, input.domain, s))),
    Promise.all(input.ips.map((ip) => checkPtr(dns, ip))),
    checkMx(dns, bounceDomain),
    Promise.all(input.ips.flatMap((ip) => lists.map((l) => checkDnsbl(dns, ip, l, false)))),
  ]);
  // What DMARC sees for mail sent with the generated return path: the bounce domain as SPF identity.
  const bounceSpf =
    bounceDomain === input.domain ? spfIps : await Promise.all(input.ips.map((ip) => checkSpf(dns, bounceDomain, ip)));
  const dmarc = await checkDmarc(dns, {
    headerFromDomain: input.domain,
    envelopeDomain: bounceDomain,
    spfPassed: bounceSpf.every((s) => s.result === 'pass'),
    dkim: dkim.map((d) => ({ domain: d.domain, keyUsable: d.status === 'pass' || d.status === 'warn' })),
  });
  const verp = await checkVerp(dns, bounceDomain, input.domain, input.ips, dmarc);
  let exampleReturnPath: string | null = null;
  try {
    exampleReturnPath = makeReturnPath({
      localPart: input.returnPathLocalPart,
      domain: bounceDomain,
      sendId: EXAMPLE_SEND_ID,
      secret: EXAMPLE_SECRET,
    });
  } catch {
    exampleReturnPath = null;
  }
  const checks: CheckResult[] = [record, ...spfIps, ...dkim, dmarc, ...ptr, mx, verp, ...dnsbl];
  const problems = checks.flatMap((c) => c.findings.filter((f) => f.severity !== 'info'));
  const noSelectors: Finding[] =
    input.selectors.length === 0
      ? [
          {
            code: 'dkim-no-selectors',
            severity: 'warn',
            text: {
              en: 'No DKIM selector given: DKIM was not checked',
              de: 'Kein DKIM-Selektor angegeben: DKIM wurde nicht geprüft',
            },
          },
        ]
      : [];
  const all = [...problems, ...noSelectors];
  const en = all.map((f) => `${f.severity === 'fail' ? 'FAIL' : 'WARN'} ${f.text.en}`);
  const de = all.map((f) => `${f.severity === 'fail' ? 'FEHLER' : 'WARNUNG'} ${f.text.de}`);
  // The same fix can answer two findings (SPF of the domain that is also the bounce domain): say it once.
  const fixes = new Set<string>();
  for (const f of all) {
    if (!f.fix || fixes.has(f.fix.en)) continue;
    fixes.add(f.fix.en);
    en.push(`What to do: ${f.fix.en}`);
    de.push(`Was zu tun ist: ${f.fix.de}`);
  }
  if (all.length === 0) {
    en.push(`Everything checked is in order for ${input.domain}.`);
    de.push(`Alles Geprüfte ist für ${input.domain} in Ordnung.`);
  }
  return {
    domain: input.domain,
    bounceDomain,
    ips: input.ips,
    selectors: input.selectors,
    exampleReturnPath,
    status: worstStatus([...checks.map((c) => c.status), ...(noSelectors.length > 0 ? (['warn'] as const) : [])]),
    spf: { record, ips: spfIps },
    dkim,
    dmarc,
    ptr,
    mx,
    verp,
    dnsbl,
    checks,
    summary: { en: en.join('\n'), de: de.join('\n') },
    checkedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}

export type SetupChange = { key: string; from: CheckStatus | null; to: CheckStatus | null };

/**
 * What changed between two reports of the same setup: checks whose status differs, appeared or disappeared. An
 * `error` (DNS could not answer) is no change of the setup: it is compared as "unknown" and never reported.
 */
export function compareSetupReports(previous: SetupReport | null, next: SetupReport): SetupChange[] {
  const before = new Map((previous?.checks ?? []).map((c) => [checkKey(c), c.status] as const));
  const after = new Map(next.checks.map((c) => [checkKey(c), c.status] as const));
  const changes: SetupChange[] = [];
  for (const [key, to] of after) {
    const from = before.get(key) ?? null;
    if (to === 'error' || from === 'error' || from === to) continue;
    if (previous === null) continue;
    changes.push({ key, from, to });
  }
  if (previous) {
    for (const [key, from] of before) if (!after.has(key) && from !== 'error') changes.push({ key, from, to: null });
  }
  return changes;
}
