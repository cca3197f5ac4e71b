/**
 * Scores readAutoReply on the hand-written reply corpus (reply-corpus.ts): per language, how many replies are read
 * exactly as a careful reader would (absence and its last day, departure, replacement address and its kind). The
 * figures are printed; the test holds the reader to them, and never lets a suggestion appear where none is meant
 * (a wrong replacement address is the costly mistake: a rule could act on it).
 */
import { describe, expect, it } from 'vitest';
import { readAutoReply } from './read-auto-reply.js';
import { REPLY_CORPUS, type ReplyCase } from './reply-corpus.js';

const DATE = new Date('2026-12-20T09:00:00Z');

function mistakes(c: ReplyCase): string[] {
  const r = readAutoReply({ subject: c.subject, text: c.text, date: DATE, from: 'person@their.example' });
  const out: string[] = [];
  if (c.absence === false && r.absence) out.push(`absence read: ${r.absence.evidence}`);
  if (c.absence !== false) {
    if (!r.absence) out.push('absence missed');
    else if (r.absence.until !== c.absence.until) out.push(`until ${r.absence.until}, expected ${c.absence.until}`);
  }
  if (c.departure !== (r.departure !== null)) out.push(`departure ${r.departure ? 'read' : 'missed'}`);
  const got = r.replacement ? `${r.replacement.address} (${r.replacement.reason})` : 'none';
  const want = c.replacement ? `${c.replacement.address} (${c.replacement.reason})` : 'none';
  if (got !== want) out.push(`replacement ${got}, expected ${want}`);
  if (r.replacement && !r.replacement.evidence.includes(r.replacement.address)) out.push('evidence lacks the address');
  return out;
}

describe('reply corpus score', () => {
  it('reads the hand-written replies of four languages; never suggests an address where none is meant', () => {
    const byLang = new Map<string, { total: number; exact: number }>();
    const failures: string[] = [];
    let wrongSuggestions = 0;
    for (const c of REPLY_CORPUS) {
      const found = mistakes(c);
      const score = byLang.get(c.lang) ?? { total: 0, exact: 0 };
      score.total++;
      if (found.length === 0) score.exact++;
      else failures.push(`${c.lang} "${c.text.slice(0, 60)}…": ${found.join('; ')}`);
      if (found.some((f) => f.startsWith('replacement') && !f.startsWith('replacement none'))) wrongSuggestions++;
      byLang.set(c.lang, score);
    }
    const total = REPLY_CORPUS.length;
    const exact = [...byLang.values()].reduce((n, s) => n + s.exact, 0);
    console.log(
      `reply corpus: ${exact}/${total} read exactly (${[...byLang].map(([l, s]) => `${l} ${s.exact}/${s.total}`).join(', ')}); wrong suggestions: ${wrongSuggestions}`,
    );
    if (failures.length > 0) console.log(failures.join('\n'));
    expect(total).toBeGreaterThanOrEqual(40);
    for (const lang of ['de', 'en', 'fr', 'es']) expect(byLang.get(lang)?.total).toBeGreaterThanOrEqual(10);
    expect(wrongSuggestions).toBe(0);
    expect(exact / total).toBeGreaterThanOrEqual(MIN_EXACT_SHARE);
  });
});

/**
 * The share read exactly: 39/40 when the corpus was written (German "nicht mehr für unser Unternehmen tätig" was not
 * read as a departure), 40/40 since. A change that reads fewer fails.
 */
const MIN_EXACT_SHARE = 1;
