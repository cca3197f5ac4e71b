/**
 * BullMQ on a real 3-master Redis Cluster, through the connection every process builds from its configuration
 * (`createRedis` with a cluster topology): a queue's keys must share one hash slot, which `queueKeyPrefix` gives by
 * making the queue's name a hash tag (BullMQ's `{prefix}` convention, one tag per queue). With it the catalog's
 * queues, workers and the depth metric work as on one Redis; without it BullMQ's multi-key scripts are refused
 * (CROSSSLOT).
 */
import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { type RedisCluster, startRedisCluster } from '@bounce/test-servers';
import { Queue } from 'bullmq';
import type { Cluster as ClusterConnection } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, isClusterConnection } from './connection.js';
import { createQueue, enqueue } from './jobs.js';
import { createQueueMetrics } from './queue-metrics.js';
import { closeWorker, createWorker } from './worker.js';

let cluster: RedisCluster;
let connection: ClusterConnection;
const logger = createLogger({ name: 'test', level: 'silent' });

beforeAll(async () => {
  cluster = await startRedisCluster();
  // The worker role (blocks and retries forever), as a worker process builds it from REDIS_CLUSTER_NODES.
  const built = createRedis({ mode: 'cluster', url: 'redis://127.0.0.1', nodes: cluster.nodes }, 'worker');
  if (!isClusterConnection(built)) throw new Error('a cluster topology must give a cluster connection');
  connection = built;
}, 60_000);

afterAll(async () => {
  await connection?.quit();
  await cluster?.stop();
});

describe('BullMQ on a Redis Cluster', () => {
  it('processes every job once, every key of a queue in the slot of its own tag, queues on different slots', async () => {
    const prefix = `bounce-${randomUUID().slice(0, 8)}`;
    const registry = new Registry();
    const metrics = createQueueMetrics(registry);
    const queue = createQueue('parseMessages', connection, prefix);
    const fetchQueue = createQueue('fetchMailbox', connection, prefix);
    const ids = Array.from({ length: 60 }, () => randomUUID());
    for (const id of ids) await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: [id] });
    await enqueue(fetchQueue, 'fetchMailbox', { mailboxId: randomUUID(), trigger: 'manual' });
    expect(await registry.metrics()).not.toContain('bounce_queue_jobs{');
    const seen: string[] = [];
    const worker = createWorker(
      'parseMessages',
      async (payload) => {
        seen.push(payload.rawMessageIds[0]!);
      },
      { connection, prefix, logger, metrics, concurrency: 4, autorun: false },
    );
    expect(await registry.metrics()).toContain('bounce_queue_jobs{queue="parse-messages",state="waiting"} 60');
    void worker.run();
    const deadline = Date.now() + 60_000;
    while (seen.length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await closeWorker(worker, { drainTimeoutMs: 5_000 });
    expect(seen.sort()).toEqual([...ids].sort());

    const keys = await connection
      .nodes('master')
      .reduce<Promise<string[]>>(
        async (acc, node) => [...(await acc), ...(await node.keys(`${prefix}:*`))],
        Promise.resolve([]),
      );
    const slotOf = (key: string) => cluster.cli(cluster.nodes[0]!.port, 'cluster', 'keyslot', key);
    const parseSlot = await slotOf('{parse-messages}');
    const fetchSlot = await slotOf('{fetch-mailbox}');
    expect(parseSlot).not.toBe(fetchSlot);
    const parseKeys = keys.filter((k) => k.startsWith(`${prefix}:{parse-messages}:parse-messages:`));
    const fetchKeys = keys.filter((k) => k.startsWith(`${prefix}:{fetch-mailbox}:fetch-mailbox:`));
    expect(parseKeys.length).toBeGreaterThan(0);
    expect(fetchKeys.length).toBeGreaterThan(0);
    expect(parseKeys.length + fetchKeys.length).toBe(keys.length);
    for (const key of parseKeys.slice(0, 10)) expect(await slotOf(key)).toBe(parseSlot);
    for (const key of fetchKeys.slice(0, 10)) expect(await slotOf(key)).toBe(fetchSlot);
    await Promise.all([queue.close(), fetchQueue.close()]);
  }, 90_000);

  it('is refused without a hash tag: a queue spans slots', async () => {
    // BullMQ directly, as without queueKeyPrefix.
    const queue = new Queue('parse-messages', { connection, prefix: `bounce-${randomUUID().slice(0, 8)}` });
    queue.on('error', () => {});
    await expect(queue.add('parse-messages', { tenantId: 'acme', rawMessageIds: [randomUUID()] })).rejects.toThrow(
      /CROSSSLOT|same slot/i,
    );
    await queue.close();
  }, 30_000);
});
