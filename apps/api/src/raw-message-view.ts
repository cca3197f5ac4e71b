/**
 * A stored bounce message made readable for a person: subject, from, to, date and the text, parsed with mailparser,
 * plus a list of the parts it carries as attachments (for a DSN: the message/delivery-status report and the
 * returned message or its headers). Attachment bytes are never part of this view; they are served one at a time
 * on request (as application/octet-stream, so a browser never renders a hostile HTML part).
 */

import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import { ApiProblem } from './http/problem-details.js';

/** Text longer than this is cut in the view (a bounce quoting a whole newsletter); the raw source has it all. */
export const MAX_VIEW_TEXT_CHARS = 256 * 1024;

export type AttachmentInfo = {
  index: number;
  filename: string | null;
  contentType: string;
  size: number;
  disposition: string | null;
};

/** One block of a machine-readable report part (per-message or per-recipient fields), in the order given. */
export type ReportFieldGroup = { name: string; value: string }[];

/** A delivery-status (RFC 3464/6533) or feedback-report (RFC 5965) part, as field groups. */
export type ReportPart = { contentType: string; groups: ReportFieldGroup[] };

export type RawMessageView = {
  /** The top-level header fields as received (unfolded), in order. */
  headers: { name: string; value: string }[];
  /** Machine-readable report parts (the DSN fields), for display. */
  reports: ReportPart[];
  subject: string | null;
  from: string | null;
  to: string | null;
  date: Date | null;
  messageId: string | null;
  text: string | null;
  textTruncated: boolean;
  attachments: AttachmentInfo[];
  /** Why the MIME structure could not be read (too deep or malformed), or null: then only the headers are shown. */
  unreadable: string | null;
};

/**
 * mailparser refused the message's structure: it bounds the parts it builds (a thousand nested multiparts exceed
 * it), so hostile mail cannot make it recurse without end. The view then shows the headers and says why.
 */
export class UnreadableMessageError extends Error {
  override readonly name = 'UnreadableMessageError';
}

function addressText(value: ParsedMail['from'] | ParsedMail['to']): string | null {
  if (!value) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => v.text).join(', ') || null;
}

type ParseOptions = Parameters<typeof simpleParser>[1];

async function parseWith(raw: Buffer, options: ParseOptions): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, options);
  } catch {
    throw new UnreadableMessageError(
      'the MIME structure cannot be read (nested too deep, too many parts or malformed)',
    );
  }
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  // Links in text are left as they are: the view is text, and rewriting them would change the evidence.
  return parseWith(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
}

/** The top-level header block (up to the first blank line), unfolded: what can be shown of an unreadable message. */
export function topHeaderFields(raw: Buffer): { name: string; value: string }[] {
  const head = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const fields: { name: string; value: string }[] = [];
  for (const line of (end < 0 ? head : head.slice(0, end)).split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
    if (fields.length >= MAX_VIEW_FIELDS) break;
  }
  return fields;
}

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'message/feedback-report']);

/** Header-style blocks separated by blank lines (RFC 3464 §2.1), folded lines joined; for display only. */
export function reportFieldGroups(text: string): ReportFieldGroup[] {
  const groups: ReportFieldGroup[] = [];
  for (const block of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const fields: ReportFieldGroup = [];
    for (const line of block.split('\n')) {
      const last = fields[fields.length - 1];
      if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
      else {
        const colon = line.indexOf(':');
        if (colon > 0) fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
      }
    }
    if (fields.length > 0) groups.push(fields);
  }
  return groups;
}

/** At most this many header fields and report groups in a view (hostile mail can carry thousands). */
const MAX_VIEW_FIELDS = 500;

export async function rawMessageView(raw: Buffer): Promise<RawMessageView> {
  try {
    return await readableView(raw);
  } catch (err) {
    if (!(err instanceof UnreadableMessageError)) throw err;
    const headers = topHeaderFields(raw);
    const field = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
    return {
      headers,
      reports: [],
      subject: field('subject'),
      from: field('from'),
      to: field('to'),
      date: null,
      messageId: field('message-id'),
      text: null,
      textTruncated: false,
      attachments: [],
      unreadable: err.message,
    };
  }
}

async function readableView(raw: Buffer): Promise<RawMessageView> {
  const mail = await parse(raw);
  const text = mail.text ?? null;
  const headers = mail.headerLines.slice(0, MAX_VIEW_FIELDS).map((h) => {
    const colon = h.line.indexOf(':');
    return {
      name: h.line.slice(0, colon),
      value: h.line
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    };
  });
  // A second pass keeps the DSN part as a part of its own (the first appends it to the text, which the view and the
  // attachment indexes keep for compatibility), so its fields can be shown as fields.
  const withReports = await parseWith(raw, {
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
    skipHtmlToText: true,
    keepDeliveryStatus: true,
  });
  const reports = withReports.attachments
    .filter((a) => REPORT_TYPES.has(a.contentType.toLowerCase()))
    .map((a) => ({
      contentType: a.contentType.toLowerCase(),
      groups: reportFieldGroups(a.content.toString('utf8')).slice(0, MAX_VIEW_FIELDS),
    }));
  return {
    headers,
    reports,
    subject: mail.subject ?? null,
    from: addressText(mail.from),
    to: addressText(mail.to),
    date: mail.date ?? null,
    messageId: mail.messageId ?? null,
    text: text === null ? null : text.slice(0, MAX_VIEW_TEXT_CHARS),
    textTruncated: text !== null && text.length > MAX_VIEW_TEXT_CHARS,
    attachments: mail.attachments.map((a, index) => ({
      index,
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      disposition: a.contentDisposition ?? null,
    })),
    unreadable: null,
  };
}

/** One attachment of the message by its index in the view, or null. */
export async function rawMessageAttachment(raw: Buffer, index: number): Promise<Attachment | null> {
  const mail = await parse(raw);
  return mail.attachments[index] ?? null;
}

/**
 * A message whose content the retention job removed (docs/retention.md): its verdicts stay readable through the
 * bounce routes, its bytes are gone for good, which the client is told instead of being shown an empty message.
 */
export function throwIfPurged(raw: { contentPurgedAt: Date | null }): void {
  if (raw.contentPurgedAt) {
    throw new ApiProblem(
      'not-found',
      `the message content was removed on ${raw.contentPurgedAt.toISOString()} after the retention period`,
    );
  }
}
