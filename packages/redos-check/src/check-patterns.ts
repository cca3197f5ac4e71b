/**
 * Checks patterns with recheck for super-linear backtracking, including the quadratic cost of an unanchored search
 * restarting at every position (issue 12: zoho's address pattern took 203 s on 500 KB). Reports one line per pattern
 * that is vulnerable or could not be decided, and the patterns found linear (verified-patterns.ts records them).
 */
import { check } from 'recheck';
import type { FoundRegex } from './extract-regexes.js';

/**
 * A generous limit: the slowest patterns take about 11 s on an idle machine, and tests share two cores. Fuzzing is
 * made deterministic: a fixed seed, and verdicts from step counts only. With recheck's default 1 s limit on matching
 * an attack string, a loaded machine turned linear patterns into "2nd degree" findings. Part of the key of a verified
 * pattern: changed options verify every pattern again.
 */
export const CHECK_OPTIONS = {
  timeout: 120_000,
  randomSeed: 20_261_206,
  attackTimeout: null,
  incubationTimeout: null,
} as const;

export async function checkPatterns(
  patterns: readonly FoundRegex[],
): Promise<{ problems: string[]; linear: FoundRegex[] }> {
  const problems: string[] = [];
  const linear: FoundRegex[] = [];
  // One at a time: recheck's agent checks one pattern at a time, and the machine is shared.
  for (const r of patterns) {
    const result = await check(r.source, r.flags, CHECK_OPTIONS);
    if (result.status === 'safe') {
      linear.push(r);
      continue;
    }
    const what =
      result.status === 'vulnerable'
        ? `${result.complexity.summary}, attack ${result.attack.pattern.slice(0, 120)}`
        : `not decided (${result.error.kind})`;
    problems.push(`${r.file}:${r.line} /${r.source.slice(0, 100)}/${r.flags}: ${what}`);
  }
  return { problems, linear };
}
