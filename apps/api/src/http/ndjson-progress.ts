/**
 * Live progress of a long request (the account test) as newline-delimited JSON: when the client asks for it with
 * `Accept: application/x-ndjson`, each line is written as soon as it is known and the last line carries the full
 * result, so a console shows every step while the rest still runs. Without that header the route answers with the
 * plain JSON result as before: one code path, two renderings.
 *
 * Lines: `{"type":"progress"-kind, ...}` as the caller emits them, then `{"type":"result", ...result}`, or, when
 * the work failed after the 200 was already sent, `{"type":"error", ...problem details}` (the status is gone by
 * then, so the problem travels in the body).
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { instanceOf, toProblem } from './problem-details.js';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** The client asked for the streamed rendering (any Accept list naming application/x-ndjson). */
export function wantsNdjson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.split(',').some((range) => range.split(';')[0]!.trim().toLowerCase() === NDJSON_CONTENT_TYPE);
}

/**
 * Answers with a stream of lines: `work` gets `emit` for the progress lines and returns the result, written last as
 * `{"type":"result", ...}`. Checks that can refuse the request (not found, not available) belong before this call,
 * so they still answer with their own status.
 */
export function sendNdjsonProgress<Result extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (emit: (line: { type: string } & Record<string, unknown>) => void) => Promise<Result>,
): FastifyReply {
  const stream = new PassThrough();
  const write = (line: object) => {
    // The client may have gone away: the work still finishes (it is bounded by its timeouts), its lines are dropped.
    if (!stream.destroyed && !stream.writableEnded) stream.write(`${JSON.stringify(line)}\n`);
  };
  work(write).then(
    (result) => {
      write({ type: 'result', ...result });
      stream.end();
    },
    (err: unknown) => {
      // The error handler's own mapping (toProblem), so a failure reads the same streamed or not.
      const { type, title, status, code, detail } = toProblem(err, instanceOf(request));
      if (status >= 500) request.log.error({ err }, 'streamed request failed');
      write({ type: 'error', problemType: type, title, status, code, detail });
      stream.end();
    },
  );
  return (
    reply
      .header('content-type', `${NDJSON_CONTENT_TYPE}; charset=utf-8`)
      .header('cache-control', 'no-store')
      // Reverse proxies (nginx) would otherwise buffer the lines until the end.
      .header('x-accel-buffering', 'no')
      .send(stream)
  );
}

/** The OpenAPI description of the error line. */
export const ndjsonErrorLineSchema = z
  .object({
    type: z.literal('error'),
    problemType: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
  })
  .meta({
    id: 'NdjsonErrorLine',
    description: 'Last line when the request failed after the 200 was sent: the problem details (type as problemType)',
  });
