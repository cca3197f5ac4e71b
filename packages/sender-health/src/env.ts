/**
 * Environment fields of sender health, for every process that asks DNS about a sending setup (the notification
 * worker's diagnoses and rechecks, the API's setup check): one definition, validated at start-up.
 */
import { envBoolean, envDuration, envInt, envList } from '@bounce/config';
import { z } from 'zod';
import { COMMON_DNSBLS, type DnsblList, dnsblListSchema } from './checks/dnsbl.js';
import { type SenderHealthConfig, senderHealthConfigSchema } from './config.js';

const zoneList = envList().pipe(
  z.array(z.union([z.literal('none'), dnsblListSchema.shape.zone])).max(20, 'at most 20 blocklists'),
);

export const senderHealthEnvShape = {
  /**
   * DNS resolvers asked by the sender checks, comma-separated (ip, ip:port, [v6]:port). Default: the system's. Use a
   * resolver of your own: Spamhaus and others do not answer queries that come through public resolvers.
   */
  SENDER_HEALTH_DNS_SERVERS: envList().pipe(senderHealthConfigSchema.shape.dnsServers.unwrap()),
  /** Per-query timeout. Default 3 s. */
  SENDER_HEALTH_DNS_TIMEOUT: envDuration(3_000).pipe(z.number().int().min(100).max(30_000)),
  /** Attempts per query. Default 2. */
  SENDER_HEALTH_DNS_TRIES: envInt(2, 1, 5),
  /**
   * Blocklist zones every sending IP is looked up on, comma-separated; `none` for none. Known lists keep their name
   * and lookup page. Default: Spamhaus ZEN, SpamCop, Barracuda, PSBL, Mailspike.
   */
  SENDER_HEALTH_DNSBLS: zoneList,
  /** Also ask the blocklists a rejection names. Default true. */
  SENDER_HEALTH_QUERY_NAMED_LISTS: envBoolean(true),
  /**
   * How often each watched sending setup (/v1/sender-health/setups) is checked again; 0 disables. Default 1 h. The
   * notification worker's tick; the API schedules a new watch's first recheck this long after its baseline check.
   */
  SENDER_SETUP_CHECK_INTERVAL: envDuration(3_600_000),
};

export type SenderHealthEnv = {
  SENDER_HEALTH_DNS_SERVERS: string[];
  SENDER_HEALTH_DNS_TIMEOUT: number;
  SENDER_HEALTH_DNS_TRIES: number;
  SENDER_HEALTH_DNSBLS: string[];
  SENDER_HEALTH_QUERY_NAMED_LISTS: boolean;
  SENDER_SETUP_CHECK_INTERVAL: number;
};

function listsOf(zones: readonly string[]): DnsblList[] {
  if (zones.length === 0) return [...COMMON_DNSBLS];
  if (zones.includes('none')) return [];
  return zones.map((zone) => COMMON_DNSBLS.find((l) => l.zone === zone) ?? { zone });
}

export function senderHealthConfigFromEnv(env: SenderHealthEnv): SenderHealthConfig {
  return senderHealthConfigSchema.parse({
    dnsServers: env.SENDER_HEALTH_DNS_SERVERS,
    dnsTimeoutMs: env.SENDER_HEALTH_DNS_TIMEOUT,
    dnsTries: env.SENDER_HEALTH_DNS_TRIES,
    dnsbls: listsOf(env.SENDER_HEALTH_DNSBLS),
    queryNamedLists: env.SENDER_HEALTH_QUERY_NAMED_LISTS,
    setupCheckIntervalMs: env.SENDER_SETUP_CHECK_INTERVAL,
  });
}
