import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../connection.js';
import { createQueue } from '../jobs.js';
import {
  mailboxSchedulerId,
  requestFetchNow,
  type SchedulableMailbox,
  syncMailboxSchedule,
  syncMailboxSchedules,
} from './fetch-mailbox.js';

const prefix = `test-producers-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const fetchQueue = createQueue('fetchMailbox', connection, prefix);

afterAll(async () => {
  await fetchQueue.obliterate({ force: true });
  await fetchQueue.close();
  await connection.quit();
});

const mailbox = (overrides: Partial<SchedulableMailbox> = {}): SchedulableMailbox => ({
  id: randomUUID(),
  enabled: true,
  pollIntervalSeconds: 1200,
  ...overrides,
});

describe('mailbox schedules', () => {
  it('one job scheduler per polled mailbox, kept in step with the list of mailboxes', async () => {
    const polled = mailbox({ pollIntervalSeconds: 1200 });
    let manualOnly = mailbox({ pollIntervalSeconds: 0 });
    const disabled = mailbox({ pollIntervalSeconds: 60, enabled: false });

    expect(await syncMailboxSchedules(fetchQueue, [polled, manualOnly, disabled])).toMatchObject({
      created: 1,
      absent: 2,
      removed: 0,
    });
    const scheduler = await fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id));
    expect(scheduler).toMatchObject({ every: 1_200_000 });
    expect(scheduler!.template?.data).toEqual({ mailboxId: polled.id, trigger: 'schedule' });
    expect(await fetchQueue.getJobScheduler(mailboxSchedulerId(manualOnly.id))).toBeUndefined();
    expect(await fetchQueue.getJobScheduler(mailboxSchedulerId(disabled.id))).toBeUndefined();
    // The scheduler put the first tick in the queue, with the catalog payload and retention.
    const delayed = await fetchQueue.getJobs(['delayed', 'waiting']);
    const tick = delayed.find((j) => j.data.mailboxId === polled.id && j.data.trigger === 'schedule');
    expect(tick?.opts).toMatchObject({ attempts: 3, removeOnFail: { count: 10_000 } });

    // A second sync changes nothing (the next tick is not pushed back).
    expect(await syncMailboxSchedules(fetchQueue, [polled, manualOnly, disabled])).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
    });

    // Interval changed; manual-only mailbox starts polling; polled mailbox deleted: its scheduler is cleaned up.
    manualOnly = { ...manualOnly, pollIntervalSeconds: 30 };
    expect(await syncMailboxSchedule(fetchQueue, { ...polled, pollIntervalSeconds: 600 })).toBe('updated');
    expect((await fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id)))!.every).toBe(600_000);
    const result = await syncMailboxSchedules(fetchQueue, [manualOnly, disabled]);
    expect(result).toMatchObject({ created: 1, removed: 1 });
    expect(await fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id))).toBeUndefined();
    expect((await fetchQueue.getJobScheduler(mailboxSchedulerId(manualOnly.id)))!.every).toBe(30_000);
  }, 30_000);

  it('"fetch now" is deduplicated per mailbox while a job waits', async () => {
    const box = mailbox();
    const a = await requestFetchNow(fetchQueue, box.id);
    const b = await requestFetchNow(fetchQueue, box.id, 'idle');
    expect(b.id).toBe(a.id);
    const waiting = (await fetchQueue.getJobs(['waiting'])).filter((j) => j.data.mailboxId === box.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.data).toEqual({ mailboxId: box.id, trigger: 'manual' });
    expect((await requestFetchNow(fetchQueue, randomUUID())).id).not.toBe(a.id);
  }, 30_000);
});
