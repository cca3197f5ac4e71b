import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { leadingAddress, splitBlocks } from './recipient-blocks.js';
import { oneLine } from './text-blocks.js';

/**
 * Exchange 2007 and later / Office 365 NDRs sent without a DSN part: the user-facing "Delivery has failed to
 * these recipients or groups:" list, then "Diagnostic information for administrators:" with one block per
 * recipient carrying the remote reply ("Remote Server returned '550 5.1.1 ...'" or "#550 5.1.1 ... ##").
 */
// Exchange localises both headings with the sender's language (English, French, German, Italian, Spanish,
// Portuguese, Dutch).
const USER_LIST = new RegExp(
  [
    'delivery has failed to these recipients or groups:',
    'la remise aux destinataires ou groupes suivants a échoué',
    'fehler bei der zustellung an folgende empfänger oder gruppen',
    'recapito non riuscito a questi destinatari o gruppi',
    'error en la entrega a estos destinatarios o grupos',
    'falha na entrega para estes destinatários ou grupos',
    'de bezorging aan deze geadresseerden of groepen is mislukt',
  ].join('|'),
  'i',
);
// Its delay notice ("Delivery is delayed to these recipients or groups:") has the same two sections; nothing has
// failed yet, the server keeps trying, so every recipient of it is delayed, not failed.
const DELAY_LIST = new RegExp(
  [
    'delivery is delayed to these recipients or groups',
    'la remise (?:est retardée pour|à) ces destinataires ou groupes(?: est retardée)?',
    'die zustellung an (?:diese|folgende) empfänger oder gruppen (?:verzögert sich|wurde verzögert)',
    'il recapito a questi destinatari o gruppi è (?:stato )?ritardato',
    'la entrega a estos destinatarios o grupos (?:se ha retrasado|está retrasada)',
    'a entrega a estes destinatários ou grupos (?:está atrasada|foi atrasada)',
    'de bezorging aan deze (?:geadresseerden|ontvangers) of groepen is vertraagd',
  ].join('|'),
  'i',
);
const ADMIN = new RegExp(
  [
    'diagnostic information for administrators:',
    'informations de diagnostic pour les administrateurs',
    'diagnoseinformationen für administratoren',
    'informazioni di diagnostica per gli amministratori',
    'información de diagnóstico para administradores',
    'informações de diagnóstico para administradores',
    'diagnostische gegevens voor beheerders',
  ].join('|'),
  'i',
);
const ORIGINAL =
  /^(?:original message headers|en-têtes de message d'origine|ursprüngliche nachrichtenkopfzeilen|intestazioni originali del messaggio|encabezados del mensaje original|cabeçalhos da mensagem original|oorspronkelijke berichtkoppen):/im;
const GENERATING_SERVER =
  /^[ \t]*(?:generating server|serveur de g[ée]n[ée]ration|generierender server|server di generazione|servidor de generaci[oó]n|servidor gerador|genererende server) ?:[^\r\n]*$/im;
const REMOTE_RETURNED = /remote server returned '([^']*)'/i;
const HASH_REPLY = /#([245]\d\d[^#]*)##?/;

export const EXCHANGE_MODERN: FormatDetector = {
  name: 'exchange2007',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const admin = ADMIN.exec(text);
    const delayList = DELAY_LIST.exec(text);
    const user = USER_LIST.exec(text) ?? delayList;
    if (!admin && !user) return null;
    const action = delayList ? 'delayed' : 'failed';
    const endOf = (from: number) => {
      const m = ORIGINAL.exec(text.slice(from));
      return m ? from + m.index : text.length;
    };
    const recipients: Candidate[] = [];
    if (admin) {
      const from = admin.index + admin[0].length;
      const section = text.slice(from, endOf(from)).replace(GENERATING_SERVER, '');
      for (const b of splitBlocks(section, leadingAddress(0), 'ends')) {
        const reply = REMOTE_RETURNED.exec(b.text)?.[1] ?? HASH_REPLY.exec(b.text)?.[1] ?? b.text;
        recipients.push({ recipient: b.recipient, action, diagnostic: oneLine(reply) || null });
      }
    }
    if (recipients.length === 0 && user) {
      const from = user.index + user[0].length;
      const section = text.slice(from, admin ? admin.index : endOf(from));
      const blocks = splitBlocks(section, leadingAddress(0), 'ends');
      // Without the administrators' section the remote reply may still follow the list in a paragraph of its own
      // (an HTML-only notice's "<p>Remote Server returned '...'</p>"): for a single recipient it is that one's.
      const reply = blocks.length === 1 ? (REMOTE_RETURNED.exec(section)?.[1] ?? null) : null;
      for (const b of blocks) {
        const diagnostic = reply ? `${reply} ${oneLine(b.text)}` : oneLine(b.text);
        recipients.push({ recipient: b.recipient, action, diagnostic: diagnostic || null });
      }
    }
    return recipients.length > 0 ? { detectedBy: 'exchange2007', recipients } : null;
  },
};
