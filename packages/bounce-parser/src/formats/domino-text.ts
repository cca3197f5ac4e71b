import type { Reason } from '../types.js';
import { findAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';
import { returnedOriginalTo } from './original-to.js';
import { isPersonalReply, senderEvidence } from './sender-evidence.js';
import { oneLine } from './text-blocks.js';

/**
 * Lotus Notes / Domino router's delivery failure report (R5 and later), in its two layouts and in German, French,
 * Spanish, Italian and Portuguese:
 *
 *   Your message                              Your document:<TAB>Invoice 12
 *                                             was not delivered to:<TAB>a@example.com
 *     Subject: Invoice 12                     because:<TAB>User a (a@example.com) not listed in Domino Directory
 *
 *   was not delivered to:
 *
 *     CN=Jane Roe/O=Acme@ACME
 *
 *   because:
 *
 *     User Jane Roe (CN=Jane Roe/O=Acme) not listed in Domino Directory
 *
 * A recipient inside the Notes domain may be named by its Notes name (CN=Jane Roe/O=Acme, Jane Roe/Acme), which no
 * rule can act on: it is mapped to the address the returned original was sent to, by its display name, or when the
 * original had a single recipient. Delay reports ("has not yet been delivered to") are left to the text fallback.
 */
const NOT_DELIVERED =
  /^[ \t]*(?:was not delivered to|wurde nicht zugestellt an|n'a pas été (?:remis|distribué|livré) à|no se ha entregado a|non è stato (?:recapitato|consegnato) a|não foi entregue a)[ \t]*:([^\n]*)$/im;
// "because:", "Grund:", "pour la raison suivante :", "porque:", "perché:", "motivo:".
const BECAUSE =
  /^[ \t]*(?:because|grund|parce que|(?:pour la )?raison(?: suivante)?|porque|perché|motivo|razón)[ \t]*:([^\n]*)$/im;
// The router sends its reports with the null path from its own mailbox, titled "DELIVERY FAILURE: <reason>"
// ("DELIVERY_FAILURE", "ZUSTELLUNGSFEHLER", "ÉCHEC DE LA DISTRIBUTION", "ERROR DE ENTREGA", "ERRORE DI
// CONSEGNA", "FALHA NA ENTREGA"), from a "Mail Router" name: the layout alone could be typed by a person.
const ROUTER_SIGN =
  /^delivery[ _]failure|^zustellungsfehler|^échec de (?:la )?(?:remise|distribution)|^error de entrega|^errore di (?:consegna|recapito)|^falha (?:na|de) entrega/i;
const ROUTER_NAME = /mail router|domino/i;
const MAX_RECIPIENT_LINES = 50;

/**
 * Causes in the router's own words (Notes terms: the Domino Directory, formerly the public Name & Address Book; a
 * user's mail file), which no server outside Domino writes. Other reasons (a relayed SMTP reply) go to the shared
 * classifier.
 */
const DOMINO_CAUSES: readonly (readonly [RegExp, Reason])[] = [
  [
    /not listed in (?:the )?(?:domino directory|public name (?:&|and) address book)|nicht im domino-verzeichnis (?:aufgeführt|eingetragen|enthalten)|non répertorié dans l'annuaire (?:domino|public)|no (?:aparece|figura) en el directorio (?:de )?domino|non (?:presente|elencato) nella directory (?:di )?domino|não (?:está )?listado no diretório (?:do )?domino/i,
    'userunknown',
  ],
  [
    /several matches found in (?:the )?domino directory|mehrere übereinstimmungen im domino-verzeichnis/i,
    'systemerror',
  ],
  [/cannot route mail to user/i, 'filtered'],
  [/no route found to domain|keine route zur domäne/i, 'hostunknown'],
  [/mail ?file (?:is full|has exceeded its quota|is over (?:its )?quota)|maildatei ist voll/i, 'mailboxfull'],
];

type ToEntry = { name: string; address: string };

/** The recipients of a To field, each with its display name (lower-cased, without quotes). */
function toEntries(value: string): ToEntry[] {
  const entries: ToEntry[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    if (i < value.length && (c !== ',' || quoted)) continue;
    const part = value.slice(start, i);
    start = i + 1;
    const address = findAddress(part);
    if (!address) continue;
    const lt = part.indexOf('<');
    const name = (lt === -1 ? '' : part.slice(0, lt)).replace(/"/g, '').trim().toLowerCase();
    entries.push({ name, address });
  }
  return entries;
}

/** The person's name in a Notes name: "CN=Jane Roe/O=Acme@ACME" and "Jane Roe/Acme" are Jane Roe. */
function notesCommonName(value: string): string {
  const withoutDomain = value.replace(/@[^\s@/]*$/, '');
  const first = withoutDomain.split('/')[0] ?? '';
  return first.replace(/^cn=/i, '').trim().toLowerCase();
}

function isNotesName(line: string): boolean {
  return /^cn=/i.test(line) || /^[^@\s/][^@/]*\/[^@]/.test(line);
}

function resolve(line: string, to: ToEntry[]): string | null {
  if (!isNotesName(line)) return findAddress(line);
  const name = notesCommonName(line);
  const byName = to.find((e) => e.name !== '' && e.name === name);
  if (byName) return byName.address;
  return to.length === 1 && to[0] ? to[0].address : line;
}

export const DOMINO_TEXT: FormatDetector = {
  name: 'notes',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    const listed = NOT_DELIVERED.exec(text);
    if (!listed) return null;
    const evidence = senderEvidence(ctx);
    const fromRouter =
      evidence.isNullPath || evidence.isSystemAddress || ROUTER_SIGN.test(ctx.subject) || ROUTER_NAME.test(ctx.from);
    if (!fromRouter || isPersonalReply(ctx, evidence)) return null;
    const afterList = text.slice(listed.index + listed[0].length);
    const because = BECAUSE.exec(afterList);
    if (!because) return null;
    // The recipients: the value beside the heading, or the lines between it and "because:".
    const lines = [listed[1] ?? '', ...afterList.slice(0, because.index).split('\n')]
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .slice(0, MAX_RECIPIENT_LINES);
    if (lines.length === 0) return null;
    // The reason: the value beside "because:", or the first paragraph after it.
    const rest = afterList.slice(because.index + because[0].length);
    let reason = (because[1] ?? '').trim();
    if (reason === '') {
      const paragraph = rest.replace(/^\s*\n/, '');
      const blank = paragraph.search(/\n[ \t]*\n/);
      reason = (blank === -1 ? paragraph : paragraph.slice(0, blank)).slice(0, 2000);
    }
    const diagnostic = oneLine(reason) || null;
    const cause = diagnostic ? DOMINO_CAUSES.find(([re]) => re.test(diagnostic))?.[1] : undefined;
    const toValue = returnedOriginalTo(ctx, rest);
    const to = toValue ? toEntries(toValue) : [];
    const recipients = [
      ...new Set(lines.map((l) => resolve(l, to)).filter((a): a is string => a !== null && a !== '')),
    ];
    if (recipients.length === 0) return null;
    return {
      detectedBy: 'notes',
      recipients: recipients.map(
        (recipient): Candidate => ({
          recipient,
          action: 'failed',
          diagnostic,
          reason: cause ?? null,
          // Domino stated a reason (often localised) that no rule recognises: hold it for review.
          fallbackReason: diagnostic ? 'onhold' : null,
        }),
      ),
    };
  },
};
