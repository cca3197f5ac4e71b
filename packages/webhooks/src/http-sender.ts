/**
 * One webhook POST with the SSRF guard in the socket's lookup, bounded in time and in what it reads back.
 *
 * node:http/https rather than fetch: `lookup` on the request is the documented way to control which address the
 * socket connects to (fetch/undici would need a custom dispatcher). Redirects are never followed.
 *
 * Connections are kept alive and reused (a new TCP and TLS handshake per event cost the notify worker about 5 ms
 * of CPU per webhook). The guard still pins every connection: a pooled socket was opened through the guarded
 * lookup, so it is connected to an address that was checked, and the pools are separate per guard policy (loopback
 * allowed or not, resolver), so a socket checked under a looser policy never carries a request of a stricter one.
 *
 * The function never throws for the receiver's behaviour: every outcome (status, network error, refusal, timeout)
 * comes back as a result the caller records as an attempt.
 */
import http from 'node:http';
import https from 'node:https';
import type { AttemptErrorCode } from './retry-policy.js';
import { parseRetryAfter } from './retry-policy.js';
import {
  assertAllowedAddresses,
  createGuardedLookup,
  parseWebhookUrl,
  type UrlGuardOptions,
  WebhookUrlError,
} from './url-guard.js';

/** Default connect timeout (TCP handshake, after DNS): 5 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default total timeout (DNS + connect + TLS + request + response): 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default cap on the response body read: 64 KiB, then the connection is dropped. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
/** How much of the response body is kept in the result (for the delivery log). */
export const RESPONSE_EXCERPT_BYTES = 1024;
export const USER_AGENT = 'Bounce-Webhooks/1';

export type PostWebhookOptions = UrlGuardOptions & {
  url: string;
  body: string;
  /** Extra headers (signature, event id, ...). Content-Type, Content-Length and User-Agent are set here. */
  headers: Record<string, string>;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Aborts the request (process shutdown). */
  signal?: AbortSignal;
};

export type PostWebhookResult = {
  /** HTTP status, or null when no response arrived. */
  statusCode: number | null;
  errorCode: AttemptErrorCode | null;
  /** Human-readable error, or null. Never contains secrets. */
  error: string | null;
  durationMs: number;
  /** Up to RESPONSE_EXCERPT_BYTES of the response body (UTF-8). */
  responseExcerpt: string;
  /** True when the body exceeded maxResponseBytes and the connection was dropped. */
  responseTruncated: boolean;
  /** Retry-After of the response in ms, if any. */
  retryAfterMs: number | null;
  /** The address actually connected to (after the guard). */
  remoteAddress: string | null;
};

/**
 * How long an idle connection is kept for the next delivery to the same origin: 4 s, under the 5 s keep-alive
 * timeout of Node's and many other servers, so that we close first rather than write into a socket the receiver is
 * closing. Idle sockets are unreferenced: they never hold a process open at shutdown.
 */
export const IDLE_CONNECTION_MS = 4_000;

type Transport = 'http:' | 'https:';
/** One agent per transport, per policy (allowLoopback), per resolver; see the module comment. */
const agentsByResolver = new WeakMap<object, Map<string, http.Agent>>();
const SYSTEM_RESOLVER_KEY = {};

