/**
 * What the archive keeps of a message besides the original: its subject, date and attachments, read with mailparser
 * (the well-kept MIME parser), and what it is matched to a contact by besides its sender: the Message-IDs it answers
 * (In-Reply-To, References) and the addresses it was delivered to (a VERP return path an auto-reply answered).
 * Hostile or broken MIME gives no attachments rather than an error: the original is archived whole either way and
 * stays downloadable.
 */
import { createHash } from 'node:crypto';
import { type AddressObject, type HeaderValue, simpleParser } from 'mailparser';

export type MessageAttachment = { filename: string | null; contentType: string; content: Buffer };

export type MessageContent = {
  subject: string | null;
  date: Date | null;
  attachments: MessageAttachment[];
  /** Message-IDs the message answers, nearest first: In-Reply-To, then References from the last one back. */
  answers: string[];
  /** Addresses it was sent or delivered to: To, Cc, Delivered-To, X-Original-To, Envelope-To (lower-cased). */
  deliveredTo: string[];
  /**
   * What makes two deliveries of one message the same message (archiveDedupKey): its Message-ID (without the angle
   * brackets), else a hash of what its author wrote: the originator headers (From, Sender, To, Cc, Subject, Date,
   * In-Reply-To, References) and the body. Trace headers a delivery adds (Received, Delivered-To, Return-Path,
   * X-Original-To, spam scores) are left out, so two copies that reached two mailboxes hash the same.
   */
  dedupKey: string;
};

/** Headers an author's client writes; a delivery adds others (trace, spam verdicts) that differ per copy. */
const ORIGINATOR_HEADERS = new Set(['from', 'sender', 'to', 'cc', 'subject', 'date', 'in-reply-to', 'references']);

/** Bounds on what a hostile header can make the matching look up. */
const MAX_ANSWERED_IDS = 20;
const MAX_DELIVERED_TO = 20;
const MAX_MESSAGE_ID_LENGTH = 250;

/** Subject, date, attachments (in message order) and matching keys of a raw message. */
export async function readMessageContent(raw: Buffer): Promise<MessageContent> {
  try {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
    const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
    const answers = [...new Set([...messageIds(parsed.inReplyTo), ...references.flatMap(messageIds).reverse()])];
    const deliveredTo = [
      ...new Set(
        [
          parsed.to,
          parsed.cc,
          parsed.headers.get('delivered-to'),
          parsed.headers.get('x-original-to'),
          parsed.headers.get('envelope-to'),
        ].flatMap(addressesOf),
      ),
    ];
    return {
      subject: parsed.subject ?? null,
      date,
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? null,
        // Only a plain type/subtype goes to the database (and later into a Content-Type header).
        contentType: /^[\w.+-]{1,64}\/[\w.+-]{1,128}$/.test(a.contentType)
          ? a.contentType.toLowerCase()
          : 'application/octet-stream',
        content: a.content,
      })),
      answers: answers.slice(0, MAX_ANSWERED_IDS),
      deliveredTo: deliveredTo.slice(0, MAX_DELIVERED_TO),
      dedupKey: dedupKeyOf(raw, messageIds(parsed.messageId)[0] ?? null, parsed.headerLines),
    };
  } catch {
    return {
      subject: null,
      date: null,
      attachments: [],
      answers: [],
      deliveredTo: [],
      dedupKey: dedupKeyOf(raw, null, []),
    };
  }
}

/** `message-id:<id>`, or `content:<sha256 of originator headers and body>` (see MessageContent.dedupKey). */
function dedupKeyOf(
  raw: Buffer,
  messageId: string | null,
  headerLines: readonly { key: string; line: string }[],
): string {
  if (messageId) return `message-id:${messageId.slice(1, -1)}`;
  const hash = createHash('sha256');
  for (const { key, line } of headerLines) {
    // Unfolded, blanks collapsed: a relay that refolds a long Subject does not make another message of it.
    if (ORIGINATOR_HEADERS.has(key)) hash.update(`${line.replace(/\s+/g, ' ').trim()}\n`);
  }
  hash.update(bodyOf(raw));
  return `content:${hash.digest('hex')}`;
}

/** The bytes after the header block (the first empty line, CRLF or LF); the whole message when there is none. */
function bodyOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((i) => i > 0);
  return ends.length > 0 ? raw.subarray(Math.min(...ends)) : raw;
}

/** The `<...>` Message-IDs in a header value (mailparser keeps the brackets), split on blanks. */
function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter((id) => id.length > 2 && id.length <= MAX_MESSAGE_ID_LENGTH && id.startsWith('<') && id.endsWith('>'));
}

/** Addresses of an address header (parsed by mailparser) or of a plain one (X-Original-To is not parsed). */
function addressesOf(value: AddressObject | AddressObject[] | HeaderValue | undefined): string[] {
  if (!value) return [];
  if (typeof value === 'string') {
    return value
      .split(/[\s,<>]+/)
      .filter((a) => a.includes('@') && a.length <= 320)
      .map((a) => a.toLowerCase());
  }
  const objects = Array.isArray(value) ? value : [value];
  return objects.flatMap((o) =>
    typeof o === 'object' && o !== null && 'value' in o && Array.isArray(o.value)
      ? o.value.flatMap((a: { address?: string }) => (a.address ? [a.address.toLowerCase()] : []))
      : [],
  );
}
