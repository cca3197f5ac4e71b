/**
 * Generalisation challenge set (test/generalization/): hand-written bounces and non-bounces in formats, versions,
 * locales and structures the dev corpus does not contain, labelled either fully (status, reply code, reason, class
 * per recipient) or partially (kind, addresses, permanence/class/status), as the held-out sets are. See
 * test/generalization/README.md for how the set was built and labelled, and FINDINGS.md for what the misses mean.
 *
 * The floors below are what the parser reaches today, rounded down: they catch regressions, and the parser team
 * raises them as misses are fixed. Every miss is printed so a failing or improving run shows what changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBounce, toEvalRecord } from '../src/index.js';
import { type ManifestEntry, pct, type ScoredLine, scoreManifest } from './generalization/score-manifest.js';

const SET_DIR = fileURLToPath(new URL('./generalization', import.meta.url));
const EMAILS_DIR = join(SET_DIR, 'emails');
/** The reference scorer, beside the repository like the dev corpus; the TypeScript port is checked against it. */
const SCORE_MJS = process.env.SCORE_MJS ?? fileURLToPath(new URL('../../../../shared/eval/score.mjs', import.meta.url));

/** Percentages (score.mjs rounding) that currently pass; raise them when the parser improves. */
const FLOORS = {
  /** Full entries: per-recipient reason, class and status by position. */
  fullReason: 100,
  fullClass: 100,
  fullStatus: 100,
  /** Full entries labelled `expected: []`: ordinary mail, receipts, reports that must yield no recipient. */
  fullNotBounceLeftAlone: 100,
  /** Partial entries. */
  partialKind: 100,
  partialRecipientFound: 100,
  partialPermanence: 100,
  partialClass: 100,
  partialStatus: 100,
} as const;

const manifest = JSON.parse(readFileSync(join(SET_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
const lines: ScoredLine[] = manifest.map((entry) =>
  toEvalRecord(entry.file, parseBounce(readFileSync(join(EMAILS_DIR, entry.file)))),
);
const score = scoreManifest(manifest, lines);
const { full, partial } = score;

describe('generalisation challenge set', () => {
  afterAll(() => {
    // Printed on every run: the list the parser team works from (FINDINGS.md groups them by cause).
    console.log(
      `generalisation set: ${score.files} files, ${score.misses.length} with a miss\n` +
        score.misses.map((m) => `  ${m.file}: ${m.why}`).join('\n'),
    );
  });

  it('has exactly one manifest entry per .eml file', () => {
    const files = readdirSync(EMAILS_DIR).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(manifest.map((e) => e.file).sort());
    expect(new Set(manifest.map((e) => e.file)).size).toBe(manifest.length);
  });

  it('keeps full-label reason, class and status at or above the floors', () => {
    expect(full.recipients).toBeGreaterThan(80);
    expect(pct(full.reason, full.recipients)).toBeGreaterThanOrEqual(FLOORS.fullReason);
    expect(pct(full.class, full.recipients)).toBeGreaterThanOrEqual(FLOORS.fullClass);
    expect(pct(full.status, full.recipients)).toBeGreaterThanOrEqual(FLOORS.fullStatus);
  });

  it('leaves fully labelled non-bounces alone at or above the floor', () => {
    expect(full.notBounce).toBeGreaterThan(10);
    expect(pct(full.notBounceOk, full.notBounce)).toBeGreaterThanOrEqual(FLOORS.fullNotBounceLeftAlone);
  });

  it('keeps partial-label kind, recipients and labels at or above the floors', () => {
    expect(partial.files).toBeGreaterThan(80);
    expect(pct(partial.kindOk, partial.files)).toBeGreaterThanOrEqual(FLOORS.partialKind);
    expect(pct(partial.found, partial.recipients)).toBeGreaterThanOrEqual(FLOORS.partialRecipientFound);
    expect(pct(...partial.permanence)).toBeGreaterThanOrEqual(FLOORS.partialPermanence);
    expect(pct(...partial.class)).toBeGreaterThanOrEqual(FLOORS.partialClass);
    expect(pct(...partial.status)).toBeGreaterThanOrEqual(FLOORS.partialStatus);
    // Non-bounces labelled partially (auto-replies, receipts, challenge-response...) must never become failures.
    expect(partial.notBounceOk).toBe(partial.notBounce);
  });

  it.skipIf(!existsSync(SCORE_MJS))('scores exactly as shared/eval/score.mjs does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'generalization-'));
    try {
      const results = join(dir, 'results.ndjson');
      writeFileSync(results, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const out = execFileSync(
        process.execPath,
        [SCORE_MJS, '--manifest', join(SET_DIR, 'manifest.json'), '--results', results, '--json'],
        { encoding: 'utf8' },
      );
      const reference = JSON.parse(out).summary as Record<string, number | null>;
      expect({
        files: score.files,
        recipients: full.recipients,
        reasonPct: pct(full.reason, full.recipients),
        classPct: pct(full.class, full.recipients),
        statusPct: pct(full.status, full.recipients),
        notBounceRejectedPct: pct(full.notBounceOk, full.notBounce),
        partialFiles: partial.files,
        kindPct: pct(partial.kindOk, partial.files),
        recipientFoundPct: pct(partial.found, partial.recipients),
        labelledPermanencePct: pct(...partial.permanence),
        labelledClassPct: pct(...partial.class),
        labelledStatusPct: pct(...partial.status),
      }).toEqual({
        files: reference.files,
        recipients: reference.recipients,
        reasonPct: reference.reasonPct,
        classPct: reference.classPct,
        statusPct: reference.statusPct,
        notBounceRejectedPct: reference.notBounceRejectedPct,
        partialFiles: reference.partialFiles,
        kindPct: reference.kindPct,
        recipientFoundPct: reference.recipientFoundPct,
        labelledPermanencePct: reference.labelledPermanencePct,
        labelledClassPct: reference.labelledClassPct,
        labelledStatusPct: reference.labelledStatusPct,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
