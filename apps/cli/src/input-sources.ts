/**
 * Turns the PATH arguments of `bounce parse` into a stream of messages, in a deterministic order, holding at most a
 * few messages in memory at a time. A file that holds one message is named, not read (`file` events): whoever parses
 * it reads it, so that a pool of parser threads also shares the reading.
 *
 * - `-`: standard input, one raw message, or an mbox when it starts with a "From " line and holds more than one.
 * - A directory with a `cur/` or `new/` subdirectory: a Maildir; the files of cur/ and new/ sorted by name (Maildir
 *   names start with the delivery time, so this is roughly arrival order).
 * - Any other directory: its `*.eml` files (one message each) and `*.mbox` files, sorted by name; other entries and
 *   subdirectories are skipped.
 * - A file: `*.eml` is one message; `*.mbox`, `*.mbx` or a file named `mbox` is an mbox; any other file is an mbox
 *   when it starts with a "From " line and holds more than one message, else one message.
 *
 * A message's name is its file's base name; messages of an mbox are `name.mbox#N`, N counted from 1.
 */
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, normalize, sep } from 'node:path';
import { MboxSplitter, startsWithFromLine } from './mbox-splitter.js';
import { describeReadError } from './read-errors.js';

export type InputEvent =
  /** A message read from a stream (an mbox, standard input). */
  | { type: 'message'; name: string; raw: Uint8Array }
  /**
   * Files that hold one message each, still to be read (read errors are reported by the reader, as for `error`): a
   * folder's run of them comes as one event, as one event per file cost more than reading the file did.
   */
  | { type: 'files'; files: NamedFile[] }
  /** An input (or an entry of a folder) could not be read; the others are still read. */
  | { type: 'error'; path: string; code: string; reason: string }
  /** Something the user should know that is not a failure (e.g. a folder without messages). */
  | { type: 'warning'; path: string; reason: string }
  /** A folder was listed: `count` more inputs are coming (drives the progress bar; mbox files count as one). */
  | { type: 'planned'; count: number };

/** A file of one message: its name in the output, and its path. */
export type NamedFile = { name: string; path: string };

export type InputOptions = {
  /** Where `-` reads from; a function so that standard input is only opened when `-` is given. */
  stdin: () => NodeJS.ReadableStream;
};

export const STDIN_PATH = '-';
/** Read size for streamed (mbox) input: large enough to amortise system calls, small enough to stay flat. */
const STREAM_CHUNK_BYTES = 1024 * 1024;
const MBOX_NAME_RE = /(\.mbox|\.mbx|^mbox)$/i;
const EML_NAME_RE = /\.eml$/i;
/** Bytes needed to tell an mbox ("From " at the very start) from a message. */
const SNIFF_BYTES = 'From '.length;

type FileMode = 'single' | 'mbox' | 'sniff';

function errorEvent(path: string, err: unknown): InputEvent {
  return { type: 'error', path, ...describeReadError(err) };
}

/** How a file is read, from its name alone (content sniffing happens later for 'sniff'). */
export function fileModeFor(name: string): FileMode {
  if (EML_NAME_RE.test(name)) return 'single';
  if (MBOX_NAME_RE.test(name)) return 'mbox';
  return 'sniff';
}

/** Code-unit order: the same on every machine and locale (unlike localeCompare). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function* readInputs(paths: readonly string[], options: InputOptions): AsyncGenerator<InputEvent> {
  for (const path of paths) {
    if (path === STDIN_PATH) {
      yield* readStream(options.stdin(), STDIN_PATH, STDIN_PATH, 'sniff');
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (err) {
      yield errorEvent(path, err);
      continue;
    }
    if (info.isDirectory()) yield* readDirectory(path);
    else yield* readFileInput(path, basename(path), fileModeFor(basename(path)));
  }
}

async function* readFileInput(path: string, name: string, mode: FileMode): AsyncGenerator<InputEvent> {
  if (mode === 'single') {
    yield { type: 'files', files: [{ name, path }] };
    return;
  }
  yield* readStream(createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES }), path, name, mode);
}

/**
 * Reads a stream as one message or as an mbox. In 'sniff' mode the input is an mbox only when it starts with a
 * "From " line and holds at least two messages: a single message saved with its envelope line keeps its plain name.
 */
