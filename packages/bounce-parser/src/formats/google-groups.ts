import { header } from '../mime/headers.js';
import { findAddresses } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { cutAtOriginal } from './text-blocks.js';

/**
 * Google Groups refusing a post (group does not exist, or the sender may not post): a localised text that
 * points at the Groups help centre, with the group address in X-Failed-Recipients. The sender is refused, so
 * the reason is "rejected" whatever the language.
 */
// A Workspace group has the customer's own domain, so its notice names the product only in the signature, and
// that signature is localised ("Grupos do Google", "Groupes Google", "Google-Gruppen", "Gruppi Google", ...).
const GROUPS_HINT =
  /groups\.google\.com|google groups|googlegroups\.com|grupos (?:do|de) google|groupes google|google-gruppen|gruppi google|google-groepen|grupy google/i;

export const GOOGLE_GROUPS: FormatDetector = {
  name: 'googlegroups',
  detect(ctx: BounceContext): Detection | null {
    const failed = header(ctx.headers, 'x-failed-recipients');
    if (!failed || !/google/i.test(ctx.from)) return null;
    const text = ctx.bounceText();
    const { head, tail } = cutAtOriginal(text);
    if (!GROUPS_HINT.test(head) && !/googlegroups\.com/i.test(failed)) return null;
    const recipients = findAddresses(failed);
    if (recipients.length === 0) return null;
    const diagnostic = head.replace(/\s+/g, ' ').trim().slice(0, 1000);
    return {
      detectedBy: 'googlegroups',
      recipients: recipients.map((recipient) => ({ recipient, action: 'failed', diagnostic, reason: 'rejected' })),
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};
