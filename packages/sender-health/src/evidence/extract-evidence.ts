/**
 * From one parsed sender-side verdict to what it tells about the sender. Pure: the bounce and its parse in,
 * evidence out; no DNS (the checks ask DNS later, about what is found here).
 */
import { type ParseOptions, parseBounce, type RecipientResult } from '@bounce/parser';
import { domainOf, type RuleConfig } from '@bounce/rules';
import type { DkimSignatureEvidence, DomainEvidence, HostEvidence, IpEvidence, SenderEvidence } from '../types.js';
import { isSenderSideVerdict, SENDER_EVIDENCE_HEADERS, type SenderEvidenceSource } from './evidence-source.js';
import { parseDkimSignature, parseReceived, type ReceivedHop } from './headers.js';
import { canonicalIp, isRoutable } from './ip.js';
import { identifyProvider, registrableDomain } from './provider.js';
import { hintedCauses, MAX_REPLY_CHARS, namedLists, replyIps, replyStart, replyUrls } from './reply-text.js';

/** At most this many Received hops and DKIM signatures are read from one original (a real one has a handful). */
const MAX_HOPS = 30;
const MAX_SIGNATURES = 10;

/** "<mail.example.com[192.0.2.1]>: Client host rejected" (Postfix's reject_* wording names the client). */
const POSTFIX_CLIENT = /<([a-z0-9.-]{1,253})\[([0-9a-f.:]{3,45})\]>/i;
/** Exim and Postfix replies quote the envelope sender: "MAIL FROM:<x@example.com>", "MAIL FROM domain [x]". */
const MAIL_FROM = /mail from:\s?<([^<>\s]{1,254})>/i;
const MAIL_FROM_DOMAIN = /mail from domain \[([a-z0-9.-]{1,253})\]/i;

function lowerDomain(address: string | null): string | null {
  if (!address) return null;
  const domain = domainOf(address);
  return domain ? domain.toLowerCase() : null;
}

function sameOrganisation(host: string | null, other: string | null): boolean {
  if (!host || !other) return false;
  const a = registrableDomain(host);
  return a !== null && a === registrableDomain(other);
}

/** IP of a hop the receiving side added: its "by" host belongs to the remote MTA's or the recipient's organisation. */
function ipFromReceiverHop(
  hops: ReceivedHop[],
  remoteMta: string | null,
  recipientDomain: string | null,
): string | null {
  for (const hop of hops) {
    if (!hop.fromIp || !isRoutable(hop.fromIp)) continue;
    if (sameOrganisation(hop.byHost, remoteMta) || sameOrganisation(hop.byHost, recipientDomain)) return hop.fromIp;
  }
  return null;
}

function sendingIpOf(
  reply: string | null,
  hops: ReceivedHop[],
  remoteMta: string | null,
  recipientDomain: string | null,
): IpEvidence | null {
  if (reply) {
    const remote = remoteMta ? [canonicalIp(remoteMta.replace(/^\[|\]$/g, '')) ?? ''] : [];
    const ips = replyIps(reply, remote);
    const best = ips.find((ip) => ip.strong) ?? ips[0];
    if (best) return { address: best.address, source: 'reply' };
  }
  const hopIp = ipFromReceiverHop(hops, remoteMta, recipientDomain);
  return hopIp ? { address: hopIp, source: 'received' } : null;
}

function sendingHostOf(
  reply: string | null,
  hops: ReceivedHop[],
  recipient: RecipientResult,
  provider: string | null,
): HostEvidence | null {
  const client = reply ? POSTFIX_CLIENT.exec(reply.slice(replyStart(reply), MAX_REPLY_CHARS)) : null;
  if (client?.[1]?.includes('.')) return { name: client[1].toLowerCase(), source: 'reply' };
  // The Reporting-MTA wrote the bounce: ours when it is not the receiver's (a DSN from our own relay).
  const reporting = recipient.reportingMta?.trim().toLowerCase().replace(/\.$/, '') ?? null;
  const receiverSide =
    sameOrganisation(reporting, recipient.remoteMta) ||
    sameOrganisation(reporting, domainOf(recipient.recipient) ?? null) ||
    (provider !== null && sameOrganisation(reporting, provider));
  if (reporting?.includes('.') && !receiverSide && canonicalIp(reporting) === null) {
    return { name: reporting, source: 'reporting-mta' };
  }
  // Else the host that added the top Received header of the returned original: our last hop before the receiver.
  const top = hops[0]?.byHost;
  if (top?.includes('.') && canonicalIp(top) === null && !sameOrganisation(top, recipient.remoteMta)) {
    return { name: top, source: 'received' };
  }
  return null;
}

