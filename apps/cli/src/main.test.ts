/**
 * End-to-end tests of the `bounce` command: spawn the compiled command as users run it (node_modules/.bin/bounce at
 * the workspace root, which rebuilds dist/bounce.js first if the sources changed) on temporary files, folders,
 * Maildirs, mboxes and standard input, and compare its output with the library's own verdicts, and the output of
 * its parser threads with the output of a single thread.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseOptions, parseBounce, toEvalRecord } from '@bounce/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');
const CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus/dev/emails');
const SAMPLE_COUNT = 12;
/** Each test spawns the command (well under a second, but this 2-core machine is shared). */
const SPAWN_TIMEOUT = { timeout: 30_000 };
/** The mbox test runs the command eight times: on a machine shared by many, that alone can take over 30 s. */
const MANY_SPAWNS_TIMEOUT = { timeout: 120_000 };

type Run = { status: number | null; stdout: string; stderr: string };

function bounce(args: string[], input?: string | Buffer): Run {
  const run = spawnSync(BIN, args, {
    cwd: REPO_ROOT,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ndjsonLines = (stdout: string): { file: string; recipients: unknown[] }[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** What the library says about a message: the line the CLI must print for it. */
const expectedLine = (file: string, raw: Uint8Array, options?: ParseOptions) =>
  JSON.parse(JSON.stringify(toEvalRecord(file, parseBounce(raw, options))));

/** mboxrd (RFC 4155 with >From quoting): every "From " line, quoted or not, gains one ">". */
const toMbox = (messages: Buffer[]): Buffer =>
  Buffer.concat(
    messages.flatMap((m, i) => [
      Buffer.from(`From MAILER-DAEMON  Mon Jan  1 00:00:${String(i % 60).padStart(2, '0')} 2024\n`),
      Buffer.from(m.toString('latin1').replace(/^(>*From )/gm, '>$1'), 'latin1'),
      Buffer.from(m.at(-1) === 0x0a ? '\n' : '\n\n'),
    ]),
  );

let dir: string;
let names: string[]; // sample corpus file names, sorted
let samples: Map<string, Buffer>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-cli-e2e-'));
  const all = (await readdir(CORPUS_DIR)).filter((n) => n.endsWith('.eml')).sort();
  // A spread of formats: every n-th file, plus the ones that carry mbox "From " lines of their own.
  const step = Math.floor(all.length / SAMPLE_COUNT);
  names = [
    ...new Set([...all.filter((_, i) => i % step === 0).slice(0, SAMPLE_COUNT), 'rhost-cox-01.eml', 'rfc3464-28.eml']),
  ]
    .filter((n) => all.includes(n))
    .sort();
  samples = new Map();
  await mkdir(join(dir, 'folder'));
  for (const name of names) {
    samples.set(name, await readFile(join(CORPUS_DIR, name)));
    await copyFile(join(CORPUS_DIR, name), join(dir, 'folder', name));
  }
  await writeFile(join(dir, 'folder', 'README.txt'), 'not a message');
  await mkdir(join(dir, 'maildir', 'cur'), { recursive: true });
  await mkdir(join(dir, 'maildir', 'new'), { recursive: true });
  await mkdir(join(dir, 'maildir', 'tmp'), { recursive: true });
  await writeFile(join(dir, 'maildir', 'new', '1700000003.M3P9.host'), samples.get(names[2]!)!);
  await writeFile(join(dir, 'maildir', 'cur', '1700000001.M1P9.host:2,S'), samples.get(names[0]!)!);
  await writeFile(join(dir, 'maildir', 'cur', '1700000002.M2P9.host:2,RS'), samples.get(names[1]!)!);
  await writeFile(join(dir, 'bounces.mbox'), toMbox(names.map((n) => samples.get(n)!)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bounce --help, --version and usage errors', SPAWN_TIMEOUT, () => {
  it('documents formats and exit codes', () => {
    const run = bounce(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: bounce parse [options] PATH...');
    expect(run.stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 .*\n\s+3 /);
    for (const flag of ['--ndjson', '--json', '--table', '--correlation-header', '--no-progress']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stderr).toBe('');
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')) as { version: string };
    expect(bounce(['--version'])).toEqual({ status: 0, stdout: `bounce ${pkg.version}\n`, stderr: '' });
  });

  it('exits 2 with a message on stderr and nothing on stdout for a bad command line', () => {
    const run = bounce(['parse', '--ndjson', '--tabel', 'x.eml']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("bounce: unknown option '--tabel'\nTry 'bounce --help' for more information.\n");
    expect(bounce(['parse']).status).toBe(2);
  });
});

describe('bounce parse --ndjson', SPAWN_TIMEOUT, () => {
  it('prints one eval-format line per file of a folder, sorted by name, equal to the library verdicts', () => {
    const run = bounce(['parse', '--ndjson', join(dir, 'folder')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = ndjsonLines(run.stdout);
    expect(lines.map((l) => l.file)).toEqual(names);
    expect(lines).toEqual(names.map((n) => expectedLine(n, samples.get(n)!)));
    expect(run.stdout.endsWith('\n')).toBe(true);
  });

  it('defaults to ndjson when stdout is not a terminal, and keeps the order of the PATHs', () => {
    const [a, b] = [names[3]!, names[1]!];
    const run = bounce(['parse', join(dir, 'folder', a), join(dir, 'folder', b)]);
    expect(run.status).toBe(0);
    expect(ndjsonLines(run.stdout)).toEqual([expectedLine(a, samples.get(a)!), expectedLine(b, samples.get(b)!)]);
  });

  it('reads a Maildir (cur/ and new/, by file name)', () => {
    const run = bounce(['parse', '--ndjson', join(dir, 'maildir')]);
    expect(run.status).toBe(0);
    expect(ndjsonLines(run.stdout)).toEqual([
      expectedLine('1700000001.M1P9.host:2,S', samples.get(names[0]!)!),
      expectedLine('1700000002.M2P9.host:2,RS', samples.get(names[1]!)!),
      expectedLine('1700000003.M3P9.host', samples.get(names[2]!)!),
    ]);
  });

  it('splits an mbox into name.mbox#N, undoing >From quoting', () => {
    const run = bounce(['parse', '--ndjson', join(dir, 'bounces.mbox')]);
    expect(run.status).toBe(0);
    expect(ndjsonLines(run.stdout)).toEqual(
      names.map((n, i) => expectedLine(`bounces.mbox#${i + 1}`, samples.get(n)!)),
    );
  });

  it('reads one message, or an mbox, from standard input', async () => {
    const one = samples.get(names[4]!)!;
    const single = bounce(['parse', '--ndjson', '-'], one);
    expect(single.status).toBe(0);
    expect(ndjsonLines(single.stdout)).toEqual([expectedLine('-', one)]);

    const mbox = bounce(['parse', '--ndjson', '-'], await readFile(join(dir, 'bounces.mbox')));
    expect(mbox.status).toBe(0);
    expect(ndjsonLines(mbox.stdout).map((l) => l.file)).toEqual(names.map((_, i) => `-#${i + 1}`));
  });

  it('names unreadable paths on stderr, parses the others, and exits 1', () => {
    const missing = join(dir, 'no-such-folder', 'gone.eml');
    const good = names[0]!;
    const run = bounce(['parse', '--ndjson', missing, join(dir, 'folder', good), join(dir, 'empty-nowhere')]);
    expect(run.status).toBe(1);
    expect(ndjsonLines(run.stdout)).toEqual([expectedLine(good, samples.get(good)!)]);
    expect(run.stderr).toBe(
      `bounce: cannot read ${missing}: no such file or directory\n` +
        `bounce: cannot read ${join(dir, 'empty-nowhere')}: no such file or directory\n`,
    );
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (| head)', async () => {
    const big = toMbox(Array.from({ length: 3000 }, (_, i) => samples.get(names[i % names.length]!)!));
    await writeFile(join(dir, 'big.mbox'), big);
    const script = `"${BIN}" parse --ndjson "${join(dir, 'big.mbox')}" | head -n 2; echo "status=\${PIPESTATUS[0]}" >&2`;
    const run = spawnSync('bash', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ndjsonLines(run.stdout)).toHaveLength(2);
    expect(run.stderr).toBe('status=0\n');
  });
});

describe('bounce parse --json and --table', SPAWN_TIMEOUT, () => {
  const CORRELATED = [
    'From: MAILER-DAEMON@mx.example.net',
    'To: sender@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Delivery failed.',
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    'Final-Recipient: rfc822; nobody@example.org',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: User unknown',
    '',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    'From: sender@example.com',
    'To: nobody@example.org',
    'Subject: hello',
    'Message-ID: <original-42@example.com>',
    'X-Campaign-Id: spring-2024',
    '',
    '--B--',
    '',
  ].join('\r\n');

  it('--json prints an array of full results and passes --correlation-header to the parser', async () => {
    await writeFile(join(dir, 'correlated.eml'), CORRELATED);
    const options: ParseOptions = { correlationHeaders: ['X-Campaign-Id'] };
    const run = bounce(['parse', '--json', '--correlation-header', 'X-Campaign-Id', join(dir, 'correlated.eml')]);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as Record<string, unknown>[];
    const expected = { file: 'correlated.eml', ...parseBounce(Buffer.from(CORRELATED), options) };
    expect(parsed).toEqual([JSON.parse(JSON.stringify(expected))]);
    expect(parsed[0]).toMatchObject({ original: { correlationHeaders: { 'x-campaign-id': 'spring-2024' } } });
  });

  it('--json prints a valid empty array when every input is unreadable', () => {
    const run = bounce(['parse', '--json', join(dir, 'missing.eml')]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('--table prints a header, one row per recipient and a summary', () => {
    const run = bounce(['parse', '--table', join(dir, 'folder')]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+KIND\s+RECIPIENT\s+STATUS\s+CODE\s+REASON\s+CLASS\s+DIAGNOSTIC$/);
    const results = names.map((n) => parseBounce(samples.get(n)!));
    const rows = results.reduce((sum, r) => sum + Math.max(1, r.recipients.length), 0);
    expect(lines).toHaveLength(1 + rows + 2); // header, rows, blank line, summary
    expect(lines.at(-1)).toMatch(new RegExp(`^${names.length} messages \\(.*\\); \\d+ recipients? \\(.*\\)$`));
    const first = results[0]!.recipients[0];
    if (first) expect(lines[1]).toContain(first.recipient.slice(0, 30));
  });
});

describe('large inputs: parser threads give the output of one thread', SPAWN_TIMEOUT, () => {
  /** Above the 500 messages from which threads asked for (--jobs 2) start. */
  const LARGE = 640;
  let large: string;

  beforeAll(async () => {
    large = join(dir, 'large');
    const all = (await readdir(CORPUS_DIR)).filter((n) => n.endsWith('.eml')).sort();
    const pick = (i: number): string => all[(i * 7) % all.length]!;
    await mkdir(join(large, 'folder'), { recursive: true });
    await mkdir(join(large, 'maildir', 'cur'), { recursive: true });
    await mkdir(join(large, 'maildir', 'new'), { recursive: true });
    const raws: Buffer[] = [];
    for (let i = 0; i < LARGE; i++) {
      const raw = await readFile(join(CORPUS_DIR, pick(i)));
      raws.push(raw);
      const n = String(i).padStart(4, '0');
      await writeFile(join(large, 'folder', `${n}-${pick(i)}`), raw);
      await writeFile(join(large, 'maildir', i % 3 ? 'cur' : 'new', `17000${n}.M${i}P1.host:2,S`), raw);
    }
    // Unreadable entries in the middle: named on stderr in their place, the rest goes on.
    await symlink(join(large, 'nowhere.eml'), join(large, 'folder', '0100-broken-link.eml'));
    await mkdir(join(large, 'folder', '0200-subfolder.eml')); // subfolders are skipped
    await writeFile(join(large, 'folder', '0300-nested.mbox'), toMbox(raws.slice(0, 5)));
    await writeFile(join(large, 'large.mbox'), toMbox(raws));
  });

  /** The same command with threads (two, whatever the machine) and with one thread. */
  function both(args: string[], input?: Buffer): [Run, Run] {
    return [bounce(['parse', '--jobs', '2', ...args], input), bounce(['parse', '--jobs', '1', ...args], input)];
  }

  it('a folder, with unreadable entries and an mbox among the files', () => {
    const [threads, single] = both(['--ndjson', join(large, 'folder')]);
    expect(threads).toEqual(single);
    expect(threads.status).toBe(1);
    expect(ndjsonLines(threads.stdout)).toHaveLength(LARGE + 5);
    expect(threads.stderr).toBe(
      `bounce: cannot read ${join(large, 'folder', '0100-broken-link.eml')}: no such file or directory\n`,
    );
    // And the lines are the library's verdicts, in order.
    const lines = ndjsonLines(threads.stdout);
    const names = lines.map((l) => l.file);
    expect(names).toEqual([...names].sort());
    expect(lines[7]).toEqual(expectedLine(names[7]!, readFileSync(join(large, 'folder', names[7]!))));
  });

  it('a Maildir', () => {
    const [threads, single] = both(['--ndjson', join(large, 'maildir')]);
    expect(threads).toEqual(single);
    expect(threads.status).toBe(0);
    expect(ndjsonLines(threads.stdout)).toHaveLength(LARGE);
  });

  it('an mbox, in every output format', MANY_SPAWNS_TIMEOUT, () => {
    for (const format of ['--ndjson', '--json', '--table']) {
      const [threads, single] = both([format, join(large, 'large.mbox')]);
      expect(threads).toEqual(single);
      expect(threads.status).toBe(0);
    }
    const [threads] = both(['--json', join(large, 'large.mbox')]);
    expect(JSON.parse(threads.stdout)).toHaveLength(LARGE);
  });

  it('an mbox on standard input', async () => {
    const mbox = await readFile(join(large, 'large.mbox'));
    const [threads, single] = both(['--ndjson', '-'], mbox);
    expect(threads).toEqual(single);
    expect(ndjsonLines(threads.stdout).map((l) => l.file)).toEqual(
      Array.from({ length: LARGE }, (_, i) => `-#${i + 1}`),
    );
  });
});

describe('pnpm -s bounce', SPAWN_TIMEOUT, () => {
  it('runs from the repository root as the README says', () => {
    const name = names[0]!;
    const run = spawnSync('pnpm', ['-s', 'bounce', 'parse', '--ndjson', join(dir, 'folder', name)], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(ndjsonLines(run.stdout)).toEqual([expectedLine(name, samples.get(name)!)]);
  });
});
