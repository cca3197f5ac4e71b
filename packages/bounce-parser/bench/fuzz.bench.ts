/**
 * Fuzz benchmark: `pnpm bench:fuzz [--messages N] [--seed S]` from the repository root. Parses N (default 100,000)
 * mutated messages and prints how many threw, how many took over 100 ms, and the 10 slowest (CPU and wall time,
 * with what was done to which seed). Prints figures only; nothing here asserts on time (the robustness and
 * hostile-input tests assert behaviour).
 *
 * Seeds: the dev corpus (../shared/corpus/dev/emails) and every .eml of the parser's test corpora. Mutations are
 * the damage mail suffers in transit and storage (truncation, flipped bytes, lost, repeated or swapped lines,
 * rewritten line endings, spliced messages) and the shapes that make pattern matching super-linear (long runs of
 * one character or token inserted anywhere, up to the 2 MB input cap). Deterministic for a given seed.
 * `--dump DIR` writes every message over `--dump-over MS` of CPU (default 100) to DIR/<index>.eml, for profiling
 * (`node --cpu-prof --import tsx ...` on one of them).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBounce } from '../src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');
const SEED_DIRS = [resolve(REPO_ROOT, '../shared/corpus/dev/emails'), resolve(HERE, '../test')];
const SLOW_MS = 100;
const CAP = 2 * 1024 * 1024;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    messages: { type: 'string' },
    seed: { type: 'string' },
    dump: { type: 'string' },
    'dump-over': { type: 'string' },
  },
});
const COUNT = Number(values.messages ?? 100_000);
const DUMP_OVER_MS = Number(values['dump-over'] ?? SLOW_MS);
let state = Number(values.seed ?? 0x9e3779b9) >>> 0 || 1;

/** xorshift32: fast and reproducible. */
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

function emlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...emlFiles(path));
    else if (name.endsWith('.eml')) out.push(path);
  }
  return out;
}

const seeds = SEED_DIRS.flatMap(emlFiles).map((path) => ({
  name: path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1),
  text: readFileSync(path).toString('latin1'),
}));

/** Characters and tokens that patterns over addresses, dates, SMTP transcripts and MIME tend to loop on. */
const RUN_UNITS = [
  '@',
  ' ',
  '\t',
  '-',
  '<',
  '>',
  '\r',
  '\n',
  '=',
  ':',
  '.',
  'a',
  '0',
  '"',
  '\\',
  '(',
  '[',
  'ERROR_CODE :',
  'RCPT TO:<',
  'Status: ',
  '550 ',
  '5.1.1 ',
  'a@b.',
  '--',
  '=?utf-8?q?',
  'Final-Recipient: ',
  'host ',
  '\r\n ',
  '@:',
  'o@n',
];

