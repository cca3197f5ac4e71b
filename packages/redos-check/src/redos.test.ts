/**
 * Every regular expression of the parser and of the API (with the libraries that read request input) is checked by
 * recheck for super-linear backtracking, including the quadratic cost of an unanchored search restarting at every
 * position (issue 12: zoho's address pattern took 203 s on 500 KB). A new pattern that recheck finds vulnerable fails
 * this test with the attack string recheck built; rewrite it (see packages/redos-check/README.md for the usual
 * fixes) rather than listing it below.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
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

const found: FoundRegex[] = [];
const dynamic: string[] = [];
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

describe('regular expressions are linear (recheck)', () => {
  it('finds the patterns to check, and every RegExp built at run time has a static pattern', () => {
    expect(found.length).toBeGreaterThan(200);
    expect(dynamic).toEqual([]);
  });

  it('no pattern backtracks super-linearly', { timeout: 900_000 }, async () => {
    const problems: string[] = [];
    // One at a time: recheck's checker is a single process, and the machine is shared.
    for (const r of found) {
      // A generous limit: the slowest patterns take about 11 s on an idle machine, and tests share two cores.
      // Fuzzing is made deterministic: a fixed seed, and verdicts from step counts only. With recheck's default
      // 1 s limit on matching an attack string, a loaded machine turned linear patterns into "2nd degree" findings.
      const result = await check(r.source, r.flags, {
        timeout: 120_000,
        randomSeed: 20_261_206,
        attackTimeout: null,
        incubationTimeout: null,
      });
      if (result.status === 'safe') continue;
      const what =
        result.status === 'vulnerable'
          ? `${result.complexity.summary}, attack ${result.attack.pattern.slice(0, 120)}`
          : `not decided (${result.error.kind})`;
      problems.push(`${r.file}:${r.line} /${r.source.slice(0, 100)}/${r.flags}: ${what}`);
    }
    expect(problems).toEqual([]);
  });
});
