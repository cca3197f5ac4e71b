/** IP address helpers: validation, the reversed names DNSBLs and PTR lookups use, and non-routable ranges. */
import { BlockList, isIP } from 'node:net';

/** Addresses that never send mail to another organisation: a sending IP found in these is somebody's internal hop. */
const NON_ROUTABLE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  NON_ROUTABLE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  NON_ROUTABLE.addSubnet(net, prefix, 'ipv6');
}

/** 4 or 6 for a valid address, 0 otherwise (an IPv4-mapped IPv6 address counts as IPv6). */
export function ipVersion(text: string): 0 | 4 | 6 {
  return isIP(text) as 0 | 4 | 6;
}

export function isRoutable(ip: string): boolean {
  const version = ipVersion(ip);
  if (version === 0) return false;
  return !NON_ROUTABLE.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

/** The 32 hex digits of an IPv6 address, fully expanded ("2001:db8::1" → "20010db8000...0001"). */
export function expandIpv6(ip: string): string {
  let text = ip.toLowerCase();
  // An embedded IPv4 tail ("::ffff:192.0.2.1") becomes two hex groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...restGroups];
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/**
 * The label sequence DNSBLs and reverse DNS use: IPv4 octets reversed ("203.0.113.5" → "5.113.0.203"), IPv6 nibbles
 * reversed (RFC 5782 §2.4).
 */
export function reversedLabels(ip: string): string {
  if (ipVersion(ip) === 4) return ip.split('.').reverse().join('.');
  return expandIpv6(ip).split('').reverse().join('.');
}

/** Canonical text of an address (IPv6 lower case and compressed the way node prints it), or null if invalid. */
export function canonicalIp(text: string): string | null {
  const version = ipVersion(text);
  if (version === 4) return text.split('.').map(Number).join('.');
  if (version === 6) {
    try {
      return new URL(`http://[${text}]/`).hostname.slice(1, -1);
    } catch {
      return null;
    }
  }
  return null;
}
