/**
 * The bookkeeping every private server set shares (Redis Cluster, Sentinel, PgBouncer, Prometheus): one temp
 * directory per start, the processes started in it, a watchdog that cleans up after a crashed test process, an exit
 * hook as last resort, and an idempotent stop. Mail servers keep their own (older, Postfix-specific) variant.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndRemoveSync, type ServerProcess, spawnServer, spawnWatchdog, stopServer } from './processes.js';

export type SpawnOptions = {
  /** Ports the process listens on: stop() waits until they are closed. */
  ports: number[];
  /** Run as this uid/gid (PgBouncer refuses to run as root). */
  uid?: number;
  gid?: number;
};

export type GroupProcess = ServerProcess & { ports: number[]; logFile: string };

export type ServerGroup = {
  dir: string;
  spawn: (name: string, command: string, args: string[], options: SpawnOptions) => GroupProcess;
  /** SIGKILL one process (a crash) and wait until its ports are closed; it stays out of stop(). */
  kill: (process: GroupProcess) => Promise<void>;
  /** Stops every process still running (in reverse start order) and removes the directory. Idempotent. */
  stop: () => Promise<void>;
};

const live = new Set<{ pids: Set<number>; dir: string }>();
let exitHookInstalled = false;

export async function createServerGroup(label: string): Promise<ServerGroup> {
  const dir = await mkdtemp(join(tmpdir(), `bounce-${label}-`));
  // Servers that drop root (PgBouncer as postgres) must still reach their config and log files.
  await chmod(dir, 0o755);
  const entry = { pids: new Set<number>(), dir };
  live.add(entry);
  installExitHook();
  const processes: GroupProcess[] = [];
  let watchdog: ReturnType<typeof spawnWatchdog> | undefined;
  let stopping: Promise<void> | undefined;

  const rewatch = () => {
    if (watchdog?.pid) signal(watchdog.pid);
    watchdog = spawnWatchdog([...entry.pids], dir);
  };

  return {
    dir,
    spawn(name, command, args, options) {
      const logFile = join(dir, `${name}.log`);
      const server = spawnServer(name, command, args, logFile, { uid: options.uid, gid: options.gid });
      const proc: GroupProcess = { ...server, ports: options.ports, logFile };
      processes.push(proc);
      if (server.child.pid !== undefined) entry.pids.add(server.child.pid);
      rewatch();
      return proc;
    },
    async kill(proc) {
      const pid = proc.child.pid;
      if (pid !== undefined) {
        const exited = new Promise<void>((resolve) => {
          if (proc.exited() !== undefined) resolve();
          else proc.child.once('exit', () => resolve());
        });
        signal(pid, 'SIGKILL');
        await exited;
        entry.pids.delete(pid);
      }
      await stopServer(proc, proc.ports, 1_000);
    },
    stop() {
      stopping ??= (async () => {
        if (watchdog?.pid) signal(watchdog.pid);
        for (const proc of [...processes].reverse()) await stopServer(proc, proc.ports, 3_000);
        live.delete(entry);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function signal(pid: number, name: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const entry of live) killAndRemoveSync([...entry.pids], entry.dir);
  });
}
