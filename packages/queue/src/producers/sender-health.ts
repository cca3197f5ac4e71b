/**
 * Producers of sender-health jobs: the diagnosis of sender-side bounces (the notification worker's fan-out asks for
 * it when it sees the bounces' events) and the periodic ticks (alert rechecks, watched setup checks).
 */
import type { Queue } from 'bullmq';
import { type JobPayload, MAX_BOUNCES_PER_DIAGNOSIS_JOB } from '../catalog.js';
import { stableJobId } from '../job-ids.js';
import { enqueueMany } from '../jobs.js';
import { scheduleTicks } from '../tick-schedulers.js';

type SenderHealthQueue = Queue<JobPayload<'senderHealth'>>;

/**
 * One job per tenant and fan-out batch (chunks of MAX_BOUNCES_PER_DIAGNOSIS_JOB), its id derived from the bounces:
 * asking twice for the same bounces (a retried fan-out) adds nothing while the first job is retained, and a bounce
 * asked for again in another batch is diagnosed once in effect (the diagnosis is recorded once per bounce).
 */
export async function requestSenderDiagnosis(
  queue: SenderHealthQueue,
  jobs: readonly { tenantId: string; bounceId: string }[],
): Promise<void> {
  const byTenant = new Map<string, Set<string>>();
  for (const { tenantId, bounceId } of jobs) {
    const ids = byTenant.get(tenantId) ?? new Set<string>();
    ids.add(bounceId);
    byTenant.set(tenantId, ids);
  }
  const payloads = [...byTenant].flatMap(([tenantId, set]) => {
    const ids = [...set];
    const parts: string[][] = [];
    for (let i = 0; i < ids.length; i += MAX_BOUNCES_PER_DIAGNOSIS_JOB) {
      parts.push(ids.slice(i, i + MAX_BOUNCES_PER_DIAGNOSIS_JOB));
    }
    return parts.map((bounceIds) => ({ task: 'diagnose-bounces' as const, tenantId, bounceIds }));
  });
  // One round trip for a fan-out batch's sender-side bounces.
  await enqueueMany(
    queue,
    'senderHealth',
    payloads.map((payload) => ({
      payload,
      opts: { jobId: stableJobId('diagnose', [payload.tenantId, ...[...payload.bounceIds].sort()]) },
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
