import { bytesToBinary, isAscii } from './binary.js';
import { toLfLineEndings } from './line-endings.js';

/** Default per-message work cap (bytes): a bounce carries its verdict near the top. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export type RawMessage = {
  /** Binary text (one char per byte), line endings normalised to "\n", capped. */
  text: string;
  /** True when the input was longer than the cap and only a prefix is examined. */
  truncated: boolean;
  /** Size of the input in bytes (before the cap). */
  size: number;
};

const ENCODER = new TextEncoder();

/**
 * Turns the input into the binary text the MIME layer scans. A JS string is taken as decoded text and encoded to
 * UTF-8 first (pure ASCII is already its own encoding), so that every later stage sees bytes. CRLF and bare CR
 * become LF (RFC 5322 mandates CRLF, but files on disk and some MTAs use either).
 */
export function loadRawMessage(raw: Uint8Array | string, maxBytes: number): RawMessage {
  let text: string;
  let size: number;
  if (typeof raw === 'string') {
    size = raw.length;
    const capped = raw.length > maxBytes ? raw.slice(0, maxBytes) : raw;
    text = isAscii(capped) ? capped : bytesToBinary(ENCODER.encode(capped));
  } else {
    size = raw.byteLength;
    text = bytesToBinary(raw.byteLength > maxBytes ? raw.subarray(0, maxBytes) : raw);
  }
  if (text.length > maxBytes) text = text.slice(0, maxBytes);
  text = toLfLineEndings(text);
  return { text, truncated: size > maxBytes, size };
}
