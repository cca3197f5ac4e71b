/**
 * The patterns recheck found linear, recorded in verified-linear.txt (committed) so that a run checks only patterns
 * that are new or changed: recheck's verdicts are deterministic (fixed seed, step counts only, see CHECK_OPTIONS), so
 * checking an unchanged pattern again gives the same answer, at up to 11 s a pattern. The key of a pattern is a hash
 * of its source, its flags, recheck's version and the check options: any change to one of them is a pattern never
 * verified. Only linear verdicts are recorded; a vulnerable or undecided pattern is checked (and fails) every run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHECK_OPTIONS } from './check-patterns.js';
import type { FoundRegex } from './extract-regexes.js';

export const VERIFIED_FILE = fileURLToPath(new URL('../verified-linear.txt', import.meta.url));
const RECHECK_VERSION: string = createRequire(import.meta.url)('recheck/package.json').version;
const CHECKER = `recheck ${RECHECK_VERSION} ${JSON.stringify(CHECK_OPTIONS)}`;

const HEADER = `# Keys of the patterns recheck found linear (packages/redos-check, src/verified-patterns.ts): a hash of the
# pattern, its flags, recheck's version and the check options. Written by the check itself; a pattern missing here is
# checked by the next run. On a merge conflict keep the lines of both sides (or either: what is missing is checked
# again). Never add a line by hand.
`;

export type PatternSource = Pick<FoundRegex, 'source' | 'flags'>;

export function patternKey(pattern: PatternSource): string {
  return createHash('sha256')
    .update(CHECKER)
    .update('\0')
    .update(pattern.flags)
    .update('\0')
    .update(pattern.source)
    .digest('hex')
    .slice(0, 32);
}

export function readVerified(file = VERIFIED_FILE): Set<string> {
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[0-9a-f]{32}$/.test(line)),
  );
}

/** The patterns whose key is not recorded: the ones a run must check. */
export function unverified<T extends PatternSource>(patterns: readonly T[], verified: ReadonlySet<string>): T[] {
  return patterns.filter((p) => !verified.has(patternKey(p)));
}

/**
 * Adds the keys of `linear` and drops the keys of patterns no longer in `current` (every pattern of the sources), so
 * the file lists exactly the current linear patterns. The two shards finish at about the same time: a lock directory
 * serialises their read-and-write; without the lock within a few seconds nothing is recorded (the next run checks
 * those patterns again).
 */
export function recordVerified(
  linear: readonly PatternSource[],
  current: readonly PatternSource[],
  file = VERIFIED_FILE,
): void {
  withLock(`${file}.lock`, () => {
    const currentKeys = new Set(current.map(patternKey));
    const before = readVerified(file);
    const after = new Set([...before].filter((k) => currentKeys.has(k)));
    for (const p of linear) after.add(patternKey(p));
    if (after.size === before.size && [...after].every((k) => before.has(k))) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${HEADER}${[...after].sort().join('\n')}\n`);
    renameSync(temporary, file);
  });
}

const LOCK_WAIT_MS = 10_000;
/** A lock left by a killed run. */
const STALE_LOCK_MS = 60_000;

function withLock(lock: string, work: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (lockAgeMs(lock) > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockAgeMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}
