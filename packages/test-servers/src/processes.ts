import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, fchownSync, openSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { waitForPort } from './ports.js';

const execFileAsync = promisify(execFile);

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(output ? `${message}\n${output}` : message);
  }
}

/** Runs a command to completion; a non-zero exit is a CommandError carrying stdout and stderr. */
export async function run(command: string, args: string[], options: { timeoutMs?: number } = {}): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { timeout: options.timeoutMs ?? 30_000 });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new CommandError(
      `${command} ${args.join(' ')} failed: ${e.message}`,
      `${e.stdout ?? ''}${e.stderr ?? ''}`.trim(),
    );
  }
}

/**
 * `postfix check` and friends print nothing and exit non-zero when they have no terminal (pitfall 1 of the recipe):
 * `script` gives them one, so their errors reach the caller.
 */
export function runWithTerminal(commandLine: string, options: { timeoutMs?: number } = {}): Promise<string> {
  return run('script', ['-qec', commandLine, '/dev/null'], options);
}

export type ServerProcess = {
  name: string;
  child: ChildProcess;
  /** Set once the process exited (code or signal), so waits can stop early with a useful message. */
  exited: () => string | undefined;
};

/** Starts a long-running server in the foreground, its output appended to `logFile`. */
export function spawnServer(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  options: { uid?: number | undefined; gid?: number | undefined } = {},
): ServerProcess {
  const fd = openSync(logFile, 'a');
  if (options.uid !== undefined) fchownSync(fd, options.uid, options.gid ?? options.uid);
  // Its own process group, so stop() can also reach children the master left behind.
  const child = spawn(command, args, {
    stdio: ['ignore', fd, fd],
    detached: true,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  closeSync(fd);
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `${name} exited (${signal ?? `code ${code}`})`;
  });
  child.once('error', (err) => {
    exit = `${name} could not start: ${err.message}`;
  });
  return { name, child, exited: () => exit };
}

/**
 * Stops a server by the PID we spawned (the real master, not a wrapper: pitfall 5): SIGTERM, SIGKILL after
 * `graceMs`, then SIGKILL to whatever is left of its process group. A Postfix smtpd that outlives its master keeps
 * the inherited listening socket and answers on the port, so the stop ends by waiting for every port to close.
 */
export async function stopServer(server: ServerProcess, ports: number[], graceMs = 5_000): Promise<void> {
  const { child } = server;
  const pid = child.pid;
  if (pid === undefined) return;
  if (server.exited() === undefined) {
    const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
    signal(pid, 'SIGTERM');
    const inTime = await Promise.race([
      exited,
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
    ]);
    if (!inTime) signal(pid, 'SIGKILL');
  }
  signal(-pid, 'SIGKILL');
  for (const port of ports) await waitForPort(port, { open: false, timeoutMs: graceMs }).catch(() => {});
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone (ESRCH)
  }
}

/**
 * A detached shell that outlives a crashed test process: when the process that started the servers dies without
 * calling stop() (a killed vitest worker), it stops the servers and removes the run directory.
 */
export function spawnWatchdog(pids: number[], dir: string): ChildProcess {
  const script = [
    'parent=$1; dir=$2; shift 2',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    'for p in "$@"; do kill -TERM "$p" 2>/dev/null; done; sleep 3',
    'for p in "$@"; do kill -KILL -- "-$p" 2>/dev/null; done',
    'rm -rf "$dir"',
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'watchdog', String(process.pid), dir, ...pids.map(String)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child;
}

/** The last lines of a log file, for error messages ('' when it does not exist). */
export function tailFile(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Synchronous last-resort cleanup for process exit (no awaiting possible there). */
export function killAndRemoveSync(pids: (number | undefined)[], dir: string | undefined): void {
  for (const pid of pids) if (pid !== undefined) signal(-pid, 'SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
}
