/**
 * Property-based robustness: whatever bytes arrive, parseBounce returns a well-formed ParseResult, never throws and
 * never hangs. Inputs are real corpus bounces damaged the way mail gets damaged in transit and storage (truncation,
 * bit rot, lost or repeated lines, broken MIME boundaries, rewritten line endings), plus random binary and
 * pathological shapes (huge headers, deep multipart nesting, enormous lines).
 *
 * The per-call time limit is a hang detector (catastrophic backtracking, quadratic loops), not a speed target: the
 * speed figures come from `pnpm bench:parser`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOUNCE_CLASSES,
  MESSAGE_KINDS,
  type ParseOptions,
  type ParseResult,
  parseBounce,
  REASONS,
  type RecipientResult,
  toEvalRecord,
} from '../src/index.js';

/**
 * A single call that takes more CPU than this is treated as a hang. CPU time of the process (the parser runs on this
 * thread; GC helpers add a little), not wall time: on a loaded 2-core CI box the wall time of a 3 MB input's parse
 * passed 2 s while its CPU time stayed a fraction of it. Quadratic costs are caught by the scaling tests below, and a
 * call that never returns by the watchdog.
 */
const HANG_LIMIT_CPU_MS = 2_000;
const CORPUS_DIR = process.env.BOUNCE_CORPUS_DIR
  ? resolve(process.env.BOUNCE_CORPUS_DIR)
  : resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/dev/emails');
/**
 * Fixed seed so that CI is reproducible; fast-check prints the seed and the shrunk counterexample of a failure.
 * Explore further with e.g. `BOUNCE_FC_SEED=$RANDOM BOUNCE_FC_SCALE=10 npx vitest run test/robustness.test.ts`.
 */
