/**
 * Parser throughput and memory benchmark: `pnpm bench:parser [CORPUS_DIR] [--messages N] [--rounds a,b,c]
 * [--big-mb M]` from the repository root. Prints figures only; nothing here asserts on time.
 *
 * 1. Loads the corpus (default ../shared/corpus/dev/emails from the repository root) into memory, so disk speed is
 *    not measured, and replicates it to N messages (default 5,000) by reference. The parser is pure, but it
 *    remembers the reason of each short diagnostic text it has read (classify/text-memo.ts), so replicas cost a
 *    little less than new messages of the same shape would: a mailbox repeats its servers' wording too, though
 *    less often than a replicated corpus does.
 * 2. Warms up (the JIT needs a few thousand calls before the figures settle).
 * 3. Parses the N messages in this one process on one thread: messages/s, MB/s (10^6 bytes of input), CPU time.
 * 4. Rounds of growing size (default N, 2N, 4N): RSS after each must stay flat (no per-message leak or growth).
 * 5. Synthetic 50 MB messages (a DSN returning a huge attachment, and one enormous line): time and RSS growth,
 *    which the per-message work cap keeps small.
 *
 * For a strictly single-core figure (GC helper threads included) run it under `taskset -c 0`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type ParseResult, parseBounce } from '../src/index.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_CORPUS = resolve(REPO_ROOT, '../shared/corpus/dev/emails');
const DEFAULT_MESSAGES = 5_000;
const WARMUP_MS = 1_500;
const WARMUP_PARSES = 10_000;
const MB = 1e6;
const MIB = 1024 * 1024;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'), // `pnpm bench:parser -- x` passes the "--" along
  options: {
    messages: { type: 'string' },
    rounds: { type: 'string' },
    'big-mb': { type: 'string' },
  },
  allowPositionals: true,
});

// pnpm runs the script in the package folder; a relative corpus path means relative to where pnpm was started.
const invokedFrom = process.env.INIT_CWD ?? process.cwd();
const corpusDir = positionals[0]
  ? isAbsolute(positionals[0])
    ? positionals[0]
    : resolve(invokedFrom, positionals[0])
  : DEFAULT_CORPUS;
const messageCount = positiveInt(values.messages, DEFAULT_MESSAGES, '--messages');
const rounds = values.rounds
  ? values.rounds.split(',').map((r) => positiveInt(r, 0, '--rounds'))
  : [messageCount, messageCount * 2, messageCount * 4];
const bigMb = positiveInt(values['big-mb'], 50, '--big-mb');

function positiveInt(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error(`${name}: expected a positive whole number, got '${text}'`);
    process.exit(2);
  }
  return n;
}

/**
 * A full collection before reading memory figures, so that they show what is retained rather than when V8 last
 * happened to collect. (The usual way to reach gc() without restarting node with --expose-gc.)
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number): string => `${fmt(bytes / MIB, 1)} MiB`;
/** Peak resident set size of the process so far (getrusage ru_maxrss, KiB on Linux). */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

function loadCorpus(dir: string): Buffer[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.eml'));
  } catch (err) {
    console.error(`cannot read corpus ${dir}: ${(err as Error).message}`);
    process.exit(2);
  }
  if (names.length === 0) {
    console.error(`no .eml files in ${dir}`);
    process.exit(2);
  }
  return names.sort().map((n) => readFileSync(join(dir, n)));
}

/** Keeps results observable so the work cannot be optimised away, and doubles as a sanity figure. */
let recipientsSeen = 0;
function consume(result: ParseResult): void {
  recipientsSeen += result.recipients.length;
}

type RunFigures = { messages: number; bytes: number; seconds: number; cpuSeconds: number };

