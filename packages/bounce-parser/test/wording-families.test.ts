/**
 * Systematic wording coverage per reason (issue 13): every phrase family of test/wording-families/variants.ts is
 * embedded in new replies (each reply code of its cause, three framings: bare, after the recipient address, inside
 * an MTA's "host ... said:" report) and classified at the family's SMTP stage; one reply per phrase also goes
 * through a whole DSN. Prints the coverage per reason and the misses (these variants are ours to tune on, unlike
 * the held-out probe). The floors are ratchets: the coverage when it was last raised, never lowered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import type { SmtpCommand } from '../src/formats/format-types.js';
import { parseBounce } from '../src/index.js';
import type { Reason } from '../src/types.js';
import { BATCH_1_SIZE, FAMILIES, type PhraseFamily } from './wording-families/variants.js';

const SLOTS: Record<string, string> = {
  '{r}': 'j.doe@example.net',
  '{l}': 'j.doe',
  '{d}': 'example.net',
  '{s}': 'news@sender.example.org',
  '{sd}': 'sender.example.org',
  '{ip}': '203.0.113.7',
};
const fill = (phrase: string) => phrase.replace(/\{(?:r|l|d|s|sd|ip)\}/g, (slot) => SLOTS[slot] ?? slot);

const COMMAND_WORDS: Record<SmtpCommand, string> = {
  CONN: 'connect',
  HELO: 'EHLO',
  MAIL: 'MAIL FROM',
  RCPT: 'RCPT TO',
  DATA: 'end of DATA',
};

/**
 * The reply as servers frame it: bare, after the recipient address, inside the sending MTA's report (Postfix's
 * "host ... said:", Exim's "SMTP error from remote mail server after ...:", Exchange's "Remote server returned '...'").
 */
const FRAMES: readonly ((code: string, text: string, stage?: SmtpCommand) => string)[] = [
  (code, text) => `${code} ${text}`.trim(),
  (code, text) => `${code} <${SLOTS['{r}']}>: ${text}`.trim(),
  (code, text) => `host mx1.example.net[198.51.100.25] said: ${`${code} ${text}`.trim()}`,
  (code, text, stage) =>
    `SMTP error from remote mail server after ${stage ? COMMAND_WORDS[stage] : 'end of data'}: ${`${code} ${text}`.trim()}`,
  (code, text) => `Remote server returned '${`${code} ${text}`.trim()}'`,
];

type Tally = { right: number; total: number };
const tallies = new Map<Reason, { replies: Tally; dsn: Tally }>();
const batches: Tally[] = [
  { right: 0, total: 0 },
  { right: 0, total: 0 },
];
const misses: string[] = [];

function tally(batch: number, reason: Reason, kind: 'replies' | 'dsn', ok: boolean, what: string) {
  const b = batches[batch] ?? { right: 0, total: 0 };
  b.total++;
  if (ok) b.right++;
  const t = tallies.get(reason) ?? { replies: { right: 0, total: 0 }, dsn: { right: 0, total: 0 } };
  tallies.set(reason, t);
  t[kind].total++;
  if (ok) t[kind].right++;
  else misses.push(what);
}

function dsnFor(family: PhraseFamily, reply: string): string {
  const temporary = /^4/.test(reply);
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1] ?? (temporary ? '4.0.0' : '5.0.0');
  const stage = family.stage ? ` (in reply to ${COMMAND_WORDS[family.stage]} command)` : '';
  return [
    'From: MAILER-DAEMON@mail.sender.example.org (Mail Delivery System)',
    'To: news@sender.example.org',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Mon, 7 Dec 2026 12:00:00 +0000',
    'Message-ID: <20261207120000.1@mail.sender.example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    '',
    `<${SLOTS['{r}']}>: host mx1.example.net[198.51.100.25] said: ${reply}${stage}`,
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.sender.example.org',
    '',
    `Final-Recipient: rfc822; ${SLOTS['{r}']}`,
    `Action: ${temporary ? 'delayed' : 'failed'}`,
    `Status: ${status}`,
    'Remote-MTA: dns; mx1.example.net',
    `Diagnostic-Code: smtp; ${reply}`,
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@sender.example.org',
    `To: ${SLOTS['{r}']}`,
    'Subject: December news',
    '',
    '--b1--',
    '',
  ].join('\r\n');
}

