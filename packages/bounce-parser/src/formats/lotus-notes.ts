import { findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { oneLine } from './text-blocks.js';

/**
 * Lotus Notes / Domino SMTP MTA:
 *
 *   ------- Failure Reasons  --------
 *
 *   User not listed in public Name & Address Book
 *   user@example.com
 *
 *   ------- Returned Message --------
 */
const START = /^-{3,}\s*Failure Reasons\s*-{3,}\s*$/im;
const END = /^-{3,}\s*Returned Message\s*-{3,}\s*$/im;

/** A line that is nothing but one address (possibly in angle brackets). */
function isAddressLine(line: string): boolean {
  const found = findAddresses(line);
  return found.length === 1 && line.replace(/[<>\s]/g, '').toLowerCase() === found[0]?.toLowerCase();
}

export const LOTUS_NOTES: FormatDetector = {
  name: 'notes',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const start = START.exec(text);
    if (!start) return null;
    const rest = text.slice(start.index + start[0].length);
    const end = END.exec(rest);
    const section = end ? rest.slice(0, end.index) : rest;
    // Later Notes releases name the user in the reason line too ("User jdoe (jdoe@example.com) not listed in ..."):
    // one recipient, named twice.
    const recipients = [...new Set(findAddresses(section))];
    if (recipients.length === 0) return null;
    // The reason lines are the section's lines that say more than an address.
    const reasonText = oneLine(
      section
        .split('\n')
        .filter((l) => !isAddressLine(l))
        .join(' '),
    );
    return {
      detectedBy: 'notes',
      recipients: recipients.map((recipient) => ({
        recipient,
        action: 'failed',
        diagnostic: reasonText || null,
        // Notes stated a failure reason (often localised) that no rule recognises: hold it for review.
        fallbackReason: reasonText ? 'onhold' : null,
      })),
      originalHeaders: end ? { text: rest.slice(end.index + end[0].length).replace(/^\s*\n/, ''), start: 0 } : null,
    };
  },
};
