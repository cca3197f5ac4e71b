import { normaliseDiagnostic, reasonByText } from '../classify/reason-by-text.js';
import { decodeHeaderValue } from '../mime/encoded-words.js';
import { header } from '../mime/headers.js';
import { findAddresses, joinSplitAddresses, normaliseAddress } from './address.js';
import { isChallengeResponse } from './auto-reply.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { returnedOriginalTo } from './original-to.js';
import { oncePerContext } from './per-context.js';
import { leadingAddress } from './recipient-blocks.js';
import { ANSWER_PREFIX, isPersonalReply, type SenderEvidence, senderEvidence } from './sender-evidence.js';
import { commandInText, commandInTranscript, lastNegativeReply, lookupVerdictStage } from './smtp-command.js';
import { cutAtOriginal, oneLine } from './text-blocks.js';

/**
 * Last resort for the many small MTAs and gateways whose plain-text bounce has no dedicated detector (IMail,
 * MailFoundry, Apache James, X1/X3/X6-style gateways, carrier MMSCs, ...). It only fires on a message that
 * looks like a bounce by its sender or subject, takes the failed addresses from X-Failed-Recipients, an "RCPT
 * TO:" line or the addresses the bounce text names (minus the bounce's own and the original sender's), and
 * hands the text before the returned original to the shared classifier.
 */
const BOUNCE_SENDER =
  /mailer-daemon|postmaster|post_master|mail delivery|delivery subsystem|mmsc|mail administrator|deliver system|mail system|mail router|mmdf|smtp gateway|mail gateway|microsoftexchange|system attendant|internet mail (?:service|delivery)|groupwise internet agent|mail transport/i;
// The subjects of failure notices, in the languages MTAs and webmail providers localise them into.
const BOUNCE_SUBJECT = new RegExp(
  [
    'undeliver|returned mail|delivery (?:status|failure|failed|notification|problem|report)|failure notice|failure delivery',
    'delivery failure|mail delivery failed|could not be delivered|not delivered|delivery has failed|mail system error',
    'non-?delivery|message delivery|mail failure|returned to sender|failed mail|error sending|there was an error',
    'mail failed|returning to sender|delivery error|bounced mail|rejected mail|message status',
    'non-?deliverable|not deliverable|undelivered|could not deliver|unable to deliver',
    // delay warnings: "Warning: could not send message for past 4 hours", "Delivery delayed", "DELAYED MAIL"
    'could not send message|delivery (?:delayed|warning)|delayed mail|delay(?:ed)? (?:notification|notice)|(?:message|mail) delayed',
    // German, French, Spanish, Italian, Portuguese, Dutch
    'nicht zugestellt|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|zustellfehler|unzustellbare',
    'non remis|non distribu|non délivré|non livré|échec de (?:la )?(?:remise|livraison|distribution)|remise impossible',
    'no entregado|no se puede entregar|no se pudo entregar|error de entrega|mensaje devuelto|correo devuelto',
    'non recapitabile|impossibile recapitare|mancata consegna|messaggio non consegnato',
    'não entregue|nao entregue|não foi possível entregar|falha na entrega|mensagem devolvida|não pode ser entregue',
    'onbestelbaar|niet bezorgd|kan niet worden bezorgd|niet afgeleverd',
    // Scandinavian, Polish, Czech, Turkish
    'kunde inte levereras|olevererbar|kunne ikke leveres|ikke leveret|ei voitu toimittaa',
    'niedostarcz|nie można dostarczyć|nedoručiteln|nelze doručit|teslim edilem|ej levererbar|ikke levert',
    'kézbesíthetetlen|nem kézbesíthető|nedoručen|nu (?:a putut fi|poate fi) livrat',
    // Russian, Japanese, Chinese, Korean
    'недоставл|не доставлен|не удалось доставить|ошибка доставки|возврат (?:письма|сообщения)',
    '配信|エラー|未配達|届きませんでした|送信できませんでした',
    '退信|未送达|投递失败|无法投递|發送失敗|传送失败|发送失败|系统退信|无法传递|無法傳遞|無法投遞',
    '전달되지 않|배달 실패|반송|전송 실패|전달 실패|배달되지 않',
    // Exchange's and webmail providers' localised "Undeliverable"/"Delivery failed" in further languages: Greek,
    // Hebrew, Arabic, Vietnamese, Indonesian/Malay, Thai, Ukrainian, Croatian/Serbian, Slovenian, Slovak, Estonian,
    // Latvian, Lithuanian, Bulgarian, Catalan, Finnish, Danish/Norwegian, Hungarian, Romanian, Japanese, Chinese
    'αδυναμία παράδοσης|δεν (?:είναι δυνατή η παράδοση|παραδόθηκε)|μη παραδοτέο|לא ניתן למסור|לא נמסר',
    'تعذر التسليم|لم يتم التسليم|غير قابل للتسليم|không (?:thể )?gửi (?:được|thư)|không thể chuyển phát',
    'tidak (?:dapat )?terkirim|tidak dapat dikirim|gagal terkirim|tidak dapat dihantar|ไม่สามารถส่ง|ส่งไม่ได้',
    'не вдалося доставити|nije moguće isporučiti|neisporučiv|nije isporučen|nedostavljiv|ni mogoče dostaviti',
    'nedoručiteľn|nedoručen|kättetoimetamatu|kohaletoimetamatu|nepiegādājam|nevar piegādāt|nepristatyt',
    'negalima pristatyti|недоставен|не може да бъде доставен|no es pot lliurar|no lliurable|toimitus epäonnistui',
    'toimittamaton|kan ikke leveres|kézbesítési hiba|livrare eșuată|nelivrabil|配達不能|配送不能|傳送失敗|投遞失敗',
  ].join('|'),
  'i',
);
const ERROR_HINT =
  /\b[45]\d\d[ -]|\b[45]\.\d{1,3}\.\d{1,3}\b|#[45]\.\d|could not be (?:fully )?delivered|failed to be received|couldn't be delivered|undeliverable|delivery (?:to the following recipients? )?(?:has )?failed|nicht zugestellt|nicht erreichbar|failed permanently|unable to deliver|not (?:be )?delivered|permanent(?:ly)? (?:error|failure)|delivery errors?|returned mail|error/i;