type Mutation = (text: string) => string;
const MUTATIONS: Record<string, Mutation> = {
  truncate: (t) => t.slice(0, int(t.length + 1)),
  'flip bytes': (t) => {
    const chars = t.split('');
    for (let i = 1 + int(8); i > 0 && chars.length > 0; i--) chars[int(chars.length)] = String.fromCharCode(int(256));
    return chars.join('');
  },
  'drop line': (t) => {
    const lines = t.split('\n');
    lines.splice(int(lines.length), 1);
    return lines.join('\n');
  },
  'repeat line': (t) => {
    const lines = t.split('\n');
    const at = int(lines.length);
    lines.splice(at, 0, ...new Array<string>(1 + int(200)).fill(lines[at] ?? ''));
    return lines.join('\n');
  },
  'swap lines': (t) => {
    const lines = t.split('\n');
    const a = int(lines.length);
    const b = int(lines.length);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join('\n');
  },
  'line endings': (t) => (random() < 0.5 ? t.replace(/\r\n/g, '\n') : t.replace(/\r?\n/g, pick(['\r\n', '\r']))),
  splice: (t) => {
    const other = pick(seeds).text;
    return t.slice(0, int(t.length)) + other.slice(int(other.length));
  },
  'insert run': (t) => {
    // Mostly short runs; one in 20 long (64 KB - 2 MB), where a super-linear pattern shows.
    const size = random() < 0.05 ? 65_536 + int(CAP - 65_536) : 1 + int(4_096);
    const unit = pick(RUN_UNITS);
    const at = int(t.length + 1);
    return t.slice(0, at) + unit.repeat(Math.ceil(size / unit.length)) + t.slice(at);
  },
  'pad header': (t) => {
    const at = t.search(/\n(Status|Last-Attempt-Date|Diagnostic-Code|Final-Recipient|Subject|From):/i);
    if (at === -1) return t;
    const end = t.indexOf('\n', at + 1);
    return `${t.slice(0, end)}${pick([' ', '\t', '@', '(']).repeat(
      1 + int(random() < 0.05 ? CAP / 2 : 2_000),
    )}${t.slice(end)}`;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

type Sample = { index: number; cpuMs: number; wallMs: number; bytes: number; seed: string; mutations: string[] };

console.log(
  `seeds: ${seeds.length} messages; mutated messages: ${COUNT.toLocaleString('en')}; seed ${values.seed ?? '0x9e3779b9'}`,
);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

let exceptions = 0;
const exceptionSamples: string[] = [];
let overCpu = 0;
let overWall = 0;
let totalCpu = 0;
let totalBytes = 0;
const slowest: Sample[] = [];
const started = performance.now();

for (let index = 0; index < COUNT; index++) {
  const seed = pick(seeds);
  const applied: string[] = [];
  let text = seed.text;
  for (let n = 1 + int(3); n > 0; n--) {
    const name = pick(MUTATION_NAMES);
    applied.push(name);
    text = MUTATIONS[name]!(text);
  }
  if (text.length > CAP) text = text.slice(0, CAP);
  const bytes = Buffer.from(text, 'latin1');
  totalBytes += bytes.length;

  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  try {
    parseBounce(bytes);
  } catch (err) {
    exceptions++;
    if (exceptionSamples.length < 5) exceptionSamples.push(`${seed.name} [${applied.join(', ')}]: ${String(err)}`);
  }
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  totalCpu += cpuMs;
  if (cpuMs > SLOW_MS) overCpu++;
  if (values.dump && cpuMs > DUMP_OVER_MS) {
    mkdirSync(values.dump, { recursive: true });
    writeFileSync(join(values.dump, `${index}.eml`), bytes);
  }
  if (wallMs > SLOW_MS) overWall++;
  if (slowest.length < 10 || cpuMs > slowest[slowest.length - 1]!.cpuMs) {
    slowest.push({ index, cpuMs, wallMs, bytes: bytes.length, seed: seed.name, mutations: applied });
    slowest.sort((a, b) => b.cpuMs - a.cpuMs);
    slowest.length = Math.min(slowest.length, 10);
  }
  if ((index + 1) % 20_000 === 0) {
    console.log(`  ${(index + 1).toLocaleString('en')} parsed, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

const seconds = (performance.now() - started) / 1000;
console.log('');
console.log(`messages:            ${COUNT.toLocaleString('en')} (${(totalBytes / 1e6).toFixed(0)} MB)`);
console.log(`exceptions:          ${exceptions}`);
for (const s of exceptionSamples) console.log(`  ${s}`);
console.log(`over ${SLOW_MS} ms (CPU):    ${overCpu}`);
console.log(`over ${SLOW_MS} ms (wall):   ${overWall}`);
console.log(`parse CPU total:     ${(totalCpu / 1000).toFixed(1)} s; run ${seconds.toFixed(1)} s wall`);
console.log(
  `load average after:  ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('10 slowest (by CPU time):');
for (const s of slowest) {
  console.log(
    `  #${s.index} cpu ${s.cpuMs.toFixed(1)} ms, wall ${s.wallMs.toFixed(1)} ms, ${(s.bytes / 1024).toFixed(0)} KiB, ${s.seed} [${s.mutations.join(', ')}]`,
  );
}
