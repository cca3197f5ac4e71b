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

export function checkRequestText(request: FastifyRequest): void {
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
