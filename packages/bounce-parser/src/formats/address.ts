/**
 * E-mail address helpers shared by the format detectors.
 */

// Deliberately simple (RFC 5321 mailbox, no quoted local parts with spaces): bounces quote addresses plainly.
// Every repetition is bounded (RFC 5321 4.5.3.1 limits: local part 64, labels 63) so that a long run of word
// characters without "@" costs linear time instead of backtracking quadratically.
const ADDRESS_SOURCE = "[\\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,8}";
const ADDRESS = new RegExp(ADDRESS_SOURCE);
const ADDRESS_G = new RegExp(ADDRESS_SOURCE, 'g');
const LEADING_QUOTES = /^['`]+/;

/** Cleans an address as reports write it: angle brackets, quotes, "rfc822;" prefix, trailing dots; lower-cases the domain. */
export function normaliseAddress(value: string): string {
  let v = value.trim();
  const m = ADDRESS.exec(v);
  // The local-part alphabet admits "'", so a quoted "'user@host'" (MMDF, old gateways) matches with its
  // opening quote: a leading apostrophe is punctuation, never part of a real mailbox name.
  if (m) v = m[0].replace(LEADING_QUOTES, '');
  else v = v.replace(/^<|>$/g, '').replace(/^["']|["']$/g, '');
  v = v.replace(/\.+$/, '');
  const at = v.lastIndexOf('@');
  return at === -1 ? v : v.slice(0, at) + v.slice(at).toLowerCase();
}

/** The first address in the text, normalised, or null. */
export function findAddress(text: string): string | null {
  const m = ADDRESS.exec(text);
  return m ? normaliseAddress(m[0]) : null;
}

/** Every address in the text, normalised, in order of appearance. */
export function findAddresses(text: string): string[] {
  ADDRESS_G.lastIndex = 0;
  return (text.match(ADDRESS_G) ?? []).map(normaliseAddress);
}
