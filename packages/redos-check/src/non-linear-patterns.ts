/**
 * Checks patterns with recheck for super-linear backtracking, including the quadratic cost of an unanchored search
 * restarting at every position (issue 12: zoho's address pattern took 203 s on 500 KB). Returns one line per pattern
 * that is vulnerable or could not be decided.
 */
import { check } from 'recheck';
import type { FoundRegex } from './extract-regexes.js';

export async function nonLinearPatterns(patterns: readonly FoundRegex[]): Promise<string[]> {
  const problems: string[] = [];
  // One at a time: recheck's agent checks one pattern at a time, and the machine is shared.
  for (const r of patterns) {
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
  return problems;
}