const SEED = Number(process.env.BOUNCE_FC_SEED ?? 20_240_101);
/** Multiplies every property's number of runs (default 1: the file runs in a few seconds). */
const SCALE = Number(process.env.BOUNCE_FC_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** Whole-test limit (a safety net; each property takes a second or two at scale 1). */
const PROPERTY_TIMEOUT = { timeout: 60_000 * Math.max(1, SCALE) };

const corpusNames = readdirSync(CORPUS_DIR)
  .filter((n) => n.endsWith('.eml'))
  .sort();
const corpus: Uint8Array[] = corpusNames.map((n) => new Uint8Array(readFileSync(join(CORPUS_DIR, n))));

const ACTIONS = new Set(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
const ERROR_CODES = new Set(['empty', 'binary', 'no-headers', 'internal', 'truncated']);
const STATUS_RE = /^[245]\.\d{1,3}\.\d{1,3}$/;
const HARD_REASONS = new Set(['userunknown', 'hostunknown', 'hasmoved']);
/** Classes the rules act on (as shared/eval/score.mjs counts failures). */
const FAILURE_CLASSES = new Set(['hard', 'soft', 'unknown']);

const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/**
 * A call that never returns cannot be caught in-process (the test runner's timeout needs the event loop), so a
 * watchdog thread checks the call in progress and, past this limit, names the input on stderr and kills the test
 * process: the run fails instead of hanging CI.
 */
const WATCHDOG_KILL_MS = 15_000;
const WATCHDOG_CODE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const label = new Uint8Array(workerData.label);
setInterval(() => {
  const startedAt = Atomics.load(state, 0);
  if (startedAt === 0) return;
  const elapsed = Date.now() - workerData.origin - startedAt;
  if (elapsed < workerData.limit) return;
  const text = Buffer.from(label.subarray(0, Atomics.load(state, 1))).toString('latin1');
  writeSync(2, 'parseBounce has not returned after ' + elapsed + ' ms on: ' + text + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 250);
`;
const LABEL_BYTES = 1024;
/** [0]: start of the call in progress, ms since ORIGIN (0: idle); [1]: length of the label. */
const watchdogState = new Int32Array(new SharedArrayBuffer(8));
const watchdogLabel = new Uint8Array(new SharedArrayBuffer(LABEL_BYTES));
const ORIGIN = Date.now() - 1;
let watchdog: Worker | null = null;

beforeAll(() => {
  watchdog = new Worker(WATCHDOG_CODE, {
    eval: true,
    workerData: { state: watchdogState.buffer, label: watchdogLabel.buffer, origin: ORIGIN, limit: WATCHDOG_KILL_MS },
  });
  watchdog.unref();
});

afterAll(async () => {
  await watchdog?.terminate();
});

/** Parses under both hang detectors; any throw fails the property. */
function timedParse(raw: Uint8Array | string, options?: ParseOptions, label = ''): ParseResult {
  const head = typeof raw === 'string' ? raw.slice(0, 200) : latin1(raw.subarray(0, 200));
  const text = `${label} ${raw.length} bytes: ${JSON.stringify(head)}`;
  Atomics.store(watchdogState, 1, new TextEncoder().encodeInto(text, watchdogLabel).written);
  Atomics.store(watchdogState, 0, Date.now() - ORIGIN);
  const start = process.cpuUsage();
  const result = parseBounce(raw, options);
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  Atomics.store(watchdogState, 0, 0);
  if (ms > HANG_LIMIT_CPU_MS) throw new Error(`parseBounce took ${ms.toFixed(0)} ms of CPU on ${raw.length} bytes`);
  return result;
}

/** Class must follow from reason as shared/eval/README.md defines it. */
function expectedClasses(r: RecipientResult): readonly string[] {
  switch (r.reason) {
    case 'feedback':
      return ['complaint'];
    case 'vacation':
      return ['auto-reply'];
    case 'delivered':
      return ['delivered'];
    case 'undefined':
    case 'onhold':
      return ['unknown'];
    case 'notaccept': {
      // hard "with a 5xx reply" (the corpus labels count a 5.x.x status as one), soft otherwise.
      const isPermanent = r.status?.startsWith('5') || (r.replyCode !== null && r.replyCode >= 500);
      const isTemporary = r.status?.startsWith('4') || (r.replyCode !== null && r.replyCode < 500);
      if (isPermanent && !isTemporary) return ['hard'];
      if (isTemporary && !isPermanent) return ['soft'];
      return ['hard', 'soft'];
    }
    default:
      return HARD_REASONS.has(r.reason) ? ['hard'] : ['soft'];
  }
}

/** Collects every contract violation of a result (empty = well-formed); a list reads better than one assertion. */
function violations(result: ParseResult, options?: ParseOptions): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) bad.push(what);
  };
  check(typeof result === 'object' && result !== null, 'result is an object');
  if (typeof result !== 'object' || result === null) return bad;
  check((MESSAGE_KINDS as readonly string[]).includes(result.kind), `kind ${String(result.kind)}`);
  check(typeof result.truncated === 'boolean', 'truncated is boolean');
  check(Array.isArray(result.recipients), 'recipients is an array');
  if ((result.kind === 'not-bounce' || result.kind === 'parse-error') && Array.isArray(result.recipients)) {
    check(result.recipients.length === 0, `${result.kind} has no recipients`);
  }
  if (result.kind === 'parse-error') check(result.error !== null, 'parse-error has an error');
  if (result.error !== null) {
    check(typeof result.error === 'object', 'error is an object');
    check(ERROR_CODES.has(result.error?.code), `error.code ${String(result.error?.code)}`);
    check(typeof result.error?.message === 'string', 'error.message is a string');
  }

  const m = result.message;
  check(typeof m === 'object' && m !== null, 'message is an object');
  for (const key of ['messageId', 'from', 'to', 'subject', 'date'] as const) {
    check(isStringOrNull(m?.[key]), `message.${key} is string|null`);
  }

  const o = result.original;
  check(typeof o === 'object' && o !== null, 'original is an object');
  for (const key of ['messageId', 'returnPath', 'from', 'subject'] as const) {
    check(isStringOrNull(o?.[key]), `original.${key} is string|null`);
  }
  check(Array.isArray(o?.to) && o.to.every((t) => typeof t === 'string'), 'original.to is string[]');
  check(
    typeof o?.correlationHeaders === 'object' &&
      o.correlationHeaders !== null &&
      Object.values(o.correlationHeaders).every((v) => typeof v === 'string'),
    'original.correlationHeaders is Record<string, string>',
  );
  if (options?.correlationHeaders && o?.correlationHeaders) {
    const allowed = new Set(options.correlationHeaders.map((h) => h.toLowerCase()));
    for (const key of Object.keys(o.correlationHeaders)) check(allowed.has(key), `unrequested correlation key ${key}`);
  }

  for (const [i, r] of (Array.isArray(result.recipients) ? result.recipients : []).entries()) {
    const at = `recipients[${i}]`;
    check(typeof r.recipient === 'string', `${at}.recipient is a string`);
    // A failure verdict is acted on per address, so it needs one; an ARF report may redact it (RFC 6590) and a
    // damaged auto-reply may not say who answered, which is harmless as neither suppresses anything.
    check(!FAILURE_CLASSES.has(r.class) || r.recipient.length > 0, `${at}.recipient empty for class ${r.class}`);
    check(isStringOrNull(r.originalRecipient), `${at}.originalRecipient`);
    check(r.action === null || ACTIONS.has(r.action), `${at}.action ${String(r.action)}`);
    check(r.status === null || (typeof r.status === 'string' && STATUS_RE.test(r.status)), `${at}.status ${r.status}`);
    check(
      r.replyCode === null || (Number.isInteger(r.replyCode) && r.replyCode >= 200 && r.replyCode <= 599),
      `${at}.replyCode ${r.replyCode}`,
    );
    check((REASONS as readonly string[]).includes(r.reason), `${at}.reason ${String(r.reason)}`);
    check((BOUNCE_CLASSES as readonly string[]).includes(r.class), `${at}.class ${String(r.class)}`);
    check(expectedClasses(r).includes(r.class), `${at}.class ${r.class} inconsistent with reason ${r.reason}`);
    for (const key of ['diagnosticCode', 'remoteMta', 'reportingMta', 'feedbackType', 'lastAttemptAt'] as const) {
      check(isStringOrNull(r[key]), `${at}.${key} is string|null`);
    }
    check(r.lastAttemptAt === null || !Number.isNaN(Date.parse(r.lastAttemptAt)), `${at}.lastAttemptAt is a date`);
    check(typeof r.detectedBy === 'string' && r.detectedBy.length > 0, `${at}.detectedBy non-empty string`);
  }

  // The CLI writes every result as one NDJSON line: it must serialise, and round-trip.
  try {
    const line = JSON.stringify(toEvalRecord('x.eml', result));
    check(!line.includes('\n'), 'eval record is one line');
    const back = JSON.parse(line) as { file?: unknown; recipients?: unknown };
    check(back.file === 'x.eml', 'eval record keeps the file name');
    check(Array.isArray(back.recipients) && back.recipients.length === result.recipients.length, 'eval recipients');
  } catch (err) {
    bad.push(`eval record: ${(err as Error).message}`);
  }
  return bad;
}

function expectWellFormed(raw: Uint8Array | string, options?: ParseOptions): ParseResult {
  const result = timedParse(raw, options);
  expect(violations(result, options)).toEqual([]);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations of corpus messages. Each takes the bytes and a source of random choices (fast-check draws them, so a
// failure shrinks to a small, replayable case).

type Rng = (max: number) => number; // integer in [0, max)

const fromLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const splitLines = (bytes: Uint8Array): string[] => latin1(bytes).split(/(?<=\n)/);

const MUTATIONS: Record<string, (input: Uint8Array, rng: Rng) => Uint8Array> = {
  truncate: (b, rng) => b.subarray(0, rng(b.length + 1)),
  flipBytes: (b, rng) => {
    const out = b.slice();
    for (let n = 1 + rng(16); n > 0 && out.length > 0; n--) out[rng(out.length)]! ^= 1 + rng(255);
    return out;
  },
  insertBytes: (b, rng) => {
    const at = rng(b.length + 1);
    const junk = Uint8Array.from({ length: 1 + rng(64) }, () => rng(256));
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
  deleteBytes: (b, rng) => {
    const at = rng(b.length + 1);
    return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng(256)))]);
  },
  deleteLines: (b, rng) => {
    const lines = splitLines(b);
    for (let n = 1 + rng(8); n > 0 && lines.length > 0; n--) lines.splice(rng(lines.length), 1 + rng(3));
    return fromLatin1(lines.join(''));
  },
  duplicateLines: (b, rng) => {
    const lines = splitLines(b);
    for (let n = 1 + rng(8); n > 0 && lines.length > 0; n--) {
      const i = rng(lines.length);
      lines.splice(i, 0, ...Array<string>(1 + rng(50)).fill(lines[i]!));
    }
    return fromLatin1(lines.join(''));
  },
  corruptBoundaries: (b, rng) => {
    const text = latin1(b);
    const boundaries = [...text.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]!);
    if (boundaries.length === 0) return fromLatin1(text.replace(/\n--/g, '\n-'));
    const boundary = boundaries[rng(boundaries.length)]!;
    const variants = [
      () => text.split(`--${boundary}--`).join(''), // closing delimiter lost
      () => text.split(`--${boundary}`).join(`--${boundary}X`), // delimiters no longer match the parameter
      () => text.replace(/boundary="?[^";\r\n]+"?/i, 'boundary=""'), // empty parameter
      () => text.replace(/;\s*boundary="?[^";\r\n]+"?/i, ''), // parameter missing
      () => text.split(`--${boundary}`).join('--'), // every delimiter reduced to "--"
      () => text.split(boundary).join(`${boundary}\r\n--${boundary}`), // delimiters inside delimiters
    ];
    return fromLatin1(variants[rng(variants.length)]!());
  },
  lineEndings: (b, rng) => {
    const ending = ['\n', '\r', '\r\n', '\n\r'][rng(4)]!;
    const text = latin1(b).replace(/\r\n|\r|\n/g, () => (rng(8) === 0 ? ['\n', '\r', '\r\n'][rng(3)]! : ending));
    return fromLatin1(text);
  },
  splice: (b, rng) => {
    // The head of one message on the tail of another: mismatched MIME structure, headers and parts.
    const other = corpus[rng(corpus.length)]!;
    return Buffer.concat([b.subarray(0, rng(b.length + 1)), other.subarray(rng(other.length + 1))]);
  },
  nulAndHighBytes: (b, rng) => {
    const out = b.slice();
    for (let n = 1 + rng(200); n > 0 && out.length > 0; n--) out[rng(out.length)] = [0, 0xff, 0x80, 0x1b][rng(4)]!;
    return out;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** A corpus message with 1-4 mutations applied, presented as a view at an odd offset of a larger buffer. */
const mutatedMessage = fc
  .record({
    source: fc.nat({ max: corpus.length - 1 }),
    steps: fc.array(fc.record({ name: fc.constantFrom(...MUTATION_NAMES), seed: fc.nat() }), {
      minLength: 1,
      maxLength: 4,
    }),
    offset: fc.nat({ max: 7 }),
  })
  .map(({ source, steps, offset }) => {
    let bytes = corpus[source]!;
    for (const step of steps) {
      let state = step.seed || 1;
      // xorshift32: cheap deterministic choices from the drawn seed
      const rng: Rng = (max) => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return max <= 0 ? 0 : (state >>> 0) % max;
      };
      bytes = MUTATIONS[step.name]!(bytes, rng);
    }
    // Not a Buffer and not at offset 0 of its ArrayBuffer: the parser must honour byteOffset/length.
    const backing = new Uint8Array(bytes.length + offset + 3).fill(0x5a);
    backing.set(bytes, offset);
    const raw = backing.subarray(offset, offset + bytes.length);
    const label = `${corpusNames[source]} after ${steps.map((s) => `${s.name}(seed ${s.seed})`).join(', ')}`;
    // Counterexamples print as this label plus the head of the bytes, not as a thousand-number array.
    return {
      raw,
      label,
      [fc.toStringMethod]: () => `${label}: ${raw.length} bytes ${JSON.stringify(latin1(raw.subarray(0, 300)))}…`,
    };
  });

// ---------------------------------------------------------------------------------------------------------------
// Pathological shapes, built directly.

const DSN_HEAD = [
  'From: MAILER-DAEMON@mx.example.net',
  'To: sender@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
].join('\r\n');

function nestedMultipart(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n${close}`;
  }
  const dsn =
    'Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n' +
    'Final-Recipient: rfc822; deep@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n';
  return `${DSN_HEAD}\r\n${open}${dsn}${close}`;
}

const nestedMessageRfc822 = (depth: number): string =>
  `${DSN_HEAD}\r\n${'Content-Type: message/rfc822\r\n\r\nFrom: x@example.com\r\n'.repeat(depth)}\r\nbody\r\n`;

describe('parseBounce robustness (property-based)', PROPERTY_TIMEOUT, () => {
  it('handles every corpus message unmodified', () => {
    for (const raw of corpus) expectWellFormed(raw);
  });

  it('never throws on mutated corpus messages and returns a well-formed result', () => {
    fc.assert(
      fc.property(mutatedMessage, ({ raw, label }) => {
        expect(violations(timedParse(raw, undefined, label))).toEqual([]);
      }),
      { numRuns: runs(5_000), seed: SEED },
    );
  });

  it('honours configured correlation headers on mutated messages', () => {
    const options: ParseOptions = { correlationHeaders: ['X-Send-Id', 'Message-ID', 'x-campaign'] };
    fc.assert(
      fc.property(mutatedMessage, ({ raw }) => {
        expect(violations(timedParse(raw, options), options)).toEqual([]);
      }),
      { numRuns: runs(1_000), seed: SEED + 1 },
    );
  });

  it('is deterministic: the same bytes give the same result', () => {
    fc.assert(
      fc.property(mutatedMessage, ({ raw }) => {
        expect(timedParse(raw)).toEqual(timedParse(raw.slice()));
      }),
      { numRuns: runs(500), seed: SEED + 2 },
    );
  });

  it('never throws on random binary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 * 1024 }), (raw) => {
        expect(violations(timedParse(raw))).toEqual([]);
      }),
      { numRuns: runs(1_000), seed: SEED + 3 },
    );
  });

  it('never throws on random header-like text', () => {
    const headerLine = fc
      .tuple(
        fc.constantFrom('Content-Type', 'Content-Transfer-Encoding', 'Subject', 'From', 'Status', 'Action', 'X-Y', ''),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('\n', '\r\n', '\r', '\n '),
      )
      .map(([name, value, eol]) => `${name}: ${value}${eol}`);
    fc.assert(
      fc.property(fc.array(headerLine, { maxLength: 60 }), fc.string({ maxLength: 2000 }), (lines, body) => {
        const text = `${lines.join('')}\n${body}`;
        expect(violations(timedParse(text))).toEqual([]);
        expect(violations(timedParse(fromLatin1(text)))).toEqual([]);
      }),
      { numRuns: runs(500), seed: SEED + 4 },
    );
  });

  it('accepts strings as well as bytes, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 4000 }), (text) => {
        expect(violations(timedParse(text))).toEqual([]);
      }),
      { numRuns: runs(500), seed: SEED + 5 },
    );
    for (const raw of corpus.slice(0, 40)) expectWellFormed(`\uD800${latin1(raw)}\uDFFF`);
  });
});

