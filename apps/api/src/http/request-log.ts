/**
 * One log line per request, written when the answer is sent, that names no customer: the URL's query keeps its
 * parameter names but drops their values (`/v1/can-send?address` rather than the address a sender asked about),
 * and a path segment holding an e-mail address (`/v1/addresses/:address`) is replaced by a short hash, so lines
 * about the same address can still be matched without the log holding it. Replaces fastify's own request logging,
 * which writes the full URL twice per request.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A short stable stand-in for an address: the same address gives the same token in every line. */
export function maskAddress(address: string): string {
  return `addr-${createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

function maskSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // not valid percent-encoding: masked below all the same if it looks like an address
  }
  return decoded.includes('@') ? maskAddress(decoded) : segment;
}

/** The URL as it may be logged: path with addresses masked, query reduced to its parameter names. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at < 0 ? url : url.slice(0, at)).split('/').map(maskSegment).join('/');
  if (at < 0) return path;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => maskSegment(pair.split('=', 1)[0] ?? ''));
  return names.length > 0 ? `${path}?${names.join('&')}` : path;
}

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        req: { method: request.method, url: loggableUrl(request.url), remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
}
