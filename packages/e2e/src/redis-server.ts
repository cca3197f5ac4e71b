/**
 * A private redis-server for the fault tests, on a free localhost port with its own data directory: the machine's
 * Redis at 6379 serves other test files and must never be restarted. Configured as the README asks production to
 * run it (AOF persistence, noeviction), so a kill -9 and restart keeps every acknowledged job.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getFreePort, waitForPort } from '@bounce/test-servers';
import type { RunDir } from './run-dir.js';

export type PrivateRedis = {
  port: number;
  url: string;
  /** Crash: SIGKILL, and wait until the port is closed. */
  kill: () => Promise<void>;
  /** Start again on the same port and data directory (replays the AOF). */
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startPrivateRedis(runDir: RunDir, options: { port?: number } = {}): Promise<PrivateRedis> {
  const port = options.port ?? (await getFreePort());
  const dir = join(runDir.path, 'redis');
  await mkdir(dir, { recursive: true });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--logfile',
        join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    const current = child;
    let exitText: string | undefined;
    exited = new Promise((resolve) => {
      current.once('exit', (code, signal) => {
        exitText = `redis-server exited (${signal ?? `code ${code}`}), see ${join(dir, 'redis.log')}`;
        void runDir.untrack('redis');
        resolve();
      });
      current.once('error', (err) => {
        exitText = `redis-server could not start (${err.message}): the fault tests need the redis-server binary (Debian package redis-server)`;
        resolve();
      });
    });
    if (current.pid !== undefined) await runDir.track('redis', current.pid);
    await waitForPort(port, { open: true, timeoutMs: 15_000, isAborted: () => exitText });
  };

  const kill = async () => {
    child?.kill('SIGKILL');
    await exited;
    await waitForPort(port, { open: false, timeoutMs: 10_000 });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    stop: async () => {
      child?.kill('SIGTERM');
      await exited;
    },
  };
}
