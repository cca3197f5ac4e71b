import type { Queue } from 'bullmq';

/** Job states that mean "work still to do". */
const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export class QueueIdleTimeoutError extends Error {
  override readonly name = 'QueueIdleTimeoutError';
}

/**
 * Resolves once none of the queues has pending work, checked `settleChecks` times in a row (a job finishing on one
 * queue enqueues the next step on another, so one empty snapshot is not enough). For end-to-end tests and
 * benchmarks; production code watches PostgreSQL statuses instead. Returns the time it took.
 */
export async function waitUntilIdle(
  queues: readonly Queue[],
  options: { timeoutMs?: number; pollMs?: number; settleChecks?: number } = {},
): Promise<number> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const settleChecks = options.settleChecks ?? 3;
  let quiet = 0;
  for (;;) {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts(...PENDING_STATES)));
    const pending = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= settleChecks) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new QueueIdleTimeoutError(`queues still busy after ${timeoutMs} ms (${pending} jobs pending)`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
