/**
 * Memory stays bounded however large the input: an mbox several times larger than the memory the command may use is
 * streamed through the compiled command's standard input, and its peak RSS (the kernel's high-water mark) must stay
 * under a fixed bound while every message comes out. No time is asserted.
 */

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measure } from '../bench/measure.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');
const MIB = 1024 * 1024;
const MESSAGES = 640;
/** Each message returns a 1 MiB attachment: 640 MiB of mbox in all. */
const ATTACHMENT_BYTES = MIB;
/** Several times less than the input; about twice what the command uses (three V8 heaps, a few batches in flight). */
const MAX_PEAK_RSS_MIB = 320;

/** A DSN returning the original message with a large base64 attachment (76-character lines, as MIME writes them). */
function bounceWithAttachment(i: number): Buffer {
  const line = `${Buffer.alloc(57, i % 251).toString('base64')}\n`;
  const attachment = line.repeat(Math.ceil(ATTACHMENT_BYTES / line.length));
  return Buffer.from(
    [
      'From: MAILER-DAEMON@mx.example.net',
      `To: sender@example.com`,
      `Subject: Undelivered Mail Returned to Sender (${i})`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="R"',
      '',
      '--R',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      `Final-Recipient: rfc822; user${i}@example.org`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <user${i}@example.org>: User unknown`,
      '',
      '--R',
      'Content-Type: message/rfc822',
      '',
      'From: sender@example.com',
      `To: user${i}@example.org`,
      'Subject: invoice',
      'Content-Type: multipart/mixed; boundary="M"',
      '',
      '--M',
      'Content-Type: application/pdf',
      'Content-Transfer-Encoding: base64',
      '',
      `${attachment}--M--`,
      '',
      '--R--',
      '',
    ].join('\n'),
  );
}

function* mbox(): Generator<Buffer> {
  for (let i = 0; i < MESSAGES; i++) {
    yield Buffer.from(`From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n`);
    yield bounceWithAttachment(i);
    yield Buffer.from('\n');
  }
}

describe('a large mbox on standard input', { timeout: 300_000 }, () => {
  it(`streams ${MESSAGES} MiB in bounded memory, with parser threads, and loses no message`, async () => {
    const work = await mkdtemp(join(tmpdir(), 'bounce-cli-large-'));
    try {
      const output = join(work, 'out.ndjson');
      const run = await measure(BIN, ['parse', '--ndjson', '--jobs', '2', '-'], {
        stdin: Readable.from(mbox()),
        stdoutPath: output,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = (await readFile(output, 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(MESSAGES);
      const last = JSON.parse(lines.at(-1)!) as { file: string; recipients: { recipient: string; status: string }[] };
      expect(last.file).toBe(`-#${MESSAGES}`);
      expect(last.recipients).toMatchObject([{ recipient: `user${MESSAGES - 1}@example.org`, status: '5.1.1' }]);
      console.log(`peak RSS ${(run.peakRssKiB / 1024).toFixed(1)} MiB for ${MESSAGES} MiB of mbox`);
      expect(run.peakRssKiB / 1024).toBeLessThan(MAX_PEAK_RSS_MIB);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
