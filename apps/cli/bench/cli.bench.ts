/**
 * Benchmark of the `bounce` command as users run it: node_modules/.bin/bounce at the workspace root, start-up
 * included. `pnpm bench:cli [--files N] [--rounds R] [--mbox-mb M] [CORPUS_DIR]` from the repository root. Prints
 * figures only; nothing here asserts on time.
 *
 * 1. Replicates the corpus (default ../shared/corpus/dev/emails) to N files (default 5,590) in a temporary folder.
 * 2. Start-up: `bounce parse --help`, 20 runs.
 * 3. `bounce parse --ndjson FOLDER` with parser threads (the default) and with --jobs 1, and, where Perl and
 *    libsisimai-perl are installed, Sisimai on the same folder (sisimai-driver.pl: one JSON line per message, as
 *    `sisimai` prints), in R interleaved rounds (default 3) so that all three see the same machine load; medians
 *    of wall time, and of CPU time (which a shared machine's load distorts much less).
 *    Sisimai's absence is noted, not an error (it is a dev-only reference, never a dependency).
 * 4. A large mbox (default 2,048 MB, 0 skips it) made of the corpus messages, streamed through `bounce parse
 *    --ndjson`: messages/s and peak RSS, which must stay flat whatever the size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
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
console.log(`machine: load average ${load()} at start`);

// The launcher rebuilds a stale bundle on its first start: do that before timing anything.
check(await measure(BIN, ['--version']), 'bounce --version');

// 2. Start-up.
const startups: number[] = [];
for (let i = 0; i < STARTUP_RUNS; i++) {
  const run = await measure(BIN, ['parse', '--help']);
  check(run, 'bounce parse --help');
  startups.push(run.wallMs);
}
console.log(
  `\nstart-up (bounce parse --help, ${STARTUP_RUNS} runs): median ${fmt(median(startups), 1)} ms, ` +
    `min ${fmt(Math.min(...startups), 1)} ms`,
);

// 3. The folder: threads, one thread, Sisimai, interleaved.
const perl = spawnSync('perl', ['-MSisimai', '-e', 'print Sisimai->version'], { encoding: 'utf8' });
const sisimaiVersion = perl.status === 0 ? perl.stdout.trim() : null;
type Contender = { label: string; command: string; args: string[]; runs: Measured[]; lines: number };
const contenders: Contender[] = [
  { label: 'bounce (threads)', command: BIN, args: ['parse', '--ndjson', folder], runs: [], lines: 0 },
  { label: 'bounce --jobs 1', command: BIN, args: ['parse', '--ndjson', '--jobs', '1', folder], runs: [], lines: 0 },
];
if (sisimaiVersion) {
  contenders.push({
    label: `Sisimai ${sisimaiVersion}`,
    command: 'perl',
    args: [SISIMAI_DRIVER, folder],
    runs: [],
    lines: 0,
  });
}
const output = join(work, 'out.ndjson');
for (let round = 0; round < rounds; round++) {
  for (const contender of contenders) {
    const run = await measure(contender.command, contender.args, { stdoutPath: output });
    check(run, contender.label);
    contender.runs.push(run);
    contender.lines = lineCount(output);
  }
}
console.log(`\n${fmt(fileCount)} files, median of ${rounds} interleaved rounds:`);
for (const c of contenders) {
  const wall = median(c.runs.map((r) => r.wallMs));
  console.log(
    `  ${c.label.padEnd(20)} ${fmt(wall / 1000, 3).padStart(7)} s  ${fmt((fileCount / wall) * 1000).padStart(7)} ` +
      `messages/s  CPU ${fmt(median(c.runs.map((r) => r.cpuMs)) / 1000, 2)} s  ` +
      `peak RSS ${fmt(median(c.runs.map((r) => r.peakRssKiB)) / 1024, 1)} MiB  (${fmt(c.lines)} lines)`,
  );
}
const bounceWall = median(contenders[0]!.runs.map((r) => r.wallMs));
const singleWall = median(contenders[1]!.runs.map((r) => r.wallMs));
console.log(`  threads vs --jobs 1: ${fmt(singleWall / bounceWall, 2)}x`);
if (sisimaiVersion) {
  const sisimaiWall = median(contenders[2]!.runs.map((r) => r.wallMs));
  console.log(
    `  bounce vs Sisimai ${sisimaiVersion}: ${fmt(sisimaiWall / bounceWall, 1)}x faster ` +
      `(--jobs 1: ${fmt(sisimaiWall / singleWall, 1)}x), start-up included`,
  );
  // On a loaded machine the wall times measure the others' load as much as the commands: CPU time tells their cost.
  const cpu = (c: Contender): number => median(c.runs.map((r) => r.cpuMs));
  console.log(
    `  CPU time: Sisimai ${fmt(cpu(contenders[2]!) / 1000, 2)} s, ${fmt(cpu(contenders[2]!) / cpu(contenders[0]!), 1)}x ` +
      `the threads' and ${fmt(cpu(contenders[2]!) / cpu(contenders[1]!), 1)}x --jobs 1's`,
  );
} else {
  // Say why: a probe that failed for another reason (seen once on a loaded machine with Sisimai installed) must not
  // pass for an absent Sisimai.
  const why = perl.error?.message ?? (perl.stderr.trim().split('\n')[0] || `exit status ${perl.status}`);
  console.log(`  Sisimai: skipped (needs perl and libsisimai-perl: apt-get install libsisimai-perl; probe: ${why})`);
}

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
  console.log(`\nlarge mbox: ${fmt(written / 1024 / 1024)} MiB, ${fmt(count)} messages; load average ${load()}`);
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
console.log(`\nmachine: load average ${load()} at end`);
