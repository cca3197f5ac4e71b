import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisCluster, type RedisSentinelSet, startRedisCluster, startRedisSentinel } from './redis-servers.js';

describe('Redis Cluster (3 masters)', () => {
  let cluster: RedisCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = new Cluster(cluster.nodes);
  }, 60_000);
  afterAll(async () => {
    await client?.quit();
    await cluster?.stop();
  });

  it('splits the slots over three masters and routes keys by slot', async () => {
    const shards = await cluster.cli(cluster.nodes[0]!.port, 'cluster', 'shards');
    expect(cluster.nodes).toHaveLength(3);
    for (const node of cluster.nodes) expect(shards).toContain(String(node.port));
    // Keys spread over the masters: 30 plain keys land on more than one node.
    const owners = new Set<string>();
    for (let i = 0; i < 30; i++) {
      await client.set(`k${i}`, String(i));
      owners.add(await cluster.cli(cluster.nodes[0]!.port, 'cluster', 'keyslot', `k${i}`));
    }
    expect(owners.size).toBeGreaterThan(1);
    expect(await client.get('k7')).toBe('7');
  });

  it('keeps keys with one {hash tag} in one slot, so multi-key commands work', async () => {
    await client.mset('{q}:a', '1', '{q}:b', '2');
    expect(await client.mget('{q}:a', '{q}:b')).toEqual(['1', '2']);
    await expect(client.mset('plain-a', '1', 'plain-b', '2')).rejects.toThrow(/CROSSSLOT/);
  });
});

describe('Redis Sentinel (master, replica, 3 Sentinels)', () => {
  let set: RedisSentinelSet;
  beforeAll(async () => {
    set = await startRedisSentinel();
  }, 90_000);
  afterAll(async () => set?.stop());

  it('fails over to the replica when the master dies, and a Sentinel client follows', async () => {
    const client = new Redis({ sentinels: set.sentinels, name: set.masterName, maxRetriesPerRequest: null });
    // Connection errors while the master is down are expected; the client reconnects through the Sentinels.
    client.on('error', () => {});
    try {
      await client.set('before', 'kept');
      // Acknowledged by the replica before the crash: survives the failover.
      expect(await client.wait(1, 5_000)).toBe(1);
      const old = await set.killMaster();
      expect(old.port).toBe(set.nodes[0]!.port);
      const { master, ms } = await set.waitForFailover(old);
      expect(master.port).toBe(set.nodes[1]!.port);
      console.log(`sentinel failover: new master after ${ms} ms (down-after 1 s)`);
      // ioredis asks the Sentinels again on reconnect and lands on the new master.
      await client.set('after', 'written');
      expect(await client.get('before')).toBe('kept');
      expect(await client.get('after')).toBe('written');
      // The old master comes back as a replica of the new one.
      await set.restart(old);
      const deadline = Date.now() + 20_000;
      let role = '';
      while (Date.now() < deadline) {
        role = await set.cli(old.port, 'info', 'replication');
        if (/role:slave/.test(role) && /master_link_status:up/.test(role)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(role).toMatch(new RegExp(`master_port:${master.port}`));
    } finally {
      client.disconnect();
    }
  }, 90_000);
});
