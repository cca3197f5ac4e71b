/**
 * An absence read from an automatic reply ("on leave until 12 January") as the window in which the address's soft
 * failures are not counted. Pure: the reply's dates and the reply's own time in, two instants out.
 *
 * - Start: the first day away (00:00 UTC) when the reply names it, else the reply's own time. Failures counted before
 *   the reply arrived stay counted: nothing is recounted backwards.
 * - End (exclusive): the day after the last day away, 00:00 UTC, plus ABSENCE_END_SLACK_HOURS, so the last day is
 *   covered in every time zone west of UTC too (a note written in New York that says "until 12 January").
 * - No last day ("I am out of the office", "from 3 March"): no window. An open-ended absence would stop counting
 *   for ever; the address.absent event still tells the CRM.
 * - Capped at MAX_ABSENCE_DAYS after the reply: a typo ("until 12 January 2072") or a hostile note cannot switch
 *   escalation off for an address for years.
 */
import { MS_PER_DAY } from './explain.js';

/** Longest window an automatic reply can open, counted from the reply's time. 92 days (a season's leave). */
export const MAX_ABSENCE_DAYS = 92;
/** Hours past the end of the last day away (UTC) that still count as away: UTC-12 is the westernmost zone. */
export const ABSENCE_END_SLACK_HOURS = 12;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → that day's 00:00 UTC; anything else (or an impossible date like 2027-02-31) → null. */
function dayStart(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

export type AbsenceWindow = { from: Date; until: Date };

/**
 * The window an absence opens, or null when it opens none (no last day, a last day before the reply, dates that
 * are not calendar days). `repliedAt` is the reply's time (the bounce event's occurredAt).
 */
export function absenceWindowOf(
  absence: { from: string | null; until: string | null } | null | undefined,
  repliedAt: Date,
): AbsenceWindow | null {
  const lastDay = dayStart(absence?.until);
  if (!lastDay) return null;
  const cap = repliedAt.getTime() + MAX_ABSENCE_DAYS * MS_PER_DAY;
  const until = new Date(Math.min(lastDay.getTime() + MS_PER_DAY + ABSENCE_END_SLACK_HOURS * 3_600_000, cap));
  if (until.getTime() <= repliedAt.getTime()) return null;
  const firstDay = dayStart(absence?.from);
  const from = firstDay && firstDay.getTime() < until.getTime() ? firstDay : repliedAt;
  return { from, until };
}

/** Whether `at` falls inside the address's recorded absence window. */
export function isInsideAbsence(state: { absentFrom?: Date | null; absentUntil?: Date | null }, at: Date): boolean {
  const from = state.absentFrom ?? null;
  const until = state.absentUntil ?? null;
  return from !== null && until !== null && at.getTime() >= from.getTime() && at.getTime() < until.getTime();
}
