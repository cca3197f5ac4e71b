import { findAddress } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';

/**
 * fml (a Japanese mailing-list manager) refusing a post from a non-member: "You are not a member of this
 * mailing list <list@example.org>." The post to the list was rejected because of its sender.
 */
// The captured address has no space, so an unclosed "are not member (" repeated many times cannot make each attempt
// scan on into the next one.
const NOT_MEMBER =
  /you are not a member of this mailing list\s*<([^<>\s]{1,320})>|are not member \(([^()\s]{1,320})\)/i;

export const FML: FormatDetector = {
  name: 'fml',
  detect(ctx: BounceContext): Detection | null {
    const m = NOT_MEMBER.exec(ctx.bounceText().slice(0, 4000)) ?? NOT_MEMBER.exec(ctx.subject);
    if (!m) return null;
    const list = findAddress(m[1] ?? '') ?? findAddress(ctx.from);
    if (!list) return null;
    return {
      detectedBy: 'fml',
      recipients: [{ recipient: list, action: 'failed', diagnostic: m[0], reason: 'rejected' }],
    };
  },
};
