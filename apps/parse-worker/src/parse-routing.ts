/**
 * Where a parsed message goes next: to the rules (apply-bounces), or to a human (raw status manual, shown in the
 * manual list and moved to the mailbox's manual folder by the fetch worker). Pure, so the policy is tested alone.
 */
import { type ParseOptions, type ParseResult, parseBounce } from '@bounce/parser';

export type ParseRoute = { route: 'apply' } | { route: 'manual'; reason: string };

export function routeParseResult(result: ParseResult): ParseRoute {
  switch (result.kind) {
    case 'parse-error':
      return {
        route: 'manual',
        reason: `unreadable message (${result.error?.code ?? 'internal'}): ${result.error?.message ?? ''}`.trim(),
      };
    case 'not-bounce':
      return { route: 'manual', reason: 'not a bounce' };
    case 'bounce':
    case 'delayed':
    case 'delivery-report':
    case 'complaint':
    case 'auto-reply':
      // Nothing can be applied to an address nobody named: the raw message is what an operator needs then.
      return result.recipients.length > 0
        ? { route: 'apply' }
        : { route: 'manual', reason: `${result.kind} without a recipient` };
    default: {
      const never: never = result.kind;
      return { route: 'manual', reason: `unknown message kind ${String(never)}` };
    }
  }
}

/**
 * The parser promises never to throw; a bug that makes it throw anyway must cost one message (to manual), not the
 * batch, so the throw becomes a parse-error result.
 */
export function parseSafely(raw: Uint8Array, options: ParseOptions): ParseResult {
  try {
    return parseBounce(raw, options);
  } catch (err) {
    return {
      kind: 'parse-error',
      recipients: [],
      original: { messageId: null, returnPath: null, from: null, to: [], subject: null, correlationHeaders: {} },
      message: { messageId: null, from: null, to: null, subject: null, date: null },
      error: { code: 'internal', message: `parser threw: ${(err as Error).message}` },
      truncated: false,
    };
  }
}
