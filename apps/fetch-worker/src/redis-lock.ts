import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '@bounce/queue';

/** Deletes or extends the key only while it still holds our token: never release or extend another holder's lock. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export class LockLostError extends Error {
  override readonly name = 'LockLostError';
}

/**
 * A lease in Redis (SET NX PX with a random token), renewed every ttl/3 while held. It works across processes and
 * machines, and a holder that dies stops renewing, so the lease frees itself after `ttlMs`. When a renewal finds
 * the lease gone (Redis restarted, the process stalled longer than the ttl), `signal` aborts so the holder stops
 * instead of running beside a new holder.
 */
export class RedisLock {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private released = false;

  private constructor(
    private readonly redis: RedisConnection,
    readonly key: string,
    private readonly token: string,
    private readonly ttlMs: number,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  /** The lock, or null when someone else holds it. */
  static async acquire(redis: RedisConnection, key: string, ttlMs: number): Promise<RedisLock | null> {
    const token = randomUUID();
    const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? new RedisLock(redis, key, token, ttlMs) : null;
  }

  /** Aborted when the lease was lost. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private async renew(): Promise<void> {
    if (this.released) return;
    try {
      const extended = await this.redis.eval(EXTEND_SCRIPT, 1, this.key, this.token, String(this.ttlMs));
      if (extended !== 1) this.lose(new LockLostError(`lock ${this.key} was lost`));
    } catch (err) {
      // Redis unreachable: the lease may expire meanwhile; keep trying until it is confirmed lost.
      if (this.released) return;
      void err;
    }
  }

  private lose(err: Error): void {
    clearInterval(this.timer);
    if (!this.controller.signal.aborted) this.controller.abort(err);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    try {
      await this.redis.eval(RELEASE_SCRIPT, 1, this.key, this.token);
    } catch {
      // Unreachable Redis: the lease expires by itself after ttl.
    }
  }
}
