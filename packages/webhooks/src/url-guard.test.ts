import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup, type HostResolver, validateWebhookUrl, WebhookUrlError } from './url-guard.js';

/** A resolver with fixed answers, standing in for DNS records we cannot create on this machine. */
const fakeDns =
  (records: Record<string, string[]>): HostResolver =>
  async (hostname) => {
    const addresses = records[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const dns = fakeDns({
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'metadata.example.com': ['169.254.169.254'],
  'intranet.example.com': ['10.0.0.7'],
  'cgnat.example.com': ['100.64.1.1'],
  'mixed.example.com': ['93.184.215.14', '192.168.1.10'],
  'mapped.example.com': ['::ffff:10.0.0.1'],
  'ula.example.com': ['fd12:3456::1'],
  'rebind.example.com': ['127.0.0.1'],
});

async function refusal(url: string, options: Parameters<typeof validateWebhookUrl>[1] = { resolve: dns }) {
  try {
    await validateWebhookUrl(url, options);
  } catch (err) {
    if (err instanceof WebhookUrlError) return err;
    throw err;
  }
  throw new Error(`${url} was accepted`);
}

describe('validateWebhookUrl', () => {
  it('accepts public http and https URLs', async () => {
    const r = await validateWebhookUrl('https://hooks.example.com/bounce?x=1', { resolve: dns });
    expect(r.url.href).toBe('https://hooks.example.com/bounce?x=1');
    expect(r.addresses).toEqual(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
    expect((await validateWebhookUrl('http://8.8.8.8:8080/hook')).addresses).toEqual(['8.8.8.8']);
  });

  it('refuses other schemes, credentials and garbage', async () => {
    expect((await refusal('ftp://hooks.example.com/')).code).toBe('unsupported-protocol');
    expect((await refusal('file:///etc/passwd')).code).toBe('unsupported-protocol');
    expect((await refusal('javascript:alert(1)')).code).toBe('unsupported-protocol');
    expect((await refusal('https://user:pw@hooks.example.com/')).code).toBe('credentials-in-url');
    expect((await refusal('not a url')).code).toBe('invalid-url');
    expect((await refusal(`https://hooks.example.com/${'a'.repeat(2100)}`)).code).toBe('invalid-url');
  });

  it.each([
    ['http://127.0.0.1:8080/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://2130706433/', 'loopback'], // decimal form of 127.0.0.1
    ['http://0x7f.0.0.1/', 'loopback'], // hex form
    ['http://0/', 'unspecified'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.20.1.1/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://100.64.0.1/', 'shared-address-space'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00:ec2::254]/', 'unique-local'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local'],
    ['http://224.0.0.1/', 'multicast'],
  ])('refuses the IP literal %s (%s)', async (url, category) => {
    const err = await refusal(url);
    expect(err.code).toBe('forbidden-address');
    expect(err.refused[0]?.category).toBe(category);
    // Only a loopback refusal names the development setting that allows it.
    expect(err.message.includes('WEBHOOK_ALLOW_LOOPBACK')).toBe(category === 'loopback');
  });

  it.each([
    ['http://metadata.example.com/', 'link-local'],
    ['http://intranet.example.com/', 'private'],
    ['http://cgnat.example.com/', 'shared-address-space'],
    ['http://mapped.example.com/', 'private'],
    ['http://ula.example.com/', 'unique-local'],
    ['http://rebind.example.com/', 'loopback'],
  ])('refuses %s, a name resolving to a %s address', async (url, category) => {
    const err = await refusal(url);
    expect(err.code).toBe('forbidden-address');
    expect(err.refused.map((r) => r.category)).toEqual([category]);
  });

  it('refuses a name when any of its addresses is forbidden', async () => {
    const err = await refusal('https://mixed.example.com/');
    expect(err.code).toBe('forbidden-address');
    // The tenant learns the kind of address, never the internal address itself.
    expect(err.message).not.toContain('192.168.1.10');
    expect(err.message).toContain('private');
  });

  it('refuses localhost through the real system resolver unless loopback is allowed', async () => {
    expect((await refusal('http://localhost:3000/', {})).code).toBe('forbidden-address');
    const ok = await validateWebhookUrl('http://localhost:3000/', { allowLoopback: true });
    expect(ok.addresses.length).toBeGreaterThan(0);
    expect((await validateWebhookUrl('http://127.0.0.1:3000/', { allowLoopback: true })).addresses).toEqual([
      '127.0.0.1',
    ]);
    // Allowing loopback allows nothing else.
    expect((await refusal('http://10.0.0.1/', { allowLoopback: true })).code).toBe('forbidden-address');
    expect((await refusal('http://169.254.169.254/', { allowLoopback: true })).code).toBe('forbidden-address');
  });

  it('reports names that do not resolve', async () => {
    expect((await refusal('https://nowhere.example.com/')).code).toBe('dns-failure');
    expect((await refusal('https://does-not-exist.invalid/', {})).code).toBe('dns-failure');
  });
});

describe('createGuardedLookup', () => {
  const lookup = (hostname: string, options: { all?: boolean; family?: number }, guard = { resolve: dns }) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
      createGuardedLookup(guard)(hostname, options, (err, address, family) => resolve({ err, address, family })),
    );

  it('hands the socket only checked addresses, in both callback shapes', async () => {
    expect(await lookup('hooks.example.com', { all: true })).toMatchObject({
      err: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    });
    expect(await lookup('hooks.example.com', {})).toMatchObject({ err: null, address: '93.184.215.14', family: 4 });
    expect(await lookup('hooks.example.com', { family: 6 })).toMatchObject({
      address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
      family: 6,
    });
  });

  it('fails the connection for forbidden answers', async () => {
    const r = await lookup('metadata.example.com', { all: true });
    expect(r.err).toBeInstanceOf(WebhookUrlError);
    expect((r.err as WebhookUrlError).code).toBe('forbidden-address');
  });
});
