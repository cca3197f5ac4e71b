/**
 * Where the CPU goes during a benchmark: CPU time of every process on the machine (from /proc/<pid>/stat), grouped
 * by a label (worker name, PostgreSQL, Redis, Dovecot, ...), between two snapshots. Children that exited in between
 * (Dovecot's per-connection imap processes, PostgreSQL backends) are counted through their parent's cutime/cstime.
 * PostgreSQL and the shared Redis also serve whatever else runs on the machine: their figures are upper bounds.
 */
import { readdir, readFile } from 'node:fs/promises';

/** USER_HZ (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

export type CpuSnapshot = Map<number, { comm: string; ticks: number; cmdline: string }>;

export async function cpuSnapshot(): Promise<CpuSnapshot> {
  const out: CpuSnapshot = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14-17 of stat(5), here at offsets 11-14.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
      const cmdline = comm === 'node' ? (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ') : '';
      out.set(Number(entry), { comm, ticks, cmdline });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Seconds of CPU per label between two snapshots, largest first. */
export function cpuByLabel(
  before: CpuSnapshot,
  after: CpuSnapshot,
  label: (pid: number, comm: string, cmdline: string) => string,
): [string, number][] {
  const totals = new Map<string, number>();
  for (const [pid, { comm, ticks, cmdline }] of after) {
    const previous = before.get(pid);
    const delta = previous && previous.comm === comm ? ticks - previous.ticks : ticks;
    if (delta <= 0) continue;
    const key = label(pid, comm, cmdline);
    totals.set(key, (totals.get(key) ?? 0) + delta / CLOCK_TICKS_PER_SECOND);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/** Common labels: PostgreSQL, Redis, Dovecot and Postfix by process name. */
export function serviceOf(comm: string): string | null {
  if (comm.startsWith('postgres')) return 'postgresql';
  if (comm.startsWith('redis')) return 'redis';
  if (['dovecot', 'imap', 'imap-login', 'auth', 'anvil', 'log', 'config', 'stats', 'indexer'].includes(comm)) {
    return 'dovecot';
  }
  if (['master', 'smtpd', 'qmgr', 'pickup', 'cleanup', 'trivial-rewrite', 'bounce', 'virtual', 'smtp'].includes(comm)) {
    return 'postfix';
  }
  return null;
}
