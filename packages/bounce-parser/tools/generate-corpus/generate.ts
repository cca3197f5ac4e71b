/**
 * Generates bounces from real MTAs against the scripted remote and writes them, labelled, to
 * test/corpora/generated/<mta>/ (emails/*.eml and manifest.json). Dev-only: needs root and the chroots of
 * setup-chroots.sh; CI never runs it. Usage (from packages/bounce-parser):
 *
 *   tsx tools/generate-corpus/generate.ts run postfix exim ...   (run the MTAs, then label)
 *   tsx tools/generate-corpus/generate.ts label postfix ...      (label the last run again)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE as CATALOGUE1 } from './catalogue.js';
import type { CatalogueEntry } from './catalogue-types.js';
import { CATALOGUE2 } from './catalogue2.js';
import { CATALOGUE3 } from './catalogue3.js';
import { CATALOGUE4 } from './catalogue4.js';
import { CATALOGUE5 } from './catalogue5.js';
import { readBounce, showsReply } from './dsn-reader.js';
import { type Expected, labelRecipient } from './labels.js';
import { writeManifest } from './manifest-file.js';
import { CHROOTS, DRIVERS, type MtaDriver, type RouteTable, splitMbox } from './mta-drivers.js';
import { type Exchange, type PlannedRecipient, replyCodeOf, startScriptedRemote } from './scripted-remote.js';

/**
 * CORPUS_SET=2 to 5 selects a later (blind) catalogue, written to test/corpora/generated<N>/<mta>/ with its raw runs
 * in $CORPUS_CHROOTS/runs<N>/; the default is the first catalogue, test/corpora/generated/ and runs/.
 */
const CATALOGUES: Record<string, readonly CatalogueEntry[]> = {
  '1': CATALOGUE1,
  '2': CATALOGUE2,
  '3': CATALOGUE3,
  '4': CATALOGUE4,
  '5': CATALOGUE5,
};
const SET = process.env.CORPUS_SET ?? '1';
const chosen = CATALOGUES[SET];
if (!chosen) throw new Error(`CORPUS_SET=${SET}: no such catalogue (1 to 5)`);
const CATALOGUE: readonly CatalogueEntry[] = chosen;
const SUFFIX = SET === '1' ? '' : SET;
const OUT_ROOT = fileURLToPath(new URL(`../../test/corpora/generated${SUFFIX}`, import.meta.url));

