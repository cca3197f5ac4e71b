/**
 * Every error leaves the API as an RFC 9457 problem details document (`application/problem+json`): 400 validation
 * failures, 401/403 authentication and scope failures, 404, 409, 429 and 500 alike, so a client needs one error
 * parser. `type` is a stable URN per problem kind (RFC 9457 §3.1.1 allows any URI; a URN promises no documentation
 * page that could go stale), `code` repeats its last part for clients that prefer a plain string, and validation
 * failures list every problem in `errors` (the extension member RFC 9457 §3.2 shows for this purpose), each with a
 * JSON pointer (RFC 6901) into the part of the request that was wrong.
 */
import { type ClientFault, clientFaultOf, StoreError, type StoreErrorCode } from '@bounce/db';
import { WebhookServiceError, WebhookUrlError } from '@bounce/webhooks';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const PROBLEM_CODES = {
  validation: { status: 400, title: 'The request is not valid' },
  'invalid-input': { status: 400, title: 'The request is not valid' },
  'invalid-rule-config': { status: 400, title: 'The rule configuration is not valid' },
  'invalid-cursor': { status: 400, title: 'The paging cursor is not valid' },
  'webhook-url-refused': { status: 400, title: 'The webhook URL is refused' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'The API key lacks the required scope' },
  csrf: { status: 403, title: 'The CSRF token is missing or wrong' },
  'invalid-credentials': { status: 401, title: 'The e-mail or password is wrong' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'already-undone': { status: 409, title: 'The audit entry was already undone' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The request URI (or one of its path parameters) is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'not-undoable': { status: 422, title: 'The audit entry cannot be undone' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'A dependency is not available' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** One validation problem: where (`pointer` into body, query or params) and what. */
export type ProblemFieldError = { pointer: string; detail: string };

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  errors?: ProblemFieldError[];
} & Record<string, unknown>;

export function problemType(code: ProblemCode): string {
  return `urn:bounce:problem:${code}`;
}

/** An error a handler throws to answer with a given problem (and optional extension members). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
  get status(): number {
    return PROBLEM_CODES[this.code].status;
  }
}

const STORE_CODES: Record<StoreErrorCode, ProblemCode> = {
  'not-found': 'not-found',
  'invalid-input': 'invalid-input',
  'invalid-rule-config': 'invalid-rule-config',
  conflict: 'conflict',
  'already-undone': 'already-undone',
  'not-undoable': 'not-undoable',
};

/** Database errors a client's value caused (see `clientFaultOf`): a 4xx, never a 500. */
const DB_FAULT_CODES: Record<ClientFault, ProblemCode> = {
  'invalid-input': 'invalid-input',
  conflict: 'conflict',
  'too-large': 'invalid-input',
};

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
function pointerOf(location: string, path: readonly PropertyKey[]): string {
  const parts = [location, ...path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1'))];
  return `/${parts.join('/')}`;
}

export function zodErrors(error: ZodError, location: string): ProblemFieldError[] {
  return error.issues.map((i) => ({ pointer: pointerOf(location, i.path), detail: i.message }));
}

function build(code: ProblemCode, detail: string, instance: string, extensions: Record<string, unknown> = {}) {
  const { status, title } = PROBLEM_CODES[code];
  return { type: problemType(code), title, status, detail, instance, code, ...extensions } as ProblemDetails;
}

/** Status codes fastify itself raises (body parsing, content types, limits) and the problem kind they map to. */
function codeForStatus(status: number): ProblemCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 414:
      return 'uri-too-long';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'rate-limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'invalid-input';
  }
}

/** Maps anything thrown while handling a request to a problem document. Never leaks a 5xx error's message. */
export function toProblem(err: unknown, instance: string): ProblemDetails {
  if (err instanceof ApiProblem) return build(err.code, err.detail, instance, err.extensions);
  if (hasZodFastifySchemaValidationErrors(err)) {
    // fastify names the request part in `validationContext` (body, querystring, params, headers); the provider
    // reports the path inside it as `instancePath` "/a/0/b" ("/" for the part itself).
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    const location = context === 'querystring' ? 'query' : context;
    const errors = err.validation.map((v) => ({
      pointer: `/${location}${v.instancePath === '/' ? '' : v.instancePath}`,
      detail: v.message ?? 'invalid',
    }));
    const summary = errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ');
    return build('validation', summary, instance, { errors });
  }
  if (err instanceof ZodError) {
    const errors = zodErrors(err, 'body');
    return build('validation', errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), instance, { errors });
  }
  if (err instanceof StoreError) {
    const code = err.message === 'invalid cursor' ? 'invalid-cursor' : STORE_CODES[err.code];
    const errors = err.field ? [{ pointer: pointerOf('body', [err.field]), detail: err.message }] : undefined;
    return build(code, err.message, instance, errors ? { errors } : {});
  }
  if (err instanceof WebhookUrlError) return build('webhook-url-refused', err.message, instance, { reason: err.code });
  if (err instanceof WebhookServiceError) {
    return build(err.code === 'invalid-input' ? 'invalid-input' : err.code, err.message, instance);
  }
  if (err instanceof ResponseSerializationError)
    return build('internal', 'the response could not be produced', instance);
  const status = (err as FastifyError | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return build(codeForStatus(status), (err as Error).message, instance);
  }
  if (status === 503) return build('unavailable', (err as Error).message, instance);
  const fault = clientFaultOf(err);
  if (fault) {
    // The database's own message may quote the value (an address); only its SQLSTATE leaves.
    const detail = `the database refused a value of the request (SQLSTATE ${fault.sqlState})`;
    return build(DB_FAULT_CODES[fault.fault], detail, instance, { sqlState: fault.sqlState });
  }
  return build('internal', 'an unexpected error occurred; it has been logged', instance);
}

/** Sends a problem document with its status and media type. */
export function sendProblem(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  if (problem.status === 401 && problem.code !== 'invalid-credentials') {
    // RFC 6750 §3: tell the client which scheme to use; "invalid_token" when a key was presented but refused.
    const invalid = problem.reason === 'invalid' || problem.reason === 'revoked';
    reply.header('www-authenticate', `Bearer realm="bounce-api"${invalid ? ', error="invalid_token"' : ''}`);
  }
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function instanceOf(request: FastifyRequest): string {
  // The path without the query: a query can hold an e-mail address, which need not be echoed into logs by clients.
  return request.url.split('?')[0] ?? request.url;
}
