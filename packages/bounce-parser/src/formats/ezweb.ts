import { normaliseDiagnostic, reasonByText } from '../classify/reason-by-text.js';
import { findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { findDsnReport } from './rfc3464.js';
import { commandInText, commandInTranscript } from './smtp-command.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * au/EZweb (KDDI mobile mail, ezweb.ne.jp): "Mail System Error - Returned Mail" with a short Japanese and
 * English explanation and the addresses in angle brackets. "Each of the following recipients was rejected by a
 * remote mail server" with no server reply is the carrier's own receiving filter (domain/URL blocking set by the
 * subscriber).
 */
const SIGNATURE = /ezweb\.ne\.jp|au\.com/i;
const REJECTED_BY_FILTER = /each of the following recipients was rejected by a remote(?:\s+mail)?\s+server/i;
const ANGLE_ADDRESS = /<([^<>\s@]+@[^<>\s]+)>/g;
const RECIPIENT_LINE = /^[ \t]*Recipient:[ \t]*<([^<>\s@]+@[^<>\s]+)>/gim;
// Session lines (">>> MAIL FROM:<...>") and the returned original's header lines name other addresses.
const NOT_RECIPIENT_LINE = /^\s*(?:>>>|<<<|[A-Za-z][\w-]*:\s|(?:by|for|from|with|id)\s)/;

function recipientsInText(head: string): string[] {
  const labelled = [...head.matchAll(RECIPIENT_LINE)].map((m) => (m[1] ?? '').toLowerCase());
  if (labelled.length > 0) return [...new Set(labelled)];
  const found: string[] = [];
  for (const line of head.split('\n')) {
    if (NOT_RECIPIENT_LINE.test(line)) continue;
    for (const m of line.matchAll(ANGLE_ADDRESS)) found.push((m[1] ?? '').toLowerCase());
  }
  return [...new Set(found)];
}

export const EZWEB: FormatDetector = {
  name: 'ezweb',
  detect(ctx: BounceContext): Detection | null {
    if (!SIGNATURE.test(ctx.from) || !/returned mail|mail system error/i.test(ctx.subject)) return null;
    const { head, tail } = cutAtOriginal(ctx.bounceText());
    const dsn = findDsnReport(ctx);
    const addresses = dsn
      ? dsn.recipients.map((r) => findAddresses(r.finalRecipient ?? '')[0] ?? '').filter(Boolean)
      : recipientsInText(head);
    if (addresses.length === 0) return null;
    // Lines the carrier quotes from the remote session ("<<< 550 ...") are the server's words.
    const session = head
      .split('\n')
      .filter((l) => /^\s*<<</.test(l))
      .join(' ');
    const diagnostic = oneLine(session || head).slice(0, 2000) || null;
    const stated = reasonByText(normaliseDiagnostic(head));
    const reason = stated ? null : REJECTED_BY_FILTER.test(head) ? 'filtered' : null;
    return {
      detectedBy: 'ezweb',
      recipients: addresses.map((recipient, i) => ({
        recipient,
        action: 'failed',
        status: dsn?.recipients[i]?.status ?? null,
        diagnostic: stated && !session ? oneLine(head).slice(0, 2000) : diagnostic,
        reason,
        command: commandInTranscript(head) ?? commandInText(head),
      })),
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};
