/**
 * Dev-only differential tool: runs Sisimai 4.25 (Debian's libsisimai-perl, through sisimai-json.pl) and our parser
 * over the same messages and lists where they disagree, grouped by (our reason, its reason, format), so that
 * disagreements are triaged as classes, not as single messages.
 *
 *   pnpm --filter @bounce/parser diff:sisimai DIR_OR_FILE... [--manifest manifest.json] [--samples 3] [--json]
 *
 * With a manifest (shared/corpus/dev or a test corpus of ours), each group also says which side the label takes.
 * Sisimai 4.25 predates the labelling convention in places (e.g. it has no authfailure/badreputation/requireptr
 * and reads "suspend" codes differently): a disagreement is a question to answer, not a verdict.
 *
 * Requires `apt-get install libsisimai-perl`; never needed by `pnpm test`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBounce } from '../src/index.js';

type TheirRecipient = { recipient: string; reason: string; status: string; replyCode: string; agent: string };
type TheirRecord = { file: string; ok: boolean; recipients: TheirRecipient[] };
type Label = { reason: string; class: string; status: string | null };

const HERE = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    manifest: { type: 'string' },
    samples: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('usage: sisimai-diff DIR_OR_FILE... [--manifest manifest.json] [--samples N] [--json]');
  process.exit(2);
}
const invokedFrom = process.env.INIT_CWD ?? process.cwd();
const files = positionals.flatMap((p) => listMessages(resolve(invokedFrom, p)));
const labels = values.manifest ? loadLabels(resolve(invokedFrom, values.manifest)) : new Map<string, Label[]>();

function listMessages(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => n.endsWith('.eml') || n.endsWith('.txt') || !n.includes('.'))
    .sort()
    .map((n) => join(path, n))
    .filter((p) => statSync(p).isFile());
}

function loadLabels(path: string): Map<string, Label[]> {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as { file: string; expected: Label[] }[];
  return new Map(entries.map((e) => [basename(e.file), e.expected]));
}

/** Sisimai, in batches so that one Perl start serves many files. */
function runSisimai(paths: string[]): Map<string, TheirRecord> {
  const out = new Map<string, TheirRecord>();
  for (let i = 0; i < paths.length; i += 200) {
    const batch = paths.slice(i, i + 200);
    const stdout = execFileSync('perl', [join(HERE, 'sisimai-json.pl'), ...batch], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    for (const line of stdout.split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as TheirRecord;
      out.set(record.file, record);
    }
  }
  return out;
}

type Row = {
  file: string;
  recipient: string;
  ours: string;
  theirs: string;
  format: string;
  label: string | null;
  diagnostic: string;
};

const theirs = runSisimai(files);
const rows: Row[] = [];
let compared = 0;
for (const file of files) {
  const ourResult = parseBounce(readFileSync(file));
  const their = theirs.get(file)?.recipients ?? [];
  const label = labels.get(basename(file));
  const ours = ourResult.recipients;
  const count = Math.max(ours.length, their.length, 1);
  for (let i = 0; i < count; i++) {
    const o = ours[i];
    const t = their[i];
    compared++;
    // Sisimai reports vacation/feedback/delivered as reasons too; our non-bounce is its empty result.
    const ourReason = o ? o.reason : ourResult.kind === 'not-bounce' ? '(not-bounce)' : `(${ourResult.kind})`;
    const theirReason = t ? t.reason || '(empty)' : '(not-bounce)';
    if (ourReason === theirReason) continue;
    rows.push({
      file: basename(file),
      recipient: o?.recipient ?? t?.recipient ?? '',
      ours: ourReason,
      theirs: theirReason,
      format: `${o?.detectedBy ?? '-'}/${t?.agent ?? '-'}`,
      label: label ? (label[i]?.reason ?? '(none)') : null,
      diagnostic: (o?.diagnosticCode ?? '').slice(0, 160),
    });
  }
}

const groups = new Map<string, Row[]>();
for (const row of rows) {
  const key = `${row.ours} <> ${row.theirs} [${row.format}]`;
  const list = groups.get(key) ?? [];
  list.push(row);
  groups.set(key, list);
}
const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);

if (values.json) {
  console.log(JSON.stringify({ files: files.length, compared, disagreements: rows }, null, 1));
} else {
  const samples = Number(values.samples) || 3;
  console.log(
    `${files.length} files, ${compared} recipient slots, ${rows.length} disagreements in ${groups.size} groups`,
  );
  console.log('(ours <> Sisimai 4.25 [our detector/its agent]; label = the manifest reason when one was given)\n');
  for (const [key, list] of sorted) {
    const withLabel = list.filter((r) => r.label !== null);
    const oursRight = withLabel.filter((r) => r.label === r.ours).length;
    const theirsRight = withLabel.filter((r) => r.label === r.theirs).length;
    const verdict = withLabel.length
      ? `  label: ours ${oursRight}, theirs ${theirsRight}, neither ${withLabel.length - oursRight - theirsRight}`
      : '';
    console.log(`${String(list.length).padStart(4)}  ${key}${verdict}`);
    for (const r of list.slice(0, samples)) console.log(`        ${r.file} ${r.recipient}: ${r.diagnostic}`);
  }
}