function envelopeDomainOf(result: SenderEvidenceSource, reply: string | null): DomainEvidence | null {
  const fromReturnPath = lowerDomain(result.original.returnPath);
  if (fromReturnPath) return { domain: fromReturnPath, source: 'return-path' };
  const text = reply?.slice(0, MAX_REPLY_CHARS) ?? '';
  const quoted = MAIL_FROM.exec(text)?.[1] ?? null;
  const fromReply = lowerDomain(quoted) ?? MAIL_FROM_DOMAIN.exec(text)?.[1]?.toLowerCase() ?? null;
  if (fromReply) return { domain: fromReply, source: 'reply' };
  // A bounce goes to the envelope sender (RFC 5321 §4.5.5): the bounce's own recipient is that address.
  const bounceTo = lowerDomain(result.message.to);
  return bounceTo ? { domain: bounceTo, source: 'bounce-recipient' } : null;
}

function dkimSignaturesOf(result: SenderEvidenceSource): DkimSignatureEvidence[] {
  const signatures: DkimSignatureEvidence[] = [];
  for (const value of (result.original.headers?.['dkim-signature'] ?? []).slice(0, MAX_SIGNATURES)) {
    const sig = parseDkimSignature(value);
    if (sig && !signatures.some((s) => s.domain === sig.domain && s.selector === sig.selector)) signatures.push(sig);
  }
  return signatures;
}

function occurredAtOf(recipient: RecipientResult, result: SenderEvidenceSource): string | null {
  for (const text of [recipient.lastAttemptAt, result.message.date]) {
    if (!text) continue;
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return null;
}

/**
 * Evidence about the sender from one recipient's verdict of a parsed bounce (parsed with SENDER_EVIDENCE_HEADERS), or
 * of its stored evidence source.
 */
export function extractEvidence(result: SenderEvidenceSource, recipient: RecipientResult): SenderEvidence {
  const reply = recipient.diagnosticCode ? recipient.diagnosticCode.slice(0, MAX_REPLY_CHARS) : null;
  const recipientDomain = lowerDomain(recipient.recipient);
  const hops = (result.original.headers?.received ?? []).slice(0, MAX_HOPS).map(parseReceived);
  const provider = identifyProvider({ remoteMta: recipient.remoteMta, replyText: reply, recipientDomain });
  const providerDomain = provider.id.startsWith('domain:') ? provider.id.slice('domain:'.length) : null;
  return {
    recipient: recipient.recipient,
    recipientDomain,
    reason: recipient.reason,
    status: recipient.status,
    replyCode: recipient.replyCode,
    replyText: reply,
    remoteMta: recipient.remoteMta,
    sendingIp: sendingIpOf(reply, hops, recipient.remoteMta, recipientDomain),
    sendingHost: sendingHostOf(reply, hops, recipient, providerDomain),
    envelopeDomain: envelopeDomainOf(result, reply),
    headerFromDomain: lowerDomain(result.original.from),
    dkimSignatures: dkimSignaturesOf(result),
    provider,
    namedLists: reply ? namedLists(reply) : [],
    replyUrls: reply ? replyUrls(reply) : [],
    hintedCauses: reply ? hintedCauses(reply) : [],
    occurredAt: occurredAtOf(recipient, result),
  };
}

/** Parses a raw bounce and returns the evidence of every sender-side recipient (empty for any other bounce). */
export function senderEvidenceFromBounce(
  raw: Uint8Array | string,
  options: ParseOptions & { ruleConfig?: RuleConfig } = {},
): SenderEvidence[] {
  const result = parseBounce(raw, {
    ...options,
    originalHeaders: [...new Set([...(options.originalHeaders ?? []), ...SENDER_EVIDENCE_HEADERS])],
  });
  return result.recipients
    .filter((r) => isSenderSideVerdict(r, result.kind, options.ruleConfig))
    .map((r) => extractEvidence(result, r));
}