function parseMany(corpus: Buffer[], count: number): RunFigures {
  let bytes = 0;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const raw = corpus[i % corpus.length]!;
    bytes += raw.length;
    consume(parseBounce(raw));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { messages: count, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Until both limits are reached: on a busy machine a time limit alone leaves the JIT half-warm. */
function warmUp(corpus: Buffer[]): { parses: number; seconds: number } {
  const start = Date.now();
  let parses = 0;
  while (Date.now() - start < WARMUP_MS || parses < WARMUP_PARSES) {
    for (const raw of corpus) consume(parseBounce(raw));
    parses += corpus.length;
  }
  return { parses, seconds: (Date.now() - start) / 1000 };
}

/**
 * A DSN (Postfix-style multipart/report) that returns the original message with a base64 attachment of `size`
 * bytes: the verdict sits in the first kilobytes, the bulk is what the work cap must skip.
 */
function bigDsn(size: number): Buffer {
  const head = [
    'Return-Path: <>',
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'To: sender@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    'Message-ID: <20240101000000.ABC123@mx.example.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BIG.BOUNDARY"',
    '',
    '--BIG.BOUNDARY',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    '--BIG.BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    'Final-Recipient: rfc822; nobody@example.org',
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.example.org',
    'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown',
    '',
    '--BIG.BOUNDARY',
    'Content-Type: message/rfc822',
    '',
    'From: sender@example.com',
    'To: nobody@example.org',
    'Subject: report',
    'Message-ID: <original-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="INNER"',
    '',
    '--INNER',
    'Content-Type: application/octet-stream; name="big.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\r\n');
  const tail = '\r\n--INNER--\r\n\r\n--BIG.BOUNDARY--\r\n';
  const line = `${'QUJD'.repeat(19)}\r\n`; // 76 base64 characters per line (RFC 2045 section 6.8)
  const body = line.repeat(Math.ceil(size / line.length));
  return Buffer.from(head + body + tail, 'latin1');
}

/** The same size as one line without any line break: the worst case for line-oriented scanning. */
function bigLine(size: number): Buffer {
  const buf = Buffer.alloc(size, 0x41);
  buf.write('From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n\r\n', 0, 'latin1');
  return buf;
}

function measureBig(label: string, raw: Buffer): void {
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  const peakBefore = peakRss();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = parseBounce(raw);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const rssAfter = process.memoryUsage.rss();
  const first = result.recipients[0];
  console.log(
    `  ${label.padEnd(24)} ${fmt(raw.length / MB, 1)} MB  ${fmt(ms, 1).padStart(7)} ms ` +
      `(CPU ${fmt((cpu.user + cpu.system) / 1000, 1)} ms)  RSS +${mib(Math.max(0, rssAfter - rssBefore))}, ` +
      `peak +${mib(Math.max(0, peakRss() - peakBefore))}  → ${result.kind}` +
      `${first ? ` ${first.recipient} ${first.status ?? '-'} ${first.reason}` : ''}${result.truncated ? ' (truncated)' : ''}`,
  );
}

const corpus = loadCorpus(corpusDir);
const corpusBytes = corpus.reduce((sum, b) => sum + b.length, 0);
console.log(`corpus: ${corpus.length} messages, ${fmt(corpusBytes / MB, 2)} MB from ${corpusDir}`);
console.log(`node ${process.version}, pid ${process.pid}, RSS at start ${mib(process.memoryUsage.rss())}`);

const warmed = warmUp(corpus);
console.log(`warm-up: ${fmt(warmed.parses)} parses in ${fmt(warmed.seconds, 1)} s`);

const main = parseMany(corpus, messageCount);
console.log(
  `\nparsed ${fmt(main.messages)} messages (${fmt(main.bytes / MB, 1)} MB) in ${fmt(main.seconds, 3)} s: ` +
    `${fmt(main.messages / main.seconds)} messages/s, ${fmt(main.bytes / MB / main.seconds, 1)} MB/s`,
);
// On a shared machine the wall clock includes time spent waiting for a core; CPU time does not.
console.log(
  `CPU time ${fmt(main.cpuSeconds, 3)} s (${fmt((100 * main.cpuSeconds) / main.seconds)}% of one core): ` +
    `${fmt(main.messages / main.cpuSeconds)} messages per CPU second, ${fmt(main.bytes / MB / main.cpuSeconds, 1)} MB per CPU second`,
);
console.log(`peak RSS so far: ${mib(peakRss())}`);

console.log('\nmemory as the message count grows (after a full GC; flat = nothing retained per message):');
for (const count of rounds) {
  const run = parseMany(corpus, count);
  const peak = peakRss();
  collectGarbage();
  const mem = process.memoryUsage();
  console.log(
    `  ${fmt(count).padStart(9)} messages  ${fmt(run.messages / run.seconds).padStart(8)} messages/s ` +
      `(${fmt(run.messages / run.cpuSeconds).padStart(8)} per CPU s)  RSS ${mib(mem.rss).padStart(11)}  ` +
      `heap used ${mib(mem.heapUsed).padStart(10)}  peak RSS ${mib(peak)}`,
  );
}

console.log(`\nsynthetic ${bigMb} MB messages (the input itself is allocated before measuring):`);
measureBig('DSN + base64 attachment', bigDsn(bigMb * MB));
measureBig('one enormous line', bigLine(bigMb * MB));

console.log(`\nrecipients reported in all runs: ${fmt(recipientsSeen)}; final peak RSS ${mib(peakRss())}`);
