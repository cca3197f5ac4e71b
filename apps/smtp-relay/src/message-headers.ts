/**
 * The few header fields the relay reads from a submitted message (category, list, Message-ID): the header block
 * up to the first empty line, unfolded. Bounded: only the first 64 KiB are looked at.
 */
const MAX_HEADER_BYTES = 64 * 1024;

export function headerValue(raw: Buffer, name: string): string | undefined {
  const head = raw.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const wanted = `${name.toLowerCase()}:`;
  for (const line of block.split(/\r?\n/)) {
    if (line.slice(0, wanted.length).toLowerCase() === wanted) {
      const value = line.slice(wanted.length).trim();
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}
