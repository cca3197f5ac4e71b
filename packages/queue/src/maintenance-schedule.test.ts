import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './connection.js';
import { createQueue } from './jobs.js';
import { maintenanceSchedulerId, scheduleMaintenance } from './maintenance-schedule.js';
import { deleteKeysWithPrefix } from './testing/index.js';

const prefix = `test-maint-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');

afterAll(async () => {
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
});

describe('scheduleMaintenance', () => {
  it('creates one scheduler per task, idempotently, and removes a disabled one', async () => {
    const queue = createQueue('maintenance', connection, prefix);
    await scheduleMaintenance(queue);
    await scheduleMaintenance(queue); // a second process starting: same schedulers, not new ones
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
      [maintenanceSchedulerId('confirm-deliveries-by-grace'), 600_000],
      [maintenanceSchedulerId('history-retention'), 3_600_000],
      [maintenanceSchedulerId('outbox-relay'), 1_000],
      [maintenanceSchedulerId('reconcile-raw-messages'), 60_000],
    ]);
    // Each scheduler has its next tick waiting, with a valid maintenance payload.
    const delayed = [...(await queue.getDelayed()), ...(await queue.getWaiting())];
    expect(delayed.map((j) => j.data.task).sort()).toEqual([
      'confirm-deliveries-by-grace',
      'history-retention',
      'outbox-relay',
      'reconcile-raw-messages',
    ]);

    await scheduleMaintenance(queue, { 'reconcile-raw-messages': null, 'outbox-relay': 250 });
    const after = await queue.getJobSchedulers();
    expect(after.map((s) => [s.key, s.every]).sort()).toEqual([
      [maintenanceSchedulerId('confirm-deliveries-by-grace'), 600_000],
      [maintenanceSchedulerId('history-retention'), 3_600_000],
      [maintenanceSchedulerId('outbox-relay'), 250],
    ]);
    await queue.close();
  });
});
