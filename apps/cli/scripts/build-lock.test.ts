import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_LOCK_MS, withBuildLock } from './build-lock.mjs';

const LOCK_MODULE = pathToFileURL(join(import.meta.dirname, 'build-lock.mjs')).href;

let dir: string;
let lock: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-build-lock-'));
  lock = join(dir, '.build.lock');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `node` with a script that holds the lock while it logs its start and end to `log`. */
function holder(name: string, log: string) {
  const script = `
    import { appendFileSync } from 'node:fs';
    import { setTimeout as sleep } from 'node:timers/promises';
    import { withBuildLock } from ${JSON.stringify(LOCK_MODULE)};
    await withBuildLock(${JSON.stringify(lock)}, async () => {
      appendFileSync(${JSON.stringify(log)}, 'start ${name}\\n');
      await sleep(200);
      appendFileSync(${JSON.stringify(log)}, 'end ${name}\\n');
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
  return new Promise<number | null>((done) => child.on('exit', done));
}

describe('withBuildLock', { timeout: 60_000 }, () => {
  it('lets one process build at a time, and releases the lock after', async () => {
    const log = join(dir, 'builds.log');
    expect(await Promise.all([holder('a', log), holder('b', log), holder('c', log)])).toEqual([0, 0, 0]);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(6);
    // Each start is followed by its own end: no build ran inside another.
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace('start', 'end'));
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a holder that is alive, and releases the lock when the work fails', async () => {
    await writeFile(lock, `${process.pid}\n`);
    let ran = false;
    const waiting = withBuildLock(lock, async () => {
      ran = true;
      throw new Error('build failed');
    });
    await sleep(500);
    expect(ran).toBe(false);
    await rm(lock);
    await expect(waiting).rejects.toThrow('build failed');
    expect(ran).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process is gone, or older than any build', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lock, `${gone}\n`);
    expect(await withBuildLock(lock, async () => 'built')).toBe('built');
    await writeFile(lock, `${process.pid}\n`);
    const long = new Date(Date.now() - ABANDONED_LOCK_MS - 60_000);
    await utimes(lock, long, long);
    expect(await withBuildLock(lock, async () => 'built')).toBe('built');
    expect(existsSync(lock)).toBe(false);
  });
});