/** A reply's words without codes, placeholders and punctuation: what "the same reply" means for a blind batch. */
const replyWords = (e: CatalogueEntry) =>
  e.reply
    .join(' ')
    .replace(/\b[245]\d\d[ -]/g, ' ')
    .replace(/\b[245]\.\d{1,3}\.\d{1,3}\b/g, ' ')
    .replace(/\{\w+\}/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

{
  // A later catalogue must be new to the parser: no reply may repeat one of an earlier catalogue, extend one (the
  // same words with more after them) or be the start of one.
  const earlier = Object.entries(CATALOGUES)
    .filter(([n]) => n < SET)
    .flatMap(([, c]) => c.map((e) => [replyWords(e), e.id] as const));
  const ids = new Set<string>();
  for (const e of CATALOGUE) {
    const words = replyWords(e);
    const twin = earlier.find(
      ([w]) => w === words || (w.length >= 16 && words.startsWith(w)) || (words.length >= 16 && w.startsWith(words)),
    );
    if (twin) throw new Error(`${e.id} repeats ${twin[1]} of an earlier catalogue`);
    if (ids.has(e.id)) throw new Error(`${e.id} twice`);
    ids.add(e.id);
  }
}

type PlannedMessage = { key: string; recipients: PlannedRecipient[]; deferral: boolean };

const FIRST = [
  'anna',
  'ben',
  'chloe',
  'david',
  'elena',
  'felix',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'karin',
  'leo',
  'maria',
  'nils',
  'olga',
  'paul',
  'quentin',
  'rosa',
  'sven',
  'tina',
  'ulla',
  'victor',
  'wanda',
  'xavier',
  'yvonne',
  'zoe',
  'marco',
  'lucia',
  'pierre',
  'sofia',
  'ivan',
  'mei',
  'hiro',
  'jisoo',
  'pavel',
  'ewa',
  'tomas',
  'ana',
  'joao',
  'emre',
];
const LAST = [
  'schmidt',
  'meyer',
  'dupont',
  'rossi',
  'garcia',
  'novak',
  'kowalski',
  'petrov',
  'tanaka',
  'kim',
  'wang',
  'silva',
  'jansen',
  'nielsen',
  'berg',
  'keller',
  'fischer',
  'weber',
  'martin',
  'bernard',
  'moreau',
  'ricci',
  'lopez',
  'horvat',
  'ivanova',
  'sato',
  'park',
  'chen',
  'costa',
  'visser',
  'larsen',
  'wolf',
  'bauer',
  'richter',
  'laurent',
  'conti',
  'ortiz',
  'dvorak',
  'nowak',
  'yilmaz',
];
const SUBJECTS = [
  'Invoice 2026-{n}',
  'Your order #{n} has shipped',
  'Reminder: payment due for invoice {n}',
  'November newsletter',
  'Meeting notes {n}',
  'Quote request {n}',
  'Angebot Nr. {n}',
  'Facture n° {n}',
  'Fattura {n}',
  'Account statement {n}',
  'Delivery note {n}',
  'Contract renewal {n}',
];

/** The messages to send: each catalogue entry at its stage(s); 5xx RCPT replies of a provider grouped by three. */
export function buildPlan(mta: string, catalogue: readonly CatalogueEntry[], groupSize = 3): PlannedMessage[] {
  const used = new Set<string>();
  let n = 0;
  const addressFor = (domain: string) => {
    for (;;) {
      const i = n++;
      const local = `${FIRST[i % FIRST.length]}.${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}`;
      const address = `${local}${i >= FIRST.length * LAST.length ? i : ''}@${domain}`;
      if (!used.has(address)) {
        used.add(address);
        return address;
      }
    }
  };
  const messages: PlannedMessage[] = [];
  const groups = new Map<string, PlannedRecipient[]>();
  for (const entry of catalogue) {
    const deferral = replyCodeOf(entry.reply[0]!) < 500;
    for (const stage of entry.stage === 'both' ? (['rcpt', 'data'] as const) : [entry.stage]) {
      const recipient: PlannedRecipient = { address: addressFor(entry.domain), entry, stage };
      if (stage === 'data' || deferral) {
        messages.push({ key: '', recipients: [recipient], deferral });
        continue;
      }
      const group = groups.get(entry.provider) ?? [];
      group.push(recipient);
      groups.set(entry.provider, group);
      if (group.length === groupSize) {
        messages.push({ key: '', recipients: [...group], deferral: false });
        groups.set(entry.provider, []);
      }
    }
  }
  for (const group of groups.values()) if (group.length) messages.push({ key: '', recipients: group, deferral: false });
  messages.forEach((m, i) => {
    m.key = `${mta}-${String(i + 1).padStart(4, '0')}`;
  });
  return messages;
}

function compose(driver: MtaDriver, message: PlannedMessage, index: number): string {
  const subject = SUBJECTS[index % SUBJECTS.length]!.replace('{n}', String(10_000 + index * 37));
  return [
    `From: Example Sender <${driver.sender}>`,
    `To: ${message.recipients.map((r) => r.address).join(', ')}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <corpus-${message.key}@${driver.sender.split('@')[1]}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Hello,',
    '',
    `please find the details of ${subject.toLowerCase()} below.`,
    '',
    'Kind regards',
    'Example Sender',
    '',
  ].join('\n');
}

type Labelled = {
  file: string;
  key: string;
  engine: string;
  expected: Expected[];
  sources: string[];
  delayed: boolean;
};

async function labelBounce(
  raw: string,
  plan: Map<string, PlannedMessage>,
  replies: Map<string, string>,
  driver: MtaDriver,
): Promise<Omit<Labelled, 'file'> | null> {
  const reading = await readBounce(Buffer.from(raw));
  const message = reading.originalKey ? plan.get(reading.originalKey) : undefined;
  if (!message) return null;
  const planned = new Map(message.recipients.map((r) => [r.address, r]));
  let order: { address: string; action: string | null; status: string | null; diagnostic: string }[];
  if (reading.blocks.length) {
    order = reading.blocks
      .filter((b) => planned.has(b.recipient))
      .map((b) => ({ address: b.recipient, action: b.action, status: b.status, diagnostic: b.diagnostic }));
  } else {
    const lower = reading.text.toLowerCase();
    order = message.recipients
      .filter((r) => lower.includes(r.address))
      .sort((a, b) => lower.indexOf(a.address) - lower.indexOf(b.address))
      .map((r) => ({ address: r.address, action: null, status: null, diagnostic: '' }));
  }
  if (!order.length) return null;
  // A bounce for a recipient the remote never answered is a failure of the set-up (name resolution, routing), not
  // material: leave it out.
  if (order.some((o) => !replies.has(o.address))) return null;
  const delayedText = /delay|warning|not yet been delivered|will continue|still trying|retry/i.test(reading.subject);
  const expected = order.map((o) => {
    const p = planned.get(o.address)!;
    const reply = replies.get(o.address) ?? '';
    const delayed = o.action ? o.action === 'delayed' : delayedText;
    return labelRecipient({
      entry: p.entry,
      stage: p.stage,
      reply,
      carriesReply: reply !== '' && showsReply(`${o.diagnostic}\n${reading.text}`, reply),
      statusField: o.status,
      delayed,
      statusFromText: driver.statusFromText,
    });
  });
  const delayed = order.some((o) => o.action === 'delayed') || (!reading.blocks.length && delayedText);
  const providers = [...new Set(order.map((o) => planned.get(o.address)!.entry.provider))];
  return {
    key: message.key,
    engine: `${driver.engine}/${providers.join('+')}`,
    expected,
    sources: order.map((o) => `${planned.get(o.address)!.entry.id}@${planned.get(o.address)!.stage}`),
    delayed,
  };
}

/** The catalogue entries an MTA gets: all, less the deferrals where it cannot expire them within minutes. */
const catalogueFor = (driver: MtaDriver) => {
  const all = driver.expiresDeferrals ? CATALOGUE : CATALOGUE.filter((e) => replyCodeOf(e.reply[0]!) >= 500);
  // CORPUS_LIMIT=N: a quick trial run with every Nth entry (for working on a driver's configuration).
  const every = Number(process.env.CORPUS_LIMIT ?? 1);
  return all.filter((_, i) => i % every === 0);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where a run keeps the raw mailbox and the remote's replies, so that labelling can be redone without a run. */
const workDir = (mta: string) => join(CHROOTS, `runs${SUFFIX}`, mta);

async function generate(driver: MtaDriver): Promise<void> {
  const messages = buildPlan(driver.name, catalogueFor(driver), driver.oneRecipientPerMessage ? 1 : 3);
  const byAddress = new Map(messages.flatMap((m) => m.recipients.map((r) => [r.address, r] as const)));
  const routes: RouteTable = new Map(CATALOGUE.map((e) => [e.domain, e.mx]));
  const remote = await startScriptedRemote(byAddress, new Set(driver.bouncesToRemote ? [driver.sender] : []));
  console.log(`${driver.name}: ${messages.length} messages, ${byAddress.size} recipients, remote on ${remote.port}`);
  driver.stop(); // whatever an interrupted earlier run left running
  driver.configure(remote.port, routes, remote);
  driver.start();
  const started = Date.now();
  for (const [i, m] of messages.entries()) {
    await driver.submit(
      compose(driver, m, i),
      m.recipients.map((r) => r.address),
    );
  }
  const deadline = started + (driver.lifetimeSeconds + 150) * 1000;
  for (;;) {
    await sleep(10_000);
    driver.tick?.();
    const keys = new Set(
      driver
        .bounces()
        .filter((b) => !/^Action:\s*delayed/im.test(b))
        .map((b) => /<corpus-([a-z0-9-]+)@/i.exec(b)?.[1]),
    );
    const pending = messages.filter((m) => !keys.has(m.key)).length;
    const elapsed = Math.round((Date.now() - started) / 1000);
    console.log(`${driver.name}: ${elapsed} s, ${messages.length - pending}/${messages.length} with a final notice`);
    if (!pending || Date.now() > deadline) break;
  }
  driver.stop();
  await remote.close();
  mkdirSync(workDir(driver.name), { recursive: true });
  writeFileSync(join(workDir(driver.name), 'bounces.json'), JSON.stringify(driver.bounces()));
  writeFileSync(join(workDir(driver.name), 'exchanges.json'), JSON.stringify(remote.exchanges, null, 1));
  const plan: SavedMessage[] = messages.map((m) => ({
    key: m.key,
    recipients: m.recipients.map((r) => ({ address: r.address, entry: r.entry.id, stage: r.stage })),
  }));
  writeFileSync(join(workDir(driver.name), 'plan.json'), JSON.stringify(plan, null, 1));
}

/** The plan as a run saved it: labels always come from the current catalogue, by entry id. */
type SavedMessage = { key: string; recipients: { address: string; entry: string; stage: 'rcpt' | 'data' }[] };

function loadPlan(mta: string): PlannedMessage[] {
  const byId = new Map(CATALOGUE.map((e) => [e.id, e]));
  const saved = JSON.parse(readFileSync(join(workDir(mta), 'plan.json'), 'utf8')) as SavedMessage[];
  return saved.flatMap((m) => {
    const recipients = m.recipients.flatMap((r) => {
      const entry = byId.get(r.entry);
      return entry ? [{ address: r.address, entry, stage: r.stage }] : [];
    });
    if (recipients.length !== m.recipients.length) {
      console.warn(`${m.key}: catalogue entries gone (${m.recipients.map((r) => r.entry).join(' ')}), left out`);
      return [];
    }
    return [{ key: m.key, recipients, deferral: replyCodeOf(recipients[0]!.entry.reply[0]!) < 500 }];
  });
}

async function label(driver: MtaDriver): Promise<void> {
  const messages = loadPlan(driver.name);
  const byKey = new Map(messages.map((m) => [m.key, m]));
  const exchanges = JSON.parse(readFileSync(join(workDir(driver.name), 'exchanges.json'), 'utf8')) as Exchange[];
  const replies = new Map<string, string>();
  for (const x of exchanges) replies.set(x.address, x.reply); // the last reply given counts
  const outDir = join(OUT_ROOT, driver.name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'emails'), { recursive: true });
  const manifest: Labelled[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const work = workDir(driver.name);
  const bounces = existsSync(join(work, 'bounces.json'))
    ? (JSON.parse(readFileSync(join(work, 'bounces.json'), 'utf8')) as string[])
    : splitMbox(readFileSync(join(work, 'mbox'), 'utf8'));
  for (const raw of bounces) {
    const labelled = await labelBounce(raw, byKey, replies, driver);
    if (!labelled) {
      skipped++;
      continue;
    }
    const kind = labelled.delayed ? 'delayed' : 'failed';
    if (seen.has(`${labelled.key}/${kind}`)) continue; // one delay warning per message is enough
    seen.add(`${labelled.key}/${kind}`);
    const m = byKey.get(labelled.key)!;
    const first = m.recipients[0]!;
    const stem =
      m.recipients.length === 1
        ? `${first.entry.id}-${first.stage}`
        : `${first.entry.provider.toLowerCase()}-group-${labelled.key.split('-').pop()}`;
    const file = `${driver.name}-${stem}${labelled.delayed ? '-delayed' : ''}.eml`;
    writeFileSync(join(outDir, 'emails', file), raw);
    manifest.push({ file, ...labelled });
  }
  manifest.sort((a, b) => a.file.localeCompare(b.file));
  const out = manifest.map(({ file, engine, expected, sources }) => ({ file, engine, expected, sources }));
  writeManifest(join(outDir, 'manifest.json'), out);
  const finals = new Set(manifest.filter((e) => !e.delayed).map((e) => e.key));
  const missing = messages.filter((m) => !finals.has(m.key));
  console.log(
    `${driver.name}: wrote ${manifest.length} bounces (${manifest.length - finals.size} delay notices, ` +
      `${skipped} other messages skipped); no final notice for ${missing.length} of ${messages.length} messages` +
      (missing.length ? `: ${missing.map((m) => m.recipients[0]!.entry.id).join(' ')}` : ''),
  );
}

const [command, ...names] = process.argv.slice(2);
if ((command !== 'run' && command !== 'label') || !names.length || names.some((n) => !DRIVERS[n])) {
  console.error(`usage: generate.ts run|label ${Object.keys(DRIVERS).join('|')} ...`);
  process.exit(2);
}
for (const name of names) {
  const driver = DRIVERS[name]!();
  if (command === 'run') await generate(driver);
  await label(driver);
}
