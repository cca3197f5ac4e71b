import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { type RecipientLine, splitBlocks } from './recipient-blocks.js';
import { oneLine } from './text-blocks.js';

/**
 * Microsoft Exchange 5.5-2003 and its Internet Mail Connector (non-DSN):
 *
 *   Your message
 *     To: ...
 *   did not reach the following recipient(s):
 *
 *   user@example.com on Thu, 29 Apr 2007 16:51:51 -0500
 *       The recipient name is not recognized
 *       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
 */
// The list's heading in English and in the localised Exchange 2000/2003 templates (German, French, Spanish, Italian,
// Portuguese, Dutch): "cannot" in 2003, "could not" in 5.5/2000.
const LIST = new RegExp(
  [
    'did not reach the following recipient\\(s\\):',
    'the following recipient\\(s\\) (?:could not|cannot) be reached:',
    'folgende\\(r\\) empfänger konnte\\(n\\) nicht erreicht werden:',
    'impossible de joindre le\\(s\\) destinataire\\(s\\) suivant\\(s\\) :?',
    'no se puede obtener acceso a los siguientes destinatarios:',
    'impossibile raggiungere i seguenti destinatari:',
    'não foi possível acessar o\\(s\\) seguinte\\(s\\) destinatário\\(s\\):',
    'de volgende geadresseerde\\(n\\) kan \\(kunnen\\) niet worden bereikt:',
  ].join('|'),
  'i',
);
// "a@b on <date>", "'a@b' on <date>" (5.5 quotes the address), "am"/"le"/"el"/"il"/"em"/"op" in the localised
// templates.
const RECIPIENT = /^\s*'?([^\s@']+@[\w.-]+)'?\s+(?:on|am|le|el|il|em|op)\s+\S/;

function recipientLine(line: string): RecipientLine {
  const m = RECIPIENT.exec(line);
  return m?.[1] ? { address: m[1], rest: '' } : null;
}

// MSEXCH diagnostic codes (the NDR's hexadecimal cause) whose meaning is documented by Microsoft.
const MSEXCH_CODES: readonly (readonly [RegExp, Candidate['reason']])[] = [
  [/\(000C05A6\)/i, 'userunknown'], // unknown recipient
  [/\(000C0595\)|\(000C0596\)/i, 'expired'], // delivery time expired / max hop count
];

export const EXCHANGE_LEGACY: FormatDetector = {
  name: 'exchange2003',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const list = LIST.exec(text);
    if (!list) return null;
    const blocks = splitBlocks(text.slice(list.index + list[0].length), recipientLine, 'ignored');
    if (blocks.length === 0) return null;
    const recipients = blocks.map((b): Candidate => {
      const code = MSEXCH_CODES.find(([re]) => re.test(b.text));
      return {
        recipient: b.recipient,
        action: 'failed',
        diagnostic: oneLine(b.text) || null,
        reason: code?.[1] ?? null,
      };
    });
    return { detectedBy: 'exchange2003', recipients };
  },
};
