/**
 * What an automatic reply tells us besides "not a bounce", in English, German, French and Spanish:
 *
 * - an absence ("on leave until 12 January", "bis zum 12. Januar", "jusqu'au 12 janvier", "hasta el 12 de enero",
 *   "back on ...", "July 10-31"): the recipient exists and will read mail later, so no failure is counted;
 * - a departure ("I have left the company", "nicht mehr im Unternehmen", "a quitté la société", "ya no trabaja en");
 * - a replacement address: "my new address is X" (the same person), or, after a departure, "please write to X"
 *   (a successor). The address someone names as a stand-in during an absence is a deputy, never a replacement.
 *
 * Every finding carries the words it was read from (evidence), so a person can check it before a rule acts on it.
 * Pure: text in, reading out. Only the reply's own words are read: quoted originals below "On ... wrote:",
 * "-----Original Message-----" and the like are cut off first (they are our own mail, with our own dates).
 */
import { findAddress, findAddresses } from '../formats/address.js';
import type { AutoReplyReading } from '../types.js';
import { addDays, findDateMentions, nextWeekday, resolveDay, weekdayAt } from './absence-dates.js';

export type AutoReplyInput = {
  subject: string;
  /** The reply's text (decoded body). */
  text: string;
  /** The reply's Date header: years are inferred relative to it. Null leaves yearless dates unresolved. */
  date: Date | null;
  /** The reply's own sender, never suggested as its own replacement. */
  from?: string | null;
};

/** Enough for any out-of-office note; bounds the work on hostile input. */
const MAX_TEXT = 8_000;
const MAX_EVIDENCE = 240;

