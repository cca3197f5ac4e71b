/** One real NSD per test file, serving the scenario zones of test/zones on a free loopback port. */

import { type DnsServer, startDnsServer } from '@bounce/test-servers';
import { afterAll, beforeAll } from 'vitest';
import { createDnsClient, type DnsClient } from '../src/dns/dns-client.js';
import { SENDER_HEALTH_TEST_ZONES_DIR } from '../src/testing/index.js';

export const ZONES_DIR = SENDER_HEALTH_TEST_ZONES_DIR;

export type DnsFixture = {
  server: () => DnsServer;
  /** A fresh client (own cache) asking only the test server. */
  client: () => DnsClient;
};

export function useTestDns(): DnsFixture {
  let server: DnsServer | undefined;
  beforeAll(async () => {
    server = await startDnsServer({ zonesDir: ZONES_DIR });
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error('DNS server not started');
      return server;
    },
    client: () => {
      if (!server) throw new Error('DNS server not started');
      return createDnsClient({ servers: [server.address], timeoutMs: 2000, tries: 2 });
    },
  };
}
