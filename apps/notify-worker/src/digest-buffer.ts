/**
 * Operator digests: events for one operator are collected for a short window and sent as one mail, so a burst
 * (a provider rejecting a whole campaign) is one message, not thousands.
 *
 * State lives in Redis next to the queues (same persistence, same prefix):
 * - `…:digest:{<tenant>:<email>}` sorted set of event ids waiting (score = arrival time). A set, so an event
 *   queued twice by a retried fan-out is listed once. The braces are a hash tag: on a Redis Cluster the set, its
 *   marker and its claims sit in one slot, which the claim script (two keys) needs.
 * - `…:scheduled` marker (SET NX): the first event of a window enqueues one delayed operator-email job; the
 *   others only join the set.
 * - `…:digest:{<tenant>:<email>}:claim:<jobId>` the ids a job took (moved atomically by a Lua script). A retry of the same job
 *   (SMTP down) sends the same ids again instead of losing them or taking new ones.
 *
 * High priority (invoice undeliverable, sender blocked, mailbox disabled): an immediate job, which also takes the
 * normal events waiting at that moment (listed after the high ones). A window that reaches `maxEvents` is sent at
 * once as well; the rest follows in the next mail.
 */
import type { JobPayload, RedisConnection } from '@bounce/queue';
import { enqueue } from '@bounce/queue';
import type { Queue } from 'bullmq';

export type DigestOptions = {
  /** Collection window for normal events, ms. Default 60 s (OPERATOR_DIGEST_WINDOW). */
  windowMs: number;
  /** Most events in one mail; a full window is sent at once. Default 100 (OPERATOR_DIGEST_MAX_EVENTS). */
  maxEvents: number;
};

export type OperatorEmailQueue = Queue<JobPayload<'operatorEmail'>>;

/** Claimed ids survive this long if a job dies for good (then they are dropped; the event log keeps them). */
const CLAIM_TTL_MS = 7 * 24 * 3_600_000;

const CLAIM_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  local items = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
  for i = 1, #items, 2 do
    redis.call('ZADD', KEYS[2], items[i + 1], items[i])
    redis.call('ZREM', KEYS[1], items[i])
  end
  if #items > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
end
return redis.call('ZRANGE', KEYS[2], 0, -1)
`;

export class DigestBuffer {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly queue: OperatorEmailQueue,
    readonly options: DigestOptions,
  ) {}

  private pendingKey(tenantId: string, email: string): string {
    return `${this.prefix}:notify:digest:{${tenantId}:${email.toLowerCase()}}`;
  }

  private claimKey(tenantId: string, email: string, jobId: string): string {
    return `${this.pendingKey(tenantId, email)}:claim:${jobId}`;
  }

  /** Queues an event for an operator; returns what was scheduled (for logs and tests). */
  async add(input: {
    tenantId: string;
    email: string;
    eventId: string;
    priority: string;
  }): Promise<'immediate' | 'scheduled' | 'joined'> {
    const key = this.pendingKey(input.tenantId, input.email);
    const [, card] = (await this.redis.multi().zadd(key, 'NX', Date.now(), input.eventId).zcard(key).exec()) ?? [];
    const size = Number(card?.[1] ?? 0);
    const job = { tenantId: input.tenantId, email: input.email };
    if (input.priority === 'high' || size === this.options.maxEvents) {
      await enqueue(this.queue, 'operatorEmail', job);
      return 'immediate';
    }
    const marked = await this.redis.set(`${key}:scheduled`, '1', 'PX', this.options.windowMs * 10, 'NX');
    if (marked === null) return 'joined';
    await enqueue(this.queue, 'operatorEmail', job, { delay: this.options.windowMs });
    return 'scheduled';
  }

  /**
   * Takes the events for one mail (at most maxEvents). Clears the window marker first, so an event arriving
   * from now on schedules the next digest instead of waiting for a job that already ran.
   */
  async claim(tenantId: string, email: string, jobId: string): Promise<string[]> {
    const key = this.pendingKey(tenantId, email);
    await this.redis.del(`${key}:scheduled`);
    const ids = (await this.redis.eval(
      CLAIM_SCRIPT,
      2,
      key,
      this.claimKey(tenantId, email, jobId),
      this.options.maxEvents,
      CLAIM_TTL_MS,
    )) as string[];
    return ids;
  }

  /** After the mail went out: forget the claim, and send the rest now if the window held more than one mail. */
  async complete(tenantId: string, email: string, jobId: string, claimed: number): Promise<void> {
    await this.redis.del(this.claimKey(tenantId, email, jobId));
    if (claimed < this.options.maxEvents) return;
    const waiting = await this.redis.zcard(this.pendingKey(tenantId, email));
    if (waiting > 0) {
      await enqueue(this.queue, 'operatorEmail', { tenantId, email });
    }
  }

  async pendingCount(tenantId: string, email: string): Promise<number> {
    return this.redis.zcard(this.pendingKey(tenantId, email));
  }
}
