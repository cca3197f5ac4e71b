/**
 * The one way this package asks DNS: node's `dns.promises.Resolver` pointed at configured servers (with ports, so
 * tests use a real server on loopback and production its own resolver), answers cached per client so one diagnosis
 * never asks the same question twice, a cap on queries so a hostile bounce cannot make us send thousands, and a
 * three-way outcome that keeps "the name has no such record" (an answer) apart from "we could not ask" (no answer).
 */
import { Resolver } from 'node:dns/promises';

/** Absent: NXDOMAIN or no record of that type (an answer); error: timeout, SERVFAIL, REFUSED, cap reached. */
export type DnsOutcome<T> =
  | { status: 'found'; values: T[] }
  | { status: 'absent'; code: 'NXDOMAIN' | 'NODATA' }
  | { status: 'error'; code: string };

export type MxRecord = { exchange: string; priority: number };

export type DnsClientOptions = {
  /** Resolver addresses, `ip` or `ip:port` (`[v6]:port`). Default: the system's resolvers (`/etc/resolv.conf`). */
  servers?: readonly string[];
  /** Per-query timeout in milliseconds. Default 3000. */
  timeoutMs?: number;
  /** Attempts per query before giving up. Default 2. */
  tries?: number;
  /** Questions one client may ask (a diagnosis or a setup check). Default 300. */
  maxQueries?: number;
};

export type DnsClient = {
  txt(name: string): Promise<DnsOutcome<string>>;
  a(name: string): Promise<DnsOutcome<string>>;
  aaaa(name: string): Promise<DnsOutcome<string>>;
  mx(name: string): Promise<DnsOutcome<MxRecord>>;
  ptr(ip: string): Promise<DnsOutcome<string>>;
  /** For mailauth: behaves like `dns.promises.resolve(name, type)` (rejects with ENOTFOUND/ENODATA/...). */
  resolve(name: string, type: string): Promise<unknown>;
  /** Questions asked so far (cache hits not counted). */
  queryCount(): number;
};

export class DnsQueryCapError extends Error {
  override readonly name = 'DnsQueryCapError';
  readonly code = 'EQUERYCAP';
}

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_TRIES = 2;
const DEFAULT_MAX_QUERIES = 300;

/** The `code` of a DNS (or mailauth) error, 'EUNKNOWN' when it has none. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

function toOutcome<T>(values: T[]): DnsOutcome<T> {
  return values.length > 0 ? { status: 'found', values } : { status: 'absent', code: 'NODATA' };
}

function errorOutcome<T>(err: unknown): DnsOutcome<T> {
  const code = errorCode(err);
  if (code === 'ENOTFOUND') return { status: 'absent', code: 'NXDOMAIN' };
  if (code === 'ENODATA') return { status: 'absent', code: 'NODATA' };
  return { status: 'error', code };
}

export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const resolver = new Resolver({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    tries: options.tries ?? DEFAULT_TRIES,
  });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  const maxQueries = options.maxQueries ?? DEFAULT_MAX_QUERIES;
  const cache = new Map<string, Promise<unknown>>();
  let asked = 0;

  /** The raw answer, shared between callers asking the same question; rejects like dns.promises. */
  function ask(name: string, type: string): Promise<unknown> {
    const key = `${type} ${name.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached) return cached;
    let answer: Promise<unknown>;
    if (asked >= maxQueries) {
      answer = Promise.reject(new DnsQueryCapError(`more than ${maxQueries} DNS queries for one check`));
    } else {
      asked++;
      answer = type === 'PTR' ? resolver.reverse(name) : resolver.resolve(name, type);
    }
    answer.catch(() => undefined); // a failed answer is read by whoever awaits it; never unhandled
    cache.set(key, answer);
    return answer;
  }

  async function outcome<T>(name: string, type: string, map: (raw: unknown) => T[]): Promise<DnsOutcome<T>> {
    try {
      return toOutcome(map(await ask(name, type)));
    } catch (err) {
      return errorOutcome<T>(err);
    }
  }

  return {
    txt: (name) => outcome(name, 'TXT', (raw) => (raw as string[][]).map((chunks) => chunks.join(''))),
    a: (name) => outcome(name, 'A', (raw) => raw as string[]),
    aaaa: (name) => outcome(name, 'AAAA', (raw) => raw as string[]),
    mx: (name) => outcome(name, 'MX', (raw) => raw as MxRecord[]),
    ptr: (ip) => outcome(ip, 'PTR', (raw) => (raw as string[]).map((n) => n.replace(/\.$/, '').toLowerCase())),
    resolve: (name, type) => ask(name, type.toUpperCase()),
    queryCount: () => asked,
  };
}
