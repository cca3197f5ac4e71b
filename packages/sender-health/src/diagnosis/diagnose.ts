/**
 * From evidence and check results to what the operator reads: the cause, a headline, an explanation with what to
 * do (English and German), a grouping key (provider + cause: one alert per provider and cause, not one per bounce)
 * and whether the cause is gone (for alerts that close themselves). Pure.
 */
import { knownProvider } from '../evidence/provider.js';
import type { Cause, CheckResult, DnsblCheck, Finding, LocalizedText, SenderEvidence } from '../types.js';
import type { CheckPlan } from './plan.js';
import type { CheckRun } from './run-checks.js';

export type Diagnosis = {
  cause: Cause;
  /** True when a failing check shows the cause now; false when only the reply's words or the reason point to it. */
  confirmed: boolean;
  provider: SenderEvidence['provider'];
  /** `<provider id>|<cause>`: bounces with the same key belong to one alert. */
  groupKey: string;
  /** The sending IP or domain the diagnosis is about (shown with the alert). */
  subject: string | null;
  headline: LocalizedText;
  /** Several lines: what the receiver said, what the checks found, what to do. */
  explanation: LocalizedText;
  /** The concrete fixes, one per failing finding (empty when there is nothing to fix in DNS). */
  actions: LocalizedText[];
  /**
   * Whether the cause is gone by the checks: true (the checks that showed it pass now), false (they still fail),
   * null (nothing DNS can show: reputation, content, policy; such an alert closes after a quiet period instead).
   */
  resolved: boolean | null;
  evidence: SenderEvidence;
  plan: CheckPlan;
  checkedIps: string[];
  checks: CheckResult[];
  checkedAt: string;
};

/** Causes a failing check can show, in the order they explain a rejection best when the reply says nothing. */
const CHECKED_CAUSES: readonly Cause[] = ['dnsbl', 'dmarc', 'spf', 'ptr', 'dkim'];

function failingCauses(results: readonly CheckResult[]): Cause[] {
  const causes = new Set<Cause>();
  for (const r of results) {
    if (r.status !== 'fail') continue;
    if (r.check === 'dnsbl') causes.add('dnsbl');
    else if (r.check === 'spf') causes.add('spf');
    else if (r.check === 'dmarc') causes.add('dmarc');
    else if (r.check === 'ptr') causes.add('ptr');
    else if (r.check === 'dkim') causes.add('dkim');
  }
  return CHECKED_CAUSES.filter((c) => causes.has(c));
}

/** What each hinted cause is confirmed by. */
const CONFIRMED_BY: Partial<Record<Cause, readonly Cause[]>> = {
  dnsbl: ['dnsbl'],
  reputation: ['dnsbl'],
  spf: ['spf', 'dmarc'],
  dkim: ['dkim', 'dmarc'],
  dmarc: ['dmarc', 'spf', 'dkim'],
  authentication: ['dmarc', 'spf', 'dkim'],
  ptr: ['ptr'],
};

const REASON_CAUSE: Record<string, Cause> = {
  requireptr: 'ptr',
  authfailure: 'authentication',
  securityerror: 'authentication',
  badreputation: 'reputation',
  blocked: 'reputation',
  spamdetected: 'content',
  policyviolation: 'policy',
  rejected: 'policy',
  toomanyconn: 'rate',
  speeding: 'rate',
};

/**
 * The reply's words decide first: a hinted cause a failing check confirms; else the first hinted cause even when no
 * check shows it now (the receiver said so; the explanation says the check passes now). Without hints, the first
 * failing check; without either, the cause the parser's reason stands for.
 */
