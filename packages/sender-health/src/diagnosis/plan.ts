/**
 * Which DNS checks one piece of evidence calls for, as plain data: stored with an alert, the same plan is run again
 * later to see whether the cause is gone (the alert closes itself then).
 */
import { COMMON_DNSBLS, type DnsblList, listsToQuery } from '../checks/dnsbl.js';
import type { DkimSignatureEvidence, SenderEvidence } from '../types.js';

export type CheckPlan = {
  /** The sending IP, when the bounce named it. */
  ip: string | null;
  /** A sending host to resolve when no IP is known (its first addresses are checked). */
  host: string | null;
  /** Blocklists to ask, the reply's own first. */
  lists: (DnsblList & { namedInReply: boolean })[];
  envelopeDomain: string | null;
  headerFromDomain: string | null;
  dkim: DkimSignatureEvidence[];
};

export type PlanOptions = {
  /** Lists asked about every sending IP. Default COMMON_DNSBLS. */
  dnsbls?: readonly DnsblList[];
  /** Also ask the lists the reply names (arbitrary zones chosen by the receiver). Default true. */
  queryNamedLists?: boolean;
};

export function planChecks(evidence: SenderEvidence, options: PlanOptions = {}): CheckPlan {
  const named = options.queryNamedLists === false ? [] : evidence.namedLists;
  return {
    ip: evidence.sendingIp?.address ?? null,
    host: evidence.sendingIp ? null : (evidence.sendingHost?.name ?? null),
    lists: listsToQuery(named, options.dnsbls ?? COMMON_DNSBLS).map(({ list, named: n }) => ({
      ...list,
      namedInReply: n,
    })),
    envelopeDomain: evidence.envelopeDomain?.domain ?? null,
    headerFromDomain: evidence.headerFromDomain ?? evidence.envelopeDomain?.domain ?? null,
    dkim: evidence.dkimSignatures,
  };
}
