import { type ConnectionOptions, type Job, type JobsOptions, Queue, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { type JobPayload, QUEUES, type QueueKey } from './catalog.js';
import { queueKeyPrefix } from './connection.js';

/** Key prefix for every queue; tests use a unique one so suites never see each other's jobs. Default "bounce". */
export const DEFAULT_PREFIX = 'bounce';

export class InvalidJobPayloadError extends UnrecoverableError {
  override readonly name = 'InvalidJobPayloadError';
}

export function createQueue<K extends QueueKey>(
  key: K,
  connection: ConnectionOptions,
  prefix: string = DEFAULT_PREFIX,
): Queue<JobPayload<K>> {
  const def = QUEUES[key];
  return new Queue<JobPayload<K>>(def.name, {
    connection,
    prefix: queueKeyPrefix(connection, prefix, def.name),
    defaultJobOptions: defaultJobOptions(key),
  });
}

/** The catalog's retry/retention policy as BullMQ job options. */
export function defaultJobOptions(key: QueueKey): JobsOptions {
  const def = QUEUES[key];
  return {
    attempts: def.attempts,
    backoff: def.backoff,
    removeOnComplete: { count: def.keepCompleted },
    removeOnFail: { count: def.keepFailed },
  };
}

/** Validates the payload against the catalog before it reaches Redis. */
export async function enqueue<K extends QueueKey>(
  queue: Queue<JobPayload<K>>,
  key: K,
  payload: JobPayload<K>,
  opts: JobsOptions = {},
): Promise<Job<JobPayload<K>>> {
  const data = validate(key, payload);
  // biome-ignore lint/suspicious/noExplicitAny: BullMQ's name/data generics do not narrow over our catalog union
  return (queue as Queue<any>).add(QUEUES[key].name, data, opts) as Promise<Job<JobPayload<K>>>;
}

/** Enqueues several jobs in one round trip (BullMQ addBulk), each payload validated against the catalog first. */
export async function enqueueMany<K extends QueueKey>(
  queue: Queue<JobPayload<K>>,
  key: K,
  jobs: readonly { payload: JobPayload<K>; opts?: JobsOptions }[],
): Promise<Job<JobPayload<K>>[]> {
  if (jobs.length === 0) return [];
  const name = QUEUES[key].name;
  const bulk = jobs.map((j) => ({ name, data: validate(key, j.payload), opts: j.opts }));
  // biome-ignore lint/suspicious/noExplicitAny: BullMQ's name/data generics do not narrow over our catalog union
  return (queue as Queue<any>).addBulk(bulk) as Promise<Job<JobPayload<K>>[]>;
}

/**
 * Validates a consumed job's data. An invalid payload will never become valid on retry, so it fails permanently
 * (UnrecoverableError) and is kept in the failed set for inspection instead of blocking the queue.
 */
export function parseJob<K extends QueueKey>(key: K, job: Pick<Job, 'data' | 'id'>): JobPayload<K> {
  const result = (QUEUES[key].schema as z.ZodType).safeParse(job.data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidJobPayloadError(`invalid ${QUEUES[key].name} job ${job.id ?? ''}: ${issues}`);
  }
  return result.data as JobPayload<K>;
}

function validate<K extends QueueKey>(key: K, payload: unknown): JobPayload<K> {
  const result = (QUEUES[key].schema as z.ZodType).safeParse(payload);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidJobPayloadError(`refusing to enqueue invalid ${QUEUES[key].name} job: ${issues}`);
  }
  return result.data as JobPayload<K>;
}
