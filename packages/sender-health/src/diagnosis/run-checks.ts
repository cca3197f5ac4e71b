/** Runs a check plan against DNS. Independent checks run concurrently; each result stands on its own. */
import { checkDkim } from '../checks/dkim.js';
import { checkDmarc } from '../checks/dmarc.js';
import { checkDnsbl } from '../checks/dnsbl.js';
import { checkPtr } from '../checks/ptr.js';
import { checkSpf } from '../checks/spf.js';
import type { DnsClient } from '../dns/dns-client.js';
import { canonicalIp, isRoutable } from '../evidence/ip.js';
import type { CheckResult, DkimCheck, SpfCheck } from '../types.js';
import type { CheckPlan } from './plan.js';

/** A sending host with many addresses is a pool; the first two stand for it (each costs a dozen queries). */
const MAX_HOST_ADDRESSES = 2;

export type CheckRun = {
  /** The IPs checked: the plan's, or the sending host's addresses. */
  ips: string[];
  results: CheckResult[];
  checkedAt: string;
};

async function sendingIps(dns: DnsClient, plan: CheckPlan): Promise<string[]> {
  if (plan.ip) return [plan.ip];
  if (!plan.host) return [];
  const [a, aaaa] = await Promise.all([dns.a(plan.host), dns.aaaa(plan.host)]);
  const all = [...(a.status === 'found' ? a.values : []), ...(aaaa.status === 'found' ? aaaa.values : [])];
  return all
    .map((ip) => canonicalIp(ip))
    .filter((ip): ip is string => ip !== null && isRoutable(ip))
    .slice(0, MAX_HOST_ADDRESSES);
}

export async function runChecks(
  dns: DnsClient,
  plan: CheckPlan,
  now: () => Date = () => new Date(),
): Promise<CheckRun> {
  const ips = await sendingIps(dns, plan);
  const ipChecks = ips.flatMap((ip) => [
    ...plan.lists.map((list) => checkDnsbl(dns, ip, list, list.namedInReply)),
    checkPtr(dns, ip),
  ]);
  const spfCheck: Promise<SpfCheck | null> =
    plan.envelopeDomain && ips[0] ? checkSpf(dns, plan.envelopeDomain, ips[0]) : Promise.resolve(null);
  const dkimChecks = plan.dkim.map((sig) => checkDkim(dns, sig.domain, sig.selector, sig.algorithm));
  const [ipResults, spf, dkim] = await Promise.all([Promise.all(ipChecks), spfCheck, Promise.all(dkimChecks)]);
  const results: CheckResult[] = [...ipResults];
  if (spf) results.push(spf);
  results.push(...dkim);
  if (plan.headerFromDomain) {
    results.push(
      await checkDmarc(dns, {
        headerFromDomain: plan.headerFromDomain,
        envelopeDomain: plan.envelopeDomain,
        spfPassed: spf ? spf.result === 'pass' : null,
        dkim: dkim.map((d: DkimCheck) => ({ domain: d.domain, keyUsable: d.status === 'pass' || d.status === 'warn' })),
      }),
    );
  }
  return { ips, results, checkedAt: now().toISOString() };
}
