/**
 * Small helpers to write hand-made test messages: RFC 5322 headers with encoded words where needed, a returned
 * original message, and deterministic dates and ids (the corpus must be the same on every regeneration).
 */

export type Header = [name: string, value: string];

/** RFC 2047 encoded word (UTF-8, base64) for a header value that is not plain ASCII. */
export function encodeWord(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** A date string for message number n of a set: a fixed base plus n hours (RFC 5322 format, +0100). */
export function dateFor(n: number, base = Date.UTC(2025, 2, 3, 8, 15, 0)): string {
  const d = new Date(base + n * 3_600_000 + (n % 7) * 61_000);
  const day = d.toUTCString().slice(0, 3);
  const pad = (x: number) => String(x).padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day}, ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0000`;
}

export function headerBlock(headers: Header[]): string {
  return headers.map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** The message a bounce returns: an ordinary outgoing invoice or newsletter of the sender. */
export function originalMessage(o: { from: string; to: string; subject: string; date: string; id: string }): string {
  return [
    `Return-Path: <${o.from}>`,
    `Message-ID: <${o.id}>`,
    `Date: ${o.date}`,
    `From: Billing <${o.from}>`,
    `To: ${o.to}`,
    `Subject: ${encodeWord(o.subject)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Dear customer,',
    '',
    'please find attached your invoice. The amount is due within 14 days.',
    '',
    'Best regards',
    'Accounts receivable',
    '',
  ].join('\n');
}
