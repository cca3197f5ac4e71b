import { randomUUID } from 'node:crypto';
import { createRedis } from '@bounce/queue';
import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FetchCoordinator } from './fetch-coordinator.js';
import { RedisLock } from './redis-lock.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = `test-coord-${randomUUID()}`;

afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FetchCoordinator', () => {
  it('runs one fetch per mailbox at a time, and re-runs once for requests made meanwhile', async () => {
    const coordinator = new FetchCoordinator(redis, prefix, 5_000);
    const mailboxId = randomUUID();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const fetch = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      runs += 1;
      await sleep(150);
      running -= 1;
      return runs;
    };
    const first = coordinator.run(mailboxId, fetch);
    await sleep(30);
    // Two requests while the first runs (another process's job, an IDLE trigger): both absorbed into one re-run.
    const [second, third] = await Promise.all([coordinator.run(mailboxId, fetch), coordinator.run(mailboxId, fetch)]);
    expect(second).toEqual({ ran: false, reason: 'another-fetch-running' });
    expect(third).toEqual({ ran: false, reason: 'another-fetch-running' });
    const done = await first;
    expect(done).toEqual({ ran: true, results: [1, 2] });
    expect(maxRunning).toBe(1);
    // Another mailbox is independent.
    expect(await coordinator.run(randomUUID(), async () => 'x')).toEqual({ ran: true, results: ['x'] });
    expect(await redis.exists(coordinator.lockKey(mailboxId), coordinator.pendingKey(mailboxId))).toBe(0);
  });

  it('a lease that expires (holder stalled past its ttl) aborts the holder', async () => {
    const key = `${prefix}:lock-${randomUUID()}`;
    const lock = await RedisLock.acquire(redis, key, 300);
    expect(lock).not.toBeNull();
    expect(await RedisLock.acquire(redis, key, 300)).toBeNull();
    // Someone else takes the key (as after an expiry); the next renewal notices and aborts.
    await redis.set(key, 'other-holder');
    await sleep(250);
    expect(lock!.signal.aborted).toBe(true);
    await lock!.release();
    expect(await redis.get(key)).toBe('other-holder'); // release never deletes another holder's lease
  });
});
