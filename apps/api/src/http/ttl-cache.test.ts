import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('loads once within the TTL, again after it, and never caches null', async () => {
    let now = 0;
    const cache = new TtlCache<string>(1000, 10, () => now);
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get('a', load)).toBe('v1');
    now = 999;
    expect(await cache.get('a', load)).toBe('v1');
    now = 1000;
    expect(await cache.get('a', load)).toBe('v2');
    expect(await cache.get('missing', async () => null)).toBeNull();
    expect(cache.size).toBe(1);
  });

  it('invalidates by key and by value, and stays bounded', async () => {
    const cache = new TtlCache<{ id: string }>(60_000, 2);
    await cache.get('h1', async () => ({ id: 'k1' }));
    await cache.get('h2', async () => ({ id: 'k2' }));
    cache.deleteWhere((v) => v.id === 'k1');
    expect(cache.size).toBe(1);
    await cache.get('h3', async () => ({ id: 'k3' }));
    await cache.get('h4', async () => ({ id: 'k4' }));
    expect(cache.size).toBe(2);
    cache.delete('h4');
    expect(cache.size).toBe(1);
  });

  it('with TTL 0 always loads', async () => {
    const cache = new TtlCache<number>(0);
    let n = 0;
    await cache.get('a', async () => ++n);
    await cache.get('a', async () => ++n);
    expect(n).toBe(2);
    expect(cache.size).toBe(0);
  });
});
