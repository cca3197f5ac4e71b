/**
 * The scoring rules of shared/eval/score.mjs, in TypeScript, so the generalisation set can be scored inside vitest
 * without the shared/ directory beside the repository. When score.mjs is available, generalization.test.ts runs it
 * too and checks that both agree, so these rules cannot silently drift from the reference scorer.
 *
 * Two kinds of manifest entries (see shared/eval/score.mjs):
 * - full: `expected` lists every recipient by position with status, replyCode, reason and class; `[]` means "not a
 *   bounce" and is right only when no recipient at all is reported;
 * - partial (labels other tools' tests assert): `kind` bounce/not-bounce, and for some recipients their address
 *   spellings plus optionally permanence (RFC 3463 class digit of the status), class and status.
 */

export type FullLabel = { status: string | null; replyCode: number | null; reason: string; class: string };

export type PartialRecipientLabel = {
  address: string[];
  permanence?: 'permanent' | 'temporary';
  class?: string;
  status?: string;
};

export type ManifestEntry =
  | { file: string; engine: string; partial?: false; expected: FullLabel[] }
  | { file: string; engine: string; partial: true; kind: 'bounce' | 'not-bounce'; recipients: PartialRecipientLabel[] };

/** One NDJSON line of `bounce parse --ndjson` (only the fields the scorer reads). */
export type ScoredLine = {
  file: string;
  kind?: string;
  recipients: {
    recipient: string;
    status: string | null;
    replyCode: number | null;
    reason: string;
    class: string;
  }[];
};

export type Miss = { file: string; why: string };

export type SetScore = {
  files: number;
  /** Full entries: recipients judged by position, and non-bounces that must yield no recipient. */
  full: { recipients: number; reason: number; class: number; status: number; notBounce: number; notBounceOk: number };
  /** Partial entries: kind, asserted recipients found, and the optional labels judged on the found recipient. */
  partial: {
    files: number;
    kindOk: number;
    notBounce: number;
    notBounceOk: number;
    recipients: number;
    found: number;
    permanence: [ok: number, of: number];
    class: [ok: number, of: number];
    status: [ok: number, of: number];
  };
  misses: Miss[];
};

/** Classes that count as a failure for a partial entry's kind (score.mjs FAILURE). */
const FAILURE_CLASSES = new Set(['hard', 'soft', 'unknown']);

/** A delay notice counts as a bounce for partial labels: other tools' tests assert "bounce" for warnings too. */
function kindGroup(kind: string): 'bounce' | 'not-bounce' {
  return kind === 'bounce' || kind === 'delayed' ? 'bounce' : 'not-bounce';
}

/** RFC 3463: the first digit of the status is its class (5 permanent, 4 persistent transient). */
function permanenceOf(r: ScoredLine['recipients'][number]): string | null {
  if (/^5/.test(r.status ?? '')) return 'permanent';
  if (/^4/.test(r.status ?? '')) return 'temporary';
  return r.class === 'hard' ? 'permanent' : null;
}

export function scoreManifest(manifest: readonly ManifestEntry[], lines: readonly ScoredLine[]): SetScore {
  const byFile = new Map(lines.map((l) => [l.file.split('/').pop() ?? l.file, l] as const));
  const score: SetScore = {
    files: 0,
    full: { recipients: 0, reason: 0, class: 0, status: 0, notBounce: 0, notBounceOk: 0 },
    partial: {
      files: 0,
      kindOk: 0,
      notBounce: 0,
      notBounceOk: 0,
      recipients: 0,
      found: 0,
      permanence: [0, 0],
      class: [0, 0],
      status: [0, 0],
    },
    misses: [],
  };
  for (const entry of manifest) {
    score.files++;
    const line = byFile.get(entry.file);
    const actual = line?.recipients ?? [];
    const why: string[] = [];
    if (entry.partial) {
      const p = score.partial;
      p.files++;
      const failures = actual.filter((r) => FAILURE_CLASSES.has(r.class));
      const got = line?.kind !== undefined ? kindGroup(line.kind) : failures.length ? 'bounce' : 'not-bounce';
      if (got === kindGroup(entry.kind)) p.kindOk++;
      else why.push(`kind ${got}, expected ${entry.kind}`);
      if (kindGroup(entry.kind) === 'not-bounce') {
        p.notBounce++;
        if (got === 'not-bounce') p.notBounceOk++;
      }
      for (const exp of entry.recipients) {
        const spellings = exp.address.map((a) => a.toLowerCase());
        const a = actual.find((r) => spellings.includes(r.recipient.toLowerCase()));
        const label = spellings[0];
        p.recipients++;
        if (a) p.found++;
        else why.push(`recipient ${spellings.join(' | ')} not reported`);
        if (exp.permanence) {
          p.permanence[1]++;
          const perm = a ? permanenceOf(a) : '-';
          if (perm === exp.permanence) p.permanence[0]++;
          else why.push(`${label}: permanence ${perm}, expected ${exp.permanence}`);
        }
        if (exp.class) {
          p.class[1]++;
          if (a?.class === exp.class) p.class[0]++;
          else why.push(`${label}: class ${a?.class ?? '-'}, expected ${exp.class}`);
        }
        if (exp.status) {
          p.status[1]++;
          if (a && a.status === exp.status) p.status[0]++;
          else why.push(`${label}: status ${a ? a.status : '-'}, expected ${exp.status}`);
        }
      }
    } else if (entry.expected.length === 0) {
      score.full.notBounce++;
      if (actual.length === 0) score.full.notBounceOk++;
      else why.push(`not a bounce, got ${actual.length} recipient(s): ${actual.map((r) => r.recipient).join(', ')}`);
    } else {
      if (actual.length !== entry.expected.length) {
        why.push(`${actual.length} recipient(s), expected ${entry.expected.length}`);
      }
      entry.expected.forEach((exp, i) => {
        const a = actual[i];
        score.full.recipients++;
        if (a?.reason === exp.reason) score.full.reason++;
        if (a?.class === exp.class) score.full.class++;
        if ((a?.status ?? null) === exp.status) score.full.status++;
        if (a?.reason !== exp.reason || a?.class !== exp.class || (a?.status ?? null) !== exp.status) {
          why.push(
            `#${i}: got ${a?.status ?? null}/${a?.reason ?? '-'}/${a?.class ?? '-'}, ` +
              `expected ${exp.status}/${exp.reason}/${exp.class}`,
          );
        }
      });
    }
    if (why.length) score.misses.push({ file: entry.file, why: why.join('; ') });
  }
  return score;
}

/** score.mjs rounds percentages to one decimal; the same rounding lets both scorers be compared exactly. */
export function pct(ok: number, of: number): number | null {
  return of ? Number(((100 * ok) / of).toFixed(1)) : null;
}
