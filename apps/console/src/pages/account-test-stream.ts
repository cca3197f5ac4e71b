/**
 * The account test's live progress: asked with `Accept: application/x-ndjson`, the API answers one JSON line per
 * finished step, then the full result (or an error line if the test failed midway). The body is read as it arrives,
 * so the operator sees each step when it finishes rather than a minute of spinner. An answer that is not NDJSON (a
 * proxy that dropped the header, an older API) is read as the plain JSON result.
 */
import { ApiProblemError, type paths } from '@bounce/api-client';
import { type Schema, unwrap } from '../api';

export type AccountTest = Schema<'MailboxAccountTest'>;
export type StepLine = Schema<'MailboxTestStepLine'>;
type Line = paths['/v1/mailboxes/account-test']['post']['responses'][200]['content']['application/x-ndjson'];

/** What the test routes are asked with: the streamed answer, its body left unread for `readAccountTest`. */
export const STREAMED = { headers: { accept: 'application/x-ndjson' }, parseAs: 'stream' } as const;

/** Each line of a body as soon as its newline (or the end) arrives, parsed. */
async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<Line> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    // stream: a character split across chunks is decoded once its last byte arrives
    buffered += decoder.decode(value, { stream: !done });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line);
      newline = buffered.indexOf('\n');
    }
    if (done) break;
  }
  if (buffered.trim()) yield JSON.parse(buffered);
}

/**
 * The result of a test route called with STREAMED, each step passed to `onStep` as it finishes. A problem answered
 * before streaming, or an error line, is thrown as an ApiProblemError (like `unwrap`).
 */
export async function readAccountTest(
  result: { data?: ReadableStream<Uint8Array> | null; error?: unknown; response: Response },
  onStep: (step: StepLine) => void,
): Promise<AccountTest> {
  const body = unwrap(result);
  if (!body) throw new Error(`HTTP ${result.response.status}: empty answer`);
  if (!(result.response.headers.get('content-type') ?? '').includes('application/x-ndjson')) {
    const plain: AccountTest = await new Response(body).json();
    return plain;
  }
  for await (const line of ndjsonLines(body)) {
    if (line.type === 'step') onStep(line);
    else if (line.type === 'result') return { ok: line.ok, receiving: line.receiving, sending: line.sending };
    else {
      const { title, status, code, detail } = line;
      throw new ApiProblemError({ type: line.problemType, title, status, code, detail, instance: result.response.url });
    }
  }
  throw new Error('The account test ended without a result');
}
