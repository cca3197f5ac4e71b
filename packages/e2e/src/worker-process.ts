/**
 * The worker apps as deployed: `node --import tsx src/main.ts` in the app's directory, one child process each, with
 * a plain environment. This runs each app's env validation and main.ts, and keeps the child's PID the worker's own
 * (no tsx CLI parent relaying signals), so `kill -9` hits the worker and /proc/<pid>/status is its memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunDir } from './run-dir.js';

/** The repository root (packages/e2e/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const WORKER_APPS = {
  fetch: 'apps/fetch-worker',
  parse: 'apps/parse-worker',
  rules: 'apps/rules-worker',
  notify: 'apps/notify-worker',
} as const;

export type WorkerName = keyof typeof WORKER_APPS;

/** Every process of the system: the workers and the HTTP apps. */
export const APPS = {
  ...WORKER_APPS,
  api: 'apps/api',
  dashboard: 'apps/dashboard',
  'smtp-relay': 'apps/smtp-relay',
} as const;

export type AppName = keyof typeof APPS;

/** The line runProcess logs once every subsystem is up (packages/runtime lifecycle.ts). */
const STARTED_MARKER = '"process started"';
/** USER_HZ of Linux on every architecture Node runs on here (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;
/** Log lines kept per process for failure messages. */
const LOG_LINES = 300;

export class WorkerProcessError extends Error {
  override readonly name = 'WorkerProcessError';
}

export type WorkerProcessOptions = {
  name: AppName;
  /** The worker's variables; PATH and HOME are added, nothing else of the test's environment leaks in. */
  env: Record<string, string>;
  runDir?: RunDir;
  /** How long start() waits for "process started". Default 60 s (tsx compiles on first start). */
  startTimeoutMs?: number;
  /** Extra node flags before the entry point (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Sees every line the process writes to stdout or stderr (only the last few hundred are kept). */
  onLine?: (line: string) => void;
};

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export class WorkerProcess {
  readonly name: AppName;
  env: Record<string, string>;
  private child: ChildProcess | undefined;
  private exited: Promise<ExitInfo> | undefined;
  private exitInfo: ExitInfo | undefined;
  private readonly lines: string[] = [];
  /** Peak RSS (VmHWM) of earlier incarnations, kept across restarts. */
  private peakOfPrevious = 0;
  starts = 0;

  constructor(private readonly options: WorkerProcessOptions) {
    this.name = options.name;
    this.env = options.env;
  }

  get pid(): number | undefined {
    return this.isRunning() ? this.child?.pid : undefined;
  }

  isRunning(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  /** Spawns the process and resolves once it logged "process started"; rejects with its output if it exits first. */
  async start(): Promise<void> {
    if (this.isRunning()) throw new WorkerProcessError(`${this.name} worker is already running`);
    this.exitInfo = undefined;
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
      cwd: join(REPO_ROOT, APPS[this.name]),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const generation = this.starts;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        if (this.options.runDir) void this.options.runDir.untrack(`worker-${this.name}`);
        this.log(`[e2e] ${this.name} worker (start ${generation}) exited: ${signal ?? `code ${code}`}`);
        resolve(this.exitInfo);
      });
    });
    if (child.pid !== undefined) await this.options.runDir?.track(`worker-${this.name}`, child.pid);

    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        this.log(line);
        this.options.onLine?.(line);
        if (line.includes(STARTED_MARKER)) started();
      });
    }
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      isStarted.then(() => 'started' as const),
      this.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (outcome !== 'started') {
      if (outcome === 'timeout') await this.kill();
      throw new WorkerProcessError(
        `${this.name} worker did not start (${outcome === 'timeout' ? `no "process started" within ${timeoutMs} ms` : 'exited'})\n${this.logs(60)}`,
      );
    }
  }

  /** Sends a signal (default SIGKILL: a crash, nothing runs after it) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitInfo | undefined> {
    if (!this.isRunning()) return this.exitInfo;
    this.peakOfPrevious = Math.max(this.peakOfPrevious, (await this.currentPeakRss()) ?? 0);
    this.child!.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM: in-flight jobs finish or are handed back), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 35_000): Promise<ExitInfo | undefined> {
    if (!this.isRunning()) return this.exitInfo;
    this.peakOfPrevious = Math.max(this.peakOfPrevious, (await this.currentPeakRss()) ?? 0);
    this.child!.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      this.exited!.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      this.log(`[e2e] ${this.name} worker did not stop within ${timeoutMs} ms, killing it`);
      this.child!.kill('SIGKILL');
    }
    return this.exited;
  }

  /** kill -9, then a fresh start with the same environment. */
  async crashAndRestart(): Promise<void> {
    await this.kill('SIGKILL');
    await this.start();
  }

  /**
   * Peak resident memory in bytes (VmHWM of /proc/<pid>/status, the kernel's high-water mark), the maximum over
   * every start of this worker. Read it before the last stop: the value leaves with the process.
   */
  async peakRssBytes(): Promise<number> {
    return Math.max(this.peakOfPrevious, (await this.currentPeakRss()) ?? 0);
  }

  private async currentPeakRss(): Promise<number | null> {
    const pid = this.pid;
    if (pid === undefined) return null;
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
      return kb === undefined ? null : Number(kb) * 1024;
    } catch {
      return null;
    }
  }

  /** CPU time (user + system) the running process has used, in seconds (/proc/<pid>/stat; null when not running). */
  async cpuSeconds(): Promise<number | null> {
    const pid = this.pid;
    if (pid === undefined) return null;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15, in clock ticks (100/s).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return null;
    }
  }

  /** The last log lines (JSON from pino), for failure messages. */
  logs(count = 80): string {
    return this.lines
      .slice(-count)
      .map((l) => `${this.name} | ${l}`)
      .join('\n');
  }

  /** Log lines seen so far (all incarnations, at most the last few hundred) that contain `text`. */
  logLinesMatching(text: string): string[] {
    return this.lines.filter((l) => l.includes(text));
  }

  private log(line: string): void {
    this.lines.push(line);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }
}