// Where the reply's own words end: quoted originals and forwarded blocks.
const QUOTE_START =
  /^(?:>|-{2,} ?(?:original message|ursprüngliche nachricht|message d'origine|message d’origine|mensaje original|forwarded message|weitergeleitete nachricht)|_{5,}$|(?:from|von|de|from:)\s?:\s.{0,200}@)/iu;
const QUOTE_INTRO =
  /^(?:on .{1,120} wrote:|am .{1,120} schrieb .{0,120}|le .{1,120} a écrit ?:|el .{1,120} escribió:)$/iu;

const ABSENCE_WORDING =
  /out of (?:the )?office|\bon (?:annual |parental |maternity |paternity |sick )?leave\b|\bon (?:vacation|holiday)|\bi am (?:currently )?away|\bi'm (?:currently )?away|\bwill be (?:away|out|traveling|travelling)|abwesend|nicht im büro|im urlaub|außer haus|ausser haus|abwesenheit|\burlaub\b|\babsente?\b|en congé|en vacances|hors du bureau|\bausente\b|de vacaciones|fuera de la oficina|de baja|auto(?:matic)? ?reply|réponse automatique|respuesta automática|automatische antwort/iu;

// The words right before a date that make it the last day away, or the day of return.
const UNTIL_BEFORE =
  /(?:until|till|through|thru|up to and including|bis(?: zum| zur| einschließlich| einschl\.| inkl\.)?|jusqu'(?:au|à)|jusqu’(?:au|à)|hasta(?: el)?(?: día)?)\s(?:[a-zäöüéèêûôàçáíóúñ]{5,10},?\s)?$/iu;
const RETURN_BEFORE =
  /(?:\bback|\breturn|\breturning|\breturns|zurück|wieder da|wieder im büro|de retour|\bretour|de vuelta|regreso|regresaré|volveré|vuelvo|reincorporo|reincorporaré)(?:\s[^\s\d]{1,15}){0,5}\s?$/iu;
const RETURN_AFTER = /^(?:\s[^\s\d]{1,15}){0,4}\s(?:wieder|zurück)\b/iu;
const FROM_BEFORE =
  /(?:\bfrom|\bvom|\bvon|\bdu|\bdel|\bdesde|\bbetween|\bentre)\s(?:dem\s|el\s|le\s)?(?:[a-zäöüéèêûôàçáíóúñ]{5,10},?\s)?$/iu;
const RANGE_LINK =
  /^\s?(?:to|until|till|through|and|bis(?: zum)?|au|jusqu'au|jusqu’au|al|hasta el|a|y|-|–)\s(?:[a-zäöüéèêûôàçáíóúñ]{5,10},?\s)?$/iu;
// A weekday instead of a date: "out of the office Friday", "bis Freitag", "back on Monday".
const WEEKDAY_CUE =
  /(?:(until|till|bis|jusqu'au|jusqu’au|hasta el)|(back on|back|zurück am|de retour le|de vuelta el)|(out of (?:the )?office(?: on)?|nicht im büro am|absent le|ausente el))\s(?=[a-zäöüéèêûôàçáíóúñ]{5,10}\b)/giu;

const DEPARTURE =
  /\b(?:i|he|she|they) (?:have|has) left (?:the company|the firm|the organi[sz]ation|our company|the business)|\b(?:i am|i'm|he is|she is|is) no longer (?:with|at|employed|working|part of)|no longer (?:works?|working) (?:for|at|with)|(?:this|my) (?:e-?mail )?(?:address|mailbox|account) (?:is|has been) no longer (?:in use|active|monitored|valid)|(?:this|my) (?:e-?mail )?(?:address|mailbox) will no longer be (?:monitored|used|read)|nicht mehr (?:im unternehmen|in unserem unternehmen|bei uns|für (?:uns|unser unternehmen|unsere firma|das unternehmen|die firma) tätig|beschäftigt|tätig|aktiv)|(?:hat|habe) (?:das unternehmen|die firma|unser unternehmen|uns) verlassen|(?:ist|bin) (?:aus dem unternehmen )?ausgeschieden|(?:adresse|postfach) (?:ist|wird) nicht mehr (?:aktiv|gültig|genutzt|gelesen|verwendet|abgerufen)|ne (?:fait|fais) plus partie d|(?:a|ai) quitté (?:la société|l'entreprise|l’entreprise|notre société|le groupe|nos effectifs)|ne travaille plus (?:pour|chez|à|au sein d)|n'est plus (?:en poste|employée?|collaborat)|n’est plus (?:en poste|employée?|collaborat)|adresse (?:e-?mail |électronique |mail )?n'est plus (?:valide|utilisée|active|consultée)|adresse (?:e-?mail |électronique |mail )?n’est plus (?:valide|utilisée|active|consultée)|ya no (?:trabaja|trabajo|forma parte|formo parte) (?:en|con|para|de)|ya no está (?:en la empresa|con nosotros)|(?:ha|he) dejado (?:la empresa|la compañía|la compania|de trabajar)|(?:dirección|direccion|cuenta)(?: de correo)?(?: electrónico)? ya no (?:está en uso|se usa|es válida|está activa|se utiliza|será revisada)/iu;

const NEW_ADDRESS =
  /\b(?:my|our|his|her) new (?:e-?mail )?address(?: is)?|\b(?:my|our) (?:e-?mail )?address has changed(?: to)?|\baddress (?:is now|has changed to)|\bnew (?:e-?mail )?address ?:|(?:meine|unsere|seine|ihre) neue (?:e-?mail-?)?adresse(?: lautet| ist)?|neue (?:e-?mail-?)?adresse ?:|adresse hat sich geändert|(?:ma|notre|sa) nouvelle adresse(?: e-?mail| électronique| mail| de messagerie)?(?: est)?|nouvelle adresse(?: e-?mail| électronique| mail)? ?:|adresse (?:e-?mail |électronique )?a changé|(?:mi|nuestra|su) nueva dirección(?: de correo(?: electrónico)?| de e-?mail)?(?: es)?|nueva dirección(?: de correo(?: electrónico)?)? ?:|dirección de correo ha cambiado/giu;

const WRITE_TO =
  /\b(?:contact|write to|e-?mail|send (?:your |all )?(?:e-?mails?|messages?|correspondence|enquiries|inquiries) to|reach out to|get in touch with|direct (?:your |all )?(?:e-?mails?|enquiries|inquiries|questions) to)\b|wenden sie sich|schreiben sie|senden sie|richten sie|kontaktieren sie|ansprechpartner(?:in)?|nachfolger(?:in)?|vertretung|contacter|écrire à|vous adresser à|joindre|contactez|écrivez à|adressez-vous à|escriba|escríbale|escribe a|diríjase|contacte|póngase en contacto con|envíe|contactar/giu;

/** Reads an automatic reply's text. Absent findings are null; nothing is guessed without words to show for it. */
export function readAutoReply(input: AutoReplyInput): AutoReplyReading {
  const text = ownWords(input.text.slice(0, MAX_TEXT));
  const whole = `${input.subject} . ${text}`;
  const sender = input.from ? findAddress(input.from) : null;

  const departureMatch = DEPARTURE.exec(text) ?? DEPARTURE.exec(input.subject);
  const departure = departureMatch
    ? { evidence: evidence(text, departureMatch.index, departureMatch[0].length) }
    : null;

  let replacement: AutoReplyReading['replacement'] = null;
  for (const m of text.matchAll(NEW_ADDRESS)) {
    const address = addressAfter(text, m.index + m[0].length, sender);
    if (address) {
      replacement = {
        address: address.value,
        reason: 'new-address',
        evidence: evidence(text, m.index, address.end - m.index),
      };
      break;
    }
  }
  const named: { address: string; index: number; end: number }[] = [];
  for (const m of text.matchAll(WRITE_TO)) {
    const address = addressAfter(text, m.index + m[0].length, sender);
    if (address && !named.some((n) => n.address === address.value)) {
      named.push({ address: address.value, index: m.index, end: address.end });
    }
  }
  if (!replacement && departure && named.length > 0) {
    const first = named[0]!;
    replacement = {
      address: first.address,
      reason: 'successor',
      evidence: evidence(text, first.index, first.end - first.index),
    };
  }
  const deputies = named.map((n) => n.address).filter((a) => a !== replacement?.address);

  let absence: AutoReplyReading['absence'] = null;
  if (!departure) {
    const window = readAbsenceWindow(text, input.date);
    if (window) absence = window;
    else {
      const wording = ABSENCE_WORDING.exec(whole);
      if (wording) absence = { from: null, until: null, evidence: evidence(whole, wording.index, wording[0].length) };
    }
  }
  return { absence, departure, replacement, deputies };
}

function readAbsenceWindow(text: string, date: Date | null): AutoReplyReading['absence'] {
  const english = /\b(?:the|until|office|please)\b/i.test(text) && !/\b(?:der|und|les|hasta|bis)\b/i.test(text);
  const mentions = findDateMentions(text, { monthFirstSlash: english });
  let from: { iso: string | null; index: number } | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(m.end, m.end + 40);
    const found = (fromIso: string | null, until: string | null, start: number, end: number) => ({
      from: fromIso,
      until,
      evidence: evidence(text, start, end - start),
    });
    if (m.last) return found(resolveDay(m.first, date), resolveDay(m.last, date), m.index, m.end);
    if (UNTIL_BEFORE.test(before))
      return found(from?.iso ?? null, resolveDay(m.first, date), from?.index ?? m.index, m.end);
    if (RETURN_BEFORE.test(before) || RETURN_AFTER.test(after)) {
      return found(from?.iso ?? null, resolveDay(m.first, date, -1), from?.index ?? m.index, m.end);
    }
    if (FROM_BEFORE.test(before)) {
      const next = mentions[i + 1];
      if (next && next.index - m.end <= 30 && RANGE_LINK.test(text.slice(m.end, next.index))) {
        return found(resolveDay(m.first, date), resolveDay(next.last ?? next.first, date), m.index, next.end);
      }
      from ??= { iso: resolveDay(m.first, date), index: m.index };
    }
  }
  for (const cue of text.matchAll(WEEKDAY_CUE)) {
    const day = weekdayAt(text, cue.index + cue[0].length);
    if (day === null) continue;
    const iso = nextWeekday(day, date);
    const end = cue.index + cue[0].length + 10;
    if (cue[1]) return { from: from?.iso ?? null, until: iso, evidence: evidence(text, cue.index, end - cue.index) };
    if (cue[2]) {
      return {
        from: from?.iso ?? null,
        until: iso ? addDays(iso, -1) : null,
        evidence: evidence(text, cue.index, end - cue.index),
      };
    }
    return { from: iso, until: iso, evidence: evidence(text, cue.index, end - cue.index) };
  }
  return from ? { from: from.iso, until: null, evidence: evidence(text, from.index, 20) } : null;
}

/** The first address within 200 characters after `index` that is not the sender's own. */
function addressAfter(text: string, index: number, sender: string | null): { value: string; end: number } | null {
  const slice = text.slice(index, index + 200);
  const value = findAddresses(slice).find((a) => a.toLowerCase() !== sender?.toLowerCase());
  if (!value) return null;
  const at = slice.toLowerCase().indexOf(value.toLowerCase());
  return { value, end: index + (at === -1 ? slice.length : at + value.length) };
}

/** The text up to the first quoted or forwarded block, whitespace collapsed. */
function ownWords(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (QUOTE_START.test(trimmed) || QUOTE_INTRO.test(trimmed)) break;
    kept.push(trimmed);
  }
  return kept.join(' ').replace(/\s+/g, ' ').trim();
}

/** The sentence around a finding: back to the previous sentence end (at most 120 characters), capped. */
function evidence(text: string, index: number, length: number): string {
  const windowStart = Math.max(0, index - 120);
  const before = text.slice(windowStart, index);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const start = stop === -1 ? windowStart : windowStart + stop + 2;
  const out = text.slice(start, index + length).trim();
  return out.length > MAX_EVIDENCE ? `${out.slice(0, MAX_EVIDENCE - 1)}…` : out;
}
