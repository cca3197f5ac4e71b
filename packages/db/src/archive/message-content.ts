/**
 * What the archive keeps of a message besides the original: its subject, date and attachments, read with mailparser
 * (the well-kept MIME parser). Hostile or broken MIME gives no attachments rather than an error: the original is
 * archived whole either way and stays downloadable.
 */
import { simpleParser } from 'mailparser';

export type MessageAttachment = { filename: string | null; contentType: string; content: Buffer };

export type MessageContent = {
  subject: string | null;
  date: Date | null;
  attachments: MessageAttachment[];
};

/** Subject, date and attachments (in message order) of a raw message. */
export async function readMessageContent(raw: Buffer): Promise<MessageContent> {
  try {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
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
    };
  } catch {
    return { subject: null, date: null, attachments: [] };
  }
}
