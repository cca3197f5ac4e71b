/**
 * Which events start a diagnosis: a bounce the rules applied as sender-side (`bounce.recorded` with rule
 * `sender-side`), and a bounce left unmatched whose verdict is sender-side (the rejection is about us whoever the
 * recipient was). Each event is read by the fan-out exactly once in effect, and the diagnosis is idempotent per bounce.
 */
import { isSenderSideVerdict } from '@bounce/sender-health';

type EventLike = { type: string; payload: Record<string, unknown> };

type BounceSummary = {
  id?: unknown;
  kind?: unknown;
  class?: unknown;
  reason?: unknown;
  status?: unknown;
  replyCode?: unknown;
  diagnosticCode?: unknown;
  remoteMta?: unknown;
  action?: unknown;
};

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The bounce id to diagnose, or null when the event is not about a sender-side bounce. */
export function senderSideBounceOf(event: EventLike): string | null {
  const bounce = event.payload.bounce as BounceSummary | null | undefined;
  const id = text(bounce?.id);
  if (!bounce || !id) return null;
  if (event.type === 'bounce.recorded') {
    const decision = event.payload.decision as { rule?: unknown } | undefined;
    return decision?.rule === 'sender-side' ? id : null;
  }
  if (event.type !== 'bounce.unmatched') return null;
  const kind = text(bounce.kind) ?? 'bounce';
  const senderSide = isSenderSideVerdict(
    {
      recipient: text(event.payload.address) ?? '',
      originalRecipient: null,
      action: (text(bounce.action) as never) ?? 'failed',
      status: text(bounce.status),
      replyCode: typeof bounce.replyCode === 'number' ? bounce.replyCode : null,
      reason: (text(bounce.reason) ?? 'undefined') as never,
      class: (text(bounce.class) ?? 'unknown') as never,
      diagnosticCode: text(bounce.diagnosticCode),
      remoteMta: text(bounce.remoteMta),
      reportingMta: null,
      feedbackType: null,
      lastAttemptAt: null,
      detectedBy: 'event',
    },
    kind as never,
  );
  return senderSide ? id : null;
}
