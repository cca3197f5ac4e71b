import { Resolver } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { startDnsServer } from './dns-server.js';
import { isPortOpen } from './ports.js';

const ZONE = `$ORIGIN example.test.
$TTL 60
@ IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 60
@ IN NS ns.example.test.
ns IN A 127.0.0.1
@ IN TXT "v=spf1 -all"
`;

describe('startDnsServer', () => {
  it('serves the given zones on a loopback port, refuses other names, and stops', async () => {
    const server = await startDnsServer({ zones: [{ name: 'example.test', text: ZONE }] });
    try {
      const resolver = new Resolver({ timeout: 1000, tries: 2 });
      resolver.setServers([server.address]);
      expect(await resolver.resolveTxt('example.test')).toEqual([['v=spf1 -all']]);
      await expect(resolver.resolveTxt('missing.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
      await expect(resolver.resolveTxt('example.org')).rejects.toMatchObject({ code: 'EREFUSED' });
    } finally {
      await server.stop();
    }
    expect(await isPortOpen(server.port)).toBe(false);
  });

  it('replaces a zone while running, and refuses a broken replacement', async () => {
    const server = await startDnsServer({ zones: [{ name: 'example.test', text: ZONE }] });
    try {
      const resolver = new Resolver({ timeout: 1000, tries: 2 });
      resolver.setServers([server.address]);
      const next = ZONE.replace(' 1 3600', ' 2 3600').replace('v=spf1 -all', 'v=spf1 ip4:192.0.2.1 -all');
      await server.updateZone({ name: 'example.test', text: next });
      expect(await resolver.resolveTxt('example.test')).toEqual([['v=spf1 ip4:192.0.2.1 -all']]);
      await expect(server.updateZone({ name: 'example.test', text: `${next}bad IN A 999.1.1.1\n` })).rejects.toThrow(
        /invalid/,
      );
      await expect(server.updateZone({ name: 'other.test', text: ZONE })).rejects.toThrow(/not served/);
      expect(await resolver.resolveTxt('example.test')).toEqual([['v=spf1 ip4:192.0.2.1 -all']]);
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a broken zone, saying which', async () => {
    await expect(
      startDnsServer({ zones: [{ name: 'example.test', text: `${ZONE}bad IN A 999.1.1.1\n` }] }),
    ).rejects.toThrow(/zone example\.test is invalid/);
  });
});
