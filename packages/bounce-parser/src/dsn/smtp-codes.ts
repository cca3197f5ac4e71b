/**
 * Finding RFC 3463 enhanced status codes ("5.1.1") and RFC 5321 reply codes ("550") in free diagnostic text.
 * Both patterns are anchored on non-digit boundaries so that IP addresses, dates and version numbers are not
 * taken for codes.
 */

// class.subject.detail: class 2/4/5, subject up to 3 digits, detail up to 3 digits (5.7.509, 4.7.650).
const STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
const STATUS_G = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/g;
// A reply code starts the text or follows a separator and is followed by a space, "-", end or a status code.
const REPLY = /(?:^|[\s:>("'#])([245][0-5]\d)(?=[\s\-:,;)\]]|$)/g;

/** Normalises a Status field value: "5.1.1 (user unknown)" -> "5.1.1"; null when there is no valid code. */
export function normaliseStatus(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = STATUS.exec(value);
  if (!m) return null;
  return `${m[1]}.${Number(m[2])}.${Number(m[3])}`;
}

/** The first enhanced status code in the text, or null. */
export function findStatus(text: string | null | undefined): string | null {
  if (!text) return null;
  return normaliseStatus(text);
}

/** Every enhanced status code in the text, in order. */
export function findAllStatuses(text: string): string[] {
  const out: string[] = [];
  STATUS_G.lastIndex = 0;
  for (let m = STATUS_G.exec(text); m !== null; m = STATUS_G.exec(text)) {
    out.push(`${m[1]}.${Number(m[2])}.${Number(m[3])}`);
  }
  return out;
}

/**
 * The first plausible SMTP reply code (2xx/4xx/5xx) in the text, or null. A code that merely repeats inside a
 * longer number (a port "25", a year "2019") never matches because of the boundaries.
 */
export function findReplyCode(text: string | null | undefined): number | null {
  if (!text) return null;
  REPLY.lastIndex = 0;
  // A 2xx greeting ("220-host ...") may precede the error reply: prefer the first 4xx/5xx.
  let positive: number | null = null;
  for (let m = REPLY.exec(text); m !== null; m = REPLY.exec(text)) {
    const code = Number(m[1]);
    if (code >= 400) return code;
    positive ??= code;
  }
  return positive;
}

/** True for the catch-all codes that say nothing about the cause (x.0.0), so wording must decide. */
export function isGenericStatus(status: string | null): boolean {
  return status === null || /^[245]\.0\.0$/.test(status);
}