function decideCause(evidence: SenderEvidence, failing: Cause[]): { cause: Cause; confirmed: boolean } {
  const reasonCause = REASON_CAUSE[evidence.reason];
  const hints = reasonCause ? [...evidence.hintedCauses, reasonCause] : evidence.hintedCauses;
  for (const hint of hints) {
    const hit = CONFIRMED_BY[hint]?.find((c) => failing.includes(c));
    // "Unauthenticated" or "poor reputation" confirmed by a check is that check's problem: name the concrete one. A
    // DMARC reply confirmed by a failing SPF stays DMARC (the receiver enforced DMARC; the explanation says why).
    if (hit) return { cause: hint === 'authentication' || hint === 'reputation' ? hit : hint, confirmed: true };
  }
  const firstHint = evidence.hintedCauses[0];
  if (firstHint) return { cause: firstHint, confirmed: false };
  if (failing[0]) return { cause: failing[0], confirmed: true };
  return { cause: reasonCause ?? 'unexplained', confirmed: false };
}

function resolvedBy(cause: Cause, results: readonly CheckResult[]): boolean | null {
  const of = <K extends CheckResult['check']>(check: K) =>
    results.filter((r): r is Extract<CheckResult, { check: K }> => r.check === check);
  const decided = (list: CheckResult[]) => {
    if (list.some((r) => r.status === 'fail')) return false;
    return list.some((r) => r.status === 'pass' || r.status === 'warn') ? true : null;
  };
  switch (cause) {
    case 'dnsbl':
      return decided(of('dnsbl'));
    case 'spf':
      return decided(of('spf'));
    case 'dkim':
      return decided(of('dkim'));
    case 'ptr':
      return decided(of('ptr'));
    case 'dmarc':
    case 'authentication': {
      const dmarc = of('dmarc')[0];
      if (dmarc?.wouldPass === true) return true;
      if (dmarc?.wouldPass === false) return false;
      return decided([...of('spf'), ...of('dkim')]);
    }
    default:
      return null;
  }
}

const CAUSE_TEXT: Record<Cause, (p: string, s: string) => LocalizedText> = {
  dnsbl: (p, s) => ({
    en: `${p} rejects mail from ${s}: the IP is on a blocklist`,
    de: `${p} lehnt Mail von ${s} ab: die IP steht auf einer Sperrliste`,
  }),
  reputation: (p, s) => ({
    en: `${p} rejects mail from ${s} for poor reputation`,
    de: `${p} lehnt Mail von ${s} wegen schlechter Reputation ab`,
  }),
  spf: (p, s) => ({
    en: `${p} rejects mail from ${s}: SPF does not authorise the sending IP`,
    de: `${p} lehnt Mail von ${s} ab: SPF erlaubt die sendende IP nicht`,
  }),
  dkim: (p, s) => ({
    en: `${p} rejects mail from ${s}: the DKIM signature cannot be verified`,
    de: `${p} lehnt Mail von ${s} ab: die DKIM-Signatur ist nicht prüfbar`,
  }),
  dmarc: (p, s) => ({
    en: `${p} rejects mail from ${s}: it fails DMARC`,
    de: `${p} lehnt Mail von ${s} ab: sie besteht DMARC nicht`,
  }),
  authentication: (p, s) => ({
    en: `${p} rejects mail from ${s} as unauthenticated`,
    de: `${p} lehnt Mail von ${s} als nicht authentifiziert ab`,
  }),
  ptr: (p, s) => ({
    en: `${p} rejects mail from ${s}: reverse DNS is missing or not confirmed`,
    de: `${p} lehnt Mail von ${s} ab: Reverse-DNS fehlt oder ist nicht bestätigt`,
  }),
  tls: (p, s) => ({
    en: `${p} rejects mail from ${s}: it requires an encrypted connection`,
    de: `${p} lehnt Mail von ${s} ab: verschlüsselte Verbindung verlangt`,
  }),
  content: (p, s) => ({
    en: `${p} rejected mail from ${s} as spam by its content`,
    de: `${p} hat Mail von ${s} wegen des Inhalts als Spam abgelehnt`,
  }),
  rate: (p, s) => ({
    en: `${p} throttles mail from ${s}: too much mail too fast`,
    de: `${p} bremst Mail von ${s}: zu viel Mail in zu kurzer Zeit`,
  }),
  policy: (p, s) => ({
    en: `${p} rejects mail from ${s} by its own policy`,
    de: `${p} lehnt Mail von ${s} nach eigener Richtlinie ab`,
  }),
  unexplained: (p, s) => ({
    en: `${p} rejects mail from ${s}; the reply does not say why`,
    de: `${p} lehnt Mail von ${s} ab; die Antwort nennt keinen Grund`,
  }),
};

