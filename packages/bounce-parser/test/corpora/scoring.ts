/**
 * Parses a labelled corpus directory (emails/*.eml + manifest.json) the way `bounce parse --ndjson` does and scores
 * it with the rules of shared/eval/score.mjs for fully labelled manifests: recipients compared by position on
 * reason, class, status and replyCode; an entry with `expected: []` is a non-bounce, left alone only when no
 * recipient at all is reported. Percentages are rounded to one decimal as score.mjs rounds them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalRecord, parseBounce, toEvalRecord } from '../../src/index.js';

export type Expected = { status: string | null; replyCode: number | null; reason: string; class: string };
export type ManifestEntry = { file: string; engine: string; expected: Expected[] };

export type Miss = { file: string; why: string };

export type CorpusScore = {
  files: number;
  recipients: number;
  /** null where the corpus has no recipient (or no non-bounce) to judge. */
  reasonPct: number | null;
  classPct: number | null;
  statusPct: number | null;
  replyCodePct: number | null;
  recipientCountPct: number | null;
  notBounceFiles: number;
  notBounceRejectedPct: number | null;
  /**
   * Of the files whose labels hold no failure (non-bounces and auto-replies), the share for which the parser
   * reports no failure either (no recipient of class hard, soft or unknown): "left alone" in the stricter sense
   * that also covers auto-replies. null when the corpus has no such file.
   */
  noFailurePct: number | null;
  /** Per engine (server family): recipients, reason and class right. */
  perEngine: Record<string, { files: number; recipients: number; reason: number; class: number }>;
  misses: Miss[];
};

export function loadManifest(dir: string): ManifestEntry[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/** The labelled corpora below `root` ("legacy", "generated/postfix", ...): every folder that holds a manifest.json. */
export function corpusFolds(root: string): string[] {
  const folds: string[] = [];
  for (const top of readdirSync(root).sort()) {
    const p = join(root, top);
    if (existsSync(join(p, 'manifest.json'))) folds.push(top);
    else if (!top.includes('.'))
      for (const sub of readdirSync(p).sort())
        if (existsSync(join(p, sub, 'manifest.json'))) folds.push(`${top}/${sub}`);
  }
  return folds;
}

export function emailFiles(dir: string): string[] {
  return readdirSync(join(dir, 'emails'))
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

/** One NDJSON line per manifest entry, as `bounce parse --ndjson` writes it. */
export function parseCorpus(dir: string, manifest: ManifestEntry[]): Map<string, EvalRecord> {
  return new Map(
    manifest.map((e) => [e.file, toEvalRecord(e.file, parseBounce(readFileSync(join(dir, 'emails', e.file))))]),
  );
}

/** Classes that make a recipient a delivery failure (as score.mjs counts them). */
const FAILURE_CLASSES = new Set(['hard', 'soft', 'unknown']);

const pct = (a: number, b: number) => (b ? Number(((100 * a) / b).toFixed(1)) : null);

export function scoreCorpus(manifest: ManifestEntry[], results: Map<string, EvalRecord>): CorpusScore {
  let recipients = 0;
  let reason = 0;
  let cls = 0;
  let status = 0;
  let replyCode = 0;
  let countOk = 0;
  let notBounceFiles = 0;
  let notBounceOk = 0;
  let noFailureFiles = 0;
  let noFailureOk = 0;
  const perEngine: CorpusScore['perEngine'] = {};
  const misses: Miss[] = [];
  for (const entry of manifest) {
    const actual = results.get(entry.file)?.recipients ?? [];
    const eng = perEngine[entry.engine] ?? { files: 0, recipients: 0, reason: 0, class: 0 };
    perEngine[entry.engine] = eng;
    eng.files++;
    if (entry.expected.every((e) => !FAILURE_CLASSES.has(e.class))) {
      noFailureFiles++;
      if (!actual.some((a) => FAILURE_CLASSES.has(a.class))) noFailureOk++;
    }
    if (entry.expected.length === 0) {
      notBounceFiles++;
      if (actual.length === 0) {
        notBounceOk++;
        countOk++;
      } else misses.push({ file: entry.file, why: `not a bounce, got ${actual.length} recipient(s)` });
      continue;
    }
    if (actual.length === entry.expected.length) countOk++;
    else misses.push({ file: entry.file, why: `${actual.length} recipient(s), expected ${entry.expected.length}` });
    entry.expected.forEach((exp, i) => {
      const a = actual[i];
      recipients++;
      eng.recipients++;
      const reasonOk = a?.reason === exp.reason;
      const classOk = a?.class === exp.class;
      const statusOk = (a?.status ?? null) === exp.status;
      if (reasonOk) {
        reason++;
        eng.reason++;
      }
      if (classOk) {
        cls++;
        eng.class++;
      }
      if (statusOk) status++;
      if ((a?.replyCode ?? null) === exp.replyCode) replyCode++;
      if (!(reasonOk && classOk && statusOk)) {
        const got = a ? `${a.reason}/${a.class}/${a.status ?? null}` : 'nothing';
        misses.push({ file: entry.file, why: `#${i} got ${got}, expected ${exp.reason}/${exp.class}/${exp.status}` });
      }
    });
  }
  return {
    files: manifest.length,
    recipients,
    reasonPct: pct(reason, recipients),
    classPct: pct(cls, recipients),
    statusPct: pct(status, recipients),
    replyCodePct: pct(replyCode, recipients),
    recipientCountPct: pct(countOk, manifest.length),
    notBounceFiles,
    notBounceRejectedPct: pct(notBounceOk, notBounceFiles),
    noFailurePct: pct(noFailureOk, noFailureFiles),
    perEngine,
    misses,
  };
}
