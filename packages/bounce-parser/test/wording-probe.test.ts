/**
 * Scores the wording probe (test/wording-probe/probe.ts): invented replies across causes, languages and providers
 * that the wording families were not written from. Prints the figure and the misses; the floor is a ratchet (the
 * figure when the probe was last improved), never lowered to make a change pass.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { HELD_OUT } from './wording-probe/held-out.js';
import { PROBE } from './wording-probe/probe.js';

/**
 * Share of probe replies read with the labelled reason, in percent (one decimal). Main 209defb, before the fifth
 * pass changed any wording family: 61.0% and 46.6%. The probe's misses then guided the new families (family by
 * family, never sample by sample), so its 100% is an after figure; the held-out probe was not tuned on: 61.9% is
 * its first sight with those families.
 */
const FLOOR = 100;
const HELD_OUT_FLOOR = 61.9;

function score(entries: typeof PROBE): { right: number; pct: number; misses: string[] } {
  const misses: string[] = [];
  let right = 0;
  for (const [reason, reply, command] of entries) {
    const got = classify({ diagnostic: reply, command: command ?? null }).reason;
    if (got === reason) right++;
    else misses.push(`${reason} <- ${got}: ${reply}${command ? ` (${command})` : ''}`);
  }
  return { right, pct: Number(((100 * right) / entries.length).toFixed(1)), misses };
}

const probes = { probe: [PROBE, FLOOR], 'held-out probe': [HELD_OUT, HELD_OUT_FLOOR] } as const;
const figures: string[] = [];
afterAll(() => console.log(figures.join('\n')));

for (const [name, [entries, floor]] of Object.entries(probes)) {
  describe(`wording ${name}`, () => {
    const { right, pct, misses } = score(entries);
    figures.push(`wording ${name}: ${right}/${entries.length} (${pct}%)${misses.map((m) => `\n  ${m}`).join('')}`);

    it('has no duplicate reply, and none shared with the other probe', () => {
      expect(new Set(entries.map(([, reply]) => reply)).size).toBe(entries.length);
      const all = [...PROBE, ...HELD_OUT].map(([, reply]) => reply);
      expect(new Set(all).size).toBe(all.length);
    });

    it('reads at least the floor share of invented replies with the labelled reason', () => {
      expect(pct).toBeGreaterThanOrEqual(floor);
    });
  });
}
