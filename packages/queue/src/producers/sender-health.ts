/**
 * Producers of sender-health jobs: a diagnosis per sender-side bounce (the notification worker's fan-out asks for
 * it when it sees the bounce's event) and the periodic ticks (alert rechecks, watched setup checks).
 */
import type { Queue } from 'bullmq';
import { type JobPayload, QUEUES } from '../catalog.js';
import { stableJobId } from '../job-ids.js';
import { defaultJobOptions, enqueue } from '../jobs.js';

type SenderHealthQueue = Queue<JobPayload<'senderHealth'>>;

/** One job per bounce: asking twice (a retried fan-out) adds nothing while the first job is retained. */
export async function requestSenderDiagnosis(
  queue: SenderHealthQueue,
  job: { tenantId: string; bounceId: string },
): Promise<void> {
  await enqueue(
    queue,
    'senderHealth',
    { task: 'diagnose-bounce', tenantId: job.tenantId, bounceId: job.bounceId },
    { jobId: stableJobId('diagnose', [job.tenantId, job.bounceId]) },
  );
}

export type SenderHealthTick = 'recheck-alerts' | 'check-setups';

export const senderHealthSchedulerId = (task: SenderHealthTick) => `sender-health-${task}`;

/**
 * Creates, updates (period in ms) or removes (0 or null) the job scheduler of each tick: one Redis entry per tick,
 * so the cluster gets one job per period whichever process takes it. Idempotent; safe from every process at start.
 */
export async function scheduleSenderHealth(
  queue: SenderHealthQueue,
  periods: Partial<Record<SenderHealthTick, number | null>>,
): Promise<Record<string, number | null>> {
  const applied: Record<string, number | null> = {};
  for (const [task, every] of Object.entries(periods) as [SenderHealthTick, number | null | undefined][]) {
    if (every === undefined) continue;
    const id = senderHealthSchedulerId(task);
    if (!every) {
      await queue.removeJobScheduler(id);
      applied[task] = null;
      continue;
    }
    await queue.upsertJobScheduler(
      id,
      { every },
      {
        name: QUEUES.senderHealth.name,
        data: QUEUES.senderHealth.schema.parse({ task }),
        opts: defaultJobOptions('senderHealth'),
      },
    );
    applied[task] = every;
  }
  return applied;
}
