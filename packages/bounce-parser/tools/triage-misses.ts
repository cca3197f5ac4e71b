/**
 * Lists the misses of the labelled corpora (test/corpora) as one line each, with the language and the reply of the
 * catalogue entry behind them, for grouping by (expected reason, produced reason, language). Dev-only.
 * Usage: tsx tools/triage-misses.ts [corpus-glob-prefix ...] > misses.tsv
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, parseCorpus } from '../test/corpora/scoring.js';
import { CATALOGUE } from './generate-corpus/catalogue.js';
import { CATALOGUE2 } from './generate-corpus/catalogue2.js';
import { CATALOGUE3 } from './generate-corpus/catalogue3.js';

const CORPORA = fileURLToPath(new URL('../test/corpora', import.meta.url));
const byId = new Map<string, { lang: string; reply: string[] }>();
for (const e of [...CATALOGUE, ...CATALOGUE2, ...CATALOGUE3]) byId.set(e.id, e);

const dirs: string[] = [];
for (const top of readdirSync(CORPORA)) {
  const p = join(CORPORA, top);
  if (existsSync(join(p, 'manifest.json'))) dirs.push(top);
  else if (!top.includes('.'))
    for (const sub of readdirSync(p)) if (existsSync(join(p, sub, 'manifest.json'))) dirs.push(`${top}/${sub}`);
}
const want = process.argv.slice(2);
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
      const src = entry.sources?.[i] ?? '';
      const cat = byId.get(src.replace(/@.*$/, ''));
      const diag = (a?.diagnosticCode ?? '').replace(/\s+/g, ' ').slice(0, 220);
      console.log(
        [
          name,
          entry.file,
          i,
          exp.reason,
          exp.class,
          a ? a.reason : 'nothing',
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
