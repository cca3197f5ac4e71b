/**
 * Prints every labelled corpus fold under test/corpora (the folds corpora.test.ts scores) and the all-folds figure:
 * reason, class and status recipient-weighted over every bounce recipient of every fold, with the rules of
 * shared/eval/score.mjs (test/corpora/scoring.ts). Dev-only.
 * Usage: tsx tools/all-folds.ts
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFolds, loadManifest, parseCorpus, scoreCorpus } from '../test/corpora/scoring.js';

const CORPORA = fileURLToPath(new URL('../test/corpora', import.meta.url));

const folds = corpusFolds(CORPORA);

const right = (pct: number | null, n: number) => Math.round(((pct ?? 0) * n) / 100);
let recipients = 0;
let reason = 0;
let cls = 0;
let status = 0;
for (const name of folds) {
  const dir = join(CORPORA, name);
  const manifest = loadManifest(dir);
  const s = scoreCorpus(manifest, parseCorpus(dir, manifest));
  // scoreCorpus reports percentages rounded to one decimal; exact reason and class counts come from its per-engine
  // tallies, status only from its percentage (hence the ~ on the status total).
  const r = Object.values(s.perEngine).reduce((n, e) => n + e.reason, 0);
  const c = Object.values(s.perEngine).reduce((n, e) => n + e.class, 0);
  const st = right(s.statusPct, s.recipients);
  recipients += s.recipients;
  reason += r;
  cls += c;
  status += st;
  console.log(
    [name.padEnd(22), s.recipients, `${s.reasonPct ?? '-'}`, `${s.classPct ?? '-'}`, `${s.statusPct ?? '-'}`].join(
      '\t',
    ),
  );
}
const pct = (a: number) => ((100 * a) / recipients).toFixed(2);
console.log(
  `all folds: ${recipients} recipients, reason ${pct(reason)}% (${reason}) class ${pct(cls)}% (${cls}) status ~${pct(status)}%`,
);
