import type { ConnectionOptions, Queue } from 'bullmq';
import { type JobPayload, QUEUES, type QueueKey } from './catalog.js';
import { createQueue, DEFAULT_PREFIX } from './jobs.js';

export type QueueSet<K extends QueueKey> = { [P in K]: Queue<JobPayload<P>> };

/** Every catalog key, in catalog order (the dashboard lists them all). */
export const ALL_QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];

/** Producer handles for several catalog queues on one connection, e.g. the parse worker's apply-bounces queue. */
export function openQueues<K extends QueueKey>(
  keys: readonly K[],
  connection: ConnectionOptions,
  prefix: string = DEFAULT_PREFIX,
): QueueSet<K> {
  const set = {} as Record<K, Queue>;
  for (const key of keys) set[key] = createQueue(key, connection, prefix) as Queue;
  return set as unknown as QueueSet<K>;
}

export async function closeQueues(set: Partial<Record<QueueKey, Queue>>): Promise<void> {
  await Promise.all(Object.values(set).map((q) => q?.close()));
}
