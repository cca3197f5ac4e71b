/**
 * A stored bounce message made readable for a person: subject, from, to, date and the text, parsed with mailparser,
 * plus a list of the parts it carries as attachments (for a DSN: the message/delivery-status report and the
 * returned message or its headers). Attachment bytes are never part of this view; they are served one at a time
 * on request (as application/octet-stream, so a browser never renders a hostile HTML part).
 */
import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';

/** Text longer than this is cut in the view (a bounce quoting a whole newsletter); the raw source has it all. */
export const MAX_VIEW_TEXT_CHARS = 256 * 1024;

export type AttachmentInfo = {
  index: number;
  filename: string | null;
  contentType: string;
  size: number;
  disposition: string | null;
};

export type RawMessageView = {
  subject: string | null;
  from: string | null;
  to: string | null;
  date: Date | null;
  messageId: string | null;
  text: string | null;
  textTruncated: boolean;
  attachments: AttachmentInfo[];
};

function addressText(value: ParsedMail['from'] | ParsedMail['to']): string | null {
  if (!value) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => v.text).join(', ') || null;
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  // Links in text are left as they are: the view is text, and rewriting them would change the evidence.
  return simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
}

export async function rawMessageView(raw: Buffer): Promise<RawMessageView> {
  const mail = await parse(raw);
  const text = mail.text ?? null;
  return {
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
  };
}

/** One attachment of the message by its index in the view, or null. */
export async function rawMessageAttachment(raw: Buffer, index: number): Promise<Attachment | null> {
  const mail = await parse(raw);
  return mail.attachments[index] ?? null;
}
