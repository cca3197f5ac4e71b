import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBatchParser, createFileReader } from './parse-batch.js';

const dir = mkdtempSync(join(tmpdir(), 'bounce-parse-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('createFileReader', () => {
  it('reads whole files of any size up to the cap, one after the other', () => {
    const read = createFileReader(2_000_000);
    const big = Buffer.alloc(700_000, 'a'); // past the initial buffer: it grows
    const small = 'Subject: x\n\nhello\n';
    expect(Buffer.from(read(file('big.eml', big))).equals(big)).toBe(true);
    expect(Buffer.from(read(file('small.eml', small))).toString()).toBe(small);
    expect(read(file('empty.eml', '')).length).toBe(0);
  });

  it('stops at the cap, so a huge file is neither read whole nor kept', () => {
    const read = createFileReader(1000);
    expect(read(file('long.eml', Buffer.alloc(5000, 'b'))).length).toBe(1000);
  });

  it('reports a missing file as the read error it is', () => {
    expect(() => createFileReader(100)(join(dir, 'missing.eml'))).toThrow(/ENOENT/);
  });
});

describe('createBatchParser', () => {
  it('judges a message longer than --max-bytes on its prefix and says it was truncated', () => {
    const message = `From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n${'x'.repeat(5000)}\n`;
    const parse = createBatchParser({ format: 'json', parseOptions: { maxBytes: 1024 } });
    const { segment, failures } = parse([{ name: 'long.eml', path: file('long2.eml', message) }]);
    expect(failures).toEqual([]);
    expect(segment.text).toContain('"truncated": true');
  });
});
