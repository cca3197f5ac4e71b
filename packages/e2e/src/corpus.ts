/**
 * Bulk bounce mail for the fault tests and the benchmark: the development corpus (307 real bounces from about 60
 * MTAs) replicated into as many distinct messages as needed. Each copy gets its own header line (so its SHA-256,
 * the raw-message dedup key, differs) and its own recipients: every failed address `local@domain` becomes
 * `local.<tag><n>@domain`. Distinct recipients make the expected state exact whatever order the workers apply the
 * bounces in (one event per address), and spread the rules' row locks the way real traffic does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendInput } from '@bounce/db';
import { type ParseResult, parseBounce } from '@bounce/parser';
import { normalizeAddress } from '@bounce/rules';
import { REPO_ROOT } from './worker-process.js';

/** The corpus beside the repository (CI checks out ../shared next to it), or BOUNCE_CORPUS_DIR. */
export const CORPUS_DIR = process.env.BOUNCE_CORPUS_DIR ?? join(REPO_ROOT, '../shared/corpus/dev/emails');

export type CorpusMessage = { file: string; content: Buffer };

export function loadCorpus(dir = CORPUS_DIR): CorpusMessage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, content: readFileSync(join(dir, file)) }));
}

export type DistinctBounce = {
  /** Which corpus file it was made from. */
  file: string;
  content: Buffer;
  /** The recipients the parser finds in this copy (all of them unique across the set). */
  recipients: string[];
  /** What the parse worker will do with it: apply (has recipients) or manual (nothing to apply). */
  route: 'apply' | 'manual';
};

type Template = { file: string; text: string; eol: string; addresses: string[]; headerAt: number };

const MANUAL_KINDS = new Set<ParseResult['kind']>(['parse-error', 'not-bounce']);

/**
 * `count` distinct messages cycling through the corpus. Messages whose recipients cannot be rewritten (the address
 * only appears encoded, e.g. in base64) are left out, so every copy's recipients are unique across the whole set:
 * checked by parsing the first copy of each corpus message.
 */
export function makeDistinctBounces(
  corpus: readonly CorpusMessage[],
  count: number,
  tag = 'c',
  options: { verifyAll?: boolean } = {},
): DistinctBounce[] {
  const templates = corpus.map(toTemplate).filter((t) => rewritesCleanly(t, tag));
  if (templates.length === 0) throw new Error('no usable corpus message (is the corpus directory empty?)');
  const out: DistinctBounce[] = [];
  for (let n = 0; n < count; n++) {
    const template = templates[n % templates.length]!;
    const copy = render(template, `${tag}${n}`);
    if (options.verifyAll) {
      const check = describe(copy);
      if (check.recipients.some((r) => !copy.recipients.includes(r))) {
        throw new Error(`copy ${n} of ${template.file}: the parser finds recipients that were not rewritten`);
      }
    }
    out.push({ file: template.file, ...copy });
  }
  return out;
}

/**
 * The sends a sending system would have recorded for these bounces: one per recipient that is an address at all (a
 * few MTAs report a pipe command as the recipient). With them the rules apply to every address; without, the
 * bounces would only land in the manual-assignment list.
 */
export function sendsFor(bounces: readonly DistinctBounce[], sentAt: Date, category = 'newsletter'): SendInput[] {
  return bounces.flatMap((b) =>
    b.recipients
      .filter((recipient) => normalizeAddress(recipient) !== null)
      .map((recipient) => ({ recipient, category, sentAt })),
  );
}

function toTemplate(message: CorpusMessage): Template {
  // latin1: one char per byte, so rewriting never re-encodes the (often 8-bit, non-UTF-8) rest of the message.
  const text = message.content.toString('latin1');
  const eol = /\r\n/.test(text.slice(0, 2_000)) ? '\r\n' : '\n';
  const parsed = parseBounce(message.content);
  const addresses = MANUAL_KINDS.has(parsed.kind) ? [] : [...new Set(parsed.recipients.map((r) => r.recipient))];
  // An mbox "From " envelope line must stay first: the copy header goes after it.
  const headerAt = text.startsWith('From ') ? text.indexOf('\n') + 1 : 0;
  return { file: message.file, text, eol, addresses, headerAt };
}

function render(template: Template, id: string): { content: Buffer; recipients: string[]; route: 'apply' | 'manual' } {
  let text = template.text;
  const recipients: string[] = [];
  for (const address of template.addresses) {
    const at = address.lastIndexOf('@');
    const rewritten = `${address.slice(0, at)}.${id}${address.slice(at)}`;
    text = text.replace(new RegExp(escapeRegExp(address), 'gi'), rewritten);
    recipients.push(rewritten);
  }
  text = `${text.slice(0, template.headerAt)}X-E2E-Copy: ${id}${template.eol}${text.slice(template.headerAt)}`;
  return {
    content: Buffer.from(text, 'latin1'),
    recipients,
    route: recipients.length > 0 ? 'apply' : 'manual',
  };
}

/** The first copy parses to exactly the rewritten recipients (as many as the original had). */
function rewritesCleanly(template: Template, tag: string): boolean {
  const copy = render(template, `${tag}probe`);
  const found = describe(copy);
  if (template.addresses.length === 0) return found.route === 'manual' || found.recipients.length === 0;
  return (
    found.recipients.length === copy.recipients.length &&
    found.recipients.every((r) => copy.recipients.includes(r)) &&
    new Set(found.recipients).size === found.recipients.length
  );
}

function describe(copy: { content: Buffer }): { recipients: string[]; route: 'apply' | 'manual' } {
  const parsed = parseBounce(copy.content);
  const recipients = MANUAL_KINDS.has(parsed.kind) ? [] : parsed.recipients.map((r) => r.recipient);
  return { recipients, route: recipients.length > 0 ? 'apply' : 'manual' };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
