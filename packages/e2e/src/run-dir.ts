/**
 * A temp directory per test run holding the PID file of every process the run started (workers, redis-server) and
 * their data (the private Redis's AOF). A detached watchdog shell kills those processes and removes the directory
 * when the test process dies without cleaning up (a killed vitest worker, a crash in afterAll): CI machines must
 * not collect orphaned workers polling a dropped database.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunDir = {
  path: string;
  /** Records a process for the watchdog (call again after a restart: the file is replaced). */
  track: (name: string, pid: number) => Promise<void>;
  untrack: (name: string) => Promise<void>;
  /** Kills whatever is still tracked and removes the directory. */
  remove: () => Promise<void>;
};

const live = new Set<string>();
let exitHookInstalled = false;

export async function createRunDir(label: string): Promise<RunDir> {
  const path = await mkdtemp(join(tmpdir(), `bounce-e2e-${label}-`));
  live.add(path);
  installExitHook();
  spawnWatchdog(path);
  const pidFile = (name: string) => join(path, `${name}.pid`);
  return {
    path,
    track: (name, pid) => writeFile(pidFile(name), String(pid)),
    untrack: (name) => unlink(pidFile(name)).catch(() => {}),
    remove: async () => {
      killTracked(path);
      live.delete(path);
      await rm(path, { recursive: true, force: true });
    },
  };
}

function killTracked(path: string): void {
  let names: string[];
  try {
    names = readdirSync(path).filter((n) => n.endsWith('.pid'));
  } catch {
    return;
  }
  for (const name of names) {
    try {
      const pid = Number(readFileSync(join(path, name), 'utf8'));
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // untracked meanwhile (the process exited), or already gone
    }
  }
}

function spawnWatchdog(path: string): void {
  const script = [
    'parent=$1; dir=$2',
    'while kill -0 "$parent" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done',
    '[ -d "$dir" ] || exit 0',
    'for f in "$dir"/*.pid; do [ -f "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null; done',
    'rm -rf "$dir"',
  ].join('\n');
  spawn('sh', ['-c', script, 'e2e-watchdog', String(process.pid), path], { detached: true, stdio: 'ignore' }).unref();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort when a suite ends without its afterAll (the watchdog covers a killed process).
  process.once('exit', () => {
    for (const path of live) {
      killTracked(path);
      rmSync(path, { recursive: true, force: true });
    }
  });
}
