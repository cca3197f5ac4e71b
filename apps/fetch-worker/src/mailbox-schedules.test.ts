import { deleteMailbox, updateMailbox } from '@bounce/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxSchedulerId, requestFetchNow, syncMailboxSchedule, syncMailboxSchedules } from './mailbox-schedules.js';
import { type FetchTestEnv, setupFetchTestEnv, TENANT } from './testing/fetch-test-env.js';

let env: FetchTestEnv;

beforeAll(async () => {
  env = await setupFetchTestEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
}, 30_000);

describe('mailbox schedules', () => {
  it('one job scheduler per polled mailbox, kept in step with the mailboxes table', async () => {
    const polled = await env.createTestMailbox({ pollIntervalSeconds: 1200 });
    const manualOnly = await env.createTestMailbox({ pollIntervalSeconds: 0 });
    const disabled = await env.createTestMailbox({ pollIntervalSeconds: 60, enabled: false });

    expect(await syncMailboxSchedules(env.t.db, env.fetchQueue)).toMatchObject({ created: 1, absent: 2, removed: 0 });
    const scheduler = await env.fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id));
    expect(scheduler).toMatchObject({ every: 1_200_000 });
    expect(scheduler!.template?.data).toEqual({ mailboxId: polled.id, trigger: 'schedule' });
    expect(await env.fetchQueue.getJobScheduler(mailboxSchedulerId(manualOnly.id))).toBeUndefined();
    expect(await env.fetchQueue.getJobScheduler(mailboxSchedulerId(disabled.id))).toBeUndefined();
    // The scheduler put the first tick in the queue, with the catalog payload.
    const delayed = await env.fetchQueue.getJobs(['delayed', 'waiting']);
    expect(delayed.some((j) => j.data.mailboxId === polled.id && j.data.trigger === 'schedule')).toBe(true);

    // A second sync changes nothing (the next tick is not pushed back).
    expect(await syncMailboxSchedules(env.t.db, env.fetchQueue)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
    });

    // Interval changed; manual-only mailbox starts polling; polled mailbox disabled; deleted mailbox cleaned up.
    await updateMailbox(env.t.db, env.secrets, TENANT, manualOnly.id, { pollIntervalSeconds: 30 });
    const changed = await updateMailbox(env.t.db, env.secrets, TENANT, polled.id, { pollIntervalSeconds: 600 });
    expect(await syncMailboxSchedule(env.fetchQueue, changed)).toBe('updated');
    expect((await env.fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id)))!.every).toBe(600_000);
    await deleteMailbox(env.t.db, TENANT, polled.id);
    const result = await syncMailboxSchedules(env.t.db, env.fetchQueue);
    expect(result).toMatchObject({ created: 1, removed: 1 });
    expect(await env.fetchQueue.getJobScheduler(mailboxSchedulerId(polled.id))).toBeUndefined();
    expect((await env.fetchQueue.getJobScheduler(mailboxSchedulerId(manualOnly.id)))!.every).toBe(30_000);
  }, 30_000);

  it('"fetch now" is deduplicated per mailbox while a job waits', async () => {
    const mailbox = await env.createTestMailbox();
    const a = await requestFetchNow(env.fetchQueue, mailbox.id);
    const b = await requestFetchNow(env.fetchQueue, mailbox.id, 'idle');
    expect(b.id).toBe(a.id);
    const waiting = (await env.fetchQueue.getJobs(['waiting'])).filter((j) => j.data.mailboxId === mailbox.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.data).toEqual({ mailboxId: mailbox.id, trigger: 'manual' });
    const other = await env.createTestMailbox();
    expect((await requestFetchNow(env.fetchQueue, other.id)).id).not.toBe(a.id);
  }, 30_000);
});
