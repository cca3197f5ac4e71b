/**
 * The figures issue 13 reports for held-out collection C, measured on labelled corpora of our own (dev-only):
 * bounce-or-not (per file: the parser reports a failure exactly when the labels hold one), recipients found (per
 * bounce: as many failed recipients as labelled), permanence (per labelled recipient: delay notice or final failure,
 * from the parser's action; a corpus marks its delay notices by `-delay` in the file name, legacy8.ts says so), then
 * status, reason and class by recipient position as score.mjs compares them. Misses are listed with --verbose.
 * Usage: tsx tools/c-figures.ts legacy8 [legacy7 ...] [--verbose]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, parseCorpus } from '../test/corpora/scoring.js';

const CORPORA = fileURLToPath(new URL('../test/corpora', import.meta.url));
const FAILURE = new Set(['hard', 'soft', 'unknown']);
const args = process.argv.slice(2).filter((a) => a !== '--');
const verbose = args.includes('--verbose');

const pct = (ok: number, of: number) => (of ? `${((100 * ok) / of).toFixed(1)}% (${ok}/${of})` : '-');

for (const name of args.filter((a) => !a.startsWith('--'))) {
  const dir = join(CORPORA, name);
  const manifest = loadManifest(dir);
  const results = parseCorpus(dir, manifest);
  const n = { files: 0, bounceOk: 0, bounces: 0, found: 0, recipients: 0, perm: 0, status: 0, reason: 0, cls: 0 };
  const misses: string[] = [];
  for (const entry of manifest) {
    const got = results.get(entry.file)?.recipients ?? [];
    const expectedFailures = entry.expected.filter((e) => FAILURE.has(e.class));
    const isBounce = expectedFailures.length > 0;
    const saysBounce = got.some((r) => FAILURE.has(r.class));
    n.files++;
    if (isBounce === saysBounce) n.bounceOk++;
    else misses.push(`${entry.file}: bounce-or-not, expected ${isBounce ? 'bounce' : 'not'}`);
    if (!isBounce) continue;
    n.bounces++;
    const gotFailures = got.filter((r) => FAILURE.has(r.class)).length;
    if (gotFailures === expectedFailures.length) n.found++;
    else misses.push(`${entry.file}: ${gotFailures} recipient(s), expected ${expectedFailures.length}`);
    const delayed = entry.file.includes('-delay');
    entry.expected.forEach((exp, i) => {
      const a = got[i];
      n.recipients++;
      if (a && (a.action === 'delayed') === delayed) n.perm++;
      else misses.push(`${entry.file} #${i}: permanence, expected ${delayed ? 'delayed' : 'failed'}, got ${a?.action}`);
      if ((a?.status ?? null) === exp.status) n.status++;
      if (a?.reason === exp.reason) n.reason++;
      if (a?.class === exp.class) n.cls++;
      if (a?.status !== exp.status || a?.reason !== exp.reason || a?.class !== exp.class) {
        const g = a ? `${a.reason}/${a.class}/${a.status}` : 'nothing';
        misses.push(`${entry.file} #${i}: got ${g}, expected ${exp.reason}/${exp.class}/${exp.status}`);
      }
    });
  }
  console.log(
    `${name}: files ${n.files}, bounces ${n.bounces}, recipients ${n.recipients}\n` +
      `  bounce-or-not ${pct(n.bounceOk, n.files)}  recipients found ${pct(n.found, n.bounces)}  ` +
      `permanence ${pct(n.perm, n.recipients)}\n  status ${pct(n.status, n.recipients)}  ` +
      `reason ${pct(n.reason, n.recipients)}  class ${pct(n.cls, n.recipients)}`,
  );
  if (verbose) for (const m of misses) console.log(`    ${m}`);
}
