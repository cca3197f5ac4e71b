/**
 * Byte <-> "binary string" conversion. The MIME layer scans a latin1 view of the raw bytes (one char per byte,
 * so structure such as boundaries and header names is found with indexOf) and decodes charsets only for the
 * few parts a verdict needs.
 */

type BufferLike = {
  from(data: Uint8Array | ArrayBufferLike | string, ...rest: unknown[]): Uint8Array & { toString(enc: string): string };
};

// Node's Buffer is much faster than a JS loop for both directions; the fallback keeps the package usable in
// runtimes without it (browsers, workers).
const NODE_BUFFER: BufferLike | undefined = (globalThis as { Buffer?: BufferLike }).Buffer;

/** Bytes to a string with one UTF-16 unit per byte (ISO-8859-1 semantics, no remapping of 0x80-0x9F). */
export function bytesToBinary(bytes: Uint8Array): string {
  if (NODE_BUFFER) return NODE_BUFFER.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

/** Inverse of bytesToBinary: every char code is taken modulo 256. */
export function binaryToBytes(text: string): Uint8Array {
  if (NODE_BUFFER) return NODE_BUFFER.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** True when the string holds only 7-bit characters (then every ASCII-compatible charset decodes to itself). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}
