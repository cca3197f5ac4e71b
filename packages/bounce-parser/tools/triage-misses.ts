/**
 * Lists the misses of the labelled corpora (test/corpora) as one line each, with the language and the reply of the
 * catalogue entry behind them, for grouping by (expected reason, produced reason, language). Dev-only.
 * Usage: tsx tools/triage-misses.ts [corpus-glob-prefix ...] [--reasons r1,r2,...] [--group] > misses.tsv
 *   --reasons  only the misses whose expected or produced reason is one of these (e.g. the sender-side family)
 *   --group    one entry per (expected reason, produced reason, catalogue entry) with its count and the folds it
 *              occurs in, instead of one line per miss: a family of replies is triaged once, not file by file
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFolds, loadManifest, parseCorpus } from '../test/corpora/scoring.js';
import { CATALOGUE } from './generate-corpus/catalogue.js';
import { CATALOGUE2 } from './generate-corpus/catalogue2.js';
import { CATALOGUE3 } from './generate-corpus/catalogue3.js';
import { CATALOGUE4 } from './generate-corpus/catalogue4.js';
import { CATALOGUE5 } from './generate-corpus/catalogue5.js';

const CORPORA = fileURLToPath(new URL('../test/corpora', import.meta.url));
const byId = new Map<string, { lang: string; reply: string[] }>();
for (const e of [...CATALOGUE, ...CATALOGUE2, ...CATALOGUE3, ...CATALOGUE4, ...CATALOGUE5]) byId.set(e.id, e);

const { values, positionals: want } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { reasons: { type: 'string' }, group: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const reasons = values.reasons ? new Set(values.reasons.split(',')) : null;

const dirs = corpusFolds(CORPORA);

type Group = { expected: string; produced: string; source: string; reply: string; count: number; folds: Set<string> };
const groups = new Map<string, Group>();

for (const name of dirs) {
  if (want.length && !want.some((w) => name.startsWith(w))) continue;
  const dir = join(CORPORA, name);
  const manifest = loadManifest(dir) as (ReturnType<typeof loadManifest>[number] & { sources?: string[] })[];
  const results = parseCorpus(dir, manifest);
  for (const entry of manifest) {
    const actual = results.get(entry.file)?.recipients ?? [];
    entry.expected.forEach((exp, i) => {
      const a = actual[i];
      if (a && a.reason === exp.reason && a.class === exp.class) return;
      const produced = a ? a.reason : 'nothing';
      if (reasons && !reasons.has(exp.reason) && !reasons.has(produced)) return;
      const src = entry.sources?.[i] ?? '';
      const cat = byId.get(src.replace(/@.*$/, ''));
      if (values.group) {
        // Generated corpora name the catalogue entry; hand-written ones are grouped by file.
        const source = src.replace(/@.*$/, '') || `${name}:${entry.file}`;
        const key = `${exp.reason}|${produced}|${source}`;
        const group = groups.get(key) ?? {
          expected: exp.reason,
          produced,
          source,
          reply: cat?.reply.join(' ') ?? '',
          count: 0,
          folds: new Set<string>(),
        };
        group.count++;
        group.folds.add(name.split('/')[0] ?? name);
        groups.set(key, group);
        return;
      }
      const diag = (a?.diagnosticCode ?? '').replace(/\s+/g, ' ').slice(0, 220);
      console.log(
        [
          name,
          entry.file,
          i,
          exp.reason,
          exp.class,
          produced,
          a ? a.class : '-',
          exp.status,
          a?.status ?? '',
          cat?.lang ?? '?',
          src,
          diag,
        ].join('\t'),
      );
    });
  }
}

if (values.group) {
  const sorted = [...groups.values()].sort(
    (a, b) => a.expected.localeCompare(b.expected) || a.produced.localeCompare(b.produced) || b.count - a.count,
  );
  for (const g of sorted) {
    console.log(`${g.expected} <- ${g.produced}  x${g.count}  ${g.source} [${[...g.folds].join(',')}]`);
    console.log(`    ${g.reply.slice(0, 400)}`);
  }
  console.log(`${sorted.reduce((n, g) => n + g.count, 0)} recipients in ${sorted.length} groups`);
}
