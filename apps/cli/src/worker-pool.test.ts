import { afterEach, describe, expect, it } from 'vitest';
import type { TestResult, TestTask } from '../test/pool-test-worker.js';
import { OrderedResults } from './ordered-results.js';
import { workerEntry } from './worker-entry.js';
import { WorkerExitError, WorkerPool, WorkerTaskError } from './worker-pool.js';

/** Workers load TypeScript through tsx here: the first task of each waits for that. */
const TIMEOUT = { timeout: 60_000 };

const pools: WorkerPool<TestTask, TestResult>[] = [];
function pool(size: number, file = '../test/pool-test-worker.ts'): WorkerPool<TestTask, TestResult> {
  const { url, argv } = workerEntry(new URL(file, import.meta.url));
  const created = new WorkerPool<TestTask, TestResult>(url, { size, argv });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', TIMEOUT, () => {
  it('runs tasks on every thread, and the results come back in submission order through OrderedResults', async () => {
    const workers = pool(2);
    const delivered: number[] = [];
    const threads = new Set<number>();
    const results = new OrderedResults<TestResult>(6, (result) => {
      delivered.push(result.value);
      threads.add(result.threadId);
    });
    // Early tasks sleep longest, so they finish last.
    for (let i = 0; i < 24; i++) await results.push(workers.run({ op: 'echo', value: i, sleepMs: 24 - i }));
    await results.drain();
    expect(delivered).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(threads.size).toBe(2);
  });

  it("rejects a task that throws with the worker's error, and goes on with the others", async () => {
    const workers = pool(1);
    const failing = workers.run({ op: 'throw', message: 'bad input' });
    const next = workers.run({ op: 'echo', value: 7 });
    await expect(failing).rejects.toThrow(WorkerTaskError);
    await expect(failing).rejects.toThrow('bad input');
    await expect(next).resolves.toMatchObject({ value: 7 });
    expect(workers.size).toBe(1);
  });

  it('rejects the tasks of a worker that dies, replaces it, and runs later tasks', async () => {
    const workers = pool(1);
    const first = await workers.run({ op: 'echo', value: 1 });
    const dying = workers.run({ op: 'exit', code: 3 });
    await expect(dying).rejects.toThrow(WorkerExitError);
    await expect(dying).rejects.toThrow('exited with code 3');
    const after = await workers.run({ op: 'echo', value: 2 });
    expect(after.value).toBe(2);
    expect(after.threadId).not.toBe(first.threadId);
    expect(workers.size).toBe(1);
  });

  it('does not restart a worker that cannot start; its tasks fail', async () => {
    const workers = pool(2, '../test/broken-worker.ts');
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map((value) => workers.run({ op: 'echo', value })));
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/this worker cannot start/);
    }
    expect(workers.size).toBe(0);
    await expect(workers.run({ op: 'echo', value: 6 })).rejects.toThrow(/cannot start/);
  });

  it('moves transferred buffers to the worker instead of copying them', async () => {
    const workers = pool(1);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const result = workers.run({ op: 'sum', bytes }, [bytes.buffer]);
    expect(bytes.byteLength).toBe(0); // detached here: it belongs to the worker now
    await expect(result).resolves.toMatchObject({ value: 256 });
  });

  it('rejects unfinished tasks on close', async () => {
    const workers = pool(1);
    const unfinished = Promise.allSettled([
      workers.run({ op: 'echo', value: 1, sleepMs: 200 }),
      workers.run({ op: 'echo', value: 2 }),
    ]);
    await workers.close();
    for (const outcome of await unfinished) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/closed/);
    }
    await expect(workers.run({ op: 'echo', value: 3 })).rejects.toThrow(/closed/);
  });
});
