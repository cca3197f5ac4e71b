import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParseCommand, parseCliArgs } from './cli-args.js';
import { EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { runParse } from './parse-command.js';

const MESSAGE_COUNT = 250; // above the progress threshold of 200

/** A stream that records what is written and claims to be a terminal or not. */
function sink(isTTY: boolean, columns = 100) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    }),
    { isTTY, columns },
  );
  return { stream, text: () => chunks.join(''), writes: chunks };
}

async function run(argv: string[], terminals: { stdout: boolean; stderr: boolean }) {
  const stdout = sink(terminals.stdout);
  const stderr = sink(terminals.stderr);
  const status = await runParse(parseCliArgs(argv) as ParseCommand, {
    stdin: () => Readable.from([]),
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { status, stdout, stderr };
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-cli-parse-'));
  await mkdir(join(dir, 'many'));
  for (let i = 0; i < MESSAGE_COUNT; i++) {
    await writeFile(
      join(dir, 'many', `${String(i).padStart(4, '0')}.eml`),
      `From: someone@example.com\nTo: ops@example.net\nSubject: note ${i}\n\nNothing bounced here.\n`,
    );
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runParse', () => {
  it('draws progress on a terminal stderr for large inputs, keeping stdout to one line per message', async () => {
    const { status, stdout, stderr } = await run(['parse', join(dir, 'many')], { stdout: false, stderr: true });
    expect(status).toBe(EXIT_OK);
    const lines = stdout.text().trimEnd().split('\n');
    expect(lines).toHaveLength(MESSAGE_COUNT);
    expect(lines.every((line) => JSON.parse(line).recipients.length === 0)).toBe(true);
    expect(stderr.writes.length).toBeGreaterThan(0);
    expect(stderr.writes[0]).toMatch(/^\r\u001b\[Kparsing \[[#-]+\] \d+% [\d,]+\/250 messages/);
    expect(stderr.writes.at(-1)).toBe('\r\u001b[K'); // erased at the end
  });

  it('draws no progress with --no-progress, when stderr is not a terminal, or when stdout shares the terminal', async () => {
    const quiet = await run(['parse', '--no-progress', join(dir, 'many')], { stdout: false, stderr: true });
    expect(quiet.stderr.text()).toBe('');
    const piped = await run(['parse', join(dir, 'many')], { stdout: false, stderr: false });
    expect(piped.stderr.text()).toBe('');
    const terminal = await run(['parse', join(dir, 'many')], { stdout: true, stderr: true });
    expect(terminal.stderr.text()).toBe('');
    // A terminal stdout gets the table by default.
    expect(terminal.stdout.text()).toMatch(/^FILE +KIND +RECIPIENT/);
    expect(terminal.stdout.text()).toContain(`${MESSAGE_COUNT} messages (${MESSAGE_COUNT} not-bounce)`);
  });

  it('erases the progress line before writing an error, and exits 1', async () => {
    const missing = join(dir, 'missing');
    const { status, stderr } = await run(['parse', join(dir, 'many'), missing], { stdout: false, stderr: true });
    expect(status).toBe(EXIT_INPUT_ERROR);
    const text = stderr.text();
    expect(text).toContain(`\r\u001b[Kbounce: cannot read ${missing}: no such file or directory\n`);
  });

  it('writes the results of a slow pipe as they come, without waiting for a full batch or the end', async () => {
    const stdin = new PassThrough();
    const stdout = sink(false);
    const separator = (i: number): string => `From MAILER-DAEMON Mon Jan  1 00:00:0${i} 2024\n`;
    const message = (i: number): string => `From: a@example.com\nSubject: ${i}\n\nbody\n\n`;
    const done = runParse(parseCliArgs(['parse', '--ndjson', '-']) as ParseCommand, {
      stdin: () => stdin,
      stdout: stdout.stream,
      stderr: sink(false).stream,
    });
    // Two whole messages and the start of a third; then the pipe stalls.
    stdin.write(separator(1) + message(1) + separator(2) + message(2) + separator(3));
    for (let i = 0; i < 500 && stdout.text().split('\n').length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(
      stdout
        .text()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).file),
    ).toEqual(['-#1', '-#2']);
    stdin.end(message(3));
    expect(await done).toBe(EXIT_OK);
    expect(stdout.text().trimEnd().split('\n')).toHaveLength(3);
  });
});
