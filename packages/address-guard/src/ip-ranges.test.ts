import { describe, expect, it } from 'vitest';
import { classifyIp, InvalidIpAddressError, isAllowedIp, isInNetwork, parseIpNetwork } from './ip-ranges.js';

describe('classifyIp', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared-address-space'],
    ['100.127.255.254', 'shared-address-space'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses IPv4 %s as %s', (address, category) => {
    const c = classifyIp(address);
    expect(c.category).toBe(category);
    expect(isAllowedIp(c)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '172.32.0.1', '100.128.0.1', '11.0.0.1', '192.169.0.1'])(
    'accepts public IPv4 %s',
    (address) => {
      const c = classifyIp(address);
      expect(c).toMatchObject({ category: 'public', range: null, family: 4 });
      expect(isAllowedIp(c)).toBe(true);
    },
  );

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'], // Teredo
    ['100::1', 'reserved'],
    ['::1.2.3.4', 'reserved'], // deprecated IPv4-compatible: outside 2000::/3
    ['64:ff9b:1::1', 'reserved'],
    ['4000::1', 'reserved'],
  ])('refuses IPv6 %s as %s', (address, category) => {
    const c = classifyIp(address);
    expect(c.category).toBe(category);
    expect(isAllowedIp(c)).toBe(false);
  });

  it.each(['2606:4700:4700::1111', '2a00:1450:4001:82b::200e', '2001:4860:4860::8888'])(
    'accepts public IPv6 %s',
    (a) => {
      expect(classifyIp(a).category).toBe('public');
    },
  );

  it('classifies IPv4-mapped, NAT64 and 6to4 addresses by the IPv4 address they lead to', () => {
    expect(classifyIp('::ffff:127.0.0.1')).toMatchObject({ category: 'loopback', embeddedIpv4: '127.0.0.1' });
    expect(classifyIp('::ffff:7f00:1')).toMatchObject({ category: 'loopback', embeddedIpv4: '127.0.0.1' });
    expect(classifyIp('::ffff:169.254.169.254')).toMatchObject({
      category: 'link-local',
      range: '::ffff:0:0/96 → 169.254.0.0/16',
    });
    expect(classifyIp('::ffff:a00:1')).toMatchObject({ category: 'private', embeddedIpv4: '10.0.0.1' });
    expect(classifyIp('64:ff9b::192.168.0.1')).toMatchObject({ category: 'private', embeddedIpv4: '192.168.0.1' });
    expect(classifyIp('2002:a9fe:a9fe::1')).toMatchObject({ category: 'link-local', embeddedIpv4: '169.254.169.254' });
    expect(classifyIp('::ffff:8.8.8.8')).toMatchObject({ category: 'public', embeddedIpv4: '8.8.8.8' });
    expect(classifyIp('2002:808:808::1')).toMatchObject({ category: 'public', embeddedIpv4: '8.8.8.8' });
  });

  it('allows loopback only when asked, and nothing else non-public', () => {
    expect(isAllowedIp(classifyIp('127.0.0.1'), { allowLoopback: true })).toBe(true);
    expect(isAllowedIp(classifyIp('::1'), { allowLoopback: true })).toBe(true);
    expect(isAllowedIp(classifyIp('::ffff:127.0.0.1'), { allowLoopback: true })).toBe(true);
    expect(isAllowedIp(classifyIp('10.0.0.1'), { allowLoopback: true })).toBe(false);
    expect(isAllowedIp(classifyIp('169.254.169.254'), { allowLoopback: true })).toBe(false);
    expect(isAllowedIp(classifyIp('0.0.0.0'), { allowLoopback: true })).toBe(false);
  });

  it('parses full, compressed and mixed IPv6 forms alike', () => {
    expect(classifyIp('0:0:0:0:0:0:0:1').category).toBe('loopback');
    expect(classifyIp('0000:0000:0000:0000:0000:ffff:0a00:0001').embeddedIpv4).toBe('10.0.0.1');
    expect(classifyIp('FE80:0:0:0:0:0:0:1').category).toBe('link-local');
  });

  it('rejects non-addresses', () => {
    expect(() => classifyIp('example.com')).toThrow(InvalidIpAddressError);
    expect(() => classifyIp('256.1.1.1')).toThrow(InvalidIpAddressError);
  });
});

describe('address policy: private ranges and trusted networks', () => {
  it('allowPrivate opens private-use ranges only: never loopback, link-local (metadata) or reserved', () => {
    const policy = { allowPrivate: true };
    for (const a of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(isAllowedIp(classifyIp(a), policy), a).toBe(true);
    }
    for (const a of ['127.0.0.1', '169.254.169.254', 'fe80::1', '0.0.0.0', '224.0.0.1', '192.0.2.1']) {
      expect(isAllowedIp(classifyIp(a), policy), a).toBe(false);
    }
  });

  it('a trusted network allows its addresses whatever their category, and nothing else', () => {
    const policy = {
      allowedNetworks: [parseIpNetwork('10.1.0.0/16'), parseIpNetwork('::1'), parseIpNetwork('fd12::/16')],
    };
    expect(isAllowedIp(classifyIp('10.1.200.3'), policy)).toBe(true);
    expect(isAllowedIp(classifyIp('::ffff:10.1.0.9'), policy)).toBe(true);
    expect(isAllowedIp(classifyIp('10.2.0.1'), policy)).toBe(false);
    expect(isAllowedIp(classifyIp('::1'), policy)).toBe(true);
    expect(isAllowedIp(classifyIp('127.0.0.1'), policy)).toBe(false);
    expect(isAllowedIp(classifyIp('fd12:ab::1'), policy)).toBe(true);
    expect(isAllowedIp(classifyIp('fd13::1'), policy)).toBe(false);
  });

  it('parses networks strictly', () => {
    expect(parseIpNetwork('192.0.2.7').cidr).toBe('192.0.2.7/32');
    expect(isInNetwork('0.0.0.1', parseIpNetwork('0.0.0.0/0'))).toBe(true);
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'fd00::/129', 'example.com', '10.0.0.0/8/1', '10.0.0.0/-1']) {
      expect(() => parseIpNetwork(bad), bad).toThrow(InvalidIpAddressError);
    }
  });
});
