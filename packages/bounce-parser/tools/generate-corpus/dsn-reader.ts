/**
 * Reads what the labeller needs from a generated bounce: which planned recipients it reports and in which order,
 * each one's Action and Status fields, and the text in which to look for the remote's reply. Uses mailparser for
 * the MIME layer; the message/delivery-status fields are simple enough to read here.
 */
import { simpleParser } from 'mailparser';

export type DsnBlock = { recipient: string; action: string | null; status: string | null; diagnostic: string };

export type DsnReading = {
  subject: string;
  /** Per-recipient blocks of the message/delivery-status part, in order (empty when there is no such part). */
  blocks: DsnBlock[];
  /** The human-readable text of the bounce, without the returned message. */
  text: string;
  /** The key of the original message (from its Message-ID `<corpus-KEY@...>`), if the bounce quotes it. */
  originalKey: string | null;
};

const unfold = (s: string) => s.replace(/\r?\n[ \t]+/g, ' ');

function fieldsOf(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of unfold(block).split(/\r?\n/)) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m) map.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return map;
}

function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const v = value
    .replace(/^[^;]*;\s*/, '')
    .replace(/[<>]/g, '')
    .trim();
  return v ? v.toLowerCase() : null;
}

export function readDeliveryStatus(content: string): DsnBlock[] {
  const groups = content.replace(/\r/g, '').split(/\n\s*\n/);
  const blocks: DsnBlock[] = [];
  for (const group of groups) {
    const f = fieldsOf(group);
    const recipient = addressOf(f.get('final-recipient')) ?? addressOf(f.get('original-recipient'));
    if (!recipient) continue;
    blocks.push({
      recipient,
      action: f.get('action')?.toLowerCase() ?? null,
      status: /^[245]\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0] ?? null,
      diagnostic: f.get('diagnostic-code') ?? '',
    });
  }
  return blocks;
}

/**
 * The body of the message/delivery-status part, read from the raw message: mailparser folds that part into the text.
 * Generated DSNs carry it unencoded, so the part runs from the blank line after its headers to the next boundary.
 */
function deliveryStatusOf(raw: string): string | null {
  const m =
    /^Content-Type:\s*message\/(?:global-)?delivery-status[^\n]*\n(?:[ \t][^\n]*\n|[A-Za-z-]+:[^\n]*\n)*\r?\n/im.exec(
      raw,
    );
  if (!m) return null;
  const rest = raw.slice(m.index + m[0].length);
  const end = rest.search(/^--/m);
  return end >= 0 ? rest.slice(0, end) : rest;
}

export async function readBounce(raw: Buffer): Promise<DsnReading> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const rawText = raw.toString('utf8');
  const dsn = deliveryStatusOf(rawText);
  const blocks = dsn ? readDeliveryStatus(dsn) : [];
  const key = /<corpus-([a-z0-9-]+)@/i.exec(rawText)?.[1] ?? null;
  // The human part: mailparser's text, cut where a returned message starts (text-only bounces quote it inline).
  let text = mail.text ?? '';
  const cut = text.search(/^(-+ ?This is a copy of the message|------ This is a copy|Return-Path: |Received: from )/m);
  if (cut > 0) text = text.slice(0, cut);
  return { subject: mail.subject ?? '', blocks, text, originalKey: key };
}

/**
 * Letters and digits only, lower-cased: MTAs re-wrap long replies, drop the continuation codes of multi-line ones,
 * and some escape non-ASCII bytes (Exim writes \ooo octal escapes), so only these survive every rendering.
 */
const skeleton = (s: string) =>
  s
    .toLowerCase()
    .replace(/\\[0-7]{3}/g, '')
    .replace(/[^a-z0-9]/g, '');

/**
 * Whether a bounce shows a reply: the longest prefix of the reply's first-line text (after its codes) that the
 * bounce contains must be at least 16 letters and digits long, or the whole text. Some notices cut the reply short
 * (Exim's delay warnings); what they show still names the cause.
 */
export function showsReply(haystack: string, reply: string): boolean {
  const hay = skeleton(haystack);
  const firstLine = reply.split(/\r?\n/)[0]!;
  const text = skeleton(firstLine.replace(/^\d{3}[ -]?(?:[245]\.\d{1,3}\.\d{1,3})?/, ''));
  if (text.length < 6) return hay.includes(skeleton(firstLine));
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (hay.includes(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo >= Math.min(16, text.length);
}
