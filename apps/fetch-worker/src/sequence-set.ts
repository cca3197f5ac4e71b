/**
 * An IMAP sequence set (RFC 3501 §9 "sequence-set") for a list of UIDs, with runs compressed: [1,2,3,5,7,8] →
 * "1:3,5,7:8". Keeps commands short when moving or fetching thousands of consecutive UIDs.
 */
export function toSequenceSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