/** What to do when DNS shows nothing wrong: the cause is in the receiver's judgement, not in a record. */
const CAUSE_ADVICE: Partial<Record<Cause, LocalizedText>> = {
  reputation: {
    en: "Check the volume and complaint rate of recent sends to this provider, send only to recipients who asked for mail, and use the provider's sender support to request mitigation.",
    de: 'Volumen und Beschwerdequote der letzten Sendungen an diesen Anbieter prüfen, nur an Empfänger senden, die Mail angefordert haben, und über den Absender-Support des Anbieters um Entsperrung bitten.',
  },
  content: {
    en: 'Review the message: links to domains with poor reputation, attachments, wording; test it with the provider before sending again.',
    de: 'Nachricht prüfen: Links auf Domains mit schlechter Reputation, Anhänge, Formulierungen; vor dem nächsten Versand beim Anbieter testen.',
  },
  rate: {
    en: 'Send more slowly to this provider (fewer connections and messages per minute); the mail is retried.',
    de: 'Langsamer an diesen Anbieter senden (weniger Verbindungen und Nachrichten pro Minute); die Mail wird erneut versucht.',
  },
  tls: {
    en: 'Enable STARTTLS with a valid certificate on the sending server.',
    de: 'STARTTLS mit gültigem Zertifikat auf dem sendenden Server aktivieren.',
  },
  policy: {
    en: "The receiver's own policy refused the mail; ask its postmaster, quoting the reply.",
    de: 'Die eigene Richtlinie des Empfängers hat die Mail abgelehnt; dessen Postmaster unter Angabe der Antwort fragen.',
  },
  unexplained: {
    en: "The checks found nothing wrong; ask the receiver's postmaster, quoting the reply.",
    de: 'Die Prüfungen fanden keinen Fehler; den Postmaster des Empfängers unter Angabe der Antwort fragen.',
  },
};

function subjectOf(evidence: SenderEvidence, run: CheckRun, cause: Cause): string | null {
  const domain = evidence.headerFromDomain ?? evidence.envelopeDomain?.domain ?? null;
  const ip = run.ips[0] ?? evidence.sendingIp?.address ?? null;
  if (cause === 'dmarc' || cause === 'dkim' || cause === 'authentication' || cause === 'content') return domain ?? ip;
  if (cause === 'spf') return evidence.envelopeDomain?.domain ?? domain ?? ip;
  return ip ?? evidence.sendingHost?.name ?? domain;
}

function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The listings the reply named but that are gone now: said in words, so the operator knows why nothing is listed. */
function clearedNamedLists(results: readonly CheckResult[]): DnsblCheck[] {
  return results.filter((r): r is DnsblCheck => r.check === 'dnsbl' && r.namedInReply && r.status === 'pass');
}

