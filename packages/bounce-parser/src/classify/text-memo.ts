/**
 * Remembers the results of a pure function of a text across messages, within fixed bounds. Bounce mailboxes are
 * repetitive: the same servers refuse with the same words (in the generated MTA corpora about one diagnostic in
 * three is new), and each wording family is a scan of the whole text, so a reason found once need not be searched
 * for again. The results are those of the function itself, so a verdict never depends on what was parsed before.
 *
 * Bounded for hostile or merely large runs: only texts up to `maxChars` are remembered (longer ones are computed
 * every time), and past `entries` texts the oldest is forgotten, so the memory stays under entries x maxChars
 * characters (and as much again for string results) whatever the input.
 */
export function memoiseByText<T>(
  compute: (text: string) => T,
  limits: { entries: number; maxChars: number },
): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    if (text.length > limits.maxChars) return compute(text);
    const known = results.get(text);
    if (known !== undefined || results.has(text)) return known as T;
    const result = compute(text);
    if (results.size >= limits.entries) results.delete(results.keys().next().value as string);
    results.set(detached(text), typeof result === 'string' ? (detached(result) as T) : result);
    return result;
  };
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. A diagnostic is usually a slice of its
 * message's text, and V8 keeps a slice as a view on the whole parent string: remembering the slice itself would
 * keep every remembered message alive (a megabyte each for a bounce returning an attachment). Concatenation then
 * slicing makes V8 copy the characters into a string of their own.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}
