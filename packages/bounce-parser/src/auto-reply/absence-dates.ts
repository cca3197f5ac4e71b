/**
 * Dates as people write them in out-of-office notes, in English, German, French and Spanish: "12 January 2027",
 * "January 12th", "12. Januar", "12 de enero de 2027", "1er janvier", "12.01.2027", "12/01", "2027-01-12", and
 * ranges "10-31 July", "July 10-31", "2. bis 12. Januar", "del 2 al 12 de enero". Each mention comes with its
 * position so the reader can look at the words just before it ("until", "back on", "bis", "jusqu'au", "hasta").
 *
 * A date without a year is placed relative to the message's own date: the first such day not long before it (an
 * absence note sent on 20 December that says "until 7 January" means next year's January).
 */

const MONTHS: Record<string, number> = {};
function months(n: number, ...names: string[]) {
  for (const name of names) MONTHS[name] = n;
}
months(1, 'january', 'jan', 'januar', 'jänner', 'jän', 'janvier', 'janv', 'enero', 'ene');
months(2, 'february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero');
months(3, 'march', 'mar', 'märz', 'maerz', 'mär', 'mars', 'marzo');
months(4, 'april', 'apr', 'avril', 'abril', 'abr');
months(5, 'may', 'mai', 'mayo');
months(6, 'june', 'jun', 'juni', 'juin', 'junio');
months(7, 'july', 'jul', 'juli', 'juillet', 'juil', 'julio');
months(8, 'august', 'aug', 'août', 'aout', 'agosto', 'ago');
months(9, 'september', 'sept', 'sep', 'septembre', 'septiembre', 'setiembre');
months(10, 'october', 'oct', 'oktober', 'okt', 'octobre', 'octubre');
months(11, 'november', 'nov', 'novembre', 'noviembre');
months(12, 'december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'diciembre', 'dic');

const WEEKDAYS: Record<string, number> = {};
function weekday(n: number, ...names: string[]) {
  for (const name of names) WEEKDAYS[name] = n;
}
weekday(0, 'sunday', 'sonntag', 'dimanche', 'domingo');
weekday(1, 'monday', 'montag', 'lundi', 'lunes');
weekday(2, 'tuesday', 'dienstag', 'mardi', 'martes');
weekday(3, 'wednesday', 'mittwoch', 'mercredi', 'miércoles', 'miercoles');
weekday(4, 'thursday', 'donnerstag', 'jeudi', 'jueves');
weekday(5, 'friday', 'freitag', 'vendredi', 'viernes');
weekday(6, 'saturday', 'samstag', 'sonnabend', 'samedi', 'sábado', 'sabado');

/** A calendar day; year null when the text does not say. */
export type DayOfYear = { year: number | null; month: number; day: number };

export type DateMention = {
  /** Where the mention starts and ends in the text. */
  index: number;
  end: number;
  /** A single day, or the first day of a range. */
  first: DayOfYear;
  /** The last day of a range ("10-31 July"), else null. */
  last: DayOfYear | null;
};

// Month names are matched as a run of letters (accented ones included) and looked up afterwards; literal patterns
// so the ReDoS check (packages/redos-check) can decide each one exactly.
const DAY_MONTH =
  /\b(\d{1,2})(?!\d)(?:st|nd|rd|th|er|\.|º)?\s?(?:de\s)?([a-zäöüéèêûôàçáíóúñ]{3,10})\.?(?:,?\s(?:de\s)?(\d{4}))?/giu;
const MONTH_DAY = /\b([a-zäöüéèêûôàçáíóúñ]{3,10})\.?\s(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s(\d{4}))?/giu;
const RANGE_DAY_MONTH =
  /\b(\d{1,2})(?!\d)(?:st|nd|rd|th|er|\.)?\s?(?:-|–|to|bis|au|al|until)\s?(\d{1,2})(?!\d)(?:st|nd|rd|th|er|\.)?\s?(?:de\s)?([a-zäöüéèêûôàçáíóúñ]{3,10})\.?(?:,?\s(?:de\s)?(\d{4}))?/giu;
const RANGE_MONTH_DAY =
  /\b([a-zäöüéèêûôàçáíóúñ]{3,10})\.?\s(\d{1,2})(?!\d)(?:st|nd|rd|th)?\s?(?:-|–|to|until)\s?(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s(\d{4}))?/giu;
const NUMERIC = /\b(\d{1,2})([./])(\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d/])/g;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

