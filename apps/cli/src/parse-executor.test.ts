import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type BatchResult, createBatchParser, type ParseJob, type ParseSettings } from './parse-batch.js';
import { AUTO_PARALLEL_THRESHOLD, defaultThreadCount, ParseExecutor, packForTransfer } from './parse-executor.js';

const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/dev/emails');
const FILES = readdirSync(CORPUS_DIR)
  .filter((n) => n.endsWith('.eml'))
  .sort()
  .slice(0, 40);
const SETTINGS: ParseSettings = { format: 'ndjson', parseOptions: {} };

/** Named files, messages already read, and a file that is missing, interleaved. */
function jobs(): ParseJob[] {
  return FILES.flatMap((name, i): ParseJob[] => {
    const path = join(CORPUS_DIR, name);
    const job: ParseJob = i % 2 ? { name, path } : { name: `${name}#raw`, raw: readFileSync(path) };
    return i % 13 === 5 ? [job, { name: 'gone.eml', path: join(CORPUS_DIR, `gone-${i}.eml`) }] : [job];
  });
}

const executors: ParseExecutor[] = [];
afterEach(async () => {
  await Promise.all(executors.splice(0).map((e) => e.close()));
});
function executor(...args: ConstructorParameters<typeof ParseExecutor>): ParseExecutor {
  const created = new ParseExecutor(...args);
  executors.push(created);
  return created;
}

describe('ParseExecutor', { timeout: 60_000 }, () => {
  it('parses a small run in place, synchronously', () => {
    const small = executor(SETTINGS, { threads: 2, parallelThreshold: 500 });
    const result = small.run(jobs());
    expect(result).not.toBeInstanceOf(Promise);
    expect(small.isParallel).toBe(false);
    expect(small.inFlightLimit).toBe(1);
  });

  it('gives a large run to parser threads, with the same output and failures as in place', async () => {
    const expected = createBatchParser(SETTINGS)(jobs());
    expect(expected.failures.map((f) => f.stage)).toEqual(['read', 'read', 'read']); // i = 5, 18, 31
    const large = executor(SETTINGS, { threads: 2, parallelThreshold: 500 });
    large.expect(600); // a folder of 600 files was listed
    expect(large.isParallel).toBe(true);
    expect(large.inFlightLimit).toBe(8);
    const batches = [jobs(), jobs(), jobs()];
    const results = await Promise.all(batches.map((b) => large.run(b) as Promise<BatchResult>));
    for (const result of results) expect(result).toEqual(expected);
  });

  it('starts threads once enough messages have been seen, and never with --jobs 1', () => {
    const growing = executor(SETTINGS, { threads: 2, parallelThreshold: 50 });
    expect(growing.run(jobs())).not.toBeInstanceOf(Promise); // 44 jobs
    expect(growing.run(jobs())).toBeInstanceOf(Promise); // 88
    const single = executor(SETTINGS, { threads: 1, parallelThreshold: 50 });
    single.expect(10_000);
    expect(single.run(jobs())).not.toBeInstanceOf(Promise);
    expect(single.isParallel).toBe(false);
  });
});

describe('when threads start by default', () => {
  it('from 500 messages when threads were asked for, only for far larger runs when the command chooses', () => {
    const asked = executor(SETTINGS, { threads: 2 });
    asked.expect(499);
    expect(asked.isParallel).toBe(false);
    asked.expect(1);
    expect(asked.isParallel).toBe(true);
    // Chosen by the command (whatever this machine's cores and load): a run of some thousand messages stays in the
    // main thread, where the threads' own start-up and JIT warm-up would cost a third more CPU.
    const chosen = executor(SETTINGS);
    chosen.expect(AUTO_PARALLEL_THRESHOLD - 1);
    expect(chosen.isParallel).toBe(false);
    expect(AUTO_PARALLEL_THRESHOLD).toBeGreaterThan(10_000);
  });
});

describe('defaultThreadCount', () => {
  it('counts the cores that other work leaves idle, at least one, at most 16', () => {
    expect(defaultThreadCount(2, 0.1)).toBe(2); // an idle 2-core machine
    expect(defaultThreadCount(2, 0.9)).toBe(1); // one core busy elsewhere: a second thread would share it
    expect(defaultThreadCount(2, 14)).toBe(1); // a shared machine, overloaded
    expect(defaultThreadCount(8, 2.4)).toBe(6);
    expect(defaultThreadCount(64, 0)).toBe(16);
    expect(defaultThreadCount(4, 0)).toBe(4); // no load average (Windows): every core
  });
});

describe('packForTransfer', () => {
  it('copies the messages of a batch into one buffer of their own, leaving named files alone', () => {
    const shared = Buffer.from('Subject: a\n\nfirst\nSubject: b\n\nsecond\n');
    const batch: ParseJob[] = [
      { name: 'a', raw: shared.subarray(0, 18) },
      { name: 'f', path: '/x/f.eml' },
      { name: 'b', raw: shared.subarray(18) },
    ];
    const { jobs: packed, transfer } = packForTransfer(batch);
    expect(transfer).toHaveLength(1);
    expect(packed[1]).toBe(batch[1]);
    const raws = packed.flatMap((j) => ('raw' in j ? [j.raw] : []));
    expect(raws.map((r) => Buffer.from(r).toString())).toEqual(['Subject: a\n\nfirst\n', 'Subject: b\n\nsecond\n']);
    expect(raws.every((r) => r.buffer === transfer[0])).toBe(true);
    expect(transfer[0]).not.toBe(shared.buffer);
    expect(packForTransfer([{ name: 'f', path: '/x' }]).transfer).toEqual([]);
  });
});
