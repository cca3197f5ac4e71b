/**
 * Configuration of sender health, validated once (zod) where a process starts: which resolver to ask, how long to
 * wait, which blocklists to consult. Every field documents its default.
 */
import { z } from 'zod';
import { COMMON_DNSBLS, dnsblListSchema } from './checks/dnsbl.js';
import { createDnsClient, type DnsClient } from './dns/dns-client.js';
import { ipVersion } from './evidence/ip.js';

/** "192.0.2.53", "192.0.2.53:5353", "2001:db8::53", "[2001:db8::53]:5353". */
function isResolverAddress(text: string): boolean {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text);
  if (bracketed) return ipVersion(bracketed[1] ?? '') === 6 && Number(bracketed[2] ?? 53) <= 65535;
  if (ipVersion(text) !== 0) return true;
  const colon = text.lastIndexOf(':');
  if (colon === -1) return false;
  const port = text.slice(colon + 1);
  return ipVersion(text.slice(0, colon)) === 4 && /^\d{1,5}$/.test(port) && Number(port) <= 65535;
}

export const senderHealthConfigSchema = z.object({
  /**
   * DNS resolvers to ask (ip, ip:port, [v6]:port). Default: the system's. Use a resolver of your own: Spamhaus and
   * others do not answer queries that come through public resolvers.
   */
  dnsServers: z.array(z.string().trim().refine(isResolverAddress, 'expected ip, ip:port or [ipv6]:port')).default([]),
  /** Per-query timeout in milliseconds. Default 3000. */
  dnsTimeoutMs: z.number().int().min(100).max(30_000).default(3000),
  /** Attempts per query. Default 2. */
  dnsTries: z.number().int().min(1).max(5).default(2),
  /** Blocklists every sending IP is looked up on. Default: Spamhaus ZEN, SpamCop, Barracuda, PSBL, Mailspike. */
  dnsbls: z
    .array(dnsblListSchema)
    .max(20)
    .default([...COMMON_DNSBLS]),
  /** Also ask the blocklists a reply names. Default true. */
  queryNamedLists: z.boolean().default(true),
  /**
   * How often each watched setup is checked again (the notification worker's tick); the API puts the next check of a
   * new watch this far after its baseline, so the worker does not repeat it at once. 0: off. Unset: 1 h.
   */
  setupCheckIntervalMs: z.number().int().min(0).optional(),
});
export type SenderHealthConfig = z.output<typeof senderHealthConfigSchema>;

/** A fresh DNS client for one diagnosis or one setup check (its cache lives as long as the client). */
export function dnsClientFor(config: SenderHealthConfig): DnsClient {
  return createDnsClient({ servers: config.dnsServers, timeoutMs: config.dnsTimeoutMs, tries: config.dnsTries });
}
