import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { leadingAddress, splitBlocks } from './recipient-blocks.js';
import { oneLine } from './text-blocks.js';

/**
 * Exchange 2007 and later / Office 365 NDRs sent without a DSN part: the user-facing "Delivery has failed to
 * these recipients or groups:" list, then "Diagnostic information for administrators:" with one block per
 * recipient carrying the remote reply ("Remote Server returned '550 5.1.1 ...'" or "#550 5.1.1 ... ##").
 */
const USER_LIST = /delivery has failed to these recipients or groups:/i;
const ADMIN = /diagnostic information for administrators:/i;
const ORIGINAL = /^original message headers:/im;
const REMOTE_RETURNED = /remote server returned '([^']*)'/i;
const HASH_REPLY = /#([245]\d\d[^#]*)##?/;

export const EXCHANGE_MODERN: FormatDetector = {
  name: 'exchange2007',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const admin = ADMIN.exec(text);
    const user = USER_LIST.exec(text);
    if (!admin && !user) return null;
    const endOf = (from: number) => {
      const m = ORIGINAL.exec(text.slice(from));
      return m ? from + m.index : text.length;
    };
    const recipients: Candidate[] = [];
    if (admin) {
      const from = admin.index + admin[0].length;
      const section = text.slice(from, endOf(from)).replace(/^[ \t]*generating server:[^\r\n]*$/im, '');
      for (const b of splitBlocks(section, leadingAddress(0), 'ends')) {
        const reply = REMOTE_RETURNED.exec(b.text)?.[1] ?? HASH_REPLY.exec(b.text)?.[1] ?? b.text;
        recipients.push({ recipient: b.recipient, action: 'failed', diagnostic: oneLine(reply) || null });
      }
    }
    if (recipients.length === 0 && user) {
      const from = user.index + user[0].length;
      const section = text.slice(from, admin ? admin.index : endOf(from));
      for (const b of splitBlocks(section, leadingAddress(0), 'ends')) {
        recipients.push({ recipient: b.recipient, action: 'failed', diagnostic: oneLine(b.text) || null });
      }
    }
    return recipients.length > 0 ? { detectedBy: 'exchange2007', recipients } : null;
  },
};