function agentFor(protocol: Transport, options: UrlGuardOptions): http.Agent {
  const resolverKey = options.resolve ?? SYSTEM_RESOLVER_KEY;
  let agents = agentsByResolver.get(resolverKey);
  if (!agents) {
    agents = new Map();
    agentsByResolver.set(resolverKey, agents);
  }
  const key = `${protocol}${options.allowLoopback === true}`;
  let agent = agents.get(key);
  if (!agent) {
    const settings = { keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' as const };
    agent = protocol === 'https:' ? new https.Agent(settings) : new http.Agent(settings);
    agents.set(key, agent);
  }
  return agent;
}

class AttemptError extends Error {
  override readonly name = 'AttemptError';
  constructor(
    readonly code: AttemptErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function postWebhook(options: PostWebhookOptions): Promise<PostWebhookResult> {
  const { staleConnection, ...result } = await postOnce(options);
  if (!staleConnection) return result;
  // A pooled connection the receiver closed just as we reused it, before any response: once more on a new
  // connection (Node's documented pattern for keep-alive; receivers deduplicate by event id anyway).
  const { staleConnection: _again, ...retried } = await postOnce(options);
  return retried;
}

/** Errors of a reused connection that mean the receiver had closed it (not that the receiver is down). */
const STALE_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE']);

async function postOnce(options: PostWebhookOptions): Promise<PostWebhookResult & { staleConnection?: boolean }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (code: AttemptErrorCode, error: string, remoteAddress: string | null = null): PostWebhookResult => ({
    statusCode: null,
    errorCode: code,
    error,
    durationMs: elapsed(),
    responseExcerpt: '',
    responseTruncated: false,
    retryAfterMs: null,
    remoteAddress,
  });

  let url: URL;
  let ipLiteral: string | null;
  try {
    ({ url, ipLiteral } = parseWebhookUrl(options.url));
    // Literals never go through `lookup` (Node connects to them directly): check them here.
    if (ipLiteral !== null) assertAllowedAddresses(ipLiteral, [ipLiteral], options);
  } catch (err) {
    if (err instanceof WebhookUrlError) return fail(err.code, err.message);
    throw err;
  }

  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const body = Buffer.from(options.body, 'utf8');
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise<PostWebhookResult & { staleConnection?: boolean }>((resolve) => {
    let settled = false;
    let remoteAddress: string | null = null;
    let responded = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (result: PostWebhookResult & { staleConnection?: boolean }) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const req = transport.request(url, {
      method: 'POST',
      agent: agentFor(url.protocol as Transport, options),
      lookup: createGuardedLookup(options) as never,
      headers: {
        ...options.headers,
        'content-type': 'application/json',
        'content-length': String(body.length),
        'user-agent': USER_AGENT,
      },
    });

    const abortWith = (error: AttemptError) => req.destroy(error);
    const onAbort = () => abortWith(new AttemptError('aborted', 'request aborted (shutting down)'));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    timers.push(
      setTimeout(
        () => abortWith(new AttemptError('timeout', `no complete response within ${timeoutMs} ms`)),
        timeoutMs,
      ),
    );

    req.on('socket', (socket) => {
      if (!socket.connecting && socket.remoteAddress) {
        // A pooled connection, already open to an address the guard checked when it was opened.
        remoteAddress = socket.remoteAddress;
        return;
      }
      const connectMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
      const startConnectTimer = () => {
        const timer = setTimeout(
          () => abortWith(new AttemptError('connect-timeout', `could not connect within ${connectMs} ms`)),
          connectMs,
        );
        timers.push(timer);
        socket.once('connect', () => clearTimeout(timer));
      };
      // The lookup runs before the TCP handshake: the connect timer starts once an address is known, so a slow
      // resolver is covered by the total timeout and a black-holed address by this one. IP literals skip lookup.
      if (ipLiteral !== null) startConnectTimer();
      else socket.once('lookup', startConnectTimer);
      socket.once('connect', () => {
        remoteAddress = socket.remoteAddress ?? null;
      });
    });

    req.on('error', (err: Error) => {
      if (err instanceof AttemptError) return finish(fail(err.code, err.message, remoteAddress));
      if (err instanceof WebhookUrlError) return finish(fail(err.code, err.message, remoteAddress));
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const staleConnection = req.reusedSocket && STALE_CONNECTION_CODES.has(code) && !responded;
      finish({ ...fail(networkErrorCode(err), describeNetworkError(err), remoteAddress), staleConnection });
    });

    req.on('response', (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      let received = 0;
      let truncated = false;
      const done = () =>
        finish({
          statusCode: res.statusCode ?? null,
          errorCode: null,
          error: null,
          durationMs: elapsed(),
          responseExcerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
          responseTruncated: truncated,
          retryAfterMs: parseRetryAfter(headerValue(res.headers['retry-after'])),
          remoteAddress,
        });
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        received += chunk.length;
        if (chunks.reduce((n, c) => n + c.length, 0) < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
        if (received > maxBytes) {
          // We have the status; reading on would only let a hostile endpoint tie up memory and a worker slot.
          truncated = true;
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', done); // a reset after the status line: the status still counts
      res.on('close', done);
    });

    req.end(body);
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function networkErrorCode(err: NodeJS.ErrnoException): AttemptErrorCode {
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return 'dns-failure';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SSL|TLS/.test(code)) return 'tls-error';
  return 'connection-error';
}

function describeNetworkError(err: NodeJS.ErrnoException): string {
  return err.code ? `${err.code}: ${err.message}` : err.message;
}