const STATES_PERMANENT =
  /\bpermanent(?:ly)? (?:fatal )?(?:delivery )?(?:errors?|failures?)\b|has been removed from the (?:mail )?queue|failed permanently/i;
const SYSTEM_LOCAL_PART = /^(?:postmaster|mailer-daemon|mail-daemon|root|abuse|noreply|no-reply)@/i;

// A delay warning without a delivery-status part (MDaemon "Warning: Message Delivery Delayed", Sendmail's and
// Exim's plain warnings, IIS "Delivery Status Notification (Delay)"): the server keeps trying, nothing failed yet.
const WARNING_ONLY =
  /this is (?:only )?a warning|(?:is|are) only a warning|will (?:keep|continue) (?:trying|to try|to retry|retrying)|has not yet been (?:fully )?delivered|no action is required (?:on your part|by you)|attempts to deliver (?:the|your|this) message will continue|delivery attempts are still pending|still being retried|delivery (?:has been|is) delayed|delivery will be retried|has had temporary delivery errors|nur eine warnung|weitere zustellversuche|noch nicht zugestellt|ceci est (?:seulement |uniquement )?un avertissement|nouvelles tentatives de remise|(?:esto|este mensaje) es (?:solo |sólo )?una advertencia|you do not need to resend|delivery attempts will continue|will be retried (?:for|until)|still undelivered after|bisher nicht zugestellt|versucht die zustellung weiterhin|nicht erneut (?:zu )?senden|n.a pas encore été (?:remis|distribué|livré)|continuera (?:ses|les) tentatives|pas besoin de (?:le )?renvoyer|todavía no ha sido entregado|aún no ha sido entregado|volverá a intentarlo|no es necesario que (?:lo )?reenvíe|non è ancora stato (?:recapitato|consegnato)|continuerà a tentare|ainda não foi entregue|continuará tentando|nog niet (?:afgeleverd|bezorgd)|blijft proberen|ещё не доставлено|еще не доставлено|повторные попытки|まだ配信されていません|尚未投递|仍在重试|(?:questo|este|esta|dit|toto|detta|dette|tämä|ez|bu|это|це) (?:è |é |e |es |is |je |är |er |on |csak |yalnızca |только |лише )?(?:solo |solamente |apenas |alleen |slechts |pouze |endast |kun |bare |vain )?(?:un |una |uma? |een |en |et |bir )?(?:avviso|aviso|advertência|advertencia|waarschuwing|varování|varning|advarsel|varoitus|figyelmeztetés|uyarı|предупреждение|попередження)|doar un mesaj de avertizare|tylko ostrzeżenie|nu a (?:putut fi|fost) (?:livrat|trimis) încă|nie został(?:a|o)? jeszcze dostarczon|这只是(?:一个|一封)?警告|(?:is queued and )?will be retried|keep retrying|no need to resend|zustellung verzögert sich|wir versuchen es weiter|remise (?:est )?retardée|nous réessaierons|entrega se ha retrasado|seguiremos intentándolo|consegna è in ritardo|continueremo a provare|bezorging is vertraagd|we blijven het|доставка задерживается|продолжим попытки|entrega está atrasada|continuaremos tentando|doręczenie jest opóźnione|będziemy próbować|配信が遅れています|再試行を続けます/i;

