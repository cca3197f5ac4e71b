/**
 * Address normalisation for the address table: one mailbox = one row.
 *
 * The whole address is lower-cased, local part included. RFC 5321 §2.4 lets a server treat local parts
 * case-sensitively, but no mainstream mailbox provider does, and bounces echo the recipient in whatever case
 * the remote MTA chose (Exchange and many milters lower-case it), so a case-sensitive key would split one
 * mailbox into several rows and let a bounce for "John@x" miss the send to "john@x". The parser's internal
 * helper lower-cases only the domain (it reports what the bounce said); this one builds the storage key.
 * Plus-addressing ("john+news@x") is kept: it is a distinct recipient to the sender and may be filtered
 * differently by the receiver. Internationalised domains are stored in their ASCII (punycode) form, as MTAs
 * report them in DSNs.
 */
import { domainToASCII } from 'node:url';

/** RFC 5321 §4.5.3.1: local part ≤ 64 octets, domain ≤ 255 octets. */
const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 255;

/**
 * Normalise a raw address as a sender or a report writes it ("  <John.Doe@Example.COM.> ", "Name <a@b>",
 * "rfc822; a@b", "mailto:a@b"). Returns null when there is no usable address (no "@", empty part, too long,
 * invalid domain).
 */
export function normalizeAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(text);
  if (bracketed) text = bracketed[1]!.trim();
  // DSN address types (RFC 3464 §2.3.2: "rfc822; a@b") and mailto: URLs.
  text = text.replace(/^rfc822\s*;\s*/i, '').replace(/^mailto:/i, '');
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  const local = text.slice(0, at).toLowerCase();
  const domain = normalizeDomain(text.slice(at + 1));
  if (domain === null || Buffer.byteLength(local, 'utf8') > MAX_LOCAL_PART || /\s/.test(local)) return null;
  return `${local}@${domain}`;
}

/** Lower-case, no trailing root dot, ASCII (punycode) form; domain literals ("[192.0.2.1]") are kept. */
export function normalizeDomain(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  if (text === '') return null;
  if (text.startsWith('[') && text.endsWith(']')) return text;
  const ascii = domainToASCII(text);
  if (ascii === '' || ascii.length > MAX_DOMAIN) return null;
  return ascii;
}

/** The domain of an address (normalised), or null when the address has none. */
export function domainOf(address: string): string | null {
  const normalized = normalizeAddress(address);
  return normalized === null ? null : normalized.slice(normalized.lastIndexOf('@') + 1);
}
