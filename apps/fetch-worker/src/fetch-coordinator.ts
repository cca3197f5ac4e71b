import type { RedisConnection } from '@bounce/queue';
import { RedisLock } from './redis-lock.js';

/** Rounds one holder runs back to back when requests keep arriving while it fetches. */
const MAX_ROUNDS = 5;
/** A pending request older than this is stale (its requester's job completed long ago). */
const PENDING_TTL_MS = 10 * 60_000;

export type CoordinatedRun<R> = { ran: true; results: R[] } | { ran: false; reason: 'another-fetch-running' };

/**
 * One fetch per mailbox at a time across every process and machine, without losing a request that arrives while a
 * fetch runs (IDLE saw new mail just after the running fetch listed the folder).
 *
 * - A lease per mailbox (`<prefix>:fetch-lock:<id>`, see RedisLock).
 * - A caller that finds the lease taken sets `<prefix>:fetch-pending:<id>` and tries the lease once more: either it
 *   gets it (the holder released meanwhile) and fetches itself, or the holder has not released yet and will see
 *   the flag, because a holder releases first and checks the flag after. Either way someone fetches after the
 *   request was made.
 * - The holder clears the flag before each round and runs another round while it finds the flag set again.
 */
export class FetchCoordinator {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly lockTtlMs: number,
  ) {}

  lockKey(mailboxId: string): string {
    return `${this.prefix}:fetch-lock:${mailboxId}`;
  }

  pendingKey(mailboxId: string): string {
    return `${this.prefix}:fetch-pending:${mailboxId}`;
  }

  async run<R>(mailboxId: string, fn: (lockSignal: AbortSignal) => Promise<R>): Promise<CoordinatedRun<R>> {
    const results: R[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let lock = await RedisLock.acquire(this.redis, this.lockKey(mailboxId), this.lockTtlMs);
      if (!lock) {
        // After our own release, a new holder started after the request, so it covers it.
        if (round > 0) break;
        await this.redis.set(this.pendingKey(mailboxId), '1', 'PX', PENDING_TTL_MS);
        lock = await RedisLock.acquire(this.redis, this.lockKey(mailboxId), this.lockTtlMs);
        if (!lock) return { ran: false, reason: 'another-fetch-running' };
      }
      try {
        // Everything requested up to now is covered by the fetch that starts now.
        await this.redis.del(this.pendingKey(mailboxId));
        results.push(await fn(lock.signal));
      } finally {
        await lock.release();
      }
      if ((await this.redis.getdel(this.pendingKey(mailboxId))) === null) break;
    }
    return { ran: true, results };
  }
}
