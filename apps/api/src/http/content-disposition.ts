/**
 * `Content-Disposition: attachment` for a file name chosen by someone else (an attachment's name in a bounce): an
 * ASCII `filename` for old clients and, when the name is not plain ASCII, `filename*` with its UTF-8 bytes
 * percent-encoded (RFC 6266 §4.3, RFC 8187). A header value holding other characters is refused by Node when
 * the answer is written, which is too late for a problem document: the name must never reach the header raw.
 */

/** Lone surrogates (a broken encoded-word) cannot be encoded as UTF-8: U+FFFD stands in for them. */
function wellFormed(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd';
    else out += s.charAt(i);
  }
  return out;
}

/** RFC 8187 attr-char: letters, digits and !#$&+-.^_`|~ stay; every other byte is %XX. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function attachmentDisposition(filename: string): string {
  const name = wellFormed(filename).slice(0, 255);
  // Printable ASCII without the quote and backslash (no escaping needed inside the quoted string).
  const ascii = name.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '_');
  if (ascii === name) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
