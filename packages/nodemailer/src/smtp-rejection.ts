/**
 * Which transport errors are synchronous rejections: the server answered a 4xx/5xx reply to the envelope or the
 * message during the SMTP dialogue. Those will draw no bounce message, so they are reported as rejections. Failures
 * to connect, authenticate or negotiate TLS say nothing about the recipient and are not.
 */
export type SmtpRejection = {
  replyCode: number;
  /** RFC 3463 enhanced status code from the reply text, e.g. 5.1.1, when the server gave one. */
  enhancedStatus?: string;
  /** The server's reply, e.g. "550 5.1.1 <user@example.com>: Recipient address rejected". */
  text: string;
};

/** nodemailer error codes of failures that are not the server's verdict on this message. */
const NOT_A_REJECTION = new Set([
  'EAUTH',
  'ENOAUTH',
  'ETLS',
  'EREQUIRETLS',
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
]);

const ENHANCED_STATUS = /(?:^|\s)([45]\.\d{1,3}\.\d{1,3})(?=\s|$)/;

export function smtpRejectionOf(err: unknown): SmtpRejection | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  if (typeof e.code === 'string' && NOT_A_REJECTION.has(e.code)) return null;
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : Number.NaN;
  if (!(replyCode >= 400 && replyCode <= 599)) return null;
  const text = (typeof e.response === 'string' && e.response.trim()) || String(e.message ?? replyCode);
  const enhancedStatus = ENHANCED_STATUS.exec(text.slice(0, 200))?.[1];
  return { replyCode, text: text.slice(0, 4000), ...(enhancedStatus ? { enhancedStatus } : {}) };
}
