import { createHash } from 'node:crypto';

/**
 * A deterministic BullMQ job id from the job's identifying parts, so enqueueing the same work twice (a retried
 * producer, two relays racing) adds one job: BullMQ ignores an `add` whose id already exists in any state (until
 * the retained job is removed, which is why effects are also made idempotent in PostgreSQL). BullMQ refuses ids
 * that contain ':' or are plain integers, hence the hash and the kind prefix. Order of `parts` matters; sort first
 * when it must not.
 */
export function stableJobId(kind: string, parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\n');
  return `${kind}-${hash.digest('hex').slice(0, 40)}`;
}
