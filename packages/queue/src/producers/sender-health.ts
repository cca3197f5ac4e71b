/**
 * Producers of sender-health jobs: a diagnosis per sender-side bounce (the notification worker's fan-out asks for
 * it when it sees the bounce's event) and the periodic ticks (alert rechecks, watched setup checks).
 */
import type { Queue } from 'bullmq';
import type { JobPayload } from '../catalog.js';
import { stableJobId } from '../job-ids.js';
import { enqueueMany } from '../jobs.js';
import { scheduleTicks } from '../tick-schedulers.js';

type SenderHealthQueue = Queue<JobPayload<'senderHealth'>>;

/** One job per bounce: asking twice (a retried fan-out) adds nothing while the first job is retained. */
export async function requestSenderDiagnosis(
  queue: SenderHealthQueue,
  jobs: readonly { tenantId: string; bounceId: string }[],
): Promise<void> {
  // One round trip for a fan-out batch's sender-side bounces, not one each.
  await enqueueMany(
    queue,
    'senderHealth',
    jobs.map((job) => ({
      payload: { task: 'diagnose-bounce' as const, tenantId: job.tenantId, bounceId: job.bounceId },
      opts: { jobId: stableJobId('diagnose', [job.tenantId, job.bounceId]) },
    })),
  );
}

export type SenderHealthTick = 'recheck-alerts' | 'check-setups';

export const senderHealthSchedulerId = (task: SenderHealthTick) => `sender-health-${task}`;

/** The alert-recheck and setup-check ticks' job schedulers (see scheduleTicks). */
export function scheduleSenderHealth(
  queue: SenderHealthQueue,
  periods: Partial<Record<SenderHealthTick, number | null>>,
): Promise<Record<string, number | null>> {
  return scheduleTicks(queue, 'senderHealth', periods, senderHealthSchedulerId);
}