function valid(d: DayOfYear): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
}

function year(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

/** Every date mention, earliest first; overlapping mentions keep the longest (a range over its parts). */
export function findDateMentions(text: string, options: { monthFirstSlash?: boolean } = {}): DateMention[] {
  const found: DateMention[] = [];
  const add = (index: number, length: number, first: DayOfYear, last: DayOfYear | null = null) => {
    if (valid(first) && (last === null || valid(last))) found.push({ index, end: index + length, first, last });
  };
  for (const m of text.matchAll(RANGE_DAY_MONTH)) {
    const month = MONTHS[m[3]!.toLowerCase()];
    if (month === undefined) continue;
    const y = year(m[4]);
    add(m.index, m[0].length, { year: y, month, day: Number(m[1]) }, { year: y, month, day: Number(m[2]) });
  }
  for (const m of text.matchAll(RANGE_MONTH_DAY)) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) continue;
    const y = year(m[4]);
    add(m.index, m[0].length, { year: y, month, day: Number(m[2]) }, { year: y, month, day: Number(m[3]) });
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month !== undefined) add(m.index, m[0].length, { year: year(m[3]), month, day: Number(m[1]) });
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month !== undefined) add(m.index, m[0].length, { year: year(m[3]), month, day: Number(m[2]) });
  }
  for (const m of text.matchAll(NUMERIC)) {
    // Day first, as in German, French and Spanish ("12.01.", "12/01/2027"); US English writes "01/12" month first.
    const monthFirst = m[2] === '/' && options.monthFirstSlash === true;
    const [a, b] = [Number(m[1]), Number(m[3])];
    add(m.index, m[0].length, { year: year(m[4]), month: monthFirst ? a : b, day: monthFirst ? b : a });
  }
  for (const m of text.matchAll(ISO)) {
    add(m.index, m[0].length, { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of found) {
    const last = kept.at(-1);
    if (last && mention.index < last.end) continue;
    kept.push(mention);
  }
  return kept;
}

/** The weekday named right at `index` ("Friday", "Freitag", "vendredi", "viernes"), or null. */
export function weekdayAt(text: string, index: number): number | null {
  const word = /^[a-zäöüéèêûôàçáíóúñ]{5,10}/iu.exec(text.slice(index, index + 12));
  if (!word) return null;
  return WEEKDAYS[word[0].toLowerCase()] ?? null;
}

const DAY_MS = 86_400_000;

/**
 * The ISO date (YYYY-MM-DD) of a day, with the year taken from the text or else from the reference: the first
 * such day from 60 days before the reference on. Null without a year and without a reference, or when invalid.
 */
export function resolveDay(day: DayOfYear, reference: Date | null, offsetDays = 0): string | null {
  let y = day.year;
  if (y === null) {
    if (!reference) return null;
    y = reference.getUTCFullYear();
    if (Date.UTC(y, day.month - 1, day.day) < reference.getTime() - 60 * DAY_MS) y += 1;
  }
  const time = Date.UTC(y, day.month - 1, day.day);
  const date = new Date(time);
  // 31 February and friends: Date.UTC rolls over; the text named no such day.
  if (date.getUTCMonth() !== day.month - 1) return null;
  return new Date(time + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** The next date (today included) that falls on `weekday`, from the reference. */
export function nextWeekday(weekdayNumber: number, reference: Date | null): string | null {
  if (!reference) return null;
  const start = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  const ahead = (weekdayNumber - new Date(start).getUTCDay() + 7) % 7;
  return new Date(start + ahead * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
