/**
 * Signed VERP return paths. Each send gets its own envelope sender, `bounces+<token>@mail.example.com`,
 * where the token carries the send id and a truncated HMAC-SHA256 of it. A bounce comes back to that
 * address, so the bounce is tied to its send without trusting anything in the bounce body; without the
 * secret nobody can make a token that blocks an address (a forged or mangled bounce matches no send).
 *
 * Token: `<kind><payload>-<mac>`, all lower-case RFC 4648 base32 (some MTAs lower-case local parts, e.g.
 * Exchange and several milters; base32 survives that, base64 would not).
 *   kind 'u': payload = the 16 bytes of a lower-case canonical UUID (26 chars); the usual case (sends.id).
 *   kind 'n': payload = a non-negative decimal id without leading zeros, as big-endian bytes.
 *   kind 's': payload = any other id as UTF-8 (only short ids fit in the 64-octet limit).
 *   mac: first 10 bytes (80 bits, 16 chars) of HMAC-SHA256(secret, "bounce-verp-v1\n" + sendId). 80 bits make
 *   an online forgery hopeless (each guess costs the attacker a bounce e-mail) while keeping the local part short.
 * With local part "bounces" and a UUID the local part is 52 octets, under the 64 of RFC 5321 §4.5.3.1.1.
 *
 * Rotation: verify with [newSecret, oldSecret] until the oldest send still able to bounce (days) has passed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';
import { RulesError } from './errors.js';

/** RFC 5321 §4.5.3.1.1: the maximum total length of a user name or other local-part is 64 octets. */
export const MAX_LOCAL_PART_OCTETS = 64;
const MAC_BYTES = 10;
const MAC_CHARS = 16; // 80 bits / 5
/** Below 16 characters a secret is guessable offline from one token; refuse it when signing. */
export const MIN_SECRET_LENGTH = 16;
const MAC_LABEL = 'bounce-verp-v1\n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
/** RFC 5321 dot-string atoms, without "+": the separator before the token. */
const LOCAL_PART = /^[a-z0-9!#$%&'*/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*/=?^_`{|}~-]+)*$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const TOKEN = /^([uns])([a-z2-7]+)-([a-z2-7]{16})$/;

export type MakeReturnPathInput = {
  /** Local part before the "+", e.g. "bounces". */
  localPart: string;
  /** Domain whose MX delivers to the bounce mailbox, e.g. "mail.example.com". */
  domain: string;
  sendId: string;
  /** Current signing secret (at least 16 characters). */
  secret: string;
};

export type VerifiedReturnPath = {
  sendId: string;
  /** Index in the `secrets` array of the secret that matched: tells when an old secret is no longer seen. */
  secretIndex: number;
};

function mac(secret: string, sendId: string): Buffer {
  return createHmac('sha256', secret)
    .update(MAC_LABEL + sendId, 'utf8')
    .digest()
    .subarray(0, MAC_BYTES);
}

function encodeSendId(sendId: string): string {
  if (UUID.test(sendId)) return `u${base32Encode(Buffer.from(sendId.replaceAll('-', ''), 'hex'))}`;
  if (DECIMAL.test(sendId)) {
    let hex = BigInt(sendId).toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    return `n${base32Encode(Buffer.from(hex, 'hex'))}`;
  }
  return `s${base32Encode(Buffer.from(sendId, 'utf8'))}`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeSendId(kind: string, payload: string): string | null {
  const bytes = base32Decode(payload);
  if (bytes === null || bytes.length === 0) return null;
  switch (kind) {
    case 'u': {
      if (bytes.length !== 16) return null;
      const hex = Buffer.from(bytes).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'n':
      // A leading zero byte is a second encoding of the same number: refuse it (one token per send id).
      if (bytes[0] === 0 && bytes.length > 1) return null;
      return BigInt(`0x${Buffer.from(bytes).toString('hex')}`).toString(10);
    case 's':
      try {
        return UTF8.decode(bytes);
      } catch {
        return null;
      }
    default:
      return null;
  }
}

/** The token alone (what goes after "+"); makeReturnPath wraps it into an address. */
export function makeVerpToken(rawSendId: string, secret: string): string {
  // UUIDs are case-insensitive (RFC 9562 §4); sign and return the lower-case form PostgreSQL prints.
  const sendId = UUID.test(rawSendId.toLowerCase()) ? rawSendId.toLowerCase() : rawSendId;
  if (sendId.length === 0) throw new RulesError('invalid-verp-input', 'sendId must not be empty');
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RulesError('invalid-verp-input', `the VERP secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return `${encodeSendId(sendId)}-${base32Encode(mac(secret, sendId))}`;
}

/** `bounces+<token>@mail.example.com`, lower-cased. Throws RulesError('invalid-verp-input') when it cannot fit. */
export function makeReturnPath(input: MakeReturnPathInput): string {
  const localPart = input.localPart.trim().toLowerCase();
  const domain = input.domain.trim().toLowerCase().replace(/\.$/, '');
  if (!LOCAL_PART.test(localPart) || localPart.includes('+')) {
    throw new RulesError('invalid-verp-input', `invalid local part ${JSON.stringify(input.localPart)}`);
  }
  if (!DOMAIN.test(domain))
    throw new RulesError('invalid-verp-input', `invalid domain ${JSON.stringify(input.domain)}`);
  const local = `${localPart}+${makeVerpToken(input.sendId, input.secret)}`;
  if (Buffer.byteLength(local, 'utf8') > MAX_LOCAL_PART_OCTETS) {
    throw new RulesError(
      'invalid-verp-input',
      `the return path local part would be ${local.length} octets, over the ${MAX_LOCAL_PART_OCTETS} of RFC 5321; use a shorter local part or send id`,
    );
  }
  return `${local}@${domain}`;
}

/**
 * What a return path says about VERP: `absent` when it carries no token of our shape (an ordinary address, a
 * plus-tag of another system), `invalid` when it has our token shape but does not decode or verify with any of the
 * secrets (forged, mangled in transit, or signed with a retired secret), `valid` with the send id otherwise.
 * Callers must not fall back to weaker matching for `invalid`: a forged or mangled bounce must not block anyone.
 */
export type ReturnPathVerdict =
  | { status: 'absent' }
  | { status: 'invalid' }
  | ({ status: 'valid' } & VerifiedReturnPath);

const ABSENT: ReturnPathVerdict = Object.freeze({ status: 'absent' });
const INVALID: ReturnPathVerdict = Object.freeze({ status: 'invalid' });

/**
 * Parse and verify a return path (as found in a bounce: any case, with or without angle brackets, with or without
 * the domain) against the current and previous secrets. Every secret is tried (no early exit) and MACs are
 * compared with timingSafeEqual.
 */
export function parseReturnPath(address: string, secrets: readonly string[]): ReturnPathVerdict {
  let text = address.trim();
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
  text = text.toLowerCase();
  const at = text.lastIndexOf('@');
  const local = at === -1 ? text : text.slice(0, at);
  const plus = local.lastIndexOf('+');
  if (plus === -1) return ABSENT;
  const match = TOKEN.exec(local.slice(plus + 1));
  if (!match) return ABSENT;
  // Our shape from here on: anything that fails now is a token we would have made, damaged or forged.
  if (local.length > MAX_LOCAL_PART_OCTETS) return INVALID;
  const [, kind, payload, macText] = match as unknown as [string, string, string, string];
  const sendId = decodeSendId(kind, payload);
  const given = base32Decode(macText);
  if (sendId === null || given === null || given.length !== MAC_BYTES || macText.length !== MAC_CHARS) return INVALID;
  let matched = -1;
  secrets.forEach((secret, index) => {
    if (secret.length === 0) return;
    if (timingSafeEqual(mac(secret, sendId), given) && matched === -1) matched = index;
  });
  return matched === -1 ? INVALID : { status: 'valid', sendId, secretIndex: matched };
}

/** The send id of a valid return path, or null for an absent or invalid one (see parseReturnPath). */
export function verifyReturnPath(address: string, secrets: readonly string[]): VerifiedReturnPath | null {
  const verdict = parseReturnPath(address, secrets);
  return verdict.status === 'valid' ? { sendId: verdict.sendId, secretIndex: verdict.secretIndex } : null;
}
