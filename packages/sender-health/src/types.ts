/**
 * Public types of sender health: what a bounce says about the sender (evidence), what DNS says (check results),
 * and what the operator is told (diagnosis). Everything here is plain JSON so it can be stored with an alert,
 * sent in a webhook and compared between runs.
 */
import type { Reason } from '@bounce/parser';

/** Operator-facing text in the two languages the product speaks. */
export type LocalizedText = { en: string; de: string };

/**
 * What the rejection is about, as far as the bounce and the checks tell. Stable identifiers: they are part of the
 * grouping key of alerts.
 *   dnsbl: the sending IP is on a DNS blocklist; reputation: the provider rates the IP or domain badly;
 *   spf / dkim / dmarc: that authentication failed; authentication: "unauthenticated" without saying which;
 *   ptr: reverse DNS missing or not forward-confirmed; tls: encryption required; content: the message was judged
 *   spam; policy: a local policy of the receiver; rate: too much mail too fast; unexplained: nothing tells.
 */
export const CAUSES = [
  'dnsbl',
  'reputation',
  'spf',
  'dkim',
  'dmarc',
  'authentication',
  'ptr',
  'tls',
  'content',
  'rate',
  'policy',
  'unexplained',
] as const;
export type Cause = (typeof CAUSES)[number];

export type Provider = {
  /** Stable identifier: a known provider's slug ("microsoft", "google") or "domain:<registrable domain>". */
  id: string;
  /** Display name ("Microsoft", "Google") or the registrable domain. */
  name: string;
  /** What it was recognised from. */
  source: 'remote-mta' | 'reply' | 'recipient-domain' | 'reporting-mta' | 'unknown';
};

export type IpEvidence = {
  address: string;
  /**
   * reply: named in the remote server's reply (what the receiver saw: the best evidence); received: from a Received
   * header the receiving side added to the returned message; host: an address of the sending host (resolved later).
   */
  source: 'reply' | 'received' | 'host';
};

export type HostEvidence = {
  name: string;
  /** reply: "<host[ip]>: Client host rejected"; received: a Received header; reporting-mta: the DSN's Reporting-MTA. */
  source: 'reply' | 'received' | 'reporting-mta';
};

export type DkimSignatureEvidence = {
  /** d= (lower case). */
  domain: string;
  /** s=. */
  selector: string;
  /** a= as written, lower case ("rsa-sha256", "ed25519-sha256"); null when absent. */
  algorithm: string | null;
};

export type DomainEvidence = {
  domain: string;
  source: 'return-path' | 'reply' | 'bounce-recipient' | 'header-from';
};

/** Everything one sender-side verdict tells about the sender, before any DNS question is asked. */
export type SenderEvidence = {
  recipient: string;
  recipientDomain: string | null;
  reason: Reason;
  status: string | null;
  replyCode: number | null;
  /** The remote server's reply (the parser's diagnostic code), null when the bounce gives none. */
  replyText: string | null;
  remoteMta: string | null;
  /** The sending IP as the receiver saw it, when the bounce tells. */
  sendingIp: IpEvidence | null;
  /** The sending host's name, when the bounce tells (its addresses are looked up when no IP is known). */
  sendingHost: HostEvidence | null;
  /** Domain of the envelope sender (MAIL FROM, what SPF checks). */
  envelopeDomain: DomainEvidence | null;
  /** Domain of the original's From header (what DMARC protects). */
  headerFromDomain: string | null;
  dkimSignatures: DkimSignatureEvidence[];
  provider: Provider;
  /** DNS blocklist zones the reply names ("blocked using zen.spamhaus.org"), lower case. */
  namedLists: string[];
  /** http(s) links in the reply (lookup and delisting pages the receiver points to). */
  replyUrls: string[];
  /** Causes the wording of the reply points to, strongest first (may be empty). */
  hintedCauses: Cause[];
  /** When the rejection happened (the report's attempt time or the bounce's Date), ISO 8601, when known. */
  occurredAt: string | null;
};

/** pass / fail / warn: the check ran; error: it could not run (DNS timeout, SERVFAIL); skipped: nothing to check. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skipped';

export type Finding = {
  /** Stable identifier of the finding ("dnsbl-listed", "spf-ip-not-covered", "ptr-missing", ...). */
  code: string;
  severity: 'fail' | 'warn' | 'info';
  /** What is wrong (or right), with the values that matter. */
  text: LocalizedText;
  /** What to do about it, when something is to be done. */
  fix?: LocalizedText;
};

type CheckBase = { status: CheckStatus; findings: Finding[] };

