/**
 * Typed client of the bounce-processing HTTP API. The types (`paths`, `components`) are generated from the API's
 * OpenAPI document (src/schema.ts, never edited by hand); requests go through openapi-fetch, so every path, query
 * parameter, body and response is checked against the document at compile time:
 *
 *   const api = createApiClient({ baseUrl: 'https://bounce.example', apiKey: process.env.BOUNCE_API_KEY });
 *   const { data } = await api.GET('/v1/can-send', { params: { query: { address, category: 'newsletter' } } });
 *
 * Errors are RFC 9457 problem details; `unwrap` turns a failed response into a thrown `ApiProblemError` carrying
 * the problem (with `fieldErrors` keyed by the field a validation problem points at).
 */
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths } from './schema.js';

/** A stored resource or response body by its schema name, e.g. `Schema<'Mailbox'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** RFC 9457 problem details as the API sends them. */
export type ProblemDetails = Schema<'Problem'>;

export type ApiClient = Client<paths>;

export type ApiClientOptions = Omit<ClientOptions, 'baseUrl'> & {
  /** Where the API is, e.g. "https://bounce.example" (no /v1). Empty: the current origin (the console). */
  baseUrl?: string;
  /** An API key (machines): sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /**
   * The console session's CSRF token, read on every state-changing request (cookie sessions only; an API key
   * needs none).
   */
  csrfToken?: () => string | null;
  /** Called with every problem response before the caller sees it (e.g. the console's "session ended"). */
  onProblem?: (problem: ProblemDetails, response: Response) => void;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const { apiKey, csrfToken, onProblem, baseUrl = '', ...clientOptions } = options;
  const client = createClient<paths>({ baseUrl, ...clientOptions });
  const middleware: Middleware = {
    onRequest({ request }) {
      if (apiKey) request.headers.set('authorization', `Bearer ${apiKey}`);
      const token = csrfToken?.();
      if (token && !SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set('x-csrf-token', token);
      return request;
    },
    async onResponse({ response }) {
      if (onProblem && !response.ok && isProblemResponse(response)) {
        const problem = (await response.clone().json()) as ProblemDetails;
        onProblem(problem, response);
      }
      return response;
    },
  };
  client.use(middleware);
  return client;
}

function isProblemResponse(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('application/problem+json');
}

/** A failed API call: the problem document, and its validation problems by field. */
export class ApiProblemError extends Error {
  override readonly name = 'ApiProblemError';
  readonly status: number;
  readonly code: string;
  /**
   * Validation problems by field: `/body/host` → `host`, `/body/config/softBounceThreshold` →
   * `config.softBounceThreshold`, `/query/q` → `q`.
   */
  readonly fieldErrors: Record<string, string>;
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.fieldErrors = fieldErrorsOf(problem);
  }
}

/** JSON pointer (RFC 6901) into /body, /query or /params → a dotted field path. */
export function fieldOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(2)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

export function fieldErrorsOf(problem: ProblemDetails): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const field = fieldOfPointer(e.pointer);
    if (field && !(field in out)) out[field] = e.detail;
  }
  return out;
}

/**
 * The data of a response, or a thrown ApiProblemError (a problem document) or Error (anything else, e.g. a proxy's
 * HTML error page).
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const error = result.error;
  if (error && typeof error === 'object' && 'status' in error && 'code' in error) {
    throw new ApiProblemError(error as ProblemDetails);
  }
  throw new Error(`HTTP ${result.response.status} ${result.response.statusText}`);
}
