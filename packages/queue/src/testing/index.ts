/**
 * Test helpers for code that uses the queues. Each test works under a prefix of its own (a UUID), so parallel runs
 * never see each other's jobs; this removes what a test left behind.
 */
import type { Redis } from 'ioredis';
import { isClusterConnection, type RedisConnection } from '../connection.js';

/**
 * Deletes every key that starts with `prefix` (BullMQ queues, locks, reconcile markers, and the sub-prefixes some
 * tests derive from it, `${prefix}-ok`) and returns how many went. SCAN rather than KEYS: the shared Redis holds
 * other runs' keys; on a cluster, master by master and a key at a time (one UNLINK may not span slots).
 */
export async function deleteKeysWithPrefix(redis: RedisConnection, prefix: string): Promise<number> {
  const cluster = isClusterConnection(redis);
  const nodes: Redis[] = cluster ? redis.nodes('master') : [redis];
  let deleted = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      if (cluster) for (const key of keys) deleted += await node.unlink(key);
      else deleted += await node.unlink(...keys);
    } while (cursor !== '0');
  }
  return deleted;
}