export type DnsblCheck = CheckBase & {
  check: 'dnsbl';
  ip: string;
  /** The list's DNS zone ("zen.spamhaus.org"). */
  list: string;
  listName: string;
  /** True when the reply named this list. */
  namedInReply: boolean;
  listed: boolean;
  /** The A answers (return codes), e.g. ["127.0.0.2"]. */
  codes: string[];
  /** The listing's TXT reason, when the list publishes one. */
  reason: string | null;
  /** Where to look the listing up or request removal (from the TXT record, else the list's known page). */
  delistUrl: string | null;
  /** A date the list gives for the listing in its TXT reason, when it gives one. */
  listedSince: string | null;
};

export type SpfCheck = CheckBase & {
  check: 'spf';
  domain: string;
  ip: string;
  /** The domain's SPF record, null when it has none. */
  record: string | null;
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';
  /** mailauth's explanation of the result ("domain of x designates y as permitted sender"). */
  comment: string | null;
  /** DNS-querying terms counted against the limit of 10 (RFC 7208 §4.6.4), when the evaluation got that far. */
  lookupCount: number | null;
  /** Names whose SPF records the evaluation read, in order (the domain, then includes and redirects it followed). */
  path: string[];
};

export type DkimCheck = CheckBase & {
  check: 'dkim';
  domain: string;
  selector: string;
  /** The key record's name: `<selector>._domainkey.<domain>`. */
  name: string;
  record: string | null;
  present: boolean;
  /** p= empty: the key was revoked (RFC 6376 §3.6.1). */
  revoked: boolean;
  keyType: 'rsa' | 'ed25519' | null;
  bits: number | null;
  /** The signature's a= when known (from the returned original), else null. */
  signatureAlgorithm: string | null;
  /** True when the key type fits the signature's algorithm; null when no signature was seen. */
  algorithmMatches: boolean | null;
  testing: boolean;
};

export type DmarcCheck = CheckBase & {
  check: 'dmarc';
  /** The author (header From) domain. */
  domain: string;
  /** The domain whose record applies (the author domain or its organizational domain), null when none. */
  policyDomain: string | null;
  record: string | null;
  /** Effective policy for this domain: p, or sp/np for a subdomain; null without a record. */
  policy: 'none' | 'quarantine' | 'reject' | null;
  pct: number | null;
  rua: string[];
  ruf: string[];
  alignment: { spf: 'relaxed' | 'strict'; dkim: 'relaxed' | 'strict' };
  /** Whether an SPF pass for the envelope domain would align with the author domain; null when not known. */
  spfAligned: boolean | null;
  /** Whether a valid signature of one of the DKIM domains would align; null when no signature was seen. */
  dkimAligned: boolean | null;
  /** Whether the message would pass DMARC given the SPF result and DKIM keys found; null when not known. */
  wouldPass: boolean | null;
};

export type PtrCheck = CheckBase & {
  check: 'ptr';
  ip: string;
  names: string[];
  /** The PTR name whose A/AAAA records contain the IP (forward-confirmed reverse DNS), null when none. */
  confirmedName: string | null;
  /** Addresses each PTR name resolves to. */
  forward: { name: string; addresses: string[] }[];
};

export type MxCheck = CheckBase & {
  check: 'mx';
  domain: string;
  hosts: { exchange: string; priority: number; addresses: string[] }[];
  /** RFC 7505 null MX ("0 ."): the domain accepts no mail. */
  nullMx: boolean;
  /** No MX record: mail goes to the domain's own A/AAAA (RFC 5321 §5.1). */
  implicit: boolean;
};

export type SpfRecordCheck = CheckBase & {
  check: 'spf-record';
  domain: string;
  record: string | null;
  /** DNS-querying terms over the whole include tree (limit 10, RFC 7208 §4.6.4). */
  lookupCount: number;
  /** include:/redirect= targets and whether each has an SPF record. */
  includes: { domain: string; resolves: boolean; depth: number }[];
  /** The qualifier of the top record's "all" ("-", "~", "?", "+"), null without "all". */
  all: '-' | '~' | '?' | '+' | null;
  syntaxErrors: string[];
};

export type VerpAlignmentCheck = CheckBase & {
  check: 'verp-alignment';
  /** The domain of the return path the system generates (`bounces+token@<domain>`). */
  returnPathDomain: string;
  headerFromDomain: string;
  mode: 'relaxed' | 'strict';
  aligned: boolean;
  /** SPF results of the return-path domain for each sending IP. */
  spf: { ip: string; result: SpfCheck['result'] }[];
};

export type CheckResult =
  | DnsblCheck
  | SpfCheck
  | SpfRecordCheck
  | DkimCheck
  | DmarcCheck
  | PtrCheck
  | MxCheck
  | VerpAlignmentCheck;

export type CheckName = CheckResult['check'];
