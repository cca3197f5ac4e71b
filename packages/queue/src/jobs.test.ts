import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './connection.js';
import { createQueue, enqueue, InvalidJobPayloadError, parseJob } from './jobs.js';
import { deleteKeysWithPrefix } from './testing/index.js';

const prefix = `test-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');

afterAll(async () => {
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
});

describe('job catalog', () => {
  it('refuses to enqueue an invalid payload', async () => {
    const queue = createQueue('parseMessages', connection, prefix);
    await expect(
      enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ['not-a-uuid'] }),
    ).rejects.toBeInstanceOf(InvalidJobPayloadError);
    await queue.close();
  });

  it('a poison job fails once, permanently, and does not block the next job', async () => {
    const queue = createQueue('parseMessages', connection, prefix);
    // A job written behind the catalog's back (e.g. by an older producer).
    await queue.add('parse-messages', { tenantId: 'acme', rawMessageIds: [] } as never);
    const good = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: [randomUUID()] });
    const processed: string[] = [];
    const worker = new Worker(
      'parse-messages',
      async (job) => {
        const payload = parseJob('parseMessages', job);
        processed.push(payload.rawMessageIds[0]!);
      },
      { connection, prefix },
    );
    await new Promise<void>((resolve) => worker.on('completed', () => resolve()));
    await worker.close();
    const failed = await queue.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attemptsMade).toBe(1); // unrecoverable: not retried 5 times
    expect(failed[0]!.failedReason).toMatch(/rawMessageIds/);
    expect(processed).toEqual([good.data.rawMessageIds[0]]);
    await queue.close();
  });
});
