/**
 * Splits rows into chunks whose capped sizes add up to at most `budgetBytes` (a single oversized row still forms a
 * chunk of its own), keeping the input order.
 */
export function chunkByBytes<T extends { size: number }>(
  rows: readonly T[],
  capBytes: number,
  budgetBytes: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const row of rows) {
    const cost = Math.min(row.size, capBytes + 1);
    if (current.length > 0 && used + cost > budgetBytes) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(row);
    used += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
