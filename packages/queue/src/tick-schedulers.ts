import type { Queue } from 'bullmq';
import { type JobPayload, QUEUES, type QueueKey } from './catalog.js';
import { defaultJobOptions } from './jobs.js';

/**
 * Creates, updates (period in ms) or removes (0 or null) one BullMQ job scheduler per periodic task of a queue whose
 * jobs are `{ task }`. Idempotent and safe to call from every process at start: a scheduler is one Redis entry under
 * a stable id, so the whole cluster gets exactly one job per tick, processed by whichever worker takes it; the next
 * tick is only created when the previous one starts, so a slow task never piles up ticks. Tasks left undefined are
 * not touched. Returns the period applied per task (null: removed).
 */
export async function scheduleTicks<K extends QueueKey, T extends string>(
  queue: Queue<JobPayload<K>>,
  key: K,
  periods: Partial<Record<T, number | null>>,
  schedulerId: (task: T) => string,
): Promise<Record<string, number | null>> {
  const def = QUEUES[key];
  // BullMQ's job-name type cannot be resolved for a generic K; the data is this queue's own schema's output.
  const schedulers = queue as unknown as Queue;
  const applied: Record<string, number | null> = {};
  for (const [task, every] of Object.entries(periods) as [T, number | null | undefined][]) {
    if (every === undefined) continue;
    const id = schedulerId(task);
    if (!every) {
      await schedulers.removeJobScheduler(id);
      applied[task] = null;
      continue;
    }
    await schedulers.upsertJobScheduler(
      id,
      { every },
      { name: def.name, data: def.schema.parse({ task }), opts: defaultJobOptions(key) },
    );
    applied[task] = every;
  }
  return applied;
}
