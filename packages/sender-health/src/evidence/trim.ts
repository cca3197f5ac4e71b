/**
 * Removes trailing characters of a set ("https://x.test/a)." → "https://x.test/a"). A loop, not `/[.,]+$/`: an
 * unanchored trailing-class regex restarts at every position of a long run of those characters (quadratic).
 */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