// A text-only success report (Postfix's "Successful Mail Delivery Report", Exchange's "Delivered:" and "Relayed:",
// IIS's "Delivery to the following recipients succeeded"): sent from the null path with a notice's words, but it
// reports deliveries. Only when nothing in it speaks of a failure (a refusal code, failure words).
const SUCCESS_REPORT =
  /(?:was|were|has been|have been) successfully (?:delivered|relayed)|delivery to the following recipients? (?:was )?(?:succeeded|successful|completed?)|delivery to these recipients or groups is complete|has been delivered to the following (?:recipients?|groups?)|erfolgreich (?:zugestellt|übermittelt)|(?:remis|distribué|livré) avec succès|(?:entregado|entregó) correctamente|consegnato correttamente|entregue com sucesso/i;
const FAILURE_SIGN =
  /\b[45]\d\d[ -]|\b[45]\.\d{1,3}\.\d{1,3}\b|fail|could ?n[o']?t|unable|undeliver|not (?:be )?delivered|reject|refused|delayed|warning/i;

/** Whether a notice reports successful deliveries only. */
function isSuccessReport(text: string): boolean {
  return SUCCESS_REPORT.test(text) && !FAILURE_SIGN.test(text);
}

/** Addresses that are not the failed recipient: the bounce's own sender side and the original's sender. */
function ownAddresses(ctx: BounceContext): Set<string> {
  const own = new Set<string>();
  for (const name of ['from', 'reply-to', 'return-path', 'sender']) {
    for (const v of ctx.headers.get(name) ?? [])
      for (const a of findAddresses(decodeHeaderValue(v))) own.add(a.toLowerCase());
  }
  for (const leaf of ctx.leaves) {
    if (!leaf.embedded) continue;
    for (const name of ['from', 'return-path', 'sender']) {
      for (const a of findAddresses(header(leaf.embedded.headers, name) ?? '')) own.add(a.toLowerCase());
    }
  }
  return own;
}

// With only a bounce-like subject (a shop's "delivery notification" is not a bounce), the text must also show
// an SMTP-level failure.
const STRONG_EVIDENCE = new RegExp(
  [
    '\\b[45]\\.\\d{1,3}\\.\\d{1,3}\\b',
    'could not be (?:fully )?delivered|undeliverable|permanent (?:error|failure)',
    // qmail's kin and old gateways ("I was not able to deliver your message"), delay warnings of a message
    "(?:was not|wasn't|were not|weren't) able to deliver|unable to deliver (?:your |the |this )?(?:message|mail|e-?mail)",
    '(?:message|mail) has not (?:yet )?been delivered|has not yet been delivered to',
    'delivery (?:to the following recipients? )?(?:has )?failed|mailer-daemon|postmaster',
    '(?:was|were|has not been|have not been|could not be) (?:not )?delivered to',
    '(?:user|recipient|addressee) unknown|unknown (?:user|recipient)|no such (?:user|mailbox|recipient)',
    'nicht zugestellt werden|n.a pas pu être (?:remis|distribué)|no se ha podido entregar|non è stato possibile recapitare',
    // Exchange 5.5-2003 "did not reach the following recipient(s)" / "could not be reached" and their translations
    'did not reach (?:the following|some or all)|could not be reached|folgende empfänger nicht erreicht',
    'folgenden empfänger (?:nicht erreicht|konnten nicht erreicht)|unbekannter empfänger|empfängername wurde nicht erkannt',
    "n'a pas atteint|n.ont pas pu être (?:joints|atteints)|destinataire inconnu|no llegó a|no se pudo llegar a",
    'destinatario desconocido|non ha raggiunto|impossibile raggiungere|destinatario sconosciuto|niet bereikt',
    'kon(?:den)? niet worden bereikt|onbekende ontvanger|não chegou a|não foi possível alcançar|destinatário desconhecido',
    'nådde inte|kunde inte nås|nie dotarła|nie można osiągnąć|nebyla doručena|nelze kontaktovat|не достигло',
    'не удалось связаться|не может быть доставлено|неизвестный (?:получатель|адресат)|宛先に届きませんでした',
    '次の受信者|无法送达|无法到达以下收件人|收件人不存在|수신자에게 전달되지',
  ].join('|'),
  'i',
);
// Or a reply code with failure words within 80 characters on its line ("550 sorry, no mailbox here"). Looked up
// in a window after each code rather than with "[^\n]{0,80}" in one pattern, which recheck cannot prove linear.
const REPLY_CODE = /\b[45]\d\d[ -]/g;
const FAILURE_WORD = /user|mailbox|recipient|address|domain|host|relay|denied|reject|unknown|quota|full/i;
const WORD_WINDOW = 80;

function hasStrongEvidence(text: string): boolean {
  if (STRONG_EVIDENCE.test(text)) return true;
  REPLY_CODE.lastIndex = 0;
  for (let m = REPLY_CODE.exec(text); m !== null; m = REPLY_CODE.exec(text)) {
    const from = m.index + m[0].length;
    const window = text.slice(from, from + WORD_WINDOW + 20);
    const nl = window.indexOf('\n');
    // A word must start within 80 characters of the code (the longest word is 9 characters).
    const onLine = nl === -1 ? window : window.slice(0, nl);
    const word = FAILURE_WORD.exec(onLine);
    if (word && word.index <= WORD_WINDOW) return true;
  }
  return false;
}

/**
 * Whether a message without a delivery-status part may be read as a bounce: the wording alone is never enough
 * (people write about bounces, phishing imitates them), so it must come with the sender's evidence (null
 * reverse-path or a system mailbox, RFC 5321 4.5.5) or, from an ordinary envelope sender, with a bounce
 * subject, failure wording and the returned message itself.
 */
export const looksLikeBounce: (ctx: BounceContext) => boolean = oncePerContext(readLooksLikeBounce);

function readLooksLikeBounce(ctx: BounceContext): boolean {
  if (ctx.headers.has('x-failed-recipients')) return true;
  const evidence = senderEvidence(ctx);
  if (isPersonalReply(ctx, evidence)) return false;
  if (!senderOrSubjectEvidence(ctx, evidence)) return false;
  // A challenge-response request is sent like a notice (often from a system address, with failure-like words)
  // but reports no failure.
  return !isChallengeResponse(ctx);
}

function senderOrSubjectEvidence(ctx: BounceContext, evidence: SenderEvidence): boolean {
  if (evidence.isNullPath) return true;
  // A system mailbox is evidence enough unless the envelope names a real sender: notices go out with the null
  // reverse-path (RFC 5321 4.5.5), so "Return-Path: <postmaster@...>" is an administrator's ordinary mail (a
  // maintenance announcement, a policy reminder), which must show what a notice shows, below.
  if (evidence.isSystemAddress && !evidence.hasReturnPath) return true;
  // Without an envelope sender (a stored copy, a gateway that drops Return-Path) the From name is all there is.
  if (!evidence.hasReturnPath && BOUNCE_SENDER.test(ctx.from)) return true;
  // From an ordinary envelope sender, a notice's subject behind a reply prefix is a person's answer to the notice.
  const subject = BOUNCE_SUBJECT.test(ctx.subject) && !(evidence.hasReturnPath && ANSWER_PREFIX.test(ctx.subject));
  const senderName = BOUNCE_SENDER.test(ctx.from) || SYSTEM_SENDER_NAME.test(ctx.from);
  if (!subject && !senderName) return false;
  const text = unquoted(ctx.bounceText().slice(0, 8000));
  if (!hasStrongEvidence(text)) return false;
  // From an ordinary envelope sender (Exchange 5.5-2003 and webmail gateways send their notices from an
  // administrator's or a robot's mailbox) the notice must also return the original or state an RFC 3463 code,
  // which people and shops do not write.
  const technical = hasReturnedOriginal(ctx) || ENHANCED_STATUS.test(text);
  if (subject && (!evidence.hasReturnPath || technical)) return true;
  // Otherwise independent signals must add up: besides the failure wording, three of a notice's sender name, its
  // subject, the failed address listed on a line of its own (as notices list recipients; prose names an address
  // inside a sentence) and the technical evidence. One or two of them are what a person's or a shop's mail about
  // a delivery, or a phishing copy of a notice, shows.
  const signals = Number(subject) + Number(senderName) + Number(technical) + Number(listsAnAddress(text));
  return signals >= 3;
}

/**
 * Display names and mailboxes notices come from that are no system mailbox of RFC 5321 (Exchange's "System
 * Administrator" in its languages, a gateway's "mailer@"); evidence only together with other signals.
 */
const SYSTEM_SENDER_NAME =
  /system ?administrat|systemadministrat|administrat(?:eur|or|ore|ör)s? (?:du |del |di |do |de )?(?:système|sistema|systemu|systému|systeem)|administrador (?:del|do) sistema|amministratore di sistema|systeembeheerder|správce systému|системный администратор|システム管理者|系统管理员|系統管理員|시스템 관리자|\b(?:mailer|ndr|dsn|bounce-?robot)@/i;

// A line that is a recipient of a notice's list: an address alone (maybe bracketed, quoted, or ending with a
// colon), or followed by Exchange's " on <date>" (in its languages) or a parenthesised reason.
const LISTED_ADDRESS_REST = /^(?:$|\(|(?:on|am|le|el|il|em|op|den|dne|dnia|の) )/;
const RECIPIENT_LABEL =
  /^[ \t]*(?:(?:failed |intended |final-)?recipient(?: address)?|address|destinataire|empfänger|destinatario|destinatário|ontvanger|odbiorca|příjemce|получатель|宛先|收件人|받는 사람)[ \t]*[:：][ \t]*<?[^\s<>@]+@[^\s<>@]+>?[ \t]*$/im;
const LISTED_ADDRESS = leadingAddress(16);
const MAX_LISTED_LINES = 400;

/** The lines of the text (the first MAX_LISTED_LINES) that hold an "@". */
function* addressLines(text: string): Generator<string> {
  let lines = 0;
  for (let start = 0; start < text.length && lines < MAX_LISTED_LINES; lines++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.indexOf('@') !== -1) yield line;
  }
}

/** Whether the text lists an address the way notices list failed recipients. */
function listsAnAddress(text: string): boolean {
  if (RECIPIENT_LABEL.test(text)) return true;
  for (const line of addressLines(text)) {
    const r = LISTED_ADDRESS(line);
    if (r && LISTED_ADDRESS_REST.test(r.rest)) return true;
  }
  return false;
}

// "Label: addr" on a line of its own ("Empfänger:", "Recipient address:", "Sent to:", "SMTP:"): a label of one to
// three short words. The header fields of a pasted original (To, Cc, From, ...) name addresses, not failures.
const LABEL_PREFIX = /^[ \t]*([^\s:：;]{1,24}(?: [^\s:：;]{1,24}){0,2})[ \t]*[:：][ \t]*/;
const HEADER_LABEL = /^(?:to|cc|bcc|from|reply-to|sender|return-path|delivered-to|x-[\w-]+|resent-[\w-]+)$/i;
const LABELLED_LINE = leadingAddress(0);

/** The addresses a notice lists (alone at the start of a line, or behind a recipient label), lower-cased. */
function listedAddresses(text: string): Set<string> {
  const listed = new Set<string>();
  for (const line of addressLines(text)) {
    let found = LISTED_ADDRESS(line);
    if (!found) {
      const label = LABEL_PREFIX.exec(line);
      if (label?.[1] && !HEADER_LABEL.test(label[1])) found = LABELLED_LINE(line.slice(label[0].length));
    }
    if (found) listed.add(normaliseAddress(found.address).toLowerCase());
  }
  return listed;
}

/**
 * Of several addresses a notice names, the ones it lists the way notices list failed recipients: a helpdesk
 * address in a sentence, or the Cc of an original pasted without a marker, is no recipient. Unchanged when the
 * notice lists none of them (a recipient named only in a sentence).
 */
function preferListed(addresses: string[], text: string): string[] {
  if (addresses.length < 2) return addresses;
  const listed = listedAddresses(text);
  const kept = addresses.filter((a) => listed.has(a.toLowerCase()));
  return kept.length > 0 ? kept : addresses;
}

// An RFC 3463 enhanced status code with a class of failure, as a notice states it ("#5.1.1", "550 5.7.1").
const ENHANCED_STATUS = /(?:^|[\s#(<])[45]\.[0-7]\.\d{1,3}(?![\d.])/m;

/** The returned message as a part (message/rfc822, text/rfc822-headers) or after a "copy of the message" line. */
function hasReturnedOriginal(ctx: BounceContext): boolean {
  return ctx.leaves.some((l) => l.embedded !== null) || cutAtOriginal(ctx.bounceText()).tail !== null;
}

// Quoted lines of a reply ("> text"), but not Sendmail's transcript lines (">>> RCPT TO").
const QUOTED_LINE = /^[ \t]*>(?!>>)[^\n]*\n?/gm;

/** The text without the lines a reply quotes: a quoted bounce line is the correspondent's, not this message's. */
export function unquoted(text: string): string {
  return text.indexOf('>') === -1 ? text : text.replace(QUOTED_LINE, '');
}

export const GENERIC_TEXT: FormatDetector = {
  name: 'generic',
  detect(ctx: BounceContext): Detection | null {
    if (!looksLikeBounce(ctx)) return null;
    let { head, tail } = cutAtOriginal(ctx.bounceText());
    // A notice forwarded inline by a mail client ("-----Original Message-----", "-----Ursprüngliche Nachricht-----"
    // and the header lines it writes): the marker is the client's, not the notice's, so the notice is below it.
    const forwarded = tail !== null ? forwardedNotice(tail) : null;
    if (forwarded !== null) ({ head, tail } = cutAtOriginal(forwarded));
    // A gateway that says it all in the subject ("Undeliverable mail: Invoice (550 Invalid recipient <a@b>)") and
    // returns the original beside an empty text: the subject is the notice's text.
    const text = /\S/.test(head) ? head.slice(0, 20000) : ctx.subject.slice(0, 2000);
    let recipients = findAddresses(header(ctx.headers, 'x-failed-recipients') ?? '');
    const transcript = recipients.length === 0 ? refusedRcpts(text) : [];
    if (transcript.length > 0) recipients = [...new Set(transcript.map((r) => r.address))];
    if (recipients.length === 0) {
      const own = ownAddresses(ctx);
      recipients = [
        ...new Set(
          findAddresses(joinSplitAddresses(withoutIdentifierFields(unquoted(text)))).map((a) => a.toLowerCase()),
        ),
      ].filter((a) => !own.has(a) && !SYSTEM_LOCAL_PART.test(a));
      // The bounce's To is normally the original sender; drop it when the text names someone else too.
      const to = new Set(findAddresses(header(ctx.headers, 'to') ?? '').map((a) => a.toLowerCase()));
      if (recipients.some((a) => !to.has(a))) recipients = recipients.filter((a) => !to.has(a));
      recipients = withoutPrefixedCopies(recipients);
      recipients = preferListed(recipients, text);
    }
    if (recipients.length === 0) {
      // Some gateways name the failed address only in the subject ("Mail delivery failed: a@b").
      const own = ownAddresses(ctx);
      const to = new Set(findAddresses(header(ctx.headers, 'to') ?? '').map((a) => a.toLowerCase()));
      recipients = findAddresses(ctx.subject)
        .map((a) => a.toLowerCase())
        .filter((a) => !own.has(a) && !to.has(a) && !SYSTEM_LOCAL_PART.test(a))
        .slice(0, 1);
    }
    if (recipients.length === 0) {
      // The text names no address (MMS gateways): the original's To is the failed recipient.
      const to = returnedOriginalTo(ctx, tail);
      recipients = to ? findAddresses(to).slice(0, 1) : [];
    }
    if (recipients.length === 0) return null;
    // A notice goes back to the sender, so the failed address is never the notice's own To: when it is, and the
    // sender shows no notification evidence either, it is a fake ("your mailbox is full, click here").
    // The same from a system mailbox is its notice to the mailbox's owner (a quota warning, a digest), not a
    // bounce: only a returned original (sent to oneself) makes the reader the failed recipient.
    const evidence = senderEvidence(ctx);
    if (!ctx.headers.has('x-failed-recipients') && (!(evidence.isNullPath || evidence.isSystemAddress) || !tail)) {
      const to = new Set(findAddresses(header(ctx.headers, 'to') ?? '').map((a) => a.toLowerCase()));
      if (recipients.every((a) => to.has(a.toLowerCase()))) return null;
    }
    // A mailbox's own notices about mail addressed to it (quarantine digests, held-spam summaries, quota
    // warnings) come from the same system mailboxes as bounces and use their words; they report no failed
    // delivery of the reader's mail.
    if (OWNER_NOTICE.test(ctx.subject) || OWNER_NOTICE.test(text.slice(0, 2000))) return null;
    const delivered = isSuccessReport(text.slice(0, 4000));
    // Without any error wording or SMTP code this is a human's mail about delivery, not a bounce.
    if (
      !delivered &&
      !ERROR_HINT.test(text) &&
      !STRONG_EVIDENCE.test(text) &&
      !WARNING_ONLY.test(text.slice(0, 4000)) &&
      !reasonByText(normaliseDiagnostic(text.slice(0, 4000)))
    )
      return null;
    const command = commandInTranscript(text) ?? commandInText(text) ?? lookupVerdictStage(text);
    // A session transcript's last negative reply decided the failure; the replies before it were positive.
    const reply = lastNegativeReply(text);
    // MDaemon's final notice ("PERMANENT fatal delivery errors! ... removed from the mail queue") shares "you do not
    // need to resend" with its warnings: a notice that states a permanent failure is no warning.
    const isWarning = WARNING_ONLY.test(text.slice(0, 4000)) && !STATES_PERMANENT.test(text.slice(0, 4000));
    const candidates = recipients.slice(0, 100).map((recipient): Candidate => {
      const answer = transcript.length > 1 ? transcript.find((r) => r.address === recipient)?.answer : undefined;
      const diagnostic = answer
        ? oneLine(answer)
        : recipients.length === 1
          ? reply
            ? `${reply} ${oneLine(text)}`
            : oneLine(text)
          : paragraphOf(text, recipient, recipients);
      return {
        recipient,
        action: delivered ? 'delivered' : isWarning ? 'delayed' : 'failed',
        diagnostic: diagnostic.slice(0, 2000) || null,
        command,
        isTemporary: isWarning,
      };
    });
    return {
      detectedBy: 'generic',
      recipients: candidates,
      originalHeaders: tail !== null ? { text: tail, start: 0 } : null,
    };
  },
};

// The header block a mail client writes above a forwarded or quoted message: field lines up to a blank line,
// the sender's among them in the client's language.
const FORWARD_FIELD = /^[ \t]*[^\s:]{1,24}(?: [^\s:]{1,24})?[ \t]*:[ \t]/;
const FORWARD_SENDER =
  /^[ \t]*(?:from|von|de|da|van|od|от|från|fra|kimden|feladó|差出人|发件人|寄件者)[ \t]*:([^\n]*)/i;
const MAX_FORWARD_FIELDS = 12;

/**
 * The text of a notice that a mail client forwarded inline, below its header block, or null: the block right
 * after the marker must name a notice's sender (MAILER-DAEMON, postmaster, "Mail Delivery System"). A bounce's own
 * returned original starts with the original sender's fields instead.
 */
function forwardedNotice(tail: string): string | null {
  const lines = tail.replace(/^\s*\n/, '').split('\n', MAX_FORWARD_FIELDS + 1);
  let offset = tail.length - tail.replace(/^\s*\n/, '').length;
  let sender: string | null = null;
  for (const line of lines) {
    offset += line.length + 1;
    if (line.trim() === '') return sender !== null && BOUNCE_SENDER.test(sender) ? tail.slice(offset) : null;
    if (!FORWARD_FIELD.test(line)) return null;
    sender ??= FORWARD_SENDER.exec(line)?.[1] ?? null;
  }
  return null;
}

const OWNER_NOTICE =
  /quarantine (?:summary|digest|report|notification)|(?:messages?|e-?mails?) (?:addressed|sent) to you (?:were|was|have been|has been) (?:held|quarantined)|held (?:as|for) (?:possible |suspected )?spam|your mailbox is (?:\d+ ?% |almost |nearly )full|is using [\d.]+ ?[kmg]i?b of/i;

// "RCPT To:<a>" of a session transcript (Sendmail ">>> RCPT To:", a gateway's quoted dialogue): each one answered
// with a negative reply before the next command is a failed recipient.
const RCPT_COMMAND = /rcpt to:[ \t]*<?([^\s<>]+@[^\s<>]+)>?/gi;
const NEGATIVE_REPLY = /^[ \t]*(?:<<<[ \t]*)?[45]\d\d[ -]/m;
const MAX_RCPTS = 100;

/** The refused RCPT TO addresses of a transcript, each with the answer that followed it. */
function refusedRcpts(text: string): { address: string; answer: string }[] {
  const found: { address: string; at: number; end: number }[] = [];
  RCPT_COMMAND.lastIndex = 0;
  for (let m = RCPT_COMMAND.exec(text); m !== null && found.length < MAX_RCPTS; m = RCPT_COMMAND.exec(text)) {
    if (m[1]) found.push({ address: normaliseAddress(m[1]), at: m.index + m[0].length, end: m.index });
  }
  const answers = found.map((f, i) => ({
    address: f.address,
    answer: text.slice(f.at, Math.min(found[i + 1]?.end ?? text.length, f.at + 2000)),
  }));
  if (answers.length <= 1) return answers;
  const refused = answers.filter((a) => NEGATIVE_REPLY.test(a.answer));
  return refused.length > 0 ? refused : answers.slice(0, 1);
}

/**
 * Drops an address that is another one with punctuation glued in front ("550-'a@b" beside "a@b": a reply quoted
 * right after its code), which the address scanner reads as one local part.
 */
function withoutPrefixedCopies(addresses: string[]): string[] {
  if (addresses.length < 2) return addresses;
  return addresses.filter(
    (a) => !addresses.some((b) => b !== a && a.endsWith(b) && /[^a-z0-9._+-]$|[-'"`]$/i.test(a.slice(0, -b.length))),
  );
}

// Fields that carry message identifiers (RFC 5322 3.6.4, RFC 3798 Original-Message-ID, Smail's "Reference:"),
// with their folded continuation lines: a Message-ID looks like an address ("<id@host>") but never failed.
const IDENTIFIER_FIELD =
  /^[ \t]*(?:original-|resent-)?(?:message-id|msg-id|references?|in-reply-to|content-id)[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*/gim;

/** The text without message-identifier fields, whose "<id@host>" values are no recipients. */
export function withoutIdentifierFields(text: string): string {
  return text.replace(IDENTIFIER_FIELD, '');
}

/** How far around the address a paragraph may reach: keeps many-recipient reports linear. */
const PARAGRAPH_BEFORE = 1000;
const PARAGRAPH_AFTER = 3000;

/**
 * The paragraph (blank-line delimited, bounded) that mentions the address, as one line. With the other failed
 * recipients given, a paragraph that lists several of them each on its own line followed by its own reply ("Permanent
 * failures:\n  a@x\n    550 5.1.1 ...\n  b@y\n    550 5.1.2 ...") gives each its own lines, below the paragraph's
 * heading, and not its neighbours' replies; a list of addresses that share one reply keeps the whole paragraph.
 */
export function paragraphOf(text: string, address: string, others: readonly string[] = []): string {
  if (!address) return '';
  let at = text.indexOf(address);
  if (at === -1) at = text.toLowerCase().indexOf(address.toLowerCase());
  if (at === -1) return '';
  const from = Math.max(0, at - PARAGRAPH_BEFORE);
  const before = text.slice(from, at).lastIndexOf('\n\n');
  const start = before === -1 ? from : from + before;
  const after = text.slice(at, at + PARAGRAPH_AFTER).indexOf('\n\n');
  const end = after === -1 ? Math.min(text.length, at + PARAGRAPH_AFTER) : at + after;
  const paragraph = text.slice(start, end);
  return oneLine(others.length > 1 ? ownLines(paragraph, at - start, address, others) : paragraph);
}

/** The heading of a paragraph and the lines of one of the recipients it lists (see paragraphOf). */
function ownLines(paragraph: string, at: number, address: string, others: readonly string[]): string {
  const lower = paragraph.toLowerCase();
  const lineStart = lower.lastIndexOf('\n', at) + 1;
  const lineEnd = lower.indexOf('\n', at) === -1 ? paragraph.length : lower.indexOf('\n', at);
  let firstListed = lineStart;
  let next = paragraph.length;
  for (const other of others) {
    const o = other.toLowerCase();
    if (o === address.toLowerCase()) continue;
    const first = lower.indexOf(o);
    if (first !== -1) firstListed = Math.min(firstListed, lower.lastIndexOf('\n', first) + 1);
    const later = lower.indexOf(o, lineEnd);
    if (later !== -1) next = Math.min(next, lower.lastIndexOf('\n', later) + 1);
  }
  const own = paragraph.slice(lineStart, next);
  // only the address on its line and nothing below it before the next one: the reply is shared
  if (next === paragraph.length && firstListed === lineStart) return paragraph;
  if (!/\S/.test(paragraph.slice(lineEnd, next))) return paragraph;
  return `${paragraph.slice(0, firstListed)}${own}`;
}
