import { loadEnvWith } from '@bounce/config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { senderHealthConfigFromEnv, senderHealthEnvShape } from './env.js';

const schema = z.object(senderHealthEnvShape);

describe('sender health env', () => {
  it('defaults to the system resolver and the common lists', () => {
    const config = senderHealthConfigFromEnv(loadEnvWith(schema, {}));
    expect(config.dnsServers).toEqual([]);
    expect(config.dnsTimeoutMs).toBe(3000);
    expect(config.dnsbls.map((l) => l.zone)).toContain('zen.spamhaus.org');
    expect(config.queryNamedLists).toBe(true);
  });

  it('takes resolvers, timeouts and lists, keeping known lists’ names', () => {
    const config = senderHealthConfigFromEnv(
      loadEnvWith(schema, {
        SENDER_HEALTH_DNS_SERVERS: '127.0.0.1:5353, [::1]:53',
        SENDER_HEALTH_DNS_TIMEOUT: '2s',
        SENDER_HEALTH_DNSBLS: 'zen.spamhaus.org,bl.dnsbl.test',
        SENDER_HEALTH_QUERY_NAMED_LISTS: 'false',
      }),
    );
    expect(config.dnsServers).toEqual(['127.0.0.1:5353', '[::1]:53']);
    expect(config.dnsTimeoutMs).toBe(2000);
    expect(config.dnsbls).toEqual([
      expect.objectContaining({ zone: 'zen.spamhaus.org', name: 'Spamhaus ZEN' }),
      { zone: 'bl.dnsbl.test' },
    ]);
    expect(config.queryNamedLists).toBe(false);
    expect(senderHealthConfigFromEnv(loadEnvWith(schema, { SENDER_HEALTH_DNSBLS: 'none' })).dnsbls).toEqual([]);
  });

  it('refuses a resolver that is not an address and a list that is not a zone', () => {
    expect(() => loadEnvWith(schema, { SENDER_HEALTH_DNS_SERVERS: 'dns.google' })).toThrow(/SENDER_HEALTH_DNS_SERVERS/);
    expect(() => loadEnvWith(schema, { SENDER_HEALTH_DNSBLS: 'not a zone' })).toThrow(/SENDER_HEALTH_DNSBLS/);
  });
});
