/**
 * Classifies IP addresses for the SSRF guard of every outgoing connection a tenant chooses the target of (webhooks,
 * mailboxes): only globally routable unicast addresses are reachable by
 * default. The tables follow the IANA special-purpose address registries (RFC 6890 and updates); for IPv6 anything
 * outside global unicast 2000::/3 is refused as well, so a range the tables forget still fails closed.
 *
 * Addresses that embed an IPv4 address and are routed to it (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) take the category of the embedded address: `::ffff:127.0.0.1` is loopback, `::ffff:10.0.0.1` is
 * private, because that is where the kernel or the translator connects.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type IpCategory =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared-address-space'
  | 'link-local'
  | 'unique-local'
  | 'site-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

export type IpClassification = {
  /** The address as given (zone id removed). */
  address: string;
  family: 4 | 6;
  category: IpCategory;
  /** The special-purpose range that matched, e.g. "169.254.0.0/16"; null for public addresses. */
  range: string | null;
  /** For IPv4-mapped, NAT64 and 6to4 addresses: the IPv4 address they lead to. */
  embeddedIpv4?: string;
};

export class InvalidIpAddressError extends Error {
  override readonly name = 'InvalidIpAddressError';
}

type Ipv4Range = { cidr: string; base: number; bits: number; category: IpCategory };
type Ipv6Range = { cidr: string; base: bigint; bits: number; category: IpCategory | 'embedded-ipv4' };

// Order matters only where ranges nest (broadcast inside 240.0.0.0/4): the first match wins.
const IPV4_RANGES: Ipv4Range[] = [
  v4('0.0.0.0/8', 'unspecified'), // "this network"; 0.0.0.0 connects to the local host on Linux
  v4('10.0.0.0/8', 'private'), // RFC 1918
  v4('100.64.0.0/10', 'shared-address-space'), // RFC 6598 carrier-grade NAT
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'), // includes the cloud metadata service 169.254.169.254
  v4('172.16.0.0/12', 'private'), // RFC 1918
  v4('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  v4('192.0.2.0/24', 'documentation'), // TEST-NET-1
  v4('192.88.99.0/24', 'reserved'), // deprecated 6to4 relay anycast
  v4('192.168.0.0/16', 'private'), // RFC 1918
  v4('198.18.0.0/15', 'benchmarking'), // RFC 2544
  v4('198.51.100.0/24', 'documentation'), // TEST-NET-2
  v4('203.0.113.0/24', 'documentation'), // TEST-NET-3
  v4('224.0.0.0/4', 'multicast'),
  v4('255.255.255.255/32', 'broadcast'),
  v4('240.0.0.0/4', 'reserved'), // "future use", never routed
];

const IPV6_RANGES: Ipv6Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('::ffff:0:0/96', 'embedded-ipv4'), // IPv4-mapped: the socket connects to the IPv4 address
  v6('64:ff9b::/96', 'embedded-ipv4'), // NAT64 well-known prefix (RFC 6052): translated to the IPv4 address
  v6('64:ff9b:1::/48', 'reserved'), // local-use NAT64 (RFC 8215)
  v6('100::/64', 'reserved'), // discard-only (RFC 6666)
  v6('2001:db8::/32', 'documentation'),
  v6('2001::/23', 'reserved'), // IETF protocol assignments, incl. Teredo 2001::/32
  v6('2002::/16', 'embedded-ipv4'), // 6to4: the IPv4 address sits in bits 16-47
  v6('3fff::/20', 'documentation'), // RFC 9637
  v6('fc00::/7', 'unique-local'), // ULA, e.g. fd00:ec2::254 (AWS metadata over IPv6)
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local'), // deprecated, still routed inside some networks
  v6('ff00::/8', 'multicast'),
];
const GLOBAL_UNICAST = v6('2000::/3', 'reserved');

/** A network (CIDR, or a single address) an installation trusts, e.g. its internal mail server's subnet. */
export type IpNetwork = { cidr: string } & ({ family: 4; range: Ipv4Range } | { family: 6; range: Ipv6Range });

/** Parses "10.1.2.0/24", "fd00::/8" or a single address ("10.1.2.3" = /32). Throws InvalidIpAddressError. */
export function parseIpNetwork(input: string): IpNetwork {
  const [address = '', bitsText, ...rest] = input.trim().split('/');
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  const max = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (family === 0 || rest.length > 0 || !/^\d{1,3}$/.test(String(bits)) || bits > max) {
    throw new InvalidIpAddressError(`not an IP network (address or CIDR): ${JSON.stringify(input)}`);
  }
  const cidr = `${address}/${bits}`;
  return family === 4 ? { cidr, family, range: v4(cidr, 'private') } : { cidr, family, range: v6(cidr, 'private') };
}

/** True when the address lies in the network (an IPv4-mapped IPv6 address counts as its IPv4 address). */
export function isInNetwork(input: string, network: IpNetwork): boolean {
  const c = classifyIp(input);
  const address = c.embeddedIpv4 ?? c.address;
  if (network.family === 4) return isIPv4(address) && inRange4(ipv4ToInt(address), network.range);
  return isIPv6(address) && inRange6(ipv6ToBigInt(address), network.range);
}

