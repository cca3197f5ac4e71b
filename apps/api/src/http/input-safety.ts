/**
 * The one validation layer every request passes before its route's schema: no string anywhere in the body, the
 * query, the path parameters or the headers may hold U+0000 or a lone UTF-16 surrogate. PostgreSQL cannot store
 * either (text refuses NUL; a lone surrogate has no UTF-8 form), so without this check such a value reached the
 * database and came back as a 500. Object keys are checked too, since some bodies (rule configs, metadata) are
 * stored as JSON. Runs as a preValidation hook: after authentication and body parsing, before zod.
 */
import { findUnstorableText } from '@bounce/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from './problem-details.js';

const PARTS = ['params', 'query', 'headers', 'body'] as const;

/** RFC 6901 pointer segment. */
const segment = (p: string | number) => String(p).replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The query string's raw text: every name and value must be valid percent-encoded UTF-8. The query parser keeps an
 * undecodable value as its raw text ("a%ED%A0%80", a lone surrogate's bytes), which would otherwise be taken for
 * what the client meant.
 */
function checkQueryEncoding(request: FastifyRequest): void {
  const at = request.url.indexOf('?');
  if (at < 0) return;
  for (const pair of request.url.slice(at + 1).split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    for (const part of [name, value]) {
      try {
        decodeURIComponent(part.replaceAll('+', ' '));
      } catch {
        const pointer = `/query/${segment(safeName(name))}`;
        const detail = 'not valid percent-encoded UTF-8';
        throw new ApiProblem('validation', `${pointer}: ${detail}`, { errors: [{ pointer, detail }] });
      }
    }
  }
}

function safeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function checkRequestText(request: FastifyRequest): void {
  checkQueryEncoding(request);
  for (const part of PARTS) {
    const found = findUnstorableText(request[part]);
    if (!found) continue;
    const pointer = `/${[part, ...found.path].map(segment).join('/')}`;
    const detail = `${found.reason}`;
    throw new ApiProblem('validation', `${pointer}: ${detail}`, { errors: [{ pointer, detail }] });
  }
}

export function registerInputSafety(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => checkRequestText(request));
}