export function diagnose(evidence: SenderEvidence, plan: CheckPlan, run: CheckRun): Diagnosis {
  const failing = failingCauses(run.results);
  const { cause, confirmed } = decideCause(evidence, failing);
  const provider = evidence.provider;
  const subject = subjectOf(evidence, run, cause);
  const headline = CAUSE_TEXT[cause](provider.name, subject ?? 'you');
  if (subject === null) headline.de = CAUSE_TEXT[cause](provider.name, 'Ihnen').de;

  const en: string[] = [];
  const de: string[] = [];
  if (evidence.replyText) {
    en.push(
      `The reply came from ${provider.name}${evidence.remoteMta ? ` (${evidence.remoteMta})` : ''}: "${excerpt(evidence.replyText)}"`,
    );
    de.push(
      `Die Antwort kam von ${provider.name}${evidence.remoteMta ? ` (${evidence.remoteMta})` : ''}: "${excerpt(evidence.replyText)}"`,
    );
  }
  if (run.ips.length === 0) {
    en.push('The bounce does not tell the sending IP, so blocklists and reverse DNS were not checked.');
    de.push('Der Bounce nennt die sendende IP nicht, daher wurden Sperrlisten und Reverse-DNS nicht geprüft.');
  } else if (!evidence.sendingIp && evidence.sendingHost) {
    en.push(`Sending IP taken from the sending host ${evidence.sendingHost.name}: ${run.ips.join(', ')}.`);
    de.push(`Sendende IP ermittelt über den sendenden Host ${evidence.sendingHost.name}: ${run.ips.join(', ')}.`);
  }
  // Failing findings first, ordered so the decided cause leads; then warnings.
  const causeCheck: Partial<Record<Cause, CheckResult['check']>> = {
    dnsbl: 'dnsbl',
    spf: 'spf',
    dkim: 'dkim',
    dmarc: 'dmarc',
    ptr: 'ptr',
  };
  const ordered = [...run.results].sort(
    (a, b) => Number(b.check === causeCheck[cause]) - Number(a.check === causeCheck[cause]),
  );
  const problems: Finding[] = ordered.flatMap((r) => r.findings.filter((f) => f.severity === 'fail'));
  const warnings: Finding[] = ordered.flatMap((r) => r.findings.filter((f) => f.severity === 'warn'));
  for (const f of problems) {
    en.push(f.text.en);
    de.push(f.text.de);
  }
  for (const cleared of clearedNamedLists(run.results)) {
    en.push(
      `The reply names ${cleared.listName}, but ${cleared.ip} is not listed there now: the listing has expired or was removed.`,
    );
    de.push(
      `Die Antwort nennt ${cleared.listName}, aber ${cleared.ip} steht dort jetzt nicht: der Eintrag ist abgelaufen oder entfernt.`,
    );
  }
  for (const f of warnings) {
    en.push(f.text.en);
    de.push(f.text.de);
  }
  const actions: LocalizedText[] = [...problems, ...warnings].flatMap((f) => (f.fix ? [f.fix] : []));
  if (problems.length === 0) {
    const advice = CAUSE_ADVICE[cause];
    if (advice) actions.push(advice);
    const passed = run.results.filter((r) => r.status === 'pass').map((r) => r.check);
    if (passed.length > 0) {
      const names = [...new Set(passed)].join(', ');
      en.push(`Checked and fine: ${names}.`);
      de.push(`Geprüft und in Ordnung: ${names}.`);
    }
  }
  const page = knownProvider(provider.id)?.senderPage ?? null;
  const links = [...evidence.replyUrls, ...(page && !evidence.replyUrls.includes(page) ? [page] : [])];
  if (links.length > 0) {
    en.push(`More from the receiver: ${links.join(' , ')}`);
    de.push(`Mehr beim Empfänger: ${links.join(' , ')}`);
  }
  for (const a of actions) {
    en.push(`What to do: ${a.en}`);
    de.push(`Was zu tun ist: ${a.de}`);
  }
  return {
    cause,
    confirmed,
    provider,
    groupKey: `${provider.id}|${cause}`,
    subject,
    headline,
    explanation: { en: en.join('\n'), de: de.join('\n') },
    actions,
    resolved: resolvedBy(cause, run.results),
    evidence,
    plan,
    checkedIps: run.ips,
    checks: run.results,
    checkedAt: run.checkedAt,
  };
}

/** Whether a cause is gone by a fresh run of its plan (see Diagnosis.resolved). */
export function isCauseResolved(cause: Cause, run: CheckRun): boolean | null {
  return resolvedBy(cause, run.results);
}
