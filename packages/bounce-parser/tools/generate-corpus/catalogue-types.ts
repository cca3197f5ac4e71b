/**
 * Types of the reply catalogue: real-world SMTP rejection and deferral replies of providers and filters, each with
 * the reason it stands for under the labelling convention of issue 13 (see README.md beside this file).
 */

/** Reason names of the taxonomy in shared/eval/README.md that a remote SMTP reply can stand for. */
export type Reason =
  | 'authfailure'
  | 'badreputation'
  | 'blocked'
  | 'contenterror'
  | 'exceedlimit'
  | 'expired'
  | 'filtered'
  | 'hasmoved'
  | 'hostunknown'
  | 'mailboxfull'
  | 'mailererror'
  | 'mesgtoobig'
  | 'networkerror'
  | 'norelaying'
  | 'notaccept'
  | 'notcompliantrfc'
  | 'policyviolation'
  | 'rejected'
  | 'requireptr'
  | 'securityerror'
  | 'spamdetected'
  | 'speeding'
  | 'suspend'
  | 'syntaxerror'
  | 'systemerror'
  | 'systemfull'
  | 'toomanyconn'
  | 'userunknown'
  | 'virusdetected';

/**
 * Where the scripted remote gives the reply:
 * - `rcpt`: to RCPT TO (the recipient is refused before any data);
 * - `data`: after the end of DATA, the recipient having been accepted;
 * - `both`: one message for each of the two stages (used for "user unknown"-like wording, whose label depends on it).
 * A 4xx reply at either stage is a deferral: the MTA retries until its (short) queue lifetime runs out, writing a
 * delay notice on the way where it can.
 */
export type Stage = 'rcpt' | 'data' | 'both';

export type CatalogueEntry = {
  /** Unique, stable id: `<provider>-<what>`; used in generated file names. */
  id: string;
  /** Provider, filter or server software that gives this reply (the `engine` suffix in the manifests). */
  provider: string;
  /** Recipient domain the reply is given for (a real domain of the provider, or a customer domain of a filter). */
  domain: string;
  /** Host name the MTA relays to; the generator's chroot resolves it to the scripted remote. */
  mx: string;
  /** ISO 639-1 language of the human text. */
  lang: string;
  /**
   * The reply exactly as the server sends it, one string per line, codes included. Placeholders: `{rcpt}` the
   * recipient address, `{ip}` the client address, `{sender}` the envelope sender, `{token}` a short id derived from
   * the recipient (queue ids, log references).
   */
  reply: string[];
  stage: Stage;
  /**
   * Reason the reply stands for when given to RCPT (or, for a `data` entry, after DATA). Under the convention a
   * "user unknown"-like wording given after DATA is `filtered`; the generator applies that rule itself (see
   * labels.ts), so this is the RCPT-time reason.
   */
  reason: Reason;
  /**
   * Reason after DATA where it differs from what the rule of labels.ts derives (a provider whose wording the field
   * reads as a definite cause whatever the stage, e.g. Yahoo's "dd This user doesn't have ... account").
   */
  dataReason?: Reason;
  /** Why the label is what it is, where a reader could doubt it. */
  note?: string;
};

/** Adds one entry of a provider: `(id, lang, stage, reason, reply, note?, extra?)`. */
export type Add = (
  id: string,
  lang: string,
  stage: Stage,
  reason: Reason,
  reply: string[],
  note?: string,
  extra?: Partial<CatalogueEntry>,
) => void;

/**
 * The `provider(name, domain, mx)` helper of a catalogue: entries of one provider share its name, recipient domain
 * and MX host, and are pushed to the catalogue's own list; `idPrefix` keeps the ids of later (blind) catalogues
 * apart from the first's (`b2-`, `b3-`).
 */
export function providerHelper(
  entries: CatalogueEntry[],
  idPrefix = '',
): (name: string, domain: string, mx: string) => Add {
  return (name, domain, mx) => (id, lang, stage, reason, reply, note, extra) => {
    entries.push({
      id: `${idPrefix}${id}`,
      provider: name,
      domain,
      mx,
      lang,
      reply,
      stage,
      reason,
      ...(note ? { note } : {}),
      ...extra,
    });
  };
}

/**
 * Refuses a catalogue the scripted remote could not serve as written (a malformed multi-line reply would test the
 * MTA's timeout, not its bounce) or whose ids repeat (file names and labels are keyed on them).
 */
export function checkCatalogue(entries: readonly CatalogueEntry[]): void {
  for (const e of entries) {
    const code = e.reply[0]!.slice(0, 3);
    e.reply.forEach((line, i) => {
      const last = i === e.reply.length - 1;
      const ok =
        /^[45]\d\d/.test(line) &&
        line.startsWith(code) &&
        (last ? line.length === 3 || line[3] === ' ' : line[3] === '-');
      if (!ok) throw new Error(`catalogue entry ${e.id}: malformed reply line ${JSON.stringify(line)}`);
    });
  }
  if (new Set(entries.map((e) => e.id)).size !== entries.length) throw new Error('catalogue ids are not unique');
}
