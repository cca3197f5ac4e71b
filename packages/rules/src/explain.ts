/**
 * Wording of decision explanations. Operators read these in the audit trail to understand why an address was
 * blocked, so they name the numbers (count, threshold, window), the bounce (reason, status, reply, diagnostic)
 * and the action taken.
 */
import type { BounceEvent } from './types.js';

/** Long diagnostics (some MTAs quote whole SMTP transcripts) are cut in the explanation; evidence keeps all. */
const MAX_DIAGNOSTIC_CHARS = 160;

export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ISO 8601 time, the format the API and the audit UI show. */
export function isoTime(date: Date): string {
  return date.toISOString();
}

export const MS_PER_DAY = 86_400_000;

/** Whole days between two times, rounded down, for "120 days without a failure" (never negative). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.max(0, Math.floor((later.getTime() - earlier.getTime()) / MS_PER_DAY));
}

export function windowText(windowDays: number | null): string {
  return windowDays === null ? 'with no expiry window' : `within ${plural(windowDays, 'day')}`;
}

/** "userunknown, status 5.1.1, reply 550: "550 5.1.1 <a@b>: user unknown"". */
export function describeBounce(event: BounceEvent): string {
  const parts: string[] = [event.reason];
  if (event.status) parts.push(`status ${event.status}`);
  if (event.replyCode !== null) parts.push(`reply ${event.replyCode}`);
  let text = parts.join(', ');
  const diagnostic = event.diagnosticCode?.replace(/\s+/g, ' ').trim();
  if (diagnostic) {
    const cut =
      diagnostic.length > MAX_DIAGNOSTIC_CHARS ? `${diagnostic.slice(0, MAX_DIAGNOSTIC_CHARS - 1)}…` : diagnostic;
    text += `: "${cut}"`;
  }
  return text;
}
