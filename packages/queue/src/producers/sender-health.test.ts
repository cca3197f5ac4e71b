import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../connection.js';
import { createQueue } from '../jobs.js';
import { deleteKeysWithPrefix } from '../testing/index.js';
import { scheduleSenderHealth, senderHealthSchedulerId } from './sender-health.js';

const prefix = `test-sender-health-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');

afterAll(async () => {
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
});

describe('scheduleSenderHealth', () => {
  it('keeps one scheduler per tick whichever process starts, and removes a tick set to 0', async () => {
    const queue = createQueue('senderHealth', connection, prefix);
    try {
      const periods = { 'recheck-alerts': 900_000, 'check-setups': 3_600_000 };
      // Two processes starting: the same two schedulers, not four.
      await scheduleSenderHealth(queue, periods);
      await scheduleSenderHealth(queue, periods);
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every]).sort()).toEqual([
        [senderHealthSchedulerId('check-setups'), 3_600_000],
        [senderHealthSchedulerId('recheck-alerts'), 900_000],
      ]);
      const next = [...(await queue.getDelayed()), ...(await queue.getWaiting())];
      expect(next.map((j) => j.data.task).sort()).toEqual(['check-setups', 'recheck-alerts']);

      expect(await scheduleSenderHealth(queue, { 'check-setups': 0 })).toEqual({ 'check-setups': null });
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([senderHealthSchedulerId('recheck-alerts')]);
    } finally {
      await queue.close();
    }
  });
});
