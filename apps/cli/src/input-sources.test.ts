import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileModeFor, type InputEvent, readInputs } from './input-sources.js';

let dir: string;

const MESSAGE = (n: number): string => `From: a@example.com\nSubject: message ${n}\n\nbody ${n}\n`;
const MBOX = (count: number): string =>
  Array.from(
    { length: count },
    (_, i) => `From sender@example.com Mon Jan  1 00:00:0${i} 2024\n${MESSAGE(i + 1)}\n`,
  ).join('');

/** `stdinChunkSize` feeds standard input in pieces of that many bytes, as a slow pipe or a terminal does. */
async function collect(paths: string[], stdinText = '', stdinChunkSize = 0): Promise<InputEvent[]> {
  const bytes = Buffer.from(stdinText);
  const size = stdinChunkSize || bytes.length || 1;
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  const events: InputEvent[] = [];
  for await (const event of readInputs(paths, { stdin: () => Readable.from(chunks) })) {
    events.push(event);
  }
  return events;
}

/** Message names and subjects, the shape most assertions need (named files are read here, as the parser does). */
function messages(events: InputEvent[]): [string, string][] {
  const subject = (raw: Uint8Array): string => /Subject: (.*)/.exec(Buffer.from(raw).toString())?.[1] ?? '';
  return events.flatMap((e): [string, string][] => {
    if (e.type === 'message') return [[e.name, subject(e.raw)]];
    if (e.type === 'files') return e.files.map((f): [string, string] => [f.name, subject(readFileSync(f.path))]);
    return [];
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-cli-inputs-'));
  await mkdir(join(dir, 'folder', 'sub'), { recursive: true });
  await writeFile(join(dir, 'folder', 'b.eml'), MESSAGE(2));
  await writeFile(join(dir, 'folder', 'a.eml'), MESSAGE(1));
  await writeFile(join(dir, 'folder', 'C.EML'), MESSAGE(3));
  await writeFile(join(dir, 'folder', 'd.mbox'), MBOX(2));
  await writeFile(join(dir, 'folder', 'notes.txt'), 'not a message');
  await writeFile(join(dir, 'folder', '.hidden.eml'), MESSAGE(9));
  await writeFile(join(dir, 'folder', 'sub', 'deep.eml'), MESSAGE(9));
  await mkdir(join(dir, 'maildir', 'cur'), { recursive: true });
  await mkdir(join(dir, 'maildir', 'new'), { recursive: true });
  await mkdir(join(dir, 'maildir', 'tmp'), { recursive: true });
  await writeFile(join(dir, 'maildir', 'cur', '1700000002.M1P1.host:2,S'), MESSAGE(2));
  await writeFile(join(dir, 'maildir', 'new', '1700000001.M1P1.host'), MESSAGE(1));
  await writeFile(join(dir, 'maildir', 'new', '1700000003.M1P1.host'), MESSAGE(3));
  await writeFile(join(dir, 'maildir', 'tmp', '1700000004.M1P1.host'), MESSAGE(4));
  await mkdir(join(dir, 'empty'));
  await mkdir(join(dir, 'folder-with-broken-link'));
  await symlink(join(dir, 'gone.eml'), join(dir, 'folder-with-broken-link', 'x.eml'));
  await writeFile(join(dir, 'folder-with-broken-link', 'y.eml'), MESSAGE(1));
  await mkdir(join(dir, 'many'));
  for (let i = 0; i < 40; i++) await writeFile(join(dir, 'many', `m${String(i).padStart(3, '0')}.eml`), MESSAGE(i));
  await writeFile(join(dir, 'enveloped.eml'), `From MAILER-DAEMON  Fri Feb 13 02:45:46 2015\n${MBOX(2)}`);
  await writeFile(join(dir, 'archive'), MBOX(3));
  await writeFile(join(dir, 'single-with-envelope.txt'), MBOX(1));
  await writeFile(join(dir, 'plain.txt'), MESSAGE(7));
  await writeFile(join(dir, 'empty.eml'), '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readInputs', () => {
  it('reads the .eml and .mbox files of a folder sorted by name, skipping other files, hidden files and subfolders', async () => {
    const events = await collect([join(dir, 'folder')]);
    expect(events[0]).toEqual({ type: 'planned', count: 4 });
    expect(messages(events)).toEqual([
      ['C.EML', 'message 3'],
      ['a.eml', 'message 1'],
      ['b.eml', 'message 2'],
      ['d.mbox#1', 'message 1'],
      ['d.mbox#2', 'message 2'],
    ]);
  });

  it('gives the files of a folder the paths join() gives, however the folder is spelled', async () => {
    const folder = join(dir, 'folder-with-broken-link');
    const relativeFolder = relative(process.cwd(), folder);
    for (const spelling of [folder, `${folder}/`, `${folder}//`, `${dir}/./folder-with-broken-link`, relativeFolder]) {
      const paths = (await collect([spelling])).flatMap((e) => (e.type === 'files' ? e.files.map((f) => f.path) : []));
      expect(paths).toEqual([join(spelling, 'x.eml'), join(spelling, 'y.eml')]);
    }
  });

  it('reads a Maildir: cur/ and new/ sorted by file name, tmp/ skipped', async () => {
    expect(messages(await collect([join(dir, 'maildir')]))).toEqual([
      ['1700000001.M1P1.host', 'message 1'],
      ['1700000002.M1P1.host:2,S', 'message 2'],
      ['1700000003.M1P1.host', 'message 3'],
    ]);
  });

  it('keeps input order across paths', async () => {
    const events = await collect([join(dir, 'many'), join(dir, 'plain.txt'), join(dir, 'maildir')]);
    const names = messages(events).map(([name]) => name);
    expect(names.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(3, '0')}.eml`));
    expect(names.slice(40)).toEqual([
      'plain.txt',
      '1700000001.M1P1.host',
      '1700000002.M1P1.host:2,S',
      '1700000003.M1P1.host',
    ]);
  });

  it('reads an .eml file as one message even when it contains mbox "From " lines', async () => {
    const events = await collect([join(dir, 'enveloped.eml')]);
    expect(messages(events)).toEqual([['enveloped.eml', 'message 1']]);
  });

  it('recognises an mbox by content and names its messages name#N', async () => {
    expect(messages(await collect([join(dir, 'archive')]))).toEqual([
      ['archive#1', 'message 1'],
      ['archive#2', 'message 2'],
      ['archive#3', 'message 3'],
    ]);
  });

  it('keeps the plain name for a single message saved with an envelope line, or without one', async () => {
    expect(messages(await collect([join(dir, 'single-with-envelope.txt'), join(dir, 'plain.txt')]))).toEqual([
      ['single-with-envelope.txt', 'message 1'],
      ['plain.txt', 'message 7'],
    ]);
  });

  it('reads standard input as one message or as an mbox', async () => {
    expect(messages(await collect(['-'], MESSAGE(5)))).toEqual([['-', 'message 5']]);
    expect(messages(await collect(['-'], MBOX(2)))).toEqual([
      ['-#1', 'message 1'],
      ['-#2', 'message 2'],
    ]);
    for (const size of [1, 2, 3, 7]) {
      expect(messages(await collect(['-'], MBOX(2), size)).map(([name]) => name)).toEqual(['-#1', '-#2']);
      expect(messages(await collect(['-'], MESSAGE(5), size))).toEqual([['-', 'message 5']]);
    }
  });

  it('names one-message files without reading them, and yields an empty message for empty input', async () => {
    const events = await collect([join(dir, 'empty.eml')]);
    expect(events).toEqual([{ type: 'files', files: [{ name: 'empty.eml', path: join(dir, 'empty.eml') }] }]);
    expect(await collect(['-'], '')).toEqual([{ type: 'message', name: '-', raw: Buffer.alloc(0) }]);
  });

  it('reports paths that cannot be listed and goes on with the others (files are read by the parser)', async () => {
    const events = await collect([
      join(dir, 'missing.eml'),
      join(dir, 'plain.txt', 'below-a-file.eml'),
      join(dir, 'folder-with-broken-link'),
    ]);
    expect(events.filter((e) => e.type !== 'planned')).toEqual([
      { type: 'error', path: join(dir, 'missing.eml'), code: 'ENOENT', reason: 'no such file or directory' },
      {
        type: 'error',
        path: join(dir, 'plain.txt', 'below-a-file.eml'),
        code: 'ENOTDIR',
        reason: 'a component of the path is not a directory',
      },
      {
        type: 'files',
        files: [
          { name: 'x.eml', path: join(dir, 'folder-with-broken-link', 'x.eml') },
          { name: 'y.eml', path: join(dir, 'folder-with-broken-link', 'y.eml') },
        ],
      },
    ]);
  });

  it('warns about a folder without messages', async () => {
    expect(await collect([join(dir, 'empty')])).toEqual([
      { type: 'warning', path: join(dir, 'empty'), reason: 'no .eml or .mbox files in this folder' },
    ]);
  });
});

describe('fileModeFor', () => {
  it('decides by file name', () => {
    expect(fileModeFor('x.eml')).toBe('single');
    expect(fileModeFor('X.EML')).toBe('single');
    expect(fileModeFor('x.mbox')).toBe('mbox');
    expect(fileModeFor('inbox.mbx')).toBe('mbox');
    expect(fileModeFor('mbox')).toBe('mbox');
    expect(fileModeFor('message.txt')).toBe('sniff');
    expect(fileModeFor('1700000001.M1P1.host')).toBe('sniff');
  });
});