describe('parseBounce on pathological input', PROPERTY_TIMEOUT, () => {
  it('reports empty and blank input without throwing', () => {
    for (const raw of [new Uint8Array(0), '', '\r\n', ' \t\r\n\r\n', new Uint8Array(1000)]) {
      const result = expectWellFormed(raw);
      expect(result.recipients).toEqual([]);
    }
  });

  it('survives a huge header block and a single enormous header', () => {
    const manyHeaders = `${DSN_HEAD}\r\n${'X-Filler: value\r\n'.repeat(200_000)}\r\nbody\r\n`;
    expectWellFormed(manyHeaders);
    const folded = `${DSN_HEAD}\r\nX-Long: ${'word '.repeat(400_000)}\r\n${'\tmore\r\n'.repeat(100_000)}\r\nbody\r\n`;
    expectWellFormed(fromLatin1(folded));
  });

  it('survives deeply nested multiparts and message/rfc822 parts', () => {
    expectWellFormed(nestedMultipart(2_000));
    expectWellFormed(fromLatin1(nestedMultipart(20_000)));
    expectWellFormed(nestedMessageRfc822(50_000));
  });

  it('survives enormous single lines (no line break at all)', () => {
    const line = Buffer.alloc(20 * 1024 * 1024, 0x41);
    expectWellFormed(line);
    const bodyLine = Buffer.concat([Buffer.from(`${DSN_HEAD}\r\nContent-Type: text/plain\r\n\r\n`), line]);
    expectWellFormed(bodyLine);
    const headerLine = Buffer.concat([Buffer.from('Subject: '), line, Buffer.from('\r\n\r\nbody')]);
    expectWellFormed(headerLine);
  });

  it('survives a corpus bounce returning a 30 MB attachment and reports it as truncated work', () => {
    const dsn = corpus.find((b) => /multipart\/report/i.test(latin1(b.subarray(0, 4096))))!;
    const huge = Buffer.concat([dsn, Buffer.from(`${'QUJD'.repeat(19)}\r\n`.repeat(400_000))]);
    const result = expectWellFormed(huge);
    expect(result.truncated).toBe(true);
  });

  it('respects a small maxBytes on every corpus message', () => {
    for (const raw of corpus) expectWellFormed(raw, { maxBytes: 512 });
  });

  it('survives many recipients and many MIME parts', () => {
    const recipients = Array.from(
      { length: 20_000 },
      (_, i) => `Final-Recipient: rfc822; user${i}@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n`,
    ).join('');
    const many =
      `${DSN_HEAD}\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n` +
      `--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n${recipients}` +
      `${'--B\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(20_000)}--B--\r\n`;
    expectWellFormed(many);
  });
});
