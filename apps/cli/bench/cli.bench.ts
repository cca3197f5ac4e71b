/**
 * Benchmark of the `bounce` command as users run it: node_modules/.bin/bounce at the workspace root, start-up
 * included. `pnpm bench:cli [--files N] [--rounds R] [--mbox-mb M] [CORPUS_DIR]` from the repository root. Prints
 * figures only; nothing here asserts on time.
 *
 * 1. Replicates the corpus (default ../shared/corpus/dev/emails) to N files (default 5,590) in a temporary folder.
 * 2. Start-up: `bounce parse --help` and `bounce parse` of one file (also without the start-up snapshot,
 *    BOUNCE_NO_SNAPSHOT=1), 20 runs each, CPU time (mean) and wall time.
 * 3. `bounce parse --ndjson FOLDER` with its default threads (--jobs auto), with --jobs 1 (with and without the
 *    start-up snapshot) and with one thread per core, and, where Perl and libsisimai-perl are installed, Sisimai on
 *    the same folder (sisimai-driver.pl: one JSON line per message, as `sisimai` prints), in R interleaved rounds
 *    (default 3) so that all see the same machine load; medians of wall time, and of CPU time (which a shared
 *    machine's load distorts much less), the ratios, and what the threads cost in CPU beyond --jobs 1.
 * Every section prints `uptime`, and notes when the load was above 1.5 (figures under load).
 *    Sisimai's absence is noted, not an error (it is a dev-only reference, never a dependency).
 * 4. A large mbox (default 2,048 MB, 0 skips it) made of the corpus messages, streamed through `bounce parse
 *    --ndjson`: messages/s and peak RSS, which must stay flat whatever the size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Measured, measure } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');
const SISIMAI_DRIVER = join(HERE, 'sisimai-driver.pl');
const DEFAULT_CORPUS = resolve(REPO_ROOT, '../shared/corpus/dev/emails');
const STARTUP_RUNS = 20;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    files: { type: 'string', default: '5590' },
    rounds: { type: 'string', default: '3' },
    'mbox-mb': { type: 'string', default: '2048' },
  },
  allowPositionals: true,
});
const invokedFrom = process.env.INIT_CWD ?? process.cwd();
const corpusDir = positionals[0]
  ? isAbsolute(positionals[0])
    ? positionals[0]
    : resolve(invokedFrom, positionals[0])
  : DEFAULT_CORPUS;
const fileCount = wholeNumber(values.files, '--files');
const rounds = wholeNumber(values.rounds, '--rounds');
const mboxMb = wholeNumber(values['mbox-mb'], '--mbox-mb');

function wholeNumber(text: string, name: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`${name}: expected a whole number, got '${text}'`);
    process.exit(2);
  }
  return n;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
/** The `uptime` line (its load averages), as every figure of a shared machine is reported with it. */
const uptime = (): string => {
  const run = spawnSync('uptime', { encoding: 'utf8' });
  if (run.status === 0) return run.stdout.trim().replace(/\s+/g, ' ');
  return `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;
};
/** Above this 1-minute load on this machine, wall times (and, less so, CPU times) say more about the others' work. */
const QUIET_LOAD = 1.5;
const underLoadNote = (): void => {
  const load = loadavg()[0] ?? 0;
  if (load > QUIET_LOAD) {
    console.log(
      `  note: measured under load (1-minute load ${load.toFixed(1)} > ${QUIET_LOAD}): wall times and messages/s ` +
        'include waiting for the other processes; compare the CPU times and the same-run ratios',
    );
  }
};
const lineCount = (path: string): number => {
  const text = readFileSync(path, 'utf8');
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

function check(run: Measured, what: string): void {
  if (run.status !== 0) {
    console.error(`${what} failed with status ${run.status}:\n${run.stderr}`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'bounce-bench-cli-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

// 1. The replicated corpus.
const sources = readdirSync(corpusDir)
  .filter((n) => n.endsWith('.eml'))
  .sort();
if (sources.length === 0) {
  console.error(`no .eml files in ${corpusDir}`);
  process.exit(2);
}
const folder = join(work, 'corpus');
execFileSync('mkdir', [folder]);
let bytes = 0;
for (let i = 0; i < fileCount; i++) {
  const name = sources[i % sources.length]!;
  const copy = join(folder, `r${String(Math.floor(i / sources.length)).padStart(3, '0')}-${name}`);
  copyFileSync(join(corpusDir, name), copy);
  bytes += statSync(copy).size;
}
console.log(`bounce CLI benchmark (${BIN})`);
console.log(`corpus: ${fmt(fileCount)} files, ${fmt(bytes / 1e6, 1)} MB, replicated from ${corpusDir}`);
console.log(`machine: ${availableParallelism()} cores; ${uptime()} at start`);

// The launcher rebuilds a stale bundle on its first start: do that before timing anything.
check(await measure(BIN, ['--version']), 'bounce --version');

// 2. Start-up: the command alone, and the command parsing one message (loading the parser included).
const oneFile = join(folder, readdirSync(folder).sort()[0]!);
/** The command without its start-up snapshot (bin/bounce, src/snapshot-main.ts): the bundle loaded at each start. */
const NO_SNAPSHOT = { ...process.env, BOUNCE_NO_SNAPSHOT: '1' };
const startupCases = [
  { label: 'bounce parse --help', args: ['parse', '--help'] },
  { label: 'bounce parse (1 file)', args: ['parse', '--ndjson', '--jobs', '1', oneFile] },
  { label: '  the same, no snapshot', args: ['parse', '--ndjson', '--jobs', '1', oneFile], env: NO_SNAPSHOT },
];
console.log(`\nstart-up, ${STARTUP_RUNS} runs each (${uptime()}):`);
for (const { label, args, env } of startupCases) {
  const runs: Measured[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const run = await measure(BIN, args, { env });
    check(run, label);
    runs.push(run);
  }
  const cpu = runs.reduce((sum, r) => sum + r.cpuMs, 0) / runs.length; // ticks of 10 ms: the mean, not the median
  console.log(
    `  ${label.padEnd(24)} CPU ${fmt(cpu, 1).padStart(6)} ms (mean)  wall median ${fmt(median(runs.map((r) => r.wallMs)), 1)} ms, ` +
      `min ${fmt(Math.min(...runs.map((r) => r.wallMs)), 1)} ms`,
  );
}
underLoadNote();

// 3. The folder: bounce with its default threads, with one, with one per core; Sisimai; interleaved.
const perl = spawnSync('perl', ['-MSisimai', '-e', 'print Sisimai->version'], { encoding: 'utf8' });
const sisimaiVersion = perl.status === 0 ? perl.stdout.trim() : null;
type Contender = {
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  runs: Measured[];
  lines: number;
  loads: number[];
};
const contender = (label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Contender => ({
  label,
  command,
  args,
  env,
  runs: [],
  lines: 0,
  loads: [],
});
const cores = availableParallelism();
const auto = contender('bounce --jobs auto', BIN, ['parse', '--ndjson', folder]);
const single = contender('bounce --jobs 1', BIN, ['parse', '--ndjson', '--jobs', '1', folder]);
const singleNoSnapshot = contender(
  'bounce --jobs 1, no snapshot',
  BIN,
  ['parse', '--ndjson', '--jobs', '1', folder],
  NO_SNAPSHOT,
);
const perCore =
  cores > 1 ? contender(`bounce --jobs ${cores}`, BIN, ['parse', '--ndjson', '--jobs', String(cores), folder]) : null;
const sisimai = sisimaiVersion ? contender(`Sisimai ${sisimaiVersion}`, 'perl', [SISIMAI_DRIVER, folder]) : null;
const contenders = [auto, single, singleNoSnapshot, perCore, sisimai].filter((c): c is Contender => c !== null);
const output = join(work, 'out.ndjson');
for (let round = 0; round < rounds; round++) {
  for (const c of contenders) {
    c.loads.push(loadavg()[0] ?? 0);
    const run = await measure(c.command, c.args, { stdoutPath: output, env: c.env });
    check(run, c.label);
    c.runs.push(run);
    c.lines = lineCount(output);
  }
}
const wall = (c: Contender): number => median(c.runs.map((r) => r.wallMs));
const cpu = (c: Contender): number => median(c.runs.map((r) => r.cpuMs));
console.log(`\n${fmt(fileCount)} files, median of ${rounds} interleaved rounds (${uptime()}):`);
for (const c of contenders) {
  console.log(
    `  ${c.label.padEnd(28)} ${fmt(wall(c) / 1000, 3).padStart(7)} s  ${fmt((fileCount / wall(c)) * 1000).padStart(7)} ` +
      `messages/s  CPU ${fmt(cpu(c) / 1000, 2).padStart(6)} s, ${fmt((fileCount / cpu(c)) * 1000).padStart(6)} messages ` +
      `per CPU-second  peak RSS ${fmt(median(c.runs.map((r) => r.peakRssKiB)) / 1024, 1)} MiB  (${fmt(c.lines)} lines; ` +
      `load ${c.loads.map((l) => l.toFixed(1)).join(', ')})`,
  );
}
if (perCore) {
  // What the threads cost beyond the work itself (their start-up and each thread's own JIT warm-up).
  console.log(
    `  --jobs ${cores} vs --jobs 1: ${fmt(wall(single) / wall(perCore), 2)}x in wall time, ` +
      `${fmt((cpu(perCore) / cpu(single) - 1) * 100, 0)}% more CPU`,
  );
}
if (sisimai) {
  // On a loaded machine the wall times measure the others' load as much as the commands: CPU time tells their cost.
  console.log(
    `  bounce vs ${sisimai.label} (same run, start-up included): wall time ${fmt(wall(sisimai) / wall(auto), 1)}x ` +
      `(--jobs auto), ${fmt(wall(sisimai) / wall(single), 1)}x (--jobs 1); CPU time ` +
      `${fmt(cpu(sisimai) / cpu(auto), 1)}x (--jobs auto), ${fmt(cpu(sisimai) / cpu(single), 1)}x (--jobs 1)`,
  );
} else {
  // Say why: a probe that failed for another reason (seen once on a loaded machine with Sisimai installed) must not
  // pass for an absent Sisimai.
  const why = perl.error?.message ?? (perl.stderr.trim().split('\n')[0] || `exit status ${perl.status}`);
  console.log(`  Sisimai: skipped (needs perl and libsisimai-perl: apt-get install libsisimai-perl; probe: ${why})`);
}
underLoadNote();

// 4. A large mbox.
if (mboxMb > 0) {
  const mbox = join(work, 'large.mbox');
  const messages = sources.map((n) => readFileSync(join(corpusDir, n)));
  const target = mboxMb * 1024 * 1024;
  const stream = createWriteStream(mbox);
  let written = 0;
  let count = 0;
  while (written < target) {
    const raw = messages[count % messages.length]!;
    // mboxrd: quote "From " lines of the body, end each message with a blank line.
    const body = Buffer.from(raw.toString('latin1').replace(/^(>*From )/gm, '>$1'), 'latin1');
    const chunk = Buffer.concat([
      Buffer.from(`From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n`),
      body,
      Buffer.from(body.at(-1) === 0x0a ? '\n' : '\n\n'),
    ]);
    if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
    written += chunk.length;
    count++;
  }
  await new Promise<void>((r, j) => stream.end((err?: Error | null) => (err ? j(err) : r())));
  console.log(`\nlarge mbox: ${fmt(written / 1024 / 1024)} MiB, ${fmt(count)} messages (${uptime()})`);
  const run = await measure(BIN, ['parse', '--ndjson', mbox], { stdoutPath: output });
  check(run, 'bounce parse (large mbox)');
  const lines = lineCount(output);
  console.log(
    `  bounce (threads)     ${fmt(run.wallMs / 1000, 1)} s  ${fmt((count / run.wallMs) * 1000)} messages/s  ` +
      `${fmt(written / 1e6 / (run.wallMs / 1000))} MB/s  peak RSS ${fmt(run.peakRssKiB / 1024, 1)} MiB  ` +
      `(${fmt(lines)} lines)`,
  );
  rmSync(mbox);
}
console.log(`\nmachine: ${uptime()} at end`);
underLoadNote();