async function* readStream(
  stream: NodeJS.ReadableStream,
  path: string,
  name: string,
  mode: Exclude<FileMode, 'single'>,
): AsyncGenerator<InputEvent> {
  let head: Uint8Array[] = []; // chunks read before the format is known (sniff mode)
  let headLength = 0;
  let splitter: MboxSplitter | null = mode === 'mbox' ? new MboxSplitter() : null;
  let isPlain = false; // sniffed: not an mbox, the whole input is one message
  let held: Uint8Array | null = null; // first mbox message of a sniffed input, until a second one shows up
  let count = 0;

  function* emit(messages: Uint8Array[]): Generator<InputEvent> {
    for (const raw of messages) {
      count++;
      if (mode === 'sniff' && count === 1) {
        held = raw;
        continue;
      }
      if (held) {
        yield { type: 'message', name: `${name}#1`, raw: held };
        held = null;
      }
      yield { type: 'message', name: `${name}#${count}`, raw };
    }
  }

  try {
    for await (const data of stream) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Uint8Array);
      if (splitter) {
        yield* emit(splitter.push(chunk));
        continue;
      }
      head.push(chunk);
      headLength += chunk.length;
      if (isPlain || headLength < SNIFF_BYTES) continue;
      const start = Buffer.concat(head, SNIFF_BYTES);
      if (!startsWithFromLine(start)) {
        isPlain = true;
        continue;
      }
      splitter = new MboxSplitter();
      const buffered = head;
      head = [];
      for (const piece of buffered) yield* emit(splitter.push(piece));
    }
  } catch (err) {
    yield errorEvent(path, err);
    return;
  }
  if (splitter) {
    yield* emit(splitter.end());
    if (held) yield { type: 'message', name, raw: held };
    else if (count === 0) yield { type: 'warning', path, reason: 'no messages in this mbox' };
    return;
  }
  // Not an mbox (or shorter than a "From " line): the whole input is one message, even when empty, so that every
  // input yields a result line.
  yield { type: 'message', name, raw: Buffer.concat(head, headLength) };
}

async function* readDirectory(path: string): AsyncGenerator<InputEvent> {
  let entries: Dirent[];
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (err) {
    yield errorEvent(path, err);
    return;
  }
  const subdirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  if (subdirs.has('cur') || subdirs.has('new')) {
    yield* readMaildir(path, subdirs);
    return;
  }
  const files: ListedFile[] = [];
  const prefix = childPathPrefix(path);
  for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
    if (entry.name.startsWith('.') || entry.isDirectory()) continue;
    const mode = fileModeFor(entry.name);
    if (mode === 'sniff') continue; // only *.eml and *.mbox files belong to a folder of messages
    files.push({ path: prefix + entry.name, name: entry.name, mode });
  }
  if (files.length === 0) {
    yield { type: 'warning', path, reason: 'no .eml or .mbox files in this folder' };
    return;
  }
  yield { type: 'planned', count: files.length };
  yield* readFiles(files);
}

/** Maildir (cur/ and new/; tmp/ holds deliveries in progress and is skipped), one message per file. */
async function* readMaildir(path: string, subdirs: Set<string>): AsyncGenerator<InputEvent> {
  const files: ListedFile[] = [];
  for (const sub of ['cur', 'new']) {
    if (!subdirs.has(sub)) continue;
    let names: string[];
    try {
      names = await readdir(join(path, sub));
    } catch (err) {
      yield errorEvent(join(path, sub), err);
      continue;
    }
    const prefix = childPathPrefix(join(path, sub));
    for (const name of names) {
      if (!name.startsWith('.')) files.push({ path: prefix + name, name, mode: 'single' });
    }
  }
  files.sort((a, b) => byName(a.name, b.name));
  if (files.length === 0) {
    yield { type: 'warning', path, reason: 'no messages in this Maildir' };
    return;
  }
  yield { type: 'planned', count: files.length };
  yield* readFiles(files);
}

type ListedFile = NamedFile & { mode: FileMode };

/**
 * What `join(folder, name)` gives for a name listed in the folder (no slash, not "." or ".."), as a prefix to add
 * the name to: path.join normalises the whole path at each call, which cost more than reading the file.
 */
function childPathPrefix(folder: string): string {
  const normal = normalize(folder);
  if (normal === '.') return '';
  return normal.endsWith(sep) ? normal : normal + sep;
}

/**
 * One-message files are named for the parser to read, each run of them in one event; mbox files in a folder are
 * streamed when their turn comes.
 */
async function* readFiles(files: ListedFile[]): AsyncGenerator<InputEvent> {
  let run: NamedFile[] = [];
  for (const file of files) {
    if (file.mode === 'single') {
      run.push({ name: file.name, path: file.path });
      continue;
    }
    if (run.length > 0) yield { type: 'files', files: run };
    run = [];
    yield* readFileInput(file.path, file.name, file.mode);
  }
  if (run.length > 0) yield { type: 'files', files: run };
}
