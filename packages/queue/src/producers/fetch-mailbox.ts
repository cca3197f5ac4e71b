/**
 * Producers of fetch-mailbox jobs, used by the fetch worker (schedules, IDLE) and the API (fetch now, schedule
 * updates).
 *
 * Polling schedules: one BullMQ job scheduler per mailbox (`mailbox:<id>`, every poll_interval_seconds), so the
 * whole cluster gets one fetch job per tick whichever process takes it. 0 = manual only: no scheduler. The
 * mailboxes table is the truth; `syncMailboxSchedules` makes the schedulers match the list it is given (the fetch
 * worker passes every mailbox, at start and periodically), and `syncMailboxSchedule` applies one mailbox's change
 * at once (the API calls it after an update).
 */
import type { Job, Queue } from 'bullmq';
import { type JobPayload, QUEUES } from '../catalog.js';
import { defaultJobOptions, enqueue } from '../jobs.js';

type FetchQueue = Queue<JobPayload<'fetchMailbox'>>;

/** What scheduling needs to know of a mailbox. */
export type SchedulableMailbox = { id: string; enabled: boolean; pollIntervalSeconds: number };

export const MAILBOX_SCHEDULER_PREFIX = 'mailbox:';
export const mailboxSchedulerId = (mailboxId: string) => `${MAILBOX_SCHEDULER_PREFIX}${mailboxId}`;

export type ScheduleChange = 'created' | 'updated' | 'unchanged' | 'removed' | 'absent';

/** Creates, updates or removes the scheduler of one mailbox. Unchanged schedulers are left alone (no tick reset). */
export async function syncMailboxSchedule(queue: FetchQueue, mailbox: SchedulableMailbox): Promise<ScheduleChange> {
  const id = mailboxSchedulerId(mailbox.id);
  const existing = await queue.getJobScheduler(id);
  if (!mailbox.enabled || mailbox.pollIntervalSeconds <= 0) {
    if (!existing) return 'absent';
    await queue.removeJobScheduler(id);
    return 'removed';
  }
  const every = mailbox.pollIntervalSeconds * 1000;
  if (existing && existing.every === every) return 'unchanged';
  const def = QUEUES.fetchMailbox;
  await queue.upsertJobScheduler(
    id,
    { every },
    {
      name: def.name,
      data: def.schema.parse({ mailboxId: mailbox.id, trigger: 'schedule' }),
      opts: defaultJobOptions('fetchMailbox'),
    },
  );
  return existing ? 'updated' : 'created';
}

export type ScheduleSyncResult = Record<ScheduleChange, number>;

/**
 * Reconciles every scheduler with `mailboxes`, the full list of the installation's mailboxes: schedulers of mailboxes
 * not in it (deleted ones) are removed.
 */
export async function syncMailboxSchedules(
  queue: FetchQueue,
  mailboxes: readonly SchedulableMailbox[],
): Promise<ScheduleSyncResult> {
  const result: ScheduleSyncResult = { created: 0, updated: 0, unchanged: 0, removed: 0, absent: 0 };
  const known = new Set(mailboxes.map((m) => mailboxSchedulerId(m.id)));
  for (const mailbox of mailboxes) result[await syncMailboxSchedule(queue, mailbox)] += 1;
  // Collect first, remove after: removing while paging would shift the pages.
  const stale: string[] = [];
  const total = await queue.getJobSchedulersCount();
  for (let start = 0; start < total; start += 500) {
    for (const scheduler of await queue.getJobSchedulers(start, start + 499, true)) {
      const id = scheduler.id ?? scheduler.key;
      if (id.startsWith(MAILBOX_SCHEDULER_PREFIX) && !known.has(id)) stale.push(id);
    }
  }
  for (const id of stale) {
    if (await queue.removeJobScheduler(id)) result.removed += 1;
  }
  return result;
}

/**
 * Enqueues a fetch now (operator "fetch now", or IDLE saw new mail). Deduplicated per mailbox: while a fetch job of
 * the mailbox waits, further requests are absorbed; while one runs, one more is kept to run after it (BullMQ
 * keepLastIfActive), so a request made during a fetch is never lost.
 */
export async function requestFetchNow(
  queue: FetchQueue,
  mailboxId: string,
  trigger: 'manual' | 'idle' = 'manual',
): Promise<Job<JobPayload<'fetchMailbox'>>> {
  return enqueue(
    queue,
    'fetchMailbox',
    { mailboxId, trigger },
    {
      deduplication: { id: `fetch-now-${mailboxId}`, keepLastIfActive: true },
    },
  );
}