for (const [index, family] of FAMILIES.entries()) {
  const batch = index < BATCH_1_SIZE ? 0 : 1;
  for (const [i, phrase] of family.phrases.entries()) {
    const text = fill(phrase);
    for (const code of family.codes) {
      for (const frame of FRAMES) {
        const reply = frame(code, text, family.stage);
        const got = classify({ diagnostic: reply, command: family.stage ?? null }).reason;
        tally(batch, family.reason, 'replies', got === family.reason, `${family.reason} <- ${got}: ${reply}`);
      }
    }
    // One DSN per phrase, with the codes taken in turn.
    const reply = FRAMES[0]?.(family.codes[i % family.codes.length] ?? '', text) ?? text;
    const got = parseBounce(Buffer.from(dsnFor(family, reply))).recipients[0]?.reason ?? 'none';
    tally(batch, family.reason, 'dsn', got === family.reason, `${family.reason} <- ${got} (DSN): ${reply}`);
  }
}

/**
 * Coverage in percent per reason, replies and DSNs together: the ratchet (a reason not listed must be read in
 * full). Main 7b1b136, before the families these variants prompted: 89.1% overall; below 100% were userunknown
 * 90.1, filtered 78.9, hostunknown 90.0, mailboxfull 95.3, suspend 90.3, hasmoved 40.0, notaccept 37.5, rejected
 * 97.6, blocked 87.5, spamdetected 92.3, policyviolation 61.5, securityerror 86.0, authfailure 91.7, virusdetected
 * 85.0, contenterror 68.3, mesgtoobig 88.9, toomanyconn 77.8. After: 100% for every reason.
 * Second batch (variants.ts), first sight with the families the first batch prompted (main 05f58f0): 1969/2746
 * (71.7%), while the first batch, then framed also by Exim and Exchange, read 6756/6790 (99.5%); after the families
 * it prompted, 100% for both.
 */
const FLOORS: Partial<Record<Reason, number>> = {};
const FULL = 100;

const pct = (t: Tally) => (t.total ? (100 * t.right) / t.total : 100);
const both = (t: { replies: Tally; dsn: Tally }): Tally => ({
  right: t.replies.right + t.dsn.right,
  total: t.replies.total + t.dsn.total,
});

afterAll(() => {
  const lines = [...tallies].map(
    ([reason, t]) =>
      `  ${reason.padEnd(16)} replies ${t.replies.right}/${t.replies.total}  DSN ${t.dsn.right}/${t.dsn.total}  (${pct(both(t)).toFixed(1)}%)`,
  );
  const all = [...tallies.values()]
    .map(both)
    .reduce((a, b) => ({ right: a.right + b.right, total: a.total + b.total }));
  console.log(
    `wording families: ${all.right}/${all.total} (${pct(all).toFixed(1)}%; batch 1 ${batches[0]?.right}/${batches[0]?.total}, batch 2 ${batches[1]?.right}/${batches[1]?.total})\n${lines.join('\n')}${misses.map((m) => `\n  miss ${m}`).join('')}`,
  );
});

describe('wording families per reason', () => {
  it('has no phrase twice', () => {
    const phrases = FAMILIES.flatMap((f) => f.phrases.map((p) => `${f.reason}|${f.stage}|${p}`));
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  for (const [reason, t] of tallies) {
    it(`reads ${reason} variants at or above the floor`, () => {
      expect(pct(both(t))).toBeGreaterThanOrEqual(FLOORS[reason] ?? FULL);
    });
  }
});
