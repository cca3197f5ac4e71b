/**
 * The regular expressions the ReDoS check covers: every literal and statically known `RegExp(...)` of the listed
 * source folders, and each phrase of the parser's wording families as it is compiled.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORDING } from '../../bounce-parser/src/classify/wording.js';
import { extractRegexes, type FoundRegex } from './extract-regexes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CHECKED_DIRS = [
  'packages/bounce-parser/src',
  'apps/api/src',
  'packages/db/src',
  'packages/webhooks/src',
  'packages/config/src',
  // Reads the replies and headers of bounces (hostile input) for sender diagnosis.
  'packages/sender-health/src',
  'packages/events/src',
  'packages/mailbox-access/src',
  'packages/mailer/src',
  'packages/queue/src',
  'packages/runtime/src',
];

/**
 * Generated files whose patterns are checked at their source instead: the parser's wording.compiled.ts joins the
 * phrases of wording.ts into large factored alternations, on which recheck can only fuzz, and its fuzzing gives a
 * different verdict from run to run on such alternations (false "2nd degree" findings on patterns with no
 * quantified gap). Each phrase is checked on its own below, where recheck's exact automaton check applies.
 */
const GENERATED = new Set(['wording.compiled.ts']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts') && !GENERATED.has(entry)) {
      out.push(path);
    }
  }
  return out;
}

/** Every pattern found, in file order. */
export const found: FoundRegex[] = [];
/** `RegExp(...)` calls whose pattern is not static (they cannot be checked). */
export const dynamic: string[] = [];
for (const dir of CHECKED_DIRS) {
  for (const file of sourceFiles(join(ROOT, dir))) {
    const r = extractRegexes(file);
    found.push(...r.regexes.map((x) => ({ ...x, file: relative(ROOT, x.file) })));
    dynamic.push(...r.dynamic.map((d) => `${relative(ROOT, d.file)}:${d.line} ${d.text}`));
  }
}

// The phrases of the parser's wording families (src/classify/wording.ts), as they are compiled.
found.push(
  ...WORDING.flatMap(([reason, phrases]) =>
    phrases.map((source) => ({
      file: `packages/bounce-parser/src/classify/wording.ts (${reason})`,
      line: 0,
      source,
      flags: '',
    })),
  ),
);

/** The distinct patterns (one per source and flags: a phrase written twice is checked once), in file order. */
export const distinct: FoundRegex[] = (() => {
  const seen = new Set<string>();
  return found.filter((r) => {
    const key = `${r.flags}/${r.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
})();

/**
 * `patterns` split into `count` shards of about equal size. Each shard is its own test file, so vitest runs them in
 * parallel processes, each with its own recheck agent (one agent checks one pattern at a time).
 */
export function shard<T>(patterns: readonly T[], index: number, count: number): T[] {
  return patterns.filter((_, i) => i % count === index);
}
