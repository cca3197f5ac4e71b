import { describe, expect, it } from 'vitest';
import { OrderedResults } from './ordered-results.js';

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether `promise` settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  return settled;
}

describe('OrderedResults', () => {
  it('delivers in submission order whatever order the work finishes in', async () => {
    const delivered: string[] = [];
    const results = new OrderedResults<string>(10, (v) => {
      delivered.push(v);
    });
    const work = ['a', 'b', 'c', 'd'].map(() => deferred<string>());
    for (const w of work) await results.push(w.promise);
    for (const [i, w] of [...work.entries()].reverse()) w.resolve('abcd'[i]!);
    await results.drain();
    expect(delivered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('delivers a ready result at once, without waiting for the queue to fill', async () => {
    const delivered: number[] = [];
    const results = new OrderedResults<number>(100, (v) => {
      delivered.push(v);
    });
    await results.push(1);
    await results.push(Promise.resolve(2));
    expect(delivered).toEqual([1, 2]);
    expect(results.outstanding).toBe(0);
  });

  it('holds the producer back while `limit` results are outstanding (back-pressure)', async () => {
    const results = new OrderedResults<number>(2, () => {});
    const first = deferred<number>();
    await results.push(first.promise); // room for one more
    const blocked = results.push(deferred<number>().promise);
    expect(await settlesSoon(blocked)).toBe(false);
    expect(results.outstanding).toBe(2);
    first.resolve(1);
    expect(await settlesSoon(blocked)).toBe(true);
    expect(results.outstanding).toBe(1);
  });

  it('holds the producer back while the consumer is slow (a full stdout)', async () => {
    const gate = deferred<void>();
    const delivered: number[] = [];
    const results = new OrderedResults<number>(1, async (v) => {
      await gate.promise;
      delivered.push(v);
    });
    const pushing = results.push(1);
    expect(await settlesSoon(pushing)).toBe(false);
    gate.resolve();
    await pushing;
    expect(delivered).toEqual([1]);
  });

  it('rejects push when a delivered result is a rejection, and refuses a limit below 1', async () => {
    const results = new OrderedResults<number>(1, () => {});
    await expect(results.push(Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    expect(() => new OrderedResults<number>(0, () => {})).toThrow(RangeError);
  });
});
