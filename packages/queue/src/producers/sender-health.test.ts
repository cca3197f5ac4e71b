import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BOUNCES_PER_DIAGNOSIS_JOB } from '../catalog.js';
import { createRedis } from '../connection.js';
import { createQueue, parseJob } from '../jobs.js';
import { deleteKeysWithPrefix } from '../testing/index.js';
import { requestSenderDiagnosis, scheduleSenderHealth, senderHealthSchedulerId } from './sender-health.js';

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

describe('requestSenderDiagnosis', () => {
  it('asks once per tenant and batch, each bounce once, and asking again for the same bounces adds nothing', async () => {
    const queue = createQueue('senderHealth', connection, prefix);
    const acme = Array.from({ length: MAX_BOUNCES_PER_DIAGNOSIS_JOB + 2 }, () => randomUUID());
    const globex = [randomUUID()];
    const asks = [
      ...acme.map((bounceId) => ({ tenantId: 'acme', bounceId })),
      { tenantId: 'acme', bounceId: acme[0]! }, // the same bounce twice in one fan-out
      ...globex.map((bounceId) => ({ tenantId: 'globex', bounceId })),
    ];
    await requestSenderDiagnosis(queue, asks);
    await requestSenderDiagnosis(queue, asks); // a retried fan-out: the same jobs
    const jobs = (await queue.getWaiting())
      .map((job) => parseJob('senderHealth', job))
      .filter((j) => j.task === 'diagnose-bounces'); // the ticks of the test above share the queue
    expect(jobs).toHaveLength(3);
    const bounces = (tenantId: string) =>
      jobs.flatMap((j) => (j.task === 'diagnose-bounces' && j.tenantId === tenantId ? j.bounceIds : []));
    expect(bounces('acme').sort()).toEqual([...acme].sort());
    expect(bounces('globex')).toEqual(globex);
    expect(Math.max(...jobs.map((j) => (j.task === 'diagnose-bounces' ? j.bounceIds.length : 0)))).toBe(
      MAX_BOUNCES_PER_DIAGNOSIS_JOB,
    );
    await queue.close();
  });
});