/** Classifies an IPv4 or IPv6 address (dotted quad / RFC 4291 text, an optional `%zone` is ignored). */
export function classifyIp(input: string): IpClassification {
  const address = input.includes('%') ? input.slice(0, input.indexOf('%')) : input;
  if (isIPv4(address)) return classifyIpv4(address);
  if (isIPv6(address)) return classifyIpv6(address);
  throw new InvalidIpAddressError(`not an IP address: ${JSON.stringify(input)}`);
}

/**
 * Which non-public addresses a connection may still reach. Public addresses are always allowed; everything else
 * is refused unless one of these says otherwise. Link-local (the cloud metadata service 169.254.169.254) and the
 * other special ranges are reachable only through an explicit `allowedNetworks` entry.
 */
export type AddressPolicy = {
  /** Loopback (127.0.0.0/8, ::1): local development and tests. */
  allowLoopback?: boolean;
  /** Private-use ranges: RFC 1918, carrier-grade NAT 100.64.0.0/10, IPv6 unique-local and site-local. */
  allowPrivate?: boolean;
  /** Networks an installation trusts whatever their category, e.g. its internal mail server's subnet. */
  allowedNetworks?: readonly IpNetwork[];
};

const PRIVATE_USE: ReadonlySet<IpCategory> = new Set(['private', 'shared-address-space', 'unique-local', 'site-local']);

/** True for addresses a connection may go to under the policy (default: public ones only). */
export function isAllowedIp(classification: IpClassification, policy: AddressPolicy = {}): boolean {
  if (classification.category === 'public') return true;
  if (policy.allowedNetworks?.some((n) => isInNetwork(classification.address, n))) return true;
  if (classification.category === 'loopback') return policy.allowLoopback === true;
  return policy.allowPrivate === true && PRIVATE_USE.has(classification.category);
}

function classifyIpv4(address: string): IpClassification {
  const n = ipv4ToInt(address);
  for (const r of IPV4_RANGES) {
    if (inRange4(n, r)) return { address, family: 4, category: r.category, range: r.cidr };
  }
  return { address, family: 4, category: 'public', range: null };
}

function classifyIpv6(address: string): IpClassification {
  const n = ipv6ToBigInt(address);
  for (const r of IPV6_RANGES) {
    if (!inRange6(n, r)) continue;
    if (r.category !== 'embedded-ipv4') return { address, family: 6, category: r.category, range: r.cidr };
    // 6to4 carries the IPv4 address in bits 16-47 (from the left); mapped and NAT64 in the low 32 bits.
    const embedded = r.cidr === '2002::/16' ? Number((n >> 80n) & 0xffffffffn) : Number(n & 0xffffffffn);
    const inner = classifyIpv4(intToIpv4(embedded));
    return {
      address,
      family: 6,
      category: inner.category,
      range: inner.range === null ? null : `${r.cidr} → ${inner.range}`,
      embeddedIpv4: inner.address,
    };
  }
  if (!inRange6(n, GLOBAL_UNICAST)) return { address, family: 6, category: 'reserved', range: 'outside 2000::/3' };
  return { address, family: 6, category: 'public', range: null };
}

function v4(cidr: string, category: IpCategory): Ipv4Range {
  const [base, bits] = cidr.split('/') as [string, string];
  return { cidr, base: ipv4ToInt(base), bits: Number(bits), category };
}

function v6(cidr: string, category: Ipv6Range['category']): Ipv6Range {
  const [base, bits] = cidr.split('/') as [string, string];
  return { cidr, base: ipv6ToBigInt(base), bits: Number(bits), category };
}

function inRange4(n: number, r: Ipv4Range): boolean {
  if (r.bits === 0) return true;
  const mask = r.bits === 32 ? 0xffffffff : ~((1 << (32 - r.bits)) - 1) >>> 0;
  return (n & mask) >>> 0 === (r.base & mask) >>> 0;
}

function inRange6(n: bigint, r: Ipv6Range): boolean {
  const shift = BigInt(128 - r.bits);
  return n >> shift === r.base >> shift;
}

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** RFC 4291 section 2.2 text forms: full, `::`-compressed, and with a dotted IPv4 tail (::ffff:1.2.3.4). */
function ipv6ToBigInt(address: string): bigint {
  // A dotted IPv4 tail stands for the last two groups: rewrite it as hex so one parser handles every form.
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4n = ipv4ToInt(last);
    text = `${text.slice(0, lastColon + 1)}${(v4n >>> 16).toString(16)}:${(v4n & 0xffff).toString(16)}`;
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  let groups: number[];
  const gap = text.indexOf('::');
  if (gap === -1) {
    groups = parse(text);
  } else {
    const left = parse(text.slice(0, gap));
    const right = parse(text.slice(gap + 2));
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}
