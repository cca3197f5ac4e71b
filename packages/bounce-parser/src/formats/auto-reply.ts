import { header } from '../mime/headers.js';
import { findAddress } from './address.js';
import type { BounceContext, Detection, FormatDetector } from './format-types.js';
import { oncePerContext } from './per-context.js';

/**
 * Auto-replies (RFC 3834) and vacation messages: never a bounce, reported so rules can ignore them. Run only
 * after every bounce format declined, because MTAs also mark their bounces "Auto-Submitted: auto-replied".
 * Signals, strongest first: Auto-Submitted: auto-replied, X-Autoreply/X-Autorespond, Precedence: auto_reply;
 * then the usual subject prefixes and vacation wording in several languages.
 */
const AUTO_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-vacation'];
// Subjects that say "automatic reply" by themselves.
const SUBJECT =
  /^(?:auto(?:matic|matische)?[ _-]?(?:reply|response|antwort|svar|risposta|respuesta|réponse)|autoreply|out of (?:the )?office|away from (?:the )?office|vacation (?:reply|notice|message)|abwesenheitsnotiz|réponse automatique|risposta automatica|respuesta automática|resposta automática|automatisch antwoord|odpowiedź automatyczna|автоответ|自動応答|fuera de (?:la )?oficina|fuori (?:dall'|dal )?ufficio|absence du bureau|au(?:ß|ss)er haus|afwezigheidsmelding|frånvaro(?:meddelande)?|poza biurem)/i;
// Subjects that suggest one but also start ordinary mail ("Absence request approved"): need vacation wording.
const WEAK_SUBJECT = /^(?:away until|on vacation|abwesenheit|absence|absent|不在)/i;
const BODY =
  /out of (?:the )?office|i am (?:currently )?(?:away|out|on (?:vacation|leave|holiday))|i'm (?:currently )?(?:away|out of|on (?:vacation|leave|holiday))|(?:returning|return|back) (?:to the office )?on\b|limited access to (?:e-?mail|my e-?mail)|will (?:respond|reply|get back to you) (?:to you )?(?:upon|when|as soon as)|on (?:annual )?leave until|will be (?:traveling|travelling|away|out)|je suis absent|ich bin (?:derzeit |bis )?(?:nicht im büro|abwesend|im urlaub)|estaré fuera|sono assente|fuera de la oficina/i;
const NOT_FROM = /mailer-daemon|postmaster|mail delivery/i;
// Challenge-response systems (TMDA, Boxbe, SpamArrest, Mailwasher, ...) hold the message until its sender proves to
// be a person. They are automatic replies (RFC 3834 "auto-replied") but neither a vacation notice nor a delivery
// failure: no recipient is affected, the sender is asked to act. Reported as not a bounce, with no recipients.
const CHALLENGE = new RegExp(
  [
    'challenge[/ -]response',
    "(?:verify|confirm|prove) (?:that )?you(?: are|'re) (?:a )?(?:real )?(?:person|human|not a (?:robot|spammer))",
    'make sure you are a (?:human|person|real)',
    'only (?:from|accept(?:ing)?(?:messages from)?) senders (?:i|we) have (?:approved|authori[sz]ed)',
    '(?:message|e-?mail) (?:is being held|has been held) (?:for|until|pending) (?:your|verification|confirmation|approval)',
    '(?:message|e-?mail) will be delivered (?:once|as soon as|after|when) you (?:verify|confirm|complete|click)',
    'reply to this (?:message|e-?mail) to (?:confirm|verify|be added)',
    '(?:click|follow) (?:on )?the (?:link|button) below to (?:verify|confirm|be added|release|complete)',
    'to (?:be added to|get on) (?:my|the|our) (?:guest|contact|approved|allowed|safe) (?:list|sender)',
    '(?:approved|authori[sz]ed|allowed) senders? list',
    '\\bboxbe\\b|spamarrest|spam arrest|mailwasher|\\btmda\\b|sender verification request',
    'one-time (?:sender )?verification',
    // "Your message will not be delivered until you confirm", "Please confirm your request to email jane@...".
    '(?:will not|won.t) be delivered (?:until|unless) you (?:confirm|verify|click|reply)',
    'confirm your request to (?:e-?mail|send (?:mail |e-?mail )?to|contact|write to)',
    'bestätigen sie, dass sie ein mensch sind|confirmez que vous êtes (?:un humain|une personne)',
    // The same request in the languages challenge systems localise it into: "you are a person / not a robot".
    'bestätigen sie,? dass sie (?:eine? (?:mensch|person)|kein(?:e)? (?:roboter|spammer|maschine)) sind',
    "confirm(?:ez|er) que vous (?:êtes (?:un humain|une personne|un être humain)|n['’]êtes pas un robot)",
    'confirm(?:e|ar|a) que (?:usted |tú )?(?:es|eres) (?:una persona|un humano|humano)|confirm(?:e|ar|a) que no (?:es|eres) un robot',
    'conferma(?:re)? di (?:essere una persona|essere umano|non essere un robot)',
    'bevestig(?:en)? dat u (?:een mens|een persoon|geen robot) bent',
    'confirm(?:e|ar) que (?:você )?(?:é (?:humano|uma pessoa)|não é um robô)',
    'potwierdź,? że jesteś człowiekiem|подтвердите,? что вы (?:человек|не робот)|ロボットではないことを確認',
  ].join('|'),
  'i',
);

const CHALLENGE_WORD =
  /challenge|verif|confirm|conferma|bevestig|prove|human|make sure|held|complete|click|reply|follow|added|get on|approved|authori[sz]ed|allowed|boxbe|spam ?arrest|mailwasher|tmda|bestätigen|potwierdź|подтвердите|ロボット/i;

/** A challenge-response system's request to the sender: no delivery failed and nobody is away. */
export const isChallengeResponse: (ctx: BounceContext) => boolean = oncePerContext(readChallengeResponse);

function readChallengeResponse(ctx: BounceContext): boolean {
  const text = ctx.bounceText().slice(0, 4000);
  // Every phrase holds one of these words (one word each, so a line break cannot hide it): a message with none is
  // settled by this scan, without copying the text to collapse its blanks.
  if (!CHALLENGE_WORD.test(text)) return false;
  // Blanks collapsed: the phrases are wrapped at any word ("confirm you are\na human").
  return CHALLENGE.test(text.replace(/\s+/g, ' '));
}

export const AUTO_REPLY: FormatDetector = {
  name: 'rfc3834',
  detect(ctx: BounceContext): Detection | null {
    const isVacationText = () => BODY.test(ctx.bounceText().slice(0, 4000));
    // A system mailbox sends notices, not vacations, unless a person behind it (postmaster@ is often one) says
    // so in both the subject and the text: no notice is worded "Out of Office: ..." / "I am out of the office".
    if (NOT_FROM.test(ctx.from)) {
      if (!SUBJECT.test(ctx.subject) || !isVacationText()) return null;
      return {
        detectedBy: 'rfc3834',
        kind: 'auto-reply',
        recipients: [{ recipient: findAddress(ctx.from) ?? '', reason: 'vacation' }],
      };
    }
    if (isChallengeResponse(ctx)) {
      // A detection of kind not-bounce: consulted detectors stop here, and the result carries no recipient.
      return {
        detectedBy: 'challenge-response',
        kind: 'not-bounce',
        recipients: [{ recipient: findAddress(ctx.from) ?? '' }],
      };
    }
    const autoSubmitted = (header(ctx.headers, 'auto-submitted') ?? '').toLowerCase();
    const precedence = (header(ctx.headers, 'precedence') ?? '').toLowerCase();
    const isMarked =
      autoSubmitted.startsWith('auto-replied') ||
      AUTO_HEADERS.some((h) => ctx.headers.has(h)) ||
      precedence === 'auto_reply' ||
      (header(ctx.headers, 'x-auto-response-suppress') !== null && SUBJECT.test(ctx.subject));
    const isVacation = SUBJECT.test(ctx.subject) || ((isMarked || WEAK_SUBJECT.test(ctx.subject)) && isVacationText());
    if (!isMarked && !isVacation) return null;
    // Marked auto-replied without vacation wording is still an automatic reply, not a bounce.
    const from = findAddress(ctx.from) ?? '';
    return {
      detectedBy: 'rfc3834',
      kind: 'auto-reply',
      recipients: [{ recipient: from, reason: 'vacation' }],
    };
  },
};
