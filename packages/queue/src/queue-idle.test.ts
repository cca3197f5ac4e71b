import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import type { ParseResult } from '@bounce/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './connection.js';
import { enqueue } from './jobs.js';
import { QueueIdleTimeoutError, waitUntilIdle } from './queue-idle.js';
import { closeQueues, openQueues } from './queue-set.js';
import { deleteKeysWithPrefix } from './testing/index.js';
import { createWorker } from './worker.js';

const NOT_A_BOUNCE: ParseResult = {
  kind: 'not-bounce',
  recipients: [],
  original: { messageId: null, returnPath: null, from: null, to: [], subject: null, correlationHeaders: {} },
  message: { messageId: null, from: null, to: null, subject: null, date: null },
  error: null,
  truncated: false,
};

const prefix = `test-idle-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const logger = createLogger({ name: 'test', level: 'silent' });

afterAll(async () => {
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
});

describe('waitUntilIdle', () => {
  it('waits through a chain of queues until all are empty, and times out while work is pending', async () => {
    const queues = openQueues(['parseMessages', 'applyBounces'], connection, prefix);
    const tenantId = 'acme';
    for (let i = 0; i < 5; i++) {
      await enqueue(queues.parseMessages, 'parseMessages', { tenantId, rawMessageIds: [randomUUID()] });
    }
    await expect(waitUntilIdle(Object.values(queues), { timeoutMs: 100 })).rejects.toBeInstanceOf(
      QueueIdleTimeoutError,
    );

    // Each parse job enqueues an apply job after a while: the chain must be followed to its end.
    const applied: string[] = [];
    const parse = createWorker(
      'parseMessages',
      async (p) => {
        await new Promise((r) => setTimeout(r, 20));
        await enqueue(queues.applyBounces, 'applyBounces', {
          tenantId,
          items: [{ rawMessageId: p.rawMessageIds[0]!, sha256: 'a'.repeat(64), result: NOT_A_BOUNCE }],
        });
      },
      { connection, prefix, logger },
    );
    const apply = createWorker(
      'applyBounces',
      async (p) => {
        await new Promise((r) => setTimeout(r, 20));
        applied.push(p.items[0]!.rawMessageId);
      },
      { connection, prefix, logger },
    );
    await waitUntilIdle(Object.values(queues), { timeoutMs: 10_000 });
    expect(applied).toHaveLength(5);
    await Promise.all([parse.close(), apply.close()]);
    await closeQueues(queues);
  });
});
