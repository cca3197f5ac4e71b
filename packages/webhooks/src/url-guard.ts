/**
 * SSRF guard for webhook URLs. A tenant chooses the URL, so without a guard a webhook is a way to make our
 * servers call the cloud metadata service, an internal admin port or a database on the private network.
 *
 * - Only http: and https: URLs, without user:password (it would end up in logs and the delivery log).
 * - The host must resolve only to public addresses (see @bounce/address-guard, shared with the mailbox connections); loopback is allowed with
 *   `allowLoopback` (WEBHOOK_ALLOW_LOOPBACK=true) for local development and tests.
 * - Checking a name and then letting the HTTP client resolve it again would be open to DNS rebinding (the second
 *   answer can differ). `createGuardedLookup` is therefore the `lookup` of the socket itself: the addresses that
 *   are checked are the addresses connected to. IP literals skip DNS (Node connects to them directly), so they
 *   are checked before the request in `validateWebhookUrl`/`resolveWebhookTarget`.
 * - If a name resolves to several addresses and any one is refused, the whole URL is refused: a public name that
 *   also points inside is a rebinding attempt or a misconfiguration, either way not something to half-trust.
 */

import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import {
  classifyIp,
  type HostResolver,
  type IpClassification,
  isAllowedIp,
  systemResolver,
} from '@bounce/address-guard';

export { type HostResolver, systemResolver };

export type UrlGuardOptions = {
  /** Allow loopback addresses (127.0.0.0/8, ::1). Default false; for local development and tests only. */
  allowLoopback?: boolean;
  /** Resolver override (tests, or a resolver with its own timeout). Default: the system resolver. */
  resolve?: HostResolver;
};

export type WebhookUrlErrorCode =
  | 'invalid-url'
  | 'unsupported-protocol'
  | 'credentials-in-url'
  | 'forbidden-address'
  | 'dns-failure'
  | 'no-address';

export class WebhookUrlError extends Error {
  override readonly name = 'WebhookUrlError';
  constructor(
    readonly code: WebhookUrlErrorCode,
    message: string,
    /** For forbidden-address: the refused addresses and why. */
    readonly refused: IpClassification[] = [],
  ) {
    super(message);
  }
}

/** Maximum URL length accepted for a subscription (browsers and proxies commonly cap around 2 KiB). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Syntax part of the check: parses the URL and refuses other schemes and embedded credentials. Does not touch DNS.
 * Returns the parsed URL and, for an IP-literal host, the literal without brackets.
 */
export function parseWebhookUrl(input: string): { url: URL; ipLiteral: string | null } {
  if (input.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new WebhookUrlError('invalid-url', `URL longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new WebhookUrlError('invalid-url', 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookUrlError('unsupported-protocol', `only http and https URLs are allowed, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new WebhookUrlError('credentials-in-url', 'URLs with user:password are not allowed; use the signature');
  }
  // WHATWG URL parsing already normalised IPv4 shorthands (http://2130706433/, http://0x7f.1/) to dotted quads
  // and IPv6 to its compressed form in brackets.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new WebhookUrlError('invalid-url', 'URL has no host');
  return { url, ipLiteral: isIP(host) ? host : null };
}

/** Checks resolved addresses against the policy; throws forbidden-address naming every refused one. */
export function assertAllowedAddresses(host: string, addresses: readonly string[], options: UrlGuardOptions): void {
  if (addresses.length === 0) throw new WebhookUrlError('no-address', `${host} has no address`);
  const refused = addresses
    .map((a) => classifyIp(a))
    .filter((c) => !isAllowedIp(c, { allowLoopback: options.allowLoopback }));
  if (refused.length > 0) {
    // The message reaches the tenant (API answers, delivery attempts): it names the kind of address, never the
    // address a name resolves to, which would map the installation's internal network for whoever asks.
    // An IP literal is the caller's own text, so it may be repeated.
    const kinds = [...new Set(refused.map((c) => c.category))].join(', ');
    // A loopback address is the usual case in local development: name the setting that allows it there.
    const hint = refused.some((c) => c.category === 'loopback')
      ? ' (loopback addresses are allowed for local development with WEBHOOK_ALLOW_LOOPBACK=true)'
      : '';
    const message = isIP(host)
      ? `${host} is a forbidden address (${kinds})${hint}`
      : `${host} resolves to a forbidden address (${kinds})${hint}`;
    throw new WebhookUrlError('forbidden-address', message, refused);
  }
}

/**
 * Full check of a webhook URL, for creating or updating a subscription and before each delivery: syntax, then
 * every address the host resolves to. Resolves with the parsed URL and the checked addresses.
 */
export async function validateWebhookUrl(
  input: string,
  options: UrlGuardOptions = {},
): Promise<{ url: URL; addresses: string[] }> {
  const { url, ipLiteral } = parseWebhookUrl(input);
  if (ipLiteral !== null) {
    assertAllowedAddresses(ipLiteral, [ipLiteral], options);
    return { url, addresses: [ipLiteral] };
  }
  const addresses = await resolveChecked(url.hostname, options);
  return { url, addresses: addresses.map((a) => a.address) };
}

async function resolveChecked(hostname: string, options: UrlGuardOptions): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(hostname);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new WebhookUrlError('dns-failure', `cannot resolve ${hostname} (${code})`);
  }
  assertAllowedAddresses(
    hostname,
    addresses.map((a) => a.address),
    options,
  );
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type LookupOptions = { family?: number | string; all?: boolean };

/**
 * A `lookup` for `http.request`/`net.connect` that resolves, checks every address and hands only checked
 * addresses to the socket. Node calls it with `all: true` when happy-eyeballs is on (the default since Node 20).
 */
export function createGuardedLookup(options: UrlGuardOptions = {}) {
  return (hostname: string, lookupOptions: LookupOptions | number, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof lookupOptions === 'number' ? { family: lookupOptions } : lookupOptions;
    resolveChecked(hostname, options).then(
      (addresses) => {
        const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : Number(opts.family ?? 0);
        const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        if (opts.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, []),
    );
  };
}
