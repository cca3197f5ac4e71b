/**
 * Rewriting a long text one UTF-16 code unit at a time into a typed array, then back to a string. Used instead of
 * `replace(/pattern/g, ...)` where a hostile text can hold millions of matches: V8 spends about 80 ns and some
 * garbage per match, so a 2 MB run of one character cost 100-200 ms (issue 12's fuzz run); a plain loop costs ~10.
 */
const CHUNK = 8192;

/** The first `length` code units of `units` as a string (lone surrogates kept as they are). */
export function fromCodeUnits(units: Uint16Array, length: number): string {
  let out = '';
  // In chunks, so no call gets millions of arguments.
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(i + CHUNK, length)) as unknown as number[]);
  }
  return out;
}

/** True for the code units `\s` matches (and String.prototype.trim removes): ECMAScript WhiteSpace and LineTerminator. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
