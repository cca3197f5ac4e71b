import { createServer, type Server, type Socket } from 'node:net';
import type { HostResolver } from '@bounce/address-guard';
import { getFreePort } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMailboxConnection } from './connection-test.js';
import {
  DEFAULT_MAIL_PORTS,
  isCleartextAllowed,
  loopbackTestPolicy,
  type MailboxNetworkPolicy,
  parseMailboxNetworkEnv,
  resolveMailboxTarget,
} from './mailbox-network-policy.js';

/** A resolver with fixed answers: internal names, a rebinding name (public and private at once). */
const resolve: HostResolver = async (host) => {
  const table: Record<string, string[]> = {
    'imap.example.com': ['93.184.215.14'],
    'mail.corp.internal': ['10.1.2.3'],
    'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
  };
  const addresses = table[host.toLowerCase()];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: 4 }));
};

const policy = (env: Record<string, string> = {}): MailboxNetworkPolicy => ({
  ...parseMailboxNetworkEnv(env),
  resolve,
});

const refusal = (host: string, port: number, p: MailboxNetworkPolicy) =>
  resolveMailboxTarget(host, port, p).then(
    () => null,
    (err: Error & { kind?: string }) => err,
  );

describe('mailbox network policy (configuration)', () => {
  it('defaults to the mail ports, public addresses only', () => {
    const p = parseMailboxNetworkEnv({});
    expect(p.allowedPorts).toEqual([...DEFAULT_MAIL_PORTS]);
    expect([...p.allowedPorts].sort((a, b) => a - b)).toEqual([25, 110, 143, 465, 587, 993, 995]);
    expect(p).toMatchObject({ allowedHosts: [], allowedNetworks: [], allowPrivateNetworks: false });
  });

  it('reads ports, trusted hosts and networks, and the private-range switch; refuses malformed values', () => {
    const p = parseMailboxNetworkEnv({
      MAILBOX_ALLOWED_PORTS: '993, 1143',
      MAILBOX_ALLOWED_NETWORKS: 'Mail.Corp.Internal, 10.9.0.0/16, fd00::/8, 192.0.2.1',
      MAILBOX_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    expect(p.allowedPorts).toEqual([993, 1143]);
    expect(p.allowedHosts).toEqual(['mail.corp.internal']);
    expect(p.allowedNetworks.map((n) => n.cidr)).toEqual(['10.9.0.0/16', 'fd00::/8', '192.0.2.1/32']);
    expect(p.allowPrivateNetworks).toBe(true);
    expect(() => parseMailboxNetworkEnv({ MAILBOX_ALLOWED_PORTS: '993,70000' })).toThrow(/port numbers/);
    expect(() => parseMailboxNetworkEnv({ MAILBOX_ALLOWED_PORTS: 'imap' })).toThrow(/port numbers/);
    expect(() => parseMailboxNetworkEnv({ MAILBOX_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow(/CIDR/);
    expect(() => parseMailboxNetworkEnv({ MAILBOX_ALLOWED_NETWORKS: 'not a host' })).toThrow(/host name/);
    expect(() => parseMailboxNetworkEnv({ MAILBOX_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/true or false/);
  });
});

describe('resolveMailboxTarget', () => {
  it('allows a public host on a mail port, giving the addresses to connect to', async () => {
    expect(await resolveMailboxTarget('imap.example.com', 993, policy())).toEqual({ addresses: ['93.184.215.14'] });
  });

  it('refuses other ports (no SSH, HTTP or database probes), whatever the host', async () => {
    for (const port of [22, 80, 5432, 6379]) {
      const err = await refusal('imap.example.com', port, policy());
      expect(err).toMatchObject({ name: 'MailboxConnectionError', kind: 'config' });
      expect(err?.message).toMatch(new RegExp(`port ${port} is refused by the installation's network policy`));
    }
  });

  it('refuses loopback, private, link-local and rebinding names after resolution, without naming the address', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '10.0.0.1', 'mail.corp.internal', 'rebind.example.com']) {
      const err = await refusal(host, 993, { ...policy(), resolve: host === 'localhost' ? undefined : resolve });
      expect(err, host).toMatchObject({ kind: 'config' });
      expect(err?.message).toMatch(/network policy/);
      for (const internal of ['10.1.2.3', '10.0.0.7']) expect(err?.message).not.toContain(internal);
    }
    const metadata = await refusal('metadata.example.com', 993, policy({ MAILBOX_ALLOW_PRIVATE_NETWORKS: 'true' }));
    expect(metadata).toMatchObject({ kind: 'config' });
  });

  it('MAILBOX_ALLOW_PRIVATE_NETWORKS opens private ranges (mail ports only); loopback stays refused', async () => {
    const p = policy({ MAILBOX_ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(await resolveMailboxTarget('mail.corp.internal', 143, p)).toEqual({ addresses: ['10.1.2.3'] });
    expect(await refusal('mail.corp.internal', 22, p)).toMatchObject({ kind: 'config' });
    expect(await refusal('127.0.0.1', 143, p)).toMatchObject({ kind: 'config' });
  });

  it('trusted hosts and networks (MAILBOX_ALLOWED_NETWORKS) may use any address and port', async () => {
    const byNetwork = policy({ MAILBOX_ALLOWED_NETWORKS: '10.1.0.0/16' });
    expect(await resolveMailboxTarget('mail.corp.internal', 1143, byNetwork)).toEqual({ addresses: ['10.1.2.3'] });
    expect(await refusal('rebind.example.com', 1143, byNetwork)).toMatchObject({ kind: 'config' });
    const byName = policy({ MAILBOX_ALLOWED_NETWORKS: 'mail.corp.internal' });
    expect(await resolveMailboxTarget('MAIL.corp.internal', 2143, byName)).toEqual({ addresses: ['10.1.2.3'] });
  });

  it('an unknown name is a DNS failure', async () => {
    expect(await refusal('nowhere.example.com', 993, policy())).toMatchObject({ kind: 'dns' });
  });
});

describe('the connection test is no network probe', () => {
  let banner: Server;
  let bannerPort: number;
  const open = new Set<Socket>();
  beforeAll(async () => {
    // A non-IMAP service (an SSH server's banner) on a loopback port.
    banner = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.resume(); // read (and drop) what clients send, so their close is seen
      socket.on('error', () => socket.destroy());
      socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3 internal-host-7\r\n');
    });
    await new Promise<void>((done) => banner.listen(0, '127.0.0.1', () => done()));
    const address = banner.address();
    bannerPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((done) => banner.close(() => done()));
  });

  const settings = (port: number) => ({
    host: '127.0.0.1',
    port,
    tlsMode: 'starttls' as const,
    tlsAllowInvalid: true,
    authMethod: 'password' as const,
    username: 'u',
    secret: 'p',
    sourceFolder: 'INBOX',
    processedFolder: 'Processed',
    manualFolder: 'Manual',
  });

  it('with the default policy, a loopback target is refused before any connection (dns step, rest skipped)', async () => {
    const result = await testMailboxConnection(settings(bannerPort), { timeoutMs: 2_000 });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['dns', 'failed'],
      ['tcp', 'skipped'],
      ['tls', 'skipped'],
      ['authentication', 'skipped'],
      ['folders', 'skipped'],
    ]);
    expect(result.steps[0]?.message).toMatch(/network policy/);
    const onMailPort = await testMailboxConnection(settings(143), { timeoutMs: 2_000 });
    expect(onMailPort.steps[0]).toMatchObject({ step: 'dns', status: 'failed' });
  });

  it('never echoes what a non-IMAP service says, and a closed port reads like any unreachable one', async () => {
    const trusted = { network: loopbackTestPolicy(), timeoutMs: 2_000 };
    const ssh = await testMailboxConnection(settings(bannerPort), trusted);
    expect(ssh.ok).toBe(false);
    expect(JSON.stringify(ssh)).not.toMatch(/SSH-2\.0|OpenSSH|internal-host-7/);
    const implicit = await testMailboxConnection({ ...settings(bannerPort), tlsMode: 'implicit' }, trusted);
    expect(JSON.stringify(implicit)).not.toMatch(/SSH-2\.0|OpenSSH|internal-host-7/);
    const cleartext = await testMailboxConnection({ ...settings(bannerPort), tlsMode: 'none' }, trusted);
    expect(cleartext.ok).toBe(false);
    expect(JSON.stringify(cleartext)).not.toMatch(/SSH-2\.0|OpenSSH|internal-host-7/);

    const closed = await testMailboxConnection(settings(await getFreePort()), trusted);
    const tcp = closed.steps.find((s) => s.step === 'tcp');
    expect(tcp).toMatchObject({ status: 'failed' });
    expect(tcp?.message).toBe('TCP connection failed: no connection (port closed, filtered or host unreachable)');
    expect(tcp?.message).not.toMatch(/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH/);
  });
});

describe('isCleartextAllowed (tls mode none)', () => {
  it('allows loopback, and hosts or networks the installation lists; refuses everything else', () => {
    expect(isCleartextAllowed('localhost', ['127.0.0.1', '::1'])).toBe(true);
    expect(isCleartextAllowed('smtp.example.com', ['93.184.216.34'])).toBe(false);
    // One address outside is enough to refuse (a name resolving to loopback and a public address).
    expect(isCleartextAllowed('mixed.example', ['127.0.0.1', '93.184.216.34'])).toBe(false);
    expect(isCleartextAllowed('nothing.example', [])).toBe(false);
    const internal = parseMailboxNetworkEnv({ MAILBOX_ALLOWED_NETWORKS: '10.1.2.0/24,relay.corp.example' });
    expect(isCleartextAllowed('relay.internal', ['10.1.2.7'], internal)).toBe(true);
    expect(isCleartextAllowed('other.internal', ['10.9.9.9'], internal)).toBe(false);
    expect(isCleartextAllowed('Relay.Corp.Example', ['10.9.9.9'], internal)).toBe(true);
  });
});
