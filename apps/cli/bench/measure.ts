/**
 * Runs a command to completion and measures it from outside: wall time, peak resident memory read from
 * /proc/PID/status every 20 ms (VmHWM is the kernel's high-water mark, so a peak between two readings still shows
 * at the next one; only the last 20 ms before exit go unseen), and CPU time (user + system, all threads) read from
 * /proc/PID/stat at the same times: on a shared machine the wall time mostly measures the other people's load, the
 * CPU time what the command itself costs. The CPU time is the growth of this process's children's times (cutime +
 * cstime of /proc/self/stat) over the run when it can be read: exact, and it counts the helpers the bin's shell shims
 * run too (dirname, sed, uname); it assumes one measured command at a time, which is how the benchmark runs them.
 * Otherwise it is the command's own /proc/PID/stat, polled, which misses up to the last 20 ms. Shared by the CLI
 * benchmark and the memory test of large inputs.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

export type Measured = { status: number | null; wallMs: number; peakRssKiB: number; cpuMs: number; stderr: string };

export type MeasureOptions = {
  /** Where stdout goes (a file path); default: /dev/null. */
  stdoutPath?: string;
  /** Fed to the command's stdin (a stream, so that large inputs need not be in memory). */
  stdin?: Readable;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
};

const POLL_MS = 20;
/** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux whatever the kernel's own tick rate). */
const TICKS_PER_SECOND = 100;

function highWaterMarkKiB(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // already gone
  }
}

/** User + system CPU time of a process so far, all its threads (fields 14 and 15 of /proc/PID/stat), or null. */
function cpuTimeMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null; // already gone
  }
}

/** CPU time (user + system) of this process's waited-for children so far (fields 16 and 17), or null. */
function childrenCpuTimeMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null; // not Linux
  }
}

export async function measure(command: string, args: string[], options: MeasureOptions = {}): Promise<Measured> {
  const out = openSync(options.stdoutPath ?? '/dev/null', 'w');
  const childrenBefore = childrenCpuTimeMs();
  const started = process.hrtime.bigint();
  // The bin is a chain of `exec`s (pnpm's shim, bin/bounce, node): the pid is node's in the end.
  const child = spawn(command, args, {
    stdio: [options.stdin ? 'pipe' : 'ignore', out, 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  closeSync(out);
  let peakRssKiB = 0;
  let cpuMs = 0;
  const timer = setInterval(() => {
    if (!child.pid) return;
    peakRssKiB = Math.max(peakRssKiB, highWaterMarkKiB(child.pid));
    cpuMs = cpuTimeMs(child.pid) ?? cpuMs;
  }, POLL_MS);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  if (options.stdin && child.stdin) {
    child.stdin.on('error', () => {}); // the command may stop reading early; its status tells
    options.stdin.pipe(child.stdin);
  }
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  clearInterval(timer);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const childrenAfter = childrenCpuTimeMs();
  if (childrenBefore !== null && childrenAfter !== null) cpuMs = childrenAfter - childrenBefore;
  return { status, wallMs, peakRssKiB, cpuMs, stderr };
}
