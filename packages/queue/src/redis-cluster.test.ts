/**
 * BullMQ on a real 3-master Redis Cluster: a queue's keys must share one hash slot, which a `{hash tag}` prefix
 * gives (BullMQ's convention). With it the catalog's queues, workers and the depth metric work as on one Redis;
 * without it BullMQ's multi-key scripts are refused (CROSSSLOT).
 */
import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import { type RedisCluster, startRedisCluster } from '@bounce/test-servers';
import { Cluster } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueue, enqueue } from './jobs.js';
import { createQueueMetrics } from './queue-metrics.js';
import { closeWorker, createWorker } from './worker.js';

let cluster: RedisCluster;
let connection: Cluster;
const logger = createLogger({ name: 'test', level: 'silent' });

beforeAll(async () => {
  cluster = await startRedisCluster();
  // Workers block on Redis and retry forever (the worker role), on every node of the cluster.
  connection = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: null } });
}, 60_000);

afterAll(async () => {
  await connection?.quit();
  await cluster?.stop();
});

describe('BullMQ on a Redis Cluster', () => {
  it('processes every job once with a {hash-tagged} prefix, every key of the queue in the slot of that tag', async () => {
    const prefix = `{bounce-${randomUUID().slice(0, 8)}}`;
    const registry = new Registry();
    const metrics = createQueueMetrics(registry);
    const queue = createQueue('parseMessages', connection, prefix);
    const ids = Array.from({ length: 60 }, () => randomUUID());
    for (const id of ids) await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: [id] });
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
    // Every key of the queue lives in the slot of its hash tag.
    const slot = await cluster.cli(cluster.nodes[0]!.port, 'cluster', 'keyslot', prefix);
    const keys = await connection
      .nodes('master')
      .reduce<Promise<string[]>>(
        async (acc, node) => [...(await acc), ...(await node.keys(`${prefix}:*`))],
        Promise.resolve([]),
      );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys.slice(0, 20)) {
      expect(await cluster.cli(cluster.nodes[0]!.port, 'cluster', 'keyslot', key)).toBe(slot);
    }
    await queue.close();
  }, 90_000);

  it('is refused without a hash tag: a queue spans slots', async () => {
    const queue = createQueue('parseMessages', connection, `bounce-${randomUUID().slice(0, 8)}`);
    queue.on('error', () => {});
    await expect(enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: [randomUUID()] })).rejects.toThrow(
      /CROSSSLOT|same slot/i,
    );
    await queue.close();
  }, 30_000);
});
